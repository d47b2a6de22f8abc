"""What the benchmark measures, and the SQL queries each page costs.

Run by `bench.run` in a subprocess with the portal's production settings; prints JSON:
the database's size and, per page, its path, status, SQL queries and their time, from
Django's test client once the caches are warm, normally and with the page cache bypassed.
"""

import json
import math
import os
import time
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench.headers import BYPASS, HEADERS  # noqa: E402
from news.models import NewsCategoryPage, NewsPage  # noqa: E402
from zones.models import ZonePage  # noqa: E402


def pages():
    """(name, path) of each page measured: the biggest column and its newest article."""
    column = max(NewsCategoryPage.objects.live(), key=lambda c: c.articles().count())
    last = max(1, math.ceil(column.articles().count() / column.per_page))
    article = column.articles().first()
    return [
        ("home", "/"),
        ("column, page 1", column.url),
        ("column, last page", f"{column.url}?page={last}"),
        ("article", article.url),
        ("zone list, filtered", "/zones/?" + urlencode({"province": "江苏省", "level": "国家级"})),
        ("search", "/search/?" + urlencode({"q": "开发区"})),
    ]


class QueryTimer:
    """Counts the SQL queries of a request and times them more finely than Django's
    CaptureQueriesContext, which rounds each to a millisecond."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def cost(client, path, headers):
    """Status, number of SQL queries and their total time in ms, for one request."""
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        response = client.get(path, headers=headers)
    return response.status_code, timer.count, round(1000 * timer.seconds, 1)


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    measured = []
    for name, path in pages():
        client.get(path, headers=HEADERS)  # warm caches and renditions
        status, queries, sql_ms = cost(client, path, HEADERS)
        _, bypass_queries, bypass_sql_ms = cost(client, path, HEADERS | BYPASS)
        measured.append(
            {
                "name": name,
                "path": path,
                "status": status,
                "cached": {"queries": queries, "sql_ms": sql_ms},
                "uncached": {"queries": bypass_queries, "sql_ms": bypass_sql_ms},
            }
        )
    sizes = {
        "articles": NewsPage.objects.live().count(),
        "zones": ZonePage.objects.live().count(),
        "pages": Page.objects.count(),
        "database": connection.display_name,
    }
    print(json.dumps({"sizes": sizes, "pages": measured}, ensure_ascii=False))


if __name__ == "__main__":
    main()
