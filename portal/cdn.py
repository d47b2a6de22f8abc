"""What a CDN or caching proxy in front is told to forget when a page is published or
unpublished (wagtail.contrib.frontend_cache, configured from the environment in settings).

Wagtail purges the page's own URLs. Readers also meet the page higher up the tree: in
its column, in 资讯中心 and on the home page, and in their RSS feeds (`get_cached_paths`),
and an article on its tags' pages; those are purged here. Everything else that mentions
it (the 通知公告 box in every page's chrome, later pages of a listing such as `?page=2`,
the sitemap) is kept fresh by
revalidation: pages go out with `max-age=0, must-revalidate` and an ETag, so a CDN that
keeps them longer than that must be given a short lifetime (see the README).
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished

from news.models import NewsPage


def purge_listings(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).live().specific())
    if isinstance(instance, NewsPage):
        _, root_url, _ = instance.get_url_parts()
        batch.add_urls(root_url + instance.tag_url(tag) for tag in instance.tags.all())
    batch.purge()


page_published.connect(purge_listings, dispatch_uid="cdn-purge-published")
page_unpublished.connect(purge_listings, dispatch_uid="cdn-purge-unpublished")
