from django import template

from news.models import NewsCategoryPage, NewsIndexPage, NewsPage

register = template.Library()


@register.inclusion_tag("news/includes/feed_links.html")
def feed_links(page=None):
    """<link rel="alternate"> for the all-news feed, and the column's own on column pages."""
    links = []
    news_index = NewsIndexPage.objects.live().first()
    if news_index:
        links.append((news_index.title, news_index.url + news_index.reverse_subpage("feed")))
    column = page if isinstance(page, NewsCategoryPage) else None
    if isinstance(page, NewsPage):
        column = page.get_parent().specific
    if column:
        links.append((column.title, column.url + column.reverse_subpage("feed")))
    return {"links": links}
