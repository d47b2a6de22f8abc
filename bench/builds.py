"""CPU time and SQL queries of pages built afresh, in one process (less sensitive to the
machine's load than `make bench`'s requests per second).

    python -m bench.builds [--repeat N] [--after-edit] [--profile PAGE] [--top K]
                           [--snapshot DIR]

Runs with the portal's settings and `PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=0`, as
the benchmark's "built afresh" server does: no page and no main block is kept, while the
chrome, routes, counts and other remembered pieces stay warm after a first request. Each
page is requested once to warm them, then N times, through the WSGI application as
gunicorn calls it (a new environ, no cookies, the response closed, so the connections
are closed or kept as `CONN_MAX_AGE` says); prints the CPU milliseconds
(`time.process_time`) and queries of one build. `--after-edit` touches, before each
build, what republishing the biggest column's newest article touches (its
`invalidation_tags`): the pages as first built after an editor's change in that column
(the article itself then rebuilds every piece of its own). `--profile article` prints cProfile's
costliest functions (cumulative) for that page; `--snapshot DIR` writes each page's HTML
there (CSRF tokens removed) to compare two versions byte for byte.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["FRAGMENT_CACHE_SECONDS"] = "0"

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402

from bench.headers import HEADERS  # noqa: E402
from bench.queries import QueryTimer, pages  # noqa: E402  (sets Django up)
from news.models import NewsCategoryPage, NoticePage  # noqa: E402
from portal.caching.dependencies import touch  # noqa: E402

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def measured_pages():
    """The benchmark's pages (search aside: it is never cached) and a notice."""
    found = [(name, path) for name, path in pages() if name != "search"]
    notice = NoticePage.objects.live().order_by("-pk").first()
    return found + ([("notice", notice.url)] if notice else [])


def newest_article():
    column = max(NewsCategoryPage.objects.live(), key=lambda c: c.articles().count())
    return column.articles().first()


def build(application, path):
    """The HTML of one GET of `path`, from the proxy on this host (`HEADERS`), with
    what gunicorn gives the application: Django's test client would keep its cookies
    and the database connection, and skip closing the response."""
    parts = urlsplit(path)
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote(parts.path, encoding="latin-1"),  # WSGI: bytes as latin-1
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    environ |= {"HTTP_" + name.upper().replace("-", "_"): value for name, value in HEADERS.items()}
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        html = b"".join(body).decode()
    finally:
        body.close()  # request_finished, as gunicorn sends it
    assert statuses[0].startswith("200 "), (path, statuses[0])
    return html


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="page name to profile (e.g. article)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--snapshot", type=Path, help="write each page's HTML here")
    parser.add_argument("--after-edit", action="store_true", help="touch an edit's tags first")
    args = parser.parse_args()
    edited = newest_article().invalidation_tags() if args.after_edit else set()
    application = get_wsgi_application()
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, path in measured_pages():
        html = build(application, path)
        if args.snapshot:
            args.snapshot.mkdir(parents=True, exist_ok=True)
            (args.snapshot / f"{name.replace(' ', '_').replace(',', '')}.html").write_text(
                CSRF_TOKEN.sub("", html)
            )
        timer = QueryTimer()
        profiler = cProfile.Profile() if name == args.profile else None
        cpu = 0.0
        with connection.execute_wrapper(timer):
            for _ in range(args.repeat):
                if edited:
                    touch(edited)  # in the cache, not the database; not part of the build
                started = time.process_time()
                if profiler:
                    profiler.enable()
                last = build(application, path)
                if profiler:
                    profiler.disable()
                cpu += time.process_time() - started
        cpu_ms = 1000 * cpu / args.repeat
        same = CSRF_TOKEN.sub("", last) == CSRF_TOKEN.sub("", html)
        print(
            f"{name:22} {cpu_ms:6.1f} ms CPU  {timer.count / args.repeat:4.1f} queries  {path}"
            + ("" if same else "  (differs from its first build!)")
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
