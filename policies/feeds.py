"""The library's RSS feed: the newest policy documents."""

from news.feeds import ArticleFeed


class PolicyFeed(ArticleFeed):
    def description(self):
        return f"{self.site_name}{self.parent.title}最新文件"

    def item_description(self, item):
        number = f"{item.doc_number} " if item.doc_number else ""
        return number + (item.summary or item.search_description)

    def item_author_name(self, item):
        return "、".join(issuer.name for issuer in item.issuers.all()) or None
