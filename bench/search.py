"""`make bench-search`: how long 站内搜索 takes a reader, at a stated number of articles.

    python -m bench.search [--articles N] [--repeat R] [--concurrency C] [--rebuild | --reuse]
                           [--explain]

Restores (or builds once and saves) the benchmark data as `make bench` does (bench/data.py;
BENCH_DATABASE_URL picks PostgreSQL), then, in the portal's production settings, asks each
query of QUERIES through Django's test client R times after one warm-up: the whole
response (segmentation, the full-text query, the count, highlighting, the template), one
request at a time, or from C processes at once. `--reuse` serves the database as the last
run left it (no restore, which takes minutes at 100,000 articles). Prints a table per query
(median and p95 of the response, the SQL part, the process's own CPU time (the view in
Python, without PostgreSQL's), queries per request, results found) and the median over
every request, and writes it to bench/results/search-<timestamp>.md.
`--explain` runs each query once instead and adds, per query, PostgreSQL's EXPLAIN ANALYZE
time of every SQL statement that reads the search index (what it is for: count, ranked
page, page by date…), as the view runs them (sequential scans off).
"""

import argparse
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from urllib.parse import unquote, urlencode

from bench.data import ROOT, Dataset

# The shapes readers type: a rare word, words in every other article, several words, a
# mix with digits, full-width digits, a zone short name, a rare place name, a word with a
# year, nothing found, and the filters.
QUERIES = [
    {"q": "口罩"},
    {"q": "双桥"},
    {"q": "漕河泾"},
    {"q": "营商环境"},
    {"q": "开发区"},
    {"q": "高质量发展"},
    {"q": "疫情防控 复工复产"},
    {"q": "数字化转型 招商"},
    {"q": "高新区 2020"},
    {"q": "２０２０ 保税区"},
    {"q": "2021年 招商引资"},
    {"q": "营商环境 高质量发展"},
    {"q": "量子纠缠 xyz"},
    {"q": "开发区", "sort": "date"},
    {"q": "营商环境", "type": "news", "page": "3"},
    {"q": "开发区", "start": "2020-01-01", "end": "2020-12-31"},
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--zones", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per query")
    parser.add_argument("--concurrency", type=int, default=1, help="processes asking at once")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the saved data")
    parser.add_argument("--reuse", action="store_true", help="serve the database as it is")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the SQL")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def measure(repeat, concurrency, explain=False):
    """Runs inside the portal's settings; prints JSON with the timings of every query."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.db import connection, connections

    from news.models import NewsPage
    from portal.site.search import ranked_index

    paths = ["/search/?" + urlencode(params) for params in QUERIES]
    sizes = {
        "articles": NewsPage.objects.live().count(),
        "database": connection.display_name,
        "ranking": "RUM index (`<=>`)"
        if ranked_index.available()
        else "ts_rank over the GIN index",
    }
    if explain:
        if connection.vendor != "postgresql":
            sys.exit("--explain needs PostgreSQL: set BENCH_DATABASE_URL")
        print(json.dumps({"sizes": sizes, "plans": explained(paths)}, ensure_ascii=False))
        return
    if concurrency == 1:
        runs = [ask(paths, repeat, 0)]
    else:
        connections.close_all()  # each process opens its own
        with multiprocessing.get_context("fork").Pool(concurrency) as pool:
            runs = pool.starmap(ask, [(paths, repeat, offset) for offset in range(concurrency)])
    rows = []
    for params, path in zip(QUERIES, paths, strict=True):
        row = {"params": params, "total": [], "sql": [], "cpu": [], "queries": []}
        for run in runs:
            for key in ("total", "sql", "cpu", "queries"):
                row[key] += run[path][key]
            row["found"], row["estimated"] = run[path]["found"]
        rows.append(row)
    print(json.dumps({"sizes": sizes, "rows": rows}, ensure_ascii=False))


def ask(paths, repeat, offset):
    """One process's requests: every path `repeat` times after a warm-up, starting at
    `offset` so that concurrent processes ask different queries at the same moment."""
    from django.db import connection
    from django.test import Client

    from bench.headers import HEADERS
    from bench.queries import QueryTimer

    client = Client(HTTP_HOST="127.0.0.1")
    order = paths[offset % len(paths) :] + paths[: offset % len(paths)]
    timings = {path: {"total": [], "sql": [], "cpu": [], "queries": []} for path in paths}
    for path in order:
        response = client.get(path, headers=HEADERS)  # warm-up: dictionary, templates
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        summary = re.search(r"找到(约?) (\d+) 条", response.text)  # what the reader is told
        timings[path]["found"] = (int(summary[2]), bool(summary[1])) if summary else (0, False)
    for _ in range(repeat):
        for path in order:
            timer = QueryTimer()
            started, cpu_started = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(timer):
                client.get(path, headers=HEADERS)
            timings[path]["total"].append(1000 * (time.perf_counter() - started))
            timings[path]["cpu"].append(1000 * (time.process_time() - cpu_started))
            timings[path]["sql"].append(1000 * timer.seconds)
            timings[path]["queries"].append(timer.count)
    return timings


def explained(paths):
    """Per path, (role, EXPLAIN ANALYZE execution ms) of each SQL statement on the index."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.headers import HEADERS

    client = Client(HTTP_HOST="127.0.0.1")
    plans = {}
    for path in paths:
        client.get(path, headers=HEADERS)  # warm-up: dictionary, templates, buffers
        with CaptureQueriesContext(connection) as queries:
            client.get(path, headers=HEADERS)
        plans[path] = []
        for sql in (q["sql"] for q in queries):
            searched = (
                "wagtailsearch_indexentry" in sql or 'FROM "portal_search_dated_entry"' in sql
            )
            if not searched or sql.startswith("EXPLAIN"):
                continue
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")  # as the search view does
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]
            plans[path].append((role(sql), round(plan["Execution Time"], 1)))
    return plans


def role(sql):
    """What a search statement is for, from its SQL."""
    if sql.startswith("SELECT COUNT(*)"):
        return "count"
    if "<=>" in sql:
        return "ranked page (RUM)"
    if "ts_rank" in sql:
        return "ranked page (ts_rank)"
    if 'FROM "portal_search_dated_entry"' in sql:
        return "newest (dated entries)"
    if '"wagtailcore_page"."first_published_at" DESC' in sql:
        return "by date"
    return "other"


def explain_report(args, result):
    sizes = result["sizes"]
    lines = [
        f"# Search plans {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- data: {sizes['database']}, {sizes['articles']:,} live articles; "
        f"ranking: {sizes['ranking']}",
        "- EXPLAIN ANALYZE of each statement reading the search index, once, after a warm-up",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "",
        "| query | statements (execution ms) |",
        "|---|---|",
    ]
    for params, path in zip(QUERIES, result["plans"], strict=True):
        statements = ", ".join(f"{name} {ms}" for name, ms in result["plans"][path])
        lines.append(f"| `{unquote(urlencode(params))}` | {statements} |")
    return "\n".join(lines) + "\n"


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report(args, result):
    rows, sizes = result["rows"], result["sizes"]
    every = [ms for row in rows for ms in row["total"]]
    lines = [
        f"# Search benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- data: {sizes['database']}, {sizes['articles']:,} live articles (demo + fake); "
        f"ranking: {sizes['ranking']}",
        f"- {args.repeat} timed requests per query after one warm-up, "
        + (
            "one at a time"
            if args.concurrency == 1
            else f"from {args.concurrency} processes at once"
        )
        + ", through Django's test client in production settings (the page cache never "
        "stores search)",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        f"- **median of all {len(every)} requests: {statistics.median(every):.1f} ms**, "
        f"p95 {p95(every):.1f} ms",
        "",
        "| query | found | median ms | p95 ms | SQL median ms | CPU median ms | SQL queries |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        query = unquote(urlencode(row["params"]))
        lines.append(
            f"| `{query}` | {'约 ' if row['estimated'] else ''}{row['found']:,} "
            f"| {statistics.median(row['total']):.1f} "
            f"| {p95(row['total']):.1f} | {statistics.median(row['sql']):.1f} "
            f"| {statistics.median(row['cpu']):.1f} | {max(row['queries'])} |"
        )
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    if args.measure:
        return measure(args.repeat, args.concurrency, args.explain)
    from bench.run import RESULTS, production_env, save_report

    dataset = Dataset(os.environ.get("BENCH_DATABASE_URL"), args.articles, args.zones, args.seed)
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        env = production_env(dataset, cache_dir)

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        dataset.prepare(manage, rebuild=args.rebuild, restore=not args.reuse)
        command = [sys.executable, "-m", "bench.search", "--measure", f"--repeat={args.repeat}"]
        command.append(f"--concurrency={args.concurrency}")
        command += ["--explain"] if args.explain else []
        output = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE)
    result = json.loads(output.stdout)
    if args.explain:
        save_report(explain_report(args, result), prefix="search-plans-")
    else:
        save_report(report(args, result), prefix="search-")


if __name__ == "__main__":
    main()
