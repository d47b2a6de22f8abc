from django import template

from news.models import NewsCategoryPage, NewsIndexPage, NewsPage
from portal.caching.chrome import cached

register = template.Library()


def news_feed_link(site):
    news_index = NewsIndexPage.objects.live().descendant_of(site.root_page).first()
    if news_index is None:
        return ()
    return ((news_index.title, news_index.url + news_index.reverse_subpage("feed")),)


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def feed_links(context, page=None):
    """<link rel="alternate"> for the all-news feed, and the column's own on column and
    article pages; cached with the chrome, so it costs no query on a warm cache."""
    request = context.get("request")
    links = list(cached(request, "news-feed", news_feed_link) or ()) if request else []
    feed = NewsCategoryPage.get_resolver().reverse("feed")
    if isinstance(page, NewsCategoryPage) and page.url:
        links.append((page.title, page.url + feed))
    elif isinstance(page, NewsPage) and page.column_url:
        links.append(("本栏目", page.column_url + feed))
    return {"links": links}
