"""SQL budgets of an uncached request, routing included, on the demo site: the same at a
handful of articles and zones as at a few hundred, and never a write once a page has been
shown (renditions are made on the first view only). The full-page cache is off
(tests/settings.py) throughout.

"Built" is a page built afresh while the site lookup, the chrome and the column counts are
in the shared cache: its route, privacy lookup and main block are not (portal/caching/fragments.py).
"Warm" is the next request, which finds those too, as a page is served under load.
"Cold" empties the cache first, as after a deploy or the first change of content.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from news.models import NewsCategoryPage, NewsPage
from portal.caching import generation as page_cache
from portal.site.fake.content import FakeContent
from tests.page_builds import build_pages_afresh

BUDGETS = {"home": 1, "column": 3, "column, last page": 3, "article": 4, "zone list": 5}
# Measured: built 1, 3, 3, 4, 5 queries (routing, the privacy lookup, 点击量, the zone
# list's rows: the rest is built from pieces kept until what they show changes); warm 0;
# cold 35, 28–29, 28, 31, 30 (the chrome,
# the restricted paths and the next scheduled change are looked up again; the site's icons,
# its share image and an article's last revision for dateModified add renditions and rows).
COLD_BUDGETS = {"home": 35, "column": 29, "column, last page": 29, "article": 31, "zone list": 30}


def add_content(articles, zones, seed):
    FakeContent(seed=seed, log=lambda *args: None).run(articles=articles, zones=zones, index=False)


def urls(column, article):
    last = -(-column.articles().count() // column.per_page)
    return {
        "home": "/",
        "column": column.url,
        "column, last page": f"{column.url}?page={last}",
        "article": article.url,
        "zone list": "/zones/?province=江苏省&level=国家级",
    }


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def measure(client, url, monkeypatch):
    """(built queries, warm query count, cold query count) of one request for `url`."""
    assert client.get(url).status_code == 200  # renditions, fragments and counts made
    with monkeypatch.context() as patch:
        build_pages_afresh(patch)
        built = queries(client, url)
    warm = queries(client, url)
    cache.clear()
    page_cache.local.forget()  # as a restarted worker
    return built, len(warm), len(queries(client, url))


def measure_all(client, column, article, monkeypatch):
    pages = urls(column, article).items()
    return {name: measure(client, url, monkeypatch) for name, url in pages}


def test_pages_keep_their_query_budgets_as_content_grows(client, monkeypatch, demo_site, db):
    add_content(articles=10, zones=10, seed=1)
    column = max(NewsCategoryPage.objects.live(), key=lambda c: c.articles().count())
    article = NewsPage.objects.live().filter(column=column, tagged_items__isnull=False).first()
    # A cover picture on the column's first page from the start, as the larger site has:
    # its renditions are one query however many cards show one.
    newest = column.articles().first()
    newest.cover_image = ImageFactory(title="封面")
    newest.save_revision().publish()
    few = measure_all(client, column, article, monkeypatch)

    add_content(articles=400, zones=300, seed=2)
    assert column.articles().count() > 3 * column.per_page
    many = measure_all(client, column, article, monkeypatch)

    for name, budget in BUDGETS.items():
        (few_sql, few_warm, few_cold), (many_sql, many_warm, many_cold) = few[name], many[name]
        assert len(many_sql) == len(few_sql) <= budget, (name, many_sql)
        assert many_warm == few_warm == 0, name
        assert many_cold == few_cold <= COLD_BUDGETS[name], (name, few_cold, many_cold)
        assert all(sql.startswith("SELECT") for sql in many_sql), name
