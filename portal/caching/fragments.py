"""A page's main block (breadcrumb and content) kept in the shared cache until content
changes, keyed like the page cache's entries: release, generation, host, path and the
query parameters pages use.

When the page cache cannot answer (a reader with a session, an entry that just
expired, a host that has not yet seen the page), the page is then built from routing,
the cached chrome and this block, without gathering what the block shows: pages put
that in `get_main_context` (portal.core.models.PortalPage), which is skipped on a hit.

Never for previews or other methods than GET/HEAD, nor for pages that hold a form
(`holds_form`); a block whose rendering used the CSRF token is not kept either.
"""

from django.conf import settings

from portal.caching import dependencies
from portal.caching.generation import current_generation, share, shared
from portal.caching.lifetimes import entry_lifetime
from portal.caching.pagecache import entry_key, lookup_query_key, stored_query_key
from portal.compat import used_csrf_token


class MainFragment:
    """The main block of one page for one request: `html` when cached, else None
    until the template renders it and `keep`s it."""

    def __init__(self, request, template_name, params, precise):
        self.request, self.template_name, self.params = request, template_name, params
        self.recorded = dependencies.Recording(precise)
        generation_id = current_generation()[0]
        self.key = entry_key(request, generation_id, lookup_query_key(request), "main")
        entry = shared(self.key)
        self.html = entry[0] if entry else None

    def serves(self, template):
        """Only the page's own template: Wagtail renders its password form with the
        same context, and that must never show the block."""
        return template is not None and template.origin.template_name == self.template_name

    def gathering(self):
        """Record what the page gathers for the block (its main context) as shown by it."""
        return dependencies.recording(resume=self.recorded)

    def render(self, nodelist, context):
        """The block, rendered from `nodelist` and kept (recording what it shows)."""
        with dependencies.recording(resume=self.recorded) as rec:
            self.html = nodelist.render(context)
        request = self.request
        # Parameters the page does not use (utm_source…) are read past, never stored under.
        if stored_query_key(request, self.params) is not None and not used_csrf_token(request):
            share(self.key, self.html, entry_lifetime(settings.FRAGMENT_CACHE_SECONDS), rec)
        return self.html


def main_fragment(request, page):
    """The main block of `page` for `request`, cached or to be filled; None when it
    must be built every time."""
    if not settings.FRAGMENT_CACHE_SECONDS or page.holds_form:
        return None
    if getattr(request, "is_preview", False):
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    params = frozenset(page.cache_query_params)
    return MainFragment(request, page.get_template(request), params, page.shows_precisely)
