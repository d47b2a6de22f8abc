"""Lighthouse's SEO, best-practices and accessibility scores (and performance) for the
home page, an article and /zones/, on phones and desktops (`make lighthouse`).

The demo site in a throw-away folder under gunicorn with DEBUG off; Lighthouse 12 from npm
(`.tools/lighthouse`, installed by the make target) drives Debian's /usr/bin/chromium.
Plain HTTP (DJANGO_ENV=development), as behind a proxy that speaks HTTPS for it.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.servers import HOST, free_port, stop, wait_until_listening

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools/lighthouse/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def demo_env(folder, port):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_ENV="development",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}:{port}",
        SQLITE_PATH=str(folder / "db.sqlite3"),
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        CACHE_DIR=str(folder / "cache"),
        SERVE_MEDIA="1",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def article_path(base):
    """The newest article, as the news feed lists it."""
    with urllib.request.urlopen(base + "/news/rss/") as feed:
        text = feed.read().decode()
    link = text.split("<item>", 1)[1].split("<link>", 1)[1].split("</link>", 1)[0]
    return link.removeprefix(base)


def audit(url, preset, folder):
    out = folder / f"lh-{secrets.token_hex(3)}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=env, check=True, timeout=300)
    report = json.loads(out.read_text())
    failed = [
        audit_id
        for category in CATEGORIES[1:]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (report["audits"][audit_id].get("score") not in (None, 1))
    ]
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return scores, failed


def main():
    with tempfile.TemporaryDirectory(prefix="portal-lighthouse-") as name:
        folder = Path(name)
        port = free_port()
        env = demo_env(folder, port)
        print("lighthouse: migrate, load_demo, collectstatic", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        log = folder / "gunicorn.log"
        with open(log, "w") as output:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    "--bind",
                    f"{HOST}:{port}",
                    "--workers",
                    "2",
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=output,
                start_new_session=True,
            )
        try:
            wait_until_listening(server, port, log)
            base = f"http://{HOST}:{port}"
            time.sleep(1)
            paths = {"/": "/", "article": article_path(base), "/zones/": "/zones/"}
            print("| page | device | " + " | ".join(CATEGORIES) + " | audits not passed |")
            print("|---|---|" + "---|" * len(CATEGORIES) + "---|")
            for label, path in paths.items():
                for preset in ("mobile", "desktop"):
                    scores, failed = audit(base + path, preset, folder)
                    cells = " | ".join(str(scores[name]) for name in CATEGORIES)
                    print(
                        f"| {label} | {preset} | {cells} | {', '.join(failed) or '—'} |", flush=True
                    )
        finally:
            stop(server)


if __name__ == "__main__":
    main()
