"""Test profile: the real settings, with a fast hasher and throw-away files."""

import os
import re
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# The test client and live server speak plain HTTP; production's HTTPS-only settings are
# tested through `manage.py check --deploy` in tests/test_deployment_settings.py.
os.environ.setdefault("DJANGO_ENV", "development")
os.environ.setdefault("CACHE_KEY_PREFIX", "portal-test")

# Each test process gets its own cache folder, media folder and (with REDIS_URL) Redis
# database, as tests empty them: parallel workers (pytest-xdist: gw0, gw1…) must not share
# them, while the servers a test starts inherit its own through the environment.
_process = os.environ.get("PYTEST_XDIST_WORKER", "")
if os.environ.get("PORTAL_TEST_PROCESS") != _process:
    os.environ["PORTAL_TEST_PROCESS"] = _process
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="portal-test-cache-")
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="portal-test-media-")
    if _process and os.environ.get("REDIS_URL"):
        _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
        if not re.fullmatch(r"\d+", _db):
            _base, _db = os.environ["REDIS_URL"].rstrip("/"), "0"
        _number = int(_process.removeprefix("gw"))
        os.environ["REDIS_URL"] = f"{_base}/{(int(_db) + _number) % 16}"

from portal.ops.translations import compile_catalogues  # noqa: E402
from portal.settings import *  # noqa: E402,F403

# What `make test` does first, so a bare `pytest` meets the admin in Chinese too. Here, not
# in a conftest: Django reads the catalogues as soon as the apps load, before any hook.
compile_catalogues(LOCALE_PATHS)  # noqa: F405  (a no-op when the .mo files are up to date)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# SQLite tests use a file, not shared memory: threads in the concurrency tests then
# wait on the busy timeout like real workers instead of failing with "table is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="portal-test-db-"), "test.sqlite3")
    }

# The full-page cache would answer the second request of every test from memory;
# tests/test_page_cache.py turns it on where it is the subject.
PAGE_CACHE_SECONDS = 0
# One clock here: tests build pages right after the changes they make
# (tests/test_precise_invalidation.py checks the skew rule itself).
CACHE_CLOCK_SKEW_SECONDS = 0
