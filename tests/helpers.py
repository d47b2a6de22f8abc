"""Helpers shared by the test modules: paths, time zone, a fresh Python with chosen
settings, pages read as a reader's browser would."""

import json
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The reference material beside the repository (shared/reference); tests that compare
# with it are skipped where it is not there.
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# Where browser tests leave their screenshots, to be looked at.
SHOTS = ROOT / "test-results"

# What an operator sets in production; nothing of the test run is inherited.
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k3y-" + "Zq8vN2xR7pL4wT9mB6cY1hF5jD0sG3aE" * 2,
    "ALLOWED_HOSTS": "www.example.org.cn,example.org.cn",
    "CSRF_TRUSTED_ORIGINS": "https://www.example.org.cn",
}
# Set for the test run (by tests/settings.py and conftest.py), never in production.
NOT_INHERITED = {
    "DEBUG",
    "DJANGO_ENV",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run(args, **env):
    """`python ARGS` from the repository in a fresh process with portal.settings read from
    `env` (nothing of the test run's own settings)."""
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def load_settings(probe, **env):
    """The settings a fresh process reads from `env`, as `probe` (Python code that prints
    JSON, with `settings` at hand) prints them; the error output if start-up fails."""
    ignored = {"DATABASE_URL", "REDIS_URL", "DEBUG", "DJANGO_ENV"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        return result.stderr
    return json.loads(result.stdout)


def page(client, url, params=None):
    """The page at `url` as a reader gets it (200), parsed."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def words(element):
    """The text of an element as it reads on screen: runs of white space as one space."""
    return " ".join(element.get_text(" ").split())
