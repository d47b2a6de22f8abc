"""What a CDN or caching proxy in front is told to forget when a page is published or
unpublished (wagtail.contrib.frontend_cache, configured from the environment in settings).

Wagtail purges the page's own URLs. Readers also meet the page higher up the tree: in
its column, in 资讯中心 and on the home page, and in their RSS feeds (`get_cached_paths`),
wherever else its page type says (`extra_cached_urls`, e.g. an article's tag pages and
neighbours), and the pages whose body links to it; those are purged here. Everything
else that mentions it (the 通知公告 box in every page's chrome, later pages of a listing
such as `?page=2`, the sitemap) is kept fresh by revalidation: pages go out with
`max-age=0, must-revalidate` and an ETag, so a CDN that keeps them longer than that must
be given a short lifetime (see the README).
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from portal.caching.invalidation import referring_page_ids


def purge_listings(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).live().specific())
    # Pages whose body links to it: the link's address or target changed.
    batch.add_pages(Page.objects.filter(pk__in=referring_page_ids([instance])).live().specific())
    extra_urls = getattr(instance, "extra_cached_urls", None)
    if extra_urls is not None:
        batch.add_urls(extra_urls())
    batch.purge()


page_published.connect(purge_listings, dispatch_uid="cdn-purge-published")
page_unpublished.connect(purge_listings, dispatch_uid="cdn-purge-unpublished")
