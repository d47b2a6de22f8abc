"""`make bench-hits`: throughput of the 点击量 endpoint when every hit is a new reader (each
one counted and written), as a share of the floor measured just before and after it.

    python -m bench.hits [--tree LABEL=PATH …] [--seconds S] [--connections C]

Each tree (a checkout of the portal, e.g. a `git worktree` at an older commit; this
checkout unless given) is served in turn by the same gunicorn command in production
settings, on a fresh copy of the demo benchmark data (bench/data.py, schema of this
checkout: a superset of older ones), and loaded by wrk with bench/hits.lua, which posts
hits for the demo's articles from distinct X-Forwarded-For addresses. After each run the
counted views are read back from the database, to compare with wrk's answered requests.
Set BENCH_REDIS_URL to count readers in Redis as in production (the file cache otherwise).

`--cpu-hits N` also times N hits in one process per tree (Django's test client through
the whole middleware stack, the same settings and fresh data): CPU milliseconds a hit
(`time.process_time`), which a shared machine's load changes far less than wrk's rate.
"""

import argparse
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.data import ROOT, Dataset
from bench.headers import HEADERS
from bench.run import RESULTS, production_env
from bench.servers import HOST, gunicorn
from bench.wrk import parse

SCRIPT = ROOT / "bench" / "hits.lua"
ARTICLE_IDS = (
    "from news.models import NewsPage; "
    "print(*NewsPage.objects.live().values_list('pk', flat=True)[:20])"
)
# Run in the tree's own `manage.py shell`, so an older checkout is timed with its own code.
CPU_PER_HIT = """
import time
from django.test import Client
ids, n = {ids!r}, {hits}
client = Client(HTTP_HOST="{host}", HTTP_X_FORWARDED_PROTO="https")
def hit(i):
    address = f"172.{{i // 65536 % 256}}.{{i // 256 % 256}}.{{i % 256}}"
    response = client.post(
        f"/hits/{{ids[i % len(ids)]}}/",
        "referrer=www.baidu.com&device=phone",  # as the page's script sends it
        content_type="application/x-www-form-urlencoded",
        HTTP_X_FORWARDED_FOR=address,
    )
    assert response.status_code == 200, response.status_code
for i in range(50):
    hit(i)
start = time.process_time()
for i in range(50, 50 + n):
    hit(i)
print((time.process_time() - start) * 1000 / n)
"""
COUNTED = (
    "from django.db.models import Sum; from news.models import PageViewCount; "
    "print(PageViewCount.objects.aggregate(n=Sum('count'))['n'] or 0)"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", default=[], help="LABEL=PATH of a checkout")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--rounds", type=int, default=1, help="measure the trees in turn N times")
    parser.add_argument("--cpu-hits", type=int, default=0, help="also time N hits in-process")
    return parser.parse_args()


def wrk(url, args, script=None, script_args=()):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    command += ["--timeout=10s", "--latency"]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url, "--", *script_args], capture_output=True, text=True, check=True, timeout=300
    )
    return parse(output.stdout)


def warm_up(port, page_id, workers):
    """A few hits first, so that every worker has loaded the portal (the first request
    takes seconds on a loaded machine, past wrk's timeout)."""
    for n in range(workers * 3):
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        forwarded = {"X-Forwarded-For": f"192.168.0.{n}"}
        connection.request("POST", f"/hits/{page_id}/", headers=HEADERS | forwarded)
        connection.getresponse().read()
        connection.close()


def measure(label, tree, dataset, args, log_file):
    # A cache of its own (an empty folder, a new Redis prefix): no tree finds the readers
    # another tree counted, nor a folder of files another run filled.
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        return measure_in(label, tree, dataset, production_env(dataset, cache_dir), args, log_file)


def measure_in(label, tree, dataset, env, args, log_file):

    def shell(code):
        command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
        return subprocess.run(
            command, env=env, cwd=tree, check=True, capture_output=True, text=True
        ).stdout.split()

    dataset.restore()  # the same fresh data for every tree
    ids = shell(ARTICLE_IDS)
    cpu = "–"
    if args.cpu_hits:
        code = CPU_PER_HIT.format(ids=ids, hits=args.cpu_hits, host=HOST)
        cpu = f"{float(shell(code)[-1]):.2f}"
        dataset.restore()  # wrk's run starts from the same data as every other tree's
    server = {"env": env, "workers": args.workers, "log": log_file, "cwd": tree}
    with (
        gunicorn("bench.floor_wsgi:application", **server | {"cwd": ROOT}) as floor_port,
        gunicorn("portal.wsgi:application", **server) as port,
    ):
        warm_up(port, ids[0], args.workers)
        counted_before = int(shell(COUNTED)[0])
        before = wrk(f"http://{HOST}:{floor_port}/", args)
        hits = wrk(f"http://{HOST}:{port}/", args, SCRIPT, ids)
        after = wrk(f"http://{HOST}:{floor_port}/", args)
    floor = (before.requests_per_second + after.requests_per_second) / 2
    counted = int(shell(COUNTED)[0]) - counted_before
    return (
        f"| {label} | {hits.requests_per_second:,.0f} | {hits.requests_per_second / floor:.1%} "
        f"| {floor:,.0f} | {hits.p50_ms:.1f} | {hits.p99_ms:.1f} | {hits.requests:,} "
        f"| {hits.errors} | {counted:,} | {cpu} |"
    )


def main():
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (Debian), then run again.")
    trees = [tree.split("=", 1) for tree in args.tree] or [["this checkout", str(ROOT)]]
    dataset = Dataset(None, 0, 0, 1)
    RESULTS.mkdir(exist_ok=True)
    log_file = RESULTS / "last-hits-run.log"
    log_file.write_text("")
    rows = [
        "| tree | hits/s | of floor | floor req/s | p50 ms | p99 ms | answered | errors "
        "| counted | CPU ms a hit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        env = production_env(dataset, cache_dir)

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        dataset.prepare(manage)
        dataset.save()  # with this checkout's schema, for every tree's fresh copy
        load_before = os.getloadavg()[0]
        for _ in range(args.rounds):
            for label, tree in trees:
                rows.append(measure(label, Path(tree), dataset, args, log_file))
                print(rows[-1], flush=True)
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    settings = f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s"
    print("\n".join(rows) + f"\n\n{settings}, {args.workers} gunicorn sync workers, {load}")


if __name__ == "__main__":
    main()
