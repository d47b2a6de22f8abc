"""RSS 2.0 feeds: one for all news, one per column (栏目)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.timezone import localtime

from portal.core.address import absolute

ITEMS = 30


class ArticleFeed(Feed):
    """The newest of `articles`, described as the feed of `parent` (a column or 资讯中心).
    Every address in it is absolute from SITE_URL, whatever host the request came to, and
    dates are Beijing time (+0800), as readers of the feed expect."""

    feed_type = Rss201rev2Feed

    def __init__(self, parent, articles, site_name):
        super().__init__()
        self.parent = parent
        self.articles = articles
        self.site_name = site_name

    def title(self):
        return f"{self.parent.title} - {self.site_name}"

    def link(self):
        return self.parent.get_full_url()

    def feed_url(self):
        return absolute(self.parent.url + "rss/")

    def description(self):
        return f"{self.site_name}{self.parent.title}最新文章"

    def items(self):
        return self.articles.order_by("-publish_time", "-pk")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return localtime(item.publish_time)

    def item_updateddate(self, item):
        return item.last_published_at and localtime(item.last_published_at)

    def item_author_name(self, item):
        return item.authors or item.source or None
