"""A circuit breaker in front of Redis: when the shared cache cannot be reached, pages are
built uncached at once, and the log says so once per interval, not per call.

django-redis already answers a failed call as a miss (IGNORE_EXCEPTIONS), but each call
reconnects, with redis-py's retries and the socket timeouts: a page makes dozens of cache
calls, so with Redis gone a page took seconds and logged a traceback for each call. Here
the first failure opens the breaker for OPEN_SECONDS: until then every call is a miss
without touching the network; the next call after that tries Redis again.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django_redis.cache import RedisCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class Breaker:
    """Open (calls skipped) for CACHE_BREAKER_SECONDS after a failure; one warning per
    CACHE_BREAKER_WARN_SECONDS however many calls fail."""

    def __init__(self):
        self.open_until = 0.0
        self.warned_at = None
        self.skipped = 0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, error):
        now = time.monotonic()
        open_seconds = settings.CACHE_BREAKER_SECONDS
        with self.lock:
            self.open_until = now + open_seconds
            if (
                self.warned_at is not None
                and now - self.warned_at < settings.CACHE_BREAKER_WARN_SECONDS
            ):
                return
            self.warned_at = now
            skipped, self.skipped = self.skipped, 0
        logger.warning(
            "shared cache unreachable (%s): pages are built uncached; retrying every %s s "
            "(%d calls skipped since the last warning)",
            error,
            open_seconds,
            skipped,
        )

    def skip(self):
        with self.lock:
            self.skipped += 1

    def reset(self):
        with self.lock:
            self.open_until, self.warned_at, self.skipped = 0.0, None, 0


breaker = Breaker()  # one per process: each worker finds out for itself


class BreakerClient(DefaultClient):
    """django-redis' client that does not reach for Redis while the breaker is open."""

    def get_client(self, write=True, tried=None):
        skip_while_open()
        return super().get_client(write=write, tried=tried)

    def get_client_with_index(self, write=True, tried=None):
        skip_while_open()
        return super().get_client_with_index(write=write, tried=tried)


def skip_while_open():
    if breaker.is_open():
        breaker.skip()
        raise ConnectionInterrupted(connection=None)


class TripOnFailure:
    """Stands where django-redis logs each ignored connection error (its one place for
    them, `omit_exception`): trips the breaker instead of writing a traceback."""

    def exception(self, message, *args, **kwargs):
        error = sys.exception()
        if not breaker.is_open():
            breaker.trip(getattr(error, "__cause__", None) or error)


class BreakerRedisCache(RedisCache):
    """django-redis' cache with the breaker: failed calls are misses, and they trip it."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": True}}
        params["OPTIONS"].setdefault("CLIENT_CLASS", "portal.caching.breaker.BreakerClient")
        super().__init__(server, params)
        self._log_ignored_exceptions = True
        self.logger = TripOnFailure()
