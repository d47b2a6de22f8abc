"""What search engines read: the sitemap and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from portal.caching.pagecache import kept_for_readers

SITEMAPS = {"pages": Sitemap}


@kept_for_readers("p")
def sitemap(request):
    """One sitemap while the pages fit in one file (50,000 URLs), an index of files after."""
    pages = sitemap_views.prepare_sitemaps(request, SITEMAPS)["pages"]
    if pages.paginator.num_pages > 1:
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
