"""SQL budgets of an uncached request, routing included, on the demo site: the same at a
handful of articles and zones as at a few hundred, and never a write once a page has been
shown (renditions are made on the first view only).

"Warm" is how the page is served under load: the full-page cache is off (tests/settings.py)
but the site lookup, the chrome fragments and the column counts are in the shared cache.
"Cold" empties that cache first, as after a deploy or the first change of content.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsCategoryPage, NewsPage
from portal import cache as page_cache
from portal.demo.tree import build_demo_site
from portal.fake.content import FakeContent

BUDGETS = {"home": 20, "column": 12, "column, last page": 12, "article": 12, "zone list": 12}
# Measured: warm 12, 7, 7, 8, 9 queries; cold 30, 24, 24, 24, 25 (the chrome is rebuilt).
COLD_BUDGETS = {"home": 32, "column": 26, "column, last page": 26, "article": 26, "zone list": 26}


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


def measure(client, url):
    """(warm queries, cold query count) of one request for `url`."""
    assert client.get(url).status_code == 200  # renditions, fragments and counts made
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    cache.clear()
    page_cache.local.forget()  # as a restarted worker
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in warm.captured_queries], len(cold)


def measure_all(client, column, article):
    return {name: measure(client, url) for name, url in urls(column, article).items()}


@pytest.mark.django_db
def test_pages_keep_their_query_budgets_as_content_grows(client):
    build_demo_site()
    add_content(articles=10, zones=10, seed=1)
    column = max(NewsCategoryPage.objects.live(), key=lambda c: c.articles().count())
    article = NewsPage.objects.live().filter(column=column, tagged_items__isnull=False).first()
    few = measure_all(client, column, article)

    add_content(articles=400, zones=300, seed=2)
    assert column.articles().count() > 3 * column.per_page
    many = measure_all(client, column, article)

    for name, budget in BUDGETS.items():
        (few_sql, few_cold), (many_sql, many_cold) = few[name], many[name]
        assert len(many_sql) == len(few_sql) <= budget, (name, many_sql)
        assert many_cold == few_cold <= COLD_BUDGETS[name], name
        assert all(sql.startswith("SELECT") for sql in many_sql), name
