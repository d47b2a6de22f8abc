"""A page's main block (breadcrumb and content) kept in the shared cache until content
changes, keyed like the page cache's entries: release, generation, host, path and the
query parameters pages use.

When the page cache cannot answer (a reader with a session, an entry that just
expired, a host that has not yet seen the page), the page is then built from routing,
the cached chrome and this block, without gathering what the block shows: pages put
that in `get_main_context` (portal.core.models.PortalPage), which is skipped on a hit.

Never for previews or other methods than GET/HEAD, nor for pages with `cache_main =
False` (forms); a block whose rendering used the CSRF token is not kept.
"""

from django.conf import settings

from portal.caching.generation import current_generation, share, shared
from portal.caching.lifetimes import entry_lifetime
from portal.caching.pagecache import entry_key, lookup_query_key, query_key
from portal.compat import used_csrf_token


class MainFragment:
    """The main block of one page for one request: `html` when cached, else None
    until the template renders it and `keep`s it."""

    def __init__(self, request, template_name):
        self.request, self.template_name = request, template_name
        generation_id = current_generation()[0]
        self.key = entry_key(request, generation_id, lookup_query_key(request), "main")
        entry = shared(self.key)
        self.html = entry[0] if entry else None

    def serves(self, template):
        """Only the page's own template: Wagtail renders its password form with the
        same context, and that must never show the block."""
        return template is not None and template.origin.template_name == self.template_name

    def keep(self, html):
        request = self.request
        # Parameters no page uses (utm_source…) are read past but never stored under.
        if query_key(request) is None or used_csrf_token(request):
            return
        share(self.key, html, entry_lifetime(settings.FRAGMENT_CACHE_SECONDS))


def main_fragment(request, page):
    """The main block of `page` for `request`, cached or to be filled; None when it
    must be built every time."""
    if not settings.FRAGMENT_CACHE_SECONDS or not page.cache_main:
        return None
    if getattr(request, "is_preview", False):
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    return MainFragment(request, page.get_template(request))
