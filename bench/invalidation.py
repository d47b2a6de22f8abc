"""What one publish leaves cached: with a sample of the article pages cached, publish one
new article into a column and report the share of the other cached articles still served
from the cache, and whether every page that shows the new article shows it at once.

The data is the benchmark's (bench/data.py: the demo plus --articles fake ones); pages
are served by gunicorn in production settings; the article is published by another
process sharing the cache, as an editor's host would. A random sample of the articles
stands for all of them (caching 100,000 pages one by one would take an hour).
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
from datetime import datetime

from bench.data import ROOT, Dataset
from bench.run import RESULTS, git_commit, production_env, save_report
from bench.servers import Visitor, gunicorn

PUBLISH = """
import json, sys
from news.models import NewsCategoryPage, NewsPage
column = NewsCategoryPage.objects.live().order_by("path")[{column}]
newest = column.articles().first()
page = NewsPage(title="{title}", summary="新发布的文章。")
column.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({{"column": column.url, "neighbour": newest and newest.url, "url": page.url}}))
"""
LIST = """
import json
from news.models import NewsPage
print(json.dumps(list(NewsPage.objects.live().values_list("url_path", flat=True))))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="fake articles besides the demo")
    parser.add_argument("--zones", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=2000, help="article pages cached first")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the saved data")
    return parser.parse_args()


def shell(env, code):
    command = [sys.executable, "manage.py", "shell", "-c", code]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return __import__("json").loads(done.stdout.strip().splitlines()[-1])


def site_path(url_path):
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"  # without the home page's slug


def main():
    args = parse_args()
    dataset = Dataset(os.environ.get("BENCH_DATABASE_URL"), args.articles, args.zones, args.seed)
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-bench-cache-") as cache_dir:
        env = production_env(dataset, cache_dir)
        env.pop("PAGE_CACHE_BYPASS")
        # A file cache must hold every sampled page: Django culls past MAX_ENTRIES.
        env.setdefault("CACHE_MAX_ENTRIES", str(20 * args.sample))

        def manage(*command):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)

        dataset.prepare(manage, rebuild=args.rebuild)
        paths = [site_path(path) for path in shell(env, LIST)]
        sample = random.Random(args.seed).sample(paths, min(args.sample, len(paths)))
        log = RESULTS / "last-invalidation-run.log"
        with gunicorn("portal.wsgi:application", env=env, workers=2, log=log, cwd=ROOT) as port:
            reader = Visitor(port)
            print(f"Caching {len(sample):,} of {len(paths):,} article pages …")
            for path in sample:
                reader.get(path)
            cached = [path for path in sample if reader.get(path)[2].get("X-Page-Cache") == "hit"]
            title = f"新发布的文章{datetime.now():%H%M%S}"
            published = shell(env, PUBLISH.format(column=0, title=title))
            shows = [published["column"], "/news/", "/"] + [published["neighbour"] or "/"]
            showing = {path: title in reader.get(path)[1] for path in shows}
            others = [path for path in cached if path != published["neighbour"]]
            still = [path for path in others if reader.get(path)[2].get("X-Page-Cache") == "hit"]
    share = len(still) / len(others) if others else 0
    lines = [
        f"# Invalidation benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- commit {git_commit()}; data: {'PostgreSQL' if dataset.url else 'SQLite'}, "
        f"{len(paths):,} live articles; cache: {'Redis' if env.get('REDIS_URL') else 'files'}",
        f"- {len(cached):,} article pages cached (a random sample), then one article "
        "published into the first column by another process",
        "",
        "| measure | result |",
        "|---|--:|",
        f"| other cached articles still served from the cache | {share:.2%} "
        f"({len(still):,} of {len(others):,}) |",
    ]
    lines += [f"| shows the new article at once: `{path}` | {ok} |" for path, ok in showing.items()]
    save_report("\n".join(lines) + "\n", prefix="invalidation-")
    if share < 0.99 or not all(showing.values()):
        sys.exit("target missed: ≥ 99 % still cached, and every page showing the article shows it")


if __name__ == "__main__":
    main()
