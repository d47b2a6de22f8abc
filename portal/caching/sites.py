"""Which Wagtail site serves a request, without asking the database on every request."""

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from portal.caching.generation import remember, remembered
from portal.caching.tags import CHROME
from portal.compat import find_site, raw_host, remember_site


def site_for_request(request):
    """Wagtail's Site.find_for_request, kept in the shared cache per host and port until
    its home page or the chrome changes (saving a site replaces the generation).
    The site carries its specific root page, where Wagtail's routing starts."""

    def find():
        site = find_site(request)
        if site:
            site.root_page = site.root_page.specific
        return site

    # The home page is a menu item: changing it touches the chrome; sites bump the
    # generation.
    return remember(site_key(request), find, tags=(CHROME,))


def cached_site(request):
    """The site `site_for_request` last kept for this host and port, without a query."""
    return remembered(site_key(request))


def site_key(request):
    hostname = split_domain_port(raw_host(request))[0]
    return f"site:{hostname}:{request.get_port()}"


# The views that draw the site's pages and chrome.
SITE_VIEWS = {"wagtail_serve", "search"}


class CachedSiteMiddleware:
    """For pages and the search page, puts the site where Wagtail looks first
    (`request._wagtail_site`). Other views (robots.txt…) never need the database for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.url_name in SITE_VIEWS:
            remember_site(request, site_for_request(request))


def site_name(request):
    """The name of the Wagtail site serving `request`, or the configured default."""
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME
