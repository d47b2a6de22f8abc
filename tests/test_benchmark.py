"""`make bench`: the pieces that choose what to measure, serve it and read wrk's numbers."""

import math
import os
import socket

import pytest
from django.core.management import call_command

from bench.data import Dataset
from bench.headers import BYPASS, HEADERS
from bench.servers import HOST, get, gunicorn
from bench.wrk import parse
from news.models import NewsCategoryPage
from tests import factories
from tests.helpers import ROOT

# The report of `wrk -t2 -c8 -d3s --latency` against a slow page, as wrk 4.1 prints it
# (with a space after each percentile).
WRK_REPORT = (
    "Running 3s test @ http://127.0.0.1:40607/\n"
    "  2 threads and 8 connections\n"
    "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n"
    "    Latency     1.32s   623.99ms   1.99s    63.64%\n"
    "    Req/Sec     3.75      2.83     9.00     66.67%\n"
    "  Latency Distribution\n"
    "     50%    1.38s \n"
    "     75%    1.92s \n"
    "     90%    1.98s \n"
    "     99%    1.99s \n"
    "  12 requests in 3.02s, 224.23KB read\n"
    "  Socket errors: connect 0, read 0, write 0, timeout 1\n"
    "  Non-2xx or 3xx responses: 2\n"
    "Requests/sec:      3.97\n"
    "Transfer/sec:     74.27KB\n"
)


def test_wrk_reports_are_read_with_their_units_and_errors():
    measurement = parse(WRK_REPORT)
    assert measurement.requests_per_second == 3.97
    assert measurement.p50_ms == 1380 and measurement.p99_ms == 1990
    assert measurement.requests == 12
    assert measurement.errors == 3
    fast = WRK_REPORT.replace("1.38s", "812.00us").replace("1.99s", "4.05ms")
    assert parse(fast).p50_ms == pytest.approx(0.812) and parse(fast).p99_ms == 4.05


def test_it_refuses_a_postgres_database_without_bench_in_its_name():
    with pytest.raises(SystemExit, match="'portal'"):
        Dataset("postgres://postgres@127.0.0.1:5432/portal", 0, 0, 1)
    assert Dataset("postgres://postgres@127.0.0.1:5432/portal_bench", 0, 0, 1).name


@pytest.mark.django_db
def test_it_measures_real_pages_and_counts_their_queries(home, client):
    from bench import queries  # sets Django up as a script would; here it is already

    news_index = factories.NewsIndexPageFactory(parent=home)
    for title in ["协会动态", "省级开发区动态"]:
        factories.NewsCategoryPageFactory(parent=news_index, title=title)
    factories.ZoneIndexPageFactory(parent=home)
    call_command("make_fake_content", "--articles", 90, "--zones", 10, verbosity=0)

    pages = dict(queries.pages())
    biggest = max(NewsCategoryPage.objects.all(), key=lambda column: column.numchild)
    assert pages["column, page 1"] == biggest.url
    last = math.ceil(biggest.numchild / biggest.per_page)
    assert pages["column, last page"] == f"{biggest.url}?page={last}"
    assert pages["article"] == biggest.articles().first().url
    for name, path in pages.items():
        status, count, sql_ms = queries.cost(client, path, HEADERS | BYPASS)
        assert (status, name) == (200, name)
        assert count > 0 and sql_ms > 0


def listening(port):
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def test_the_floor_is_served_by_gunicorn_and_stopped_afterwards(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    with gunicorn(
        "bench.floor_wsgi:application", env=env, workers=1, log=tmp_path / "log", cwd=ROOT
    ) as port:
        assert get(port, "/", {}) == (200, b"floor")
        assert get(port, "/anything-else", {})[0] == 404
    assert not listening(port)


@pytest.mark.django_db
def test_the_search_benchmark_times_every_query_shape_and_reports_the_median(home, capsys):
    import json
    from argparse import Namespace

    from bench import search

    news_index = factories.NewsIndexPageFactory(parent=home)
    factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    factories.ZoneIndexPageFactory(parent=home)
    call_command("make_fake_content", "--articles", 30, "--zones", 3, verbosity=0)

    search.measure(repeat=3, concurrency=1)
    result = json.loads(capsys.readouterr().out)
    assert [row["params"] for row in result["rows"]] == search.QUERIES
    assert all(
        len(row["total"]) == len(row["sql"]) == len(row["cpu"]) == 3 for row in result["rows"]
    )
    found = {json.dumps(row["params"], ensure_ascii=False): row["found"] for row in result["rows"]}
    assert found['{"q": "开发区"}'] > 0 and found['{"q": "量子纠缠 xyz"}'] == 0
    assert result["sizes"]["articles"] == 30

    table = search.report(Namespace(repeat=3, concurrency=1), result)
    assert f"median of all {3 * len(search.QUERIES)} requests" in table
    assert "| `q=开发区` |" in table


@pytest.mark.django_db
def test_the_search_benchmark_explains_each_statement_on_postgresql(home, capsys):
    import json
    from argparse import Namespace

    from django.db import connection

    from bench import search

    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN ANALYZE is PostgreSQL's")
    news_index = factories.NewsIndexPageFactory(parent=home)
    factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    call_command("make_fake_content", "--articles", 30, "--zones", 0, verbosity=0)

    search.measure(repeat=1, concurrency=1, explain=True)
    result = json.loads(capsys.readouterr().out)
    plans = result["plans"]
    assert len(plans) == len(search.QUERIES)
    statements = [name for path in plans for name, _ in plans[path]]
    assert "count" in statements and "other" not in statements
    assert {"ranked page (RUM)", "ranked page (ts_rank)"} & set(statements)
    table = search.explain_report(Namespace(), result)
    assert "| `q=开发区` | count " in table
