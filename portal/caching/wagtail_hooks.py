"""Pages say, as Wagtail serves them, whether and how their response may be kept."""

from wagtail import hooks

from portal.caching.pagecache import may_keep


@hooks.register("before_serve_page")
def keepable_unless_it_holds_a_form(page, request, serve_args, serve_kwargs):
    """A page type declares the query parameters it varies on (`cache_query_params`) and
    whether it holds a form (`holds_form`); pages that declare nothing are never kept."""
    params = getattr(page, "cache_query_params", None)
    if params is not None and not page.holds_form:
        may_keep(request, params)
