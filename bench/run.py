"""`make bench`: requests per second and latency of the portal's main pages, as a share
of the floor (the cheapest Django response) measured in the same run.

    python -m bench.run [--articles N --zones M] [--seconds S] [--rebuild]

1. Restores (or builds once and saves) the benchmark database: the demo site plus
   N fake articles and M zones from `make_fake_content` (see bench/data.py).
2. Counts the SQL queries of each page with Django's test client (bench/queries.py).
3. Serves the floor (bench/floor_wsgi.py) and the portal with the same gunicorn command,
   production settings and 2 sync workers on 127.0.0.1, and measures them in turn with
   `wrk -t2 -c8`: every page twice, normally ("cached") and with the page-cache bypass
   header ("uncached"), the floor between every two measurements; and each page but
   search once more on a third server with `PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=0`
   ("built afresh": no page and no main block kept, the chrome, routes, counts and other
   remembered pieces warm).
4. Prints one table and writes it to bench/results/<timestamp>.md.

Servers are stopped at the end, on errors, Ctrl-C and SIGTERM.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
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
        # wrk and the test client stand in for the HTTPS proxy; without this their
        # X-Forwarded-Proto is ignored and every page answers with the HTTPS redirect.
        TRUSTED_PROXIES=HOST,
        CACHE_DIR=str(cache_dir),
        # A prefix of its own, so a shared Redis needs no flushing and old runs expire.
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
        # Lets the page cache honour the bypass header (see bench/headers.py); a real site
        # leaves it off, or anyone could skip the cache.
        PAGE_CACHE_BYPASS="1",
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


MODES = {"cached": HEADERS, "uncached": HEADERS | BYPASS}
AFRESH = "built afresh"


def afresh_env(env):
    """The same settings with no whole page and no main block kept."""
    return env | {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}


class Bench:
    """Serves the floor and the portal side by side under gunicorn and loads each in turn
    with wrk, the floor between every two page measurements: a page is compared with the
    floor measured just before and just after it, as load from elsewhere comes and goes."""

    def __init__(self, args, env, log_file):
        self.args = args
        self.server = {"env": env, "workers": args.workers, "log": log_file, "cwd": ROOT}
        self.floors = []

    def wrk(self, port, path, headers, seconds):
        url = f"http://{HOST}:{port}{path}"
        threads, connections = self.args.threads, self.args.connections
        return run_wrk(
            url, seconds=seconds, threads=threads, connections=connections, headers=headers
        )

    def floor(self, port):
        self.floors.append(self.wrk(port, "/", HEADERS, self.args.seconds))
        print(f"  floor: {self.floors[-1].requests_per_second:,.0f} req/s")
        return self.floors[-1].requests_per_second

    def run(self, pages):
        """One row per page and mode: the page, mode, wrk's numbers or the status code
        when the page does not answer 200 OK, and the floor to compare with."""
        rows = []
        afresh_server = self.server | {"env": afresh_env(self.server["env"])}
        with (
            gunicorn("bench.floor_wsgi:application", **self.server) as floor_port,
            gunicorn("portal.wsgi:application", **self.server) as port,
            gunicorn("portal.wsgi:application", **afresh_server) as afresh_port,
        ):
            self.last_floor = self.floor(floor_port)
            for page in pages:
                path = page["path"]
                if get(port, path, HEADERS)[0] == 200:
                    self.wrk(port, path, HEADERS, self.args.warmup)  # every worker, every cache
                modes = [(mode, port, headers) for mode, headers in MODES.items()]
                if AFRESH in page:
                    self.wrk(afresh_port, path, HEADERS, self.args.warmup)
                    modes.append((AFRESH, afresh_port, HEADERS))
                for mode, at, headers in modes:
                    rows.append((page, mode, *self.measure(floor_port, at, path, mode, headers)))
        return rows

    def measure(self, floor_port, port, path, mode, headers):
        """(wrk's numbers or the status code, the floor to compare with) of one page."""
        status, _ = get(port, path, headers)
        if status != 200:
            print(f"  {unquote(path)} ({mode}): status {status}, not measured")
            return status, None
        result = self.wrk(port, path, headers, self.args.seconds)
        print(f"  {unquote(path)} ({mode}): {result.requests_per_second:,.0f} req/s")
        before, self.last_floor = self.last_floor, self.floor(floor_port)
        return result, (before + self.last_floor) / 2


def row(page, mode, result, floor):
    name, path = (page["name"], f"`{unquote(page['path'])}`") if mode == "cached" else ("", "")
    sql = page[mode]
    cells = [name, path, mode, sql["queries"], f"{sql['sql_ms']:.0f}"]
    if isinstance(result, Measurement):
        rps, share = result.requests_per_second, 100 * result.requests_per_second / floor
        cells += [f"{rps:,.{1 if rps < 10 else 0}f}", f"{floor:,.0f}"]
        cells.append(f"{share:.{2 if share < 1 else 1}f} %")
        cells += [f"{result.p50_ms:.1f}", f"{result.p99_ms:.1f}", result.errors]
    else:
        cells += [f"status {result}", "", "", "", "", ""]
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def save_report(table, prefix=""):
    """Print the table and keep it in bench/results/<prefix><timestamp>.md."""
    print(f"\n{table}")
    out = RESULTS / f"{prefix}{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(table)
    print(f"Written to {out.relative_to(ROOT)}")


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain").strip() else "")


def report(args, info, floors, rows, env):
    sizes = info["sizes"]
    cache = "Redis" if env.get("REDIS_URL") else "file-based cache"
    floor_rps = sorted(result.requests_per_second for result in floors)
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
        f"- floor (a constant string, no middleware): {len(floors)} measurements from "
        f"{floor_rps[0]:,.0f} to {floor_rps[-1]:,.0f} req/s; each page is compared with the "
        "mean of the floor measured just before and just after it",
        "- cached: a normal request; uncached: with `X-Bench-Bypass-Cache: 1`, which the page "
        "cache must pass through; built afresh: a server with `PAGE_CACHE_SECONDS=0 "
        "FRAGMENT_CACHE_SECONDS=0` (no page and no main block kept; the chrome, routes, counts "
        "and pieces warm). SQL: the queries of one warm request and their time in ms, "
        "from Django's test client",
        "",
        "| page | path | mode | SQL | SQL ms | req/s | floor req/s | of floor | p50 ms "
        "| p99 ms | errors |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    lines += [row(*measured) for measured in rows]
    return "\n".join(lines) + "\n"


def count_queries(env):
    """The pages to measure and their SQL, from bench/queries.py run in the portal's
    settings, and that of each page built afresh (search aside: it is never kept)."""
    command = [sys.executable, "-m", "bench.queries"]

    def run(env):
        done = subprocess.run(
            command, env=env, cwd=ROOT, check=True, capture_output=True, text=True
        )
        return json.loads(done.stdout)

    info = run(env)
    afresh = {page["path"]: page["cached"] for page in run(afresh_env(env))["pages"]}
    for page in info["pages"]:
        if page["name"] != "search":
            page[AFRESH] = afresh[page["path"]]
    return info


def main():
    # SIGTERM unwinds like Ctrl-C, so the `with gunicorn(...)` blocks stop their servers.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (Debian), then run again.")
    dataset = Dataset(os.environ.get("BENCH_DATABASE_URL"), args.articles, args.zones, args.seed)
    RESULTS.mkdir(exist_ok=True)
    log_file = RESULTS / "last-run.log"
    log_file.write_text("")
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        env = production_env(dataset, cache_dir)

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        started = time.monotonic()
        dataset.prepare(manage, rebuild=args.rebuild)
        print(f"Data ready in {time.monotonic() - started:.0f} s")
        info = count_queries(env)
        load_before = os.getloadavg()[0]
        bench = Bench(args, env, log_file)
        print("Measuring …")
        rows = bench.run(info["pages"])
        info["load"] = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"

    save_report(report(args, info, bench.floors, rows, env))


if __name__ == "__main__":
    main()
