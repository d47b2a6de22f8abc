"""Redis unreachable (issue 21, finding 6): pages answer about as fast as pages built with
the caches off, the log warns once rather than a traceback per cache call, and /healthz
still names the cache.

The dead Redis is a socket that listens and never answers, as a host behind a firewall
that drops packets: each call waits for the socket timeout, the worst case.
"""

import logging
import socket
import time

import pytest
from django.conf import settings
from django.test import override_settings

from tests import factories

REPEATS = 8


@pytest.fixture
def silent_server():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)  # connections are queued by the kernel and never read
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


@pytest.fixture
def pages(home):
    column = factories.NewsCategoryPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    article = factories.NewsPageFactory(parent=column, title="园区一季度经济运行稳中向好")
    return ["/", column.url, article.url]


def read_all(client, urls):
    started = time.perf_counter()
    for _ in range(REPEATS):
        for url in urls:
            assert client.get(url).status_code == 200, url
    return time.perf_counter() - started


@pytest.mark.django_db
def test_pages_stay_fast_and_the_log_quiet_while_redis_is_dead(
    client, pages, silent_server, caplog
):
    redis = {
        "BACKEND": "portal.caching.breaker.BreakerRedisCache",
        "LOCATION": silent_server,
        "OPTIONS": settings.REDIS_OPTIONS,
    }
    dead = {"default": redis, "tags": redis}  # the page cache's tag versions too
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    off = {"default": dummy, "tags": dummy}
    with override_settings(CACHES=off):
        read_all(client, pages)  # warm Python's and the database's own caches
        uncached = read_all(client, pages)

    caplog.set_level(logging.INFO)
    with override_settings(CACHES=dead, CACHE_BREAKER_SECONDS=600):
        first = time.perf_counter()
        assert client.get(pages[0]).status_code == 200  # finds Redis dead: one timeout
        first = time.perf_counter() - first
        outage = read_all(client, pages)
        health = client.get("/healthz")

    assert outage < 2 * uncached + 0.5, (outage, uncached)
    assert first < 10
    assert health.status_code == 503 and health.json()["failed"] == ["cache"]
    warnings = [r for r in caplog.records if r.name == "portal.caching.breaker"]
    assert len(warnings) == 1 and "shared cache unreachable" in warnings[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info and r.name.startswith("django_redis")]


@pytest.mark.django_db
def test_the_breaker_tries_redis_again_after_its_interval(client, pages, silent_server, caplog):
    redis = {
        "BACKEND": "portal.caching.breaker.BreakerRedisCache",
        "LOCATION": silent_server,
        "OPTIONS": {**settings.REDIS_OPTIONS, "SOCKET_TIMEOUT": 0.2},
    }
    dead = {"default": redis, "tags": redis}
    caplog.set_level(logging.INFO)
    with override_settings(CACHES=dead, CACHE_BREAKER_SECONDS=0.3, CACHE_BREAKER_WARN_SECONDS=600):
        from django.core.cache import cache

        assert cache.get("x") is None
        started = time.perf_counter()
        assert cache.get("x") is None  # open: no network
        assert time.perf_counter() - started < 0.1
        time.sleep(0.4)
        started = time.perf_counter()
        assert cache.get("x") is None  # closed again: Redis is tried, and still dead
        assert time.perf_counter() - started >= 0.2
    warnings = [r for r in caplog.records if r.name == "portal.caching.breaker"]
    assert len(warnings) == 1  # the second failure is within the warning interval
