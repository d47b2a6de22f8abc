"""What search engines read: the sitemap and robots.txt."""

from urllib.parse import urlsplit, urlunsplit

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from portal.caching.pagecache import kept_for_readers
from portal.core.address import absolute
from portal.site import metadata, navigation

SITEMAPS = {"pages": Sitemap}


@kept_for_readers("p")
def sitemap(request):
    """One sitemap while the pages fit in one file (50,000 URLs), an index of files after."""
    pages = sitemap_views.prepare_sitemaps(request, SITEMAPS)["pages"]
    if pages.paginator.num_pages > 1:
        index = sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
        # Django names the files by the request's host; they are on the public site.
        for item in index.context_data["sitemaps"]:
            parts = urlsplit(item.location)
            item.location = absolute(urlunsplit(("", "", parts.path, parts.query, "")))
        return index
    return sitemap_views.sitemap(request, SITEMAPS)


# One file of the index, `?p=` paging it past 50,000 URLs.
sitemap_section = kept_for_readers("p")(sitemap_views.sitemap)


@kept_for_readers()
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /hits/",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page links: the site's icon."""
    icons = navigation.cached(request, "icons", metadata.icons) or {}
    return HttpResponseRedirect(icons.get("icon") or static(metadata.STATIC_ICONS["icon"]))
