"""`make bench`: requests per second and latency of the portal's main pages, as a share
of the floor (the cheapest Django response) measured in the same run.

    python -m bench.run [--articles N --zones M] [--seconds S] [--rebuild]

1. Restores (or builds once and saves) the benchmark database: the demo site plus
   N fake articles and M zones from `make_fake_content` (see bench/data.py).
2. Counts the SQL queries of each page with Django's test client (bench/queries.py).
3. Serves the floor (bench/floor_wsgi.py) and the portal in turn with the same gunicorn
   command, production settings and 2 sync workers on 127.0.0.1, and measures each
   with `wrk -t2 -c8`: the floor before and after the pages, every page twice, normally
   ("cached") and with the page-cache bypass header ("uncached").
4. Prints one table and writes it to bench/results/<timestamp>.md.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from importlib.metadata import version
from urllib.parse import unquote

from bench.data import ROOT, Dataset
from bench.headers import BYPASS, HEADERS
from bench.servers import HOST, get, gunicorn
from bench.wrk import Measurement, run_wrk

RESULTS = ROOT / "bench" / "results"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="fake articles besides the demo")
    parser.add_argument("--zones", type=int, default=0, help="fake zones besides the demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load before each page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the saved data")
    return parser.parse_args()


def production_env(dataset, cache_dir):
    """The portal's settings as in production: DEBUG off, its own secret and cache."""
    inherited = {"DEBUG", "DATABASE_URL", "REDIS_URL"}  # the benchmark chooses these
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env.update(dataset.env())
    env.update(
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CACHE_DIR=str(cache_dir),
        # A prefix of its own, so a shared Redis needs no flushing and old runs expire.
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def measure(port, path, args, headers, log):
    """wrk's numbers for `path`, or its status code when it does not answer 200 OK."""
    status, _ = get(port, path, headers)
    if status != 200:
        log(f"  {unquote(path)}: status {status}, not measured")
        return status
    url = f"http://{HOST}:{port}{path}"
    result = run_wrk(
        url,
        seconds=args.seconds,
        threads=args.threads,
        connections=args.connections,
        headers=headers,
    )
    log(f"  {unquote(path)} {dict(headers)}: {result.requests_per_second:.0f} req/s")
    return result


def row(name, path, queries, mode, result, floor):
    if not isinstance(result, Measurement):
        return f"| {name} | {path} | {queries} | {mode} | status {result} | | | | |"
    share = 100 * result.requests_per_second / floor
    return (
        f"| {name} | {path} | {queries} | {mode} | {result.requests_per_second:,.0f} "
        f"| {share:.1f} % | {result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} |"
    )


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain").strip() else "")


def report(args, info, floors, rows, env):
    floor = sum(result.requests_per_second for result in floors) / len(floors)
    sizes = info["sizes"]
    cache = "Redis" if env.get("REDIS_URL") else "file-based cache"
    lines = [
        f"# Benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- commit {git_commit()}; Django {version('django')}, Wagtail {version('wagtail')}",
        f"- data: {sizes['database']}, {sizes['articles']:,} articles, {sizes['zones']:,} "
        f"zones, {sizes['pages']:,} pages; {cache}",
        f"- gunicorn {version('gunicorn')}, {args.workers} sync workers, DEBUG off; "
        f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, "
        "header `X-Forwarded-Proto: https`",
        f"- machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {info['load']}",
        f"- floor (constant string, no middleware): {floors[0].requests_per_second:,.0f} req/s "
        f"before the pages, {floors[1].requests_per_second:,.0f} after; "
        f"percentages are of their mean, {floor:,.0f}",
        "- cached: a normal request; uncached: with `X-Bench-Bypass-Cache: 1`, which the page "
        "cache must pass through. SQL: queries of one warm request, counted with the test client",
        "",
        "| page | path | SQL | mode | req/s | of floor | p50 ms | p99 ms | errors |",
        "|---|---|--:|---|--:|--:|--:|--:|--:|",
        row("floor, before", "`/`", 0, "", floors[0], floor),
    ]
    for page, cached, uncached in rows:
        path = f"`{unquote(page['path'])}`"
        lines.append(row(page["name"], path, page["queries"], "cached", cached, floor))
        lines.append(row("", "", page["bypass_queries"], "uncached", uncached, floor))
    lines.append(row("floor, after", "`/`", 0, "", floors[1], floor))
    return "\n".join(lines) + "\n"


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (Debian), then run again.")
    dataset = Dataset(os.environ.get("BENCH_DATABASE_URL"), args.articles, args.zones, args.seed)
    log_file = RESULTS / "last-run.log"
    RESULTS.mkdir(exist_ok=True)
    log_file.write_text("")
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        env = production_env(dataset, cache_dir)

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        dataset.prepare(manage, rebuild=args.rebuild)
        info = json.loads(
            subprocess.run(
                [sys.executable, "-m", "bench.queries"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        load_before = os.getloadavg()[0]
        server = {"env": env, "workers": args.workers, "log": log_file, "cwd": ROOT}
        floors, rows = [], []
        print("Measuring the floor …")
        with gunicorn("bench.floor_wsgi:application", **server) as port:
            floors.append(measure(port, "/", args, {}, print))
        print("Measuring the portal …")
        with gunicorn("portal.wsgi:application", **server) as port:
            for page in info["pages"]:
                if get(port, page["path"], HEADERS)[0] == 200:
                    run_wrk(  # warm up every worker: caches, renditions, connections
                        f"http://{HOST}:{port}{page['path']}",
                        seconds=args.warmup,
                        threads=args.threads,
                        connections=args.connections,
                        headers=HEADERS,
                    )
                cached = measure(port, page["path"], args, HEADERS, print)
                uncached = measure(port, page["path"], args, HEADERS | BYPASS, print)
                rows.append((page, cached, uncached))
        print("Measuring the floor again …")
        with gunicorn("bench.floor_wsgi:application", **server) as port:
            floors.append(measure(port, "/", args, {}, print))
        info["load"] = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"

    table = report(args, info, floors, rows, env)
    print()
    print(table)
    out = RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(table)
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
