"""Settings come from the environment, with defaults that run on one machine."""

import pytest

from tests import helpers

PROBE = (
    "import json; from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'options': db.get('OPTIONS', {}), 'max_age': db['CONN_MAX_AGE'], "
    "'health': db['CONN_HEALTH_CHECKS'], 'cache': s.CACHES['default']['BACKEND'], "
    "'tz': s.TIME_ZONE, 'lang': s.LANGUAGE_CODE, 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'gravatar': s.WAGTAIL_GRAVATAR_PROVIDER_URL, "
    "'search': s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
    "'admin_url': s.WAGTAILADMIN_BASE_URL, 'email': s.EMAIL_BACKEND}))"
)


def load_settings(**env):
    return helpers.load_settings(PROBE, **env)


def test_defaults_run_on_sqlite_with_a_file_cache():
    s = load_settings(DEBUG="1", SECRET_KEY="")
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["options"]["transaction_mode"] == "IMMEDIATE"
    assert s["options"]["timeout"] >= 5
    assert "journal_mode=WAL" in s["options"]["init_command"]
    # Kept between requests: a new SQLite connection parses the whole schema first.
    assert s["max_age"] == 60
    assert s["cache"] == "portal.caching.filecache.FileCache"
    assert s["search"] == "portal.site.search.backend"
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (s["tz"], s["lang"]) == ("Asia/Shanghai", "zh-hans")
    assert s["gravatar"] is None


def test_database_and_redis_urls_switch_backends():
    s = load_settings(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="news.example.org,www.example.org",
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/2",
        CONN_MAX_AGE="300",
        WAGTAILADMIN_BASE_URL="https://news.example.org",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "portal"
    assert (s["max_age"], s["health"]) == (300, True)
    assert s["cache"] == "portal.caching.breaker.BreakerRedisCache"
    assert s["hosts"] == ["news.example.org", "www.example.org"]
    assert s["debug"] is False
    assert s["admin_url"] == "https://news.example.org"


def test_secret_key_is_required_when_debug_is_off():
    error = load_settings(SECRET_KEY="")
    assert isinstance(error, str)
    assert "SECRET_KEY must be set" in error


@pytest.mark.django_db
def test_the_configured_cache_is_shared_and_works():
    from django.core.cache import cache

    cache.set("portal-probe", "开发区", 30)
    assert cache.get("portal-probe") == "开发区"
