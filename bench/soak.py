"""`make soak`: mixed traffic under gunicorn for minutes while an editor keeps publishing.

    python -m bench.soak [--seconds 600] [--clients 6] [--publish-every 30] [--rebuild]

On the PostgreSQL database SOAK_DATABASE_URL (dropped and recreated: its name must contain
"soak"; SQLite when unset), built from the demo plus make_fake_content and saved like the
benchmark's (bench/data.py), the portal runs under gunicorn with production settings
behind a pretend HTTPS proxy. Then, at once:

- readers fetch the home page, columns, articles, notices, zones, tags and the rest,
  and search; each article read is followed by a view-count hit (POST /hits/<id>/);
- now and then a 留言 or a 投稿 is posted with its CSRF token, from a few client addresses,
  so the rate limits refuse some (429: expected);
- an editor logs in to the Wagtail admin, adds an article, then edits and publishes it
  every `--publish-every` seconds and checks that readers see each change;
- the RSS of every gunicorn worker is read from /proc every few seconds.

It fails (exit 1) on any 5xx or failed request, when the view counts in the database differ
from the hits the endpoint accepted, when a published change is not visible, or when a
worker's memory grows faster than `--max-growth` MiB per hour after the warm-up. A report
is printed and written to bench/results/soak-<time>.md.
"""

import argparse
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.data import ROOT, Dataset
from bench.run import RESULTS, production_env, save_report
from bench.servers import CSRF_INPUT, HOST, Visitor, gunicorn

SEARCHES = ["开发区", "高新区", "招商引资", "营商环境", "复工复产", "综合保税区", "产业园", "协会"]
# Documentation addresses (RFC 5737), only ever written in X-Forwarded-For: the clients.
CLIENTS = [f"198.51.100.{n}" for n in range(1, 5)]
OK = {"read": {200}, "search": {200}, "hit": {200, 429}, "form": {200}, "post": {302, 429}}
OK |= {"admin": {200, 302}}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=6, help="reader threads")
    parser.add_argument("--publish-every", type=float, default=30, help="seconds")
    parser.add_argument("--post-every", type=float, default=10, help="seconds between forms")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--zones", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=120, help="seconds before memory counts")
    parser.add_argument("--max-growth", type=float, default=60, help="MiB per hour per worker")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the saved data")
    return parser.parse_args(argv)


class Tally:
    """Requests by type and status, thread-safe; accepted hits by page."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = Counter()
        self.hits = Counter()
        self.failures = []

    def record(self, kind, status, detail=""):
        with self.lock:
            self.requests[kind, status] += 1
            if status not in OK[kind] and len(self.failures) < 20:
                self.failures.append(f"{kind} {status} {detail}")

    def call(self, kind, client, method, path, *args):
        try:
            status, content, headers = getattr(client, method)(path, *args)
        except OSError as error:
            self.record(kind, "error", f"{path}: {error}")
            return None, "", {}
        self.record(kind, status, path)
        return status, content, headers


def reader(port, targets, tally, stop, rng):
    client = Visitor(port, {"X-Forwarded-For": rng.choice(CLIENTS)})
    kinds = list(targets["pages"])
    while not stop.is_set():
        roll = rng.random()
        if roll < 0.1:
            tally.call("search", client, "get", f"/search/?q={rng.choice(SEARCHES)}")
            continue
        kind = "article" if roll < 0.5 else rng.choice(kinds)
        tally.call("read", client, "get", rng.choice(targets["pages"][kind]))
        if kind == "article":  # the page's script counts the view
            page_id = rng.choice(targets["hit_ids"])
            # Each hit a reader of its own (a browser of its own): the endpoint counts a
            # reader once per article per day, and the soak checks every accepted hit.
            reader = {"User-Agent": f"soak-reader-{rng.getrandbits(64):x}"}
            status, _, _ = tally.call("hit", client, "post", f"/hits/{page_id}/", reader)
            if status == 200:
                with tally.lock:
                    tally.hits[page_id] += 1


def poster(port, targets, tally, stop, every, rng):
    """A 留言 or a 投稿 every `every` seconds, each from one of a few addresses."""
    sent = 0
    while not stop.wait(every):
        client = Visitor(port, {"X-Forwarded-For": rng.choice(CLIENTS)})
        path = "/messages/" if sent % 2 == 0 else "/submit/"
        status, form, _ = tally.call("form", client, "get", path)
        token = CSRF_INPUT.search(form) if status == 200 else None
        if not token:
            continue
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "name": "浸泡测试",
            "email": "soak@example.org",
            "consent": "on",
            "website": "",
            "body": f"第 {sent} 次压力测试留言：开发区营商环境持续优化。",
        }
        if path == "/messages/":
            fields |= {"subject": "营商环境咨询", "allow_public": "on"}
        else:
            # The column list's first choice (the page has other lists: 语速…).
            column = re.search(r'name="column"[^>]*>.*?<option value="(\d+)"', form, re.S)
            fields |= {"title": f"浸泡测试投稿 {sent}", "source": "测试园区管委会"}
            fields |= {"authors": "张伟", "column": column.group(1) if column else ""}
        status, content, _ = tally.call("post", client, "post_form", path, fields)
        if status == 200:  # the form came back with an error: show what it said
            errors = re.findall(r"errorlist[^>]*>(.*?)</", content)
            with tally.lock:
                tally.failures.append(f"post {path}: {errors}")
        sent += 1


class Editor:
    """An editor in the Wagtail admin, over HTTP: logs in, adds an article, then edits
    and publishes it; after each publish, checks that a reader sees the new title."""

    def __init__(self, port, tally, password, slug):
        self.client = Visitor(port, {"X-Forwarded-For": "127.0.0.1"})
        self.tally, self.password, self.slug = tally, password, slug
        self.published, self.visible, self.problems = 0, 0, []
        self.last_title = None
        self.reader = Visitor(port, {"X-Forwarded-For": CLIENTS[0]})

    def call(self, method, path, *args):
        return self.tally.call("admin", self.client, method, path, *args)

    def csrf(self, path):
        status, content, _ = self.call("get", path)
        token = CSRF_INPUT.search(content) if status == 200 else None
        if not token:
            raise RuntimeError(f"no form at {path} (status {status})")
        return token.group(1)

    def login(self):
        token = self.csrf("/admin/login/")
        fields = {"csrfmiddlewaretoken": token, "username": "soak-editor"}
        status, _, _ = self.call("post_form", "/admin/login/", fields | {"password": self.password})
        if status != 302:
            raise RuntimeError(f"the editor could not log in (status {status})")

    def form(self, token, number):
        stamp = datetime.now().strftime("%H:%M:%S")
        title = f"浸泡测试：开发区动态第{number}版"
        data = {
            "title": title,
            "slug": self.slug,
            "source": "中国开发区协会",
            "authors": "压力测试",
            "editor": "",
            "publish_time": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "summary": f"第{number}版，{stamp}发布。",
            "tags": "",
            "action-publish": "action-publish",
            # The body: one paragraph, as the admin's Draftail editor posts it.
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": draftail(f"第{number}版正文，{stamp}。"),
            "body-0-order": "0",
            "body-0-deleted": "",
            # No comments.
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        return title, data | {"csrfmiddlewaretoken": token}

    def publish(self, path, number):
        title, data = self.form(self.csrf(path), number)
        status, content, _ = self.call("post_form", path, data)
        if status != 302:
            errors = re.findall(r'class="error-message"[^>]*>\s*<span>(.*?)</', content)
            self.problems.append(f"publishing version {number} answered {status}: {errors}")
            return None
        self.published += 1
        return title

    def shows(self, url, title, seconds=10):
        """Whether an anonymous reader sees `title` at `url` within `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            status, content, _ = self.tally.call("read", self.reader, "get", url)
            if status == 200 and title in content:
                return True
            time.sleep(0.5)
        return False

    def run(self, stop, every, column_id, locate):
        try:
            self.edit(stop, every, column_id, locate)
        except (OSError, RuntimeError) as error:
            self.problems.append(f"the editor stopped: {error}")

    def edit(self, stop, every, column_id, locate):
        self.login()
        title = self.publish(f"/admin/pages/add/news/newspage/{column_id}/", 0)
        article = locate()
        number = 0
        while title and article:
            for url in (article["url"], article["column_url"]):
                if self.shows(url, title):
                    self.visible += 1
                else:
                    self.problems.append(f"{title!r} not shown at {url}")
            if stop.wait(every):
                break
            number += 1
            title = self.publish(f"/admin/pages/{article['id']}/edit/", number) or title
        self.last_title = title


def draftail(text):
    """A paragraph of plain text in Draftail's contentstate, the rich text form value."""
    block = {"key": "soak0", "type": "unstyled", "depth": 0, "text": text}
    block |= {"inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}}, ensure_ascii=False)


def worker_rss(port):
    """{pid: RSS in KiB} of the gunicorn workers serving `port` (children of its master)."""
    bound = f"{HOST}:{port}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if bound not in (entry / "cmdline").read_bytes():
                continue
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        found[int(entry.name)] = (int(fields["PPid"]), int(fields["VmRSS"].split()[0]))
    return {pid: rss for pid, (ppid, rss) in found.items() if ppid in found}


def sample_memory(port, stop, samples, every=5.0):
    started = time.monotonic()
    while True:
        at = time.monotonic() - started
        for pid, rss in worker_rss(port).items():
            samples[pid].append((at, rss / 1024))
        if stop.wait(every):
            return


def slope_per_hour(points):
    """Least-squares slope of (seconds, MiB) points, in MiB per hour."""
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_m = sum(m for _, m in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    return 3600 * sum((t - mean_t) * (m - mean_m) for t, m in points) / var if var else 0.0


def memory_series(samples):
    """A table: one row per minute, one column per worker."""
    pids = sorted(samples)
    lines = ["| minute | " + " | ".join(str(pid) for pid in pids) + " |"]
    lines.append("|--:|" + "--:|" * len(pids))
    last = max((t for points in samples.values() for t, _ in points), default=0)
    for minute in range(int(last // 60) + 1):
        cells = []
        for pid in pids:
            at = [m for t, m in samples[pid] if t >= minute * 60]
            cells.append(f"{at[0]:.1f}" if at else "")
        lines.append(f"| {minute} | " + " | ".join(cells) + " |")
    return lines


def memory_report(samples, warmup, limit):
    """One row per worker and whether its growth after the warm-up stays under `limit`."""
    rows, ok = [], True
    for pid, points in sorted(samples.items()):
        steady = [(t, m) for t, m in points if t >= warmup]
        if len(steady) < 3:
            continue
        slope = slope_per_hour(steady)
        ok &= slope <= limit
        rows.append(
            (pid, points[0][1], steady[0][1], steady[-1][1], max(m for _, m in points), slope)
        )
    return rows, ok and bool(rows)


def soak(env, args, log_file, log=print):
    """Run the soak against the prepared database of `env`, gunicorn logging to `log_file`;
    returns the report and {check: passed}."""
    env = env | {"SOAK_EDITOR_PASSWORD": secrets.token_urlsafe(24)}

    def db(*command):
        result = subprocess.run(
            [sys.executable, "-m", "bench.soak_db", *command],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(result.stdout)

    targets = db("setup")
    slug = f"soak-{datetime.now():%Y%m%d%H%M%S}"
    before = targets["views"]
    tally, stop, samples = Tally(), threading.Event(), defaultdict(list)
    rng = random.Random(args.seed)
    with gunicorn(
        "portal.wsgi:application", env=env, workers=args.workers, log=log_file, cwd=ROOT
    ) as port:
        editor = Editor(port, tally, env["SOAK_EDITOR_PASSWORD"], slug)
        threads = [
            threading.Thread(target=sample_memory, args=(port, stop, samples)),
            threading.Thread(
                target=poster,
                args=(port, targets, tally, stop, args.post_every, random.Random(rng.random())),
            ),
            threading.Thread(
                target=editor.run,
                args=(
                    stop,
                    args.publish_every,
                    targets["column_id"],
                    lambda: db("state", slug).get("article"),
                ),
            ),
        ]
        threads += [
            threading.Thread(
                target=reader, args=(port, targets, tally, stop, random.Random(rng.random()))
            )
            for _ in range(args.clients)
        ]
        started = time.monotonic()
        log(f"Soaking for {args.seconds:.0f} s on port {port} …")
        for thread in threads:
            thread.start()
        stop.wait(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        after = db("state", slug)
    return report(args, env, tally, editor, before, after, samples, elapsed)


def report(args, env, tally, editor, before, after, samples, elapsed):
    views = {int(k): v for k, v in after["views"].items()}
    old = {int(k): v for k, v in before.items()}
    counted = {pk: views.get(pk, 0) - old.get(pk, 0) for pk in set(views) | set(old)}
    counted = {pk: n for pk, n in counted.items() if n}
    hits_ok = counted == dict(tally.hits)
    fivexx = sum(
        n for (_, status), n in tally.requests.items() if status == "error" or status >= 500
    )
    unexpected = sum(n for (kind, status), n in tally.requests.items() if status not in OK[kind])
    article = after.get("article") or {}
    published_ok = (
        editor.published >= 1
        and not editor.problems
        and article.get("title") == editor.last_title
        and article.get("revisions") == editor.published
    )
    rows, memory_ok = memory_report(samples, args.warmup, args.max_growth)
    checks = {
        "no 5xx and no failed request": fivexx == 0,
        "only expected statuses": unexpected == 0,
        "view counts in the database equal the accepted hits": hits_ok,
        "every published change visible to readers": published_ok,
        f"worker memory grows less than {args.max_growth:g} MiB/hour after the warm-up": memory_ok,
    }
    total = sum(tally.requests.values())
    cache = "Redis" if env.get("REDIS_URL") else "file cache"
    database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
    lines = [
        f"# Soak {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- {elapsed:.0f} s, {total:,} requests ({total / elapsed:.1f}/s); {args.clients} reader "
        f"threads, a form post every {args.post_every:g} s, a publish every "
        f"{args.publish_every:g} s",
        f"- gunicorn {version('gunicorn')}, {args.workers} sync workers, production settings; "
        f"{database}, {cache}; Django {version('django')}, Wagtail {version('wagtail')}",
        f"- machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "",
        "| type | status | requests |",
        "|---|---|--:|",
    ]
    for (kind, status), count in sorted(tally.requests.items(), key=lambda item: str(item[0])):
        lines.append(f"| {kind} | {status} | {count:,} |")
    lines += [
        "",
        f"- view-count hits accepted: {sum(tally.hits.values()):,} on {len(tally.hits)} pages; "
        f"counted in the database: {sum(counted.values()):,} on {len(counted)} pages",
        f"- changes published through the admin: {editor.published}; checks that a reader saw "
        f"them (article and column page): {editor.visible}; revisions of the article: "
        f"{article.get('revisions')}; live title {article.get('title')!r}",
        "",
        "| worker pid | RSS first MiB | after warm-up | end | max | slope MiB/hour |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    lines += [
        f"| {pid} | {a:.1f} | {b:.1f} | {c:.1f} | {d:.1f} | {s:+.1f} |"
        for pid, a, b, c, d, s in rows
    ]
    lines += ["", "RSS in MiB at the start of each minute:", "", *memory_series(samples)]
    lines += ["", *[f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in checks.items()]]
    lines += [f"  - {problem}" for problem in editor.problems + tally.failures]
    return "\n".join(lines) + "\n", checks


def soak_env(data, cache_dir):
    """The benchmark's production settings (bench/run.py), as a real site has them: the page
    cache honours no bypass header, static files are collected, Redis if SOAK_REDIS_URL."""
    env = production_env(data, cache_dir)
    del env["PAGE_CACHE_BYPASS"]
    env.pop("REDIS_URL", None)
    if os.environ.get("SOAK_REDIS_URL"):
        env["REDIS_URL"] = os.environ["SOAK_REDIS_URL"]
    return env | {"STATIC_ROOT": str(Path(cache_dir) / "static")}


def main():
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    args = parse_args()
    url = os.environ.get("SOAK_DATABASE_URL")
    dataset = Dataset(url, args.articles, args.zones, args.seed, purpose="soak")
    with tempfile.TemporaryDirectory(prefix="portal-soak-cache-") as cache_dir:
        env = soak_env(dataset, cache_dir)

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        dataset.prepare(manage, rebuild=args.rebuild)  # collects the static files too
        RESULTS.mkdir(exist_ok=True)
        text, checks = soak(env, args, RESULTS / "soak-gunicorn.log")
    save_report(text, prefix="soak-")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
