from django import template

from news.models import NewsCategoryPage, NewsIndexPage, NewsPage
from portal.caching.chrome import cached
from portal.caching.pieces import piece, rendered
from portal.caching.tags import page_tag

register = template.Library()


def news_feed_link(site):
    news_index = NewsIndexPage.objects.live().descendant_of(site.root_page).first()
    if news_index is None:
        return ()
    return ((news_index.title, news_index.url + news_index.reverse_subpage("feed")),)


def column_feed_link(page):
    """The feed of the column `page` is or is in, as ((title, address),), or ()."""
    feed = NewsCategoryPage.get_resolver().reverse("feed")
    if isinstance(page, NewsCategoryPage) and page.url:
        return ((page.title, page.url + feed),)
    column_url = page.column_url if isinstance(page, NewsPage) else None
    return (("本栏目", column_url + feed),) if column_url else ()


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def feed_links(context, page=None):
    """<link rel="alternate"> for the all-news feed, and the column's own on column and
    article pages; cached with the chrome (the column's until the page changes: a move
    or a new address touches it), so it costs no query and no URL reversing on a warm
    cache. A preview works its own out (a draft may have a new slug)."""
    request = context.get("request")
    links = list(cached(request, "news-feed", news_feed_link) or ()) if request else []
    if not isinstance(page, NewsCategoryPage | NewsPage):
        return {"links": links}
    if request is None or page.pk is None or getattr(request, "is_preview", False):
        return {"links": links + list(column_feed_link(page))}
    own = cached(
        request, "column-feed", lambda site: column_feed_link(page), page.pk, tags=(page_tag(page),)
    )
    return {"links": links + list(column_feed_link(page) if own is None else own)}


@register.simple_tag(takes_context=True)
def column_block(context, column):
    """A column's block of newest articles (home page, 资讯中心), kept until the column
    or one of its articles changes: a page built afresh renders no card or link of it."""
    request = context.get("request")

    def build():
        return rendered("news/includes/column_block.html", {"column": column, "request": request})

    pks = [article.pk for article in column.latest_articles]
    tags = tuple(map(page_tag, [column.pk, *pks]))
    return piece(request, "column-block", build, column.pk, *pks, tags=tags)


@register.simple_tag(takes_context=True)
def column_sidebar(context, columns, current):
    """The list of columns beside a column's articles, kept until one of them changes."""
    request = context.get("request")

    def build():
        values = {"columns": columns, "current": current, "request": request}
        return rendered("news/includes/column_sidebar.html", values)

    pks = [column.pk for column in columns]
    return piece(request, "column-sidebar", build, current.pk, *pks, tags=tuple(map(page_tag, pks)))
