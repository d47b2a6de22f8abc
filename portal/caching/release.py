"""A digest of the running code and templates. Cached HTML (page-cache entries, chrome
and main-block fragments) is keyed on it, so a deploy never serves what the previous
release rendered, even while hosts of both releases share one cache."""

import hashlib
from pathlib import Path

from django.conf import settings

SOURCES = ("portal", "news", "zones", "association", "templates")


def fingerprint(base):
    digest = hashlib.sha1()
    for folder in SOURCES:
        for file in sorted((base / folder).rglob("*")):
            if file.suffix in (".py", ".html") and "migrations" not in file.parts:
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = fingerprint(Path(settings.BASE_DIR))
