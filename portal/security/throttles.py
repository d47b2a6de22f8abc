"""Sliding-window counters in the shared cache: every rate limit of the portal (the public
forms, 点击量 per address, failed logins per address, password resets) counts with them.

A fixed window lets twice the limit through across its end (five posts in its last
second, five more in the next window's first). Here the count of the window before is
weighed by how much of it the sliding window still covers (the two-window approximation,
as nginx and Cloudflare count): five posts at the end of one window and one just after
make about six, which is over a limit of five.

Each step is one atomic cache operation where the cache has them (`add` and `incr` in
Redis and in the local-memory cache); Django's file cache reads and rewrites its files,
so there the read-modify-write holds a file lock in the cache's folder, which serialises
the threads and processes of one host, as many as share that folder.
"""

import contextlib
import fcntl
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache

from portal.security.proxies import client_ip


def is_file_cache():
    return isinstance(caches["default"], FileBasedCache)


@contextlib.contextmanager
def serialised():
    """Hold the lock of the file cache, if the default cache is one (else nothing)."""
    if not is_file_cache():
        yield
        return
    folder = Path(settings.CACHES["default"]["LOCATION"])
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "throttles.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def add_to(key, delta, timeout):
    """Add `delta` to the count under `key` (made if missing); the new count, or None
    when the cache cannot count (Redis unreachable)."""
    if is_file_cache():  # its incr is a get and a set, and resets timeouts
        with serialised():
            value = (cache.get(key) or 0) + delta
            cache.set(key, value, timeout)
            return value
    if cache.add(key, delta, timeout):
        return delta
    try:
        return cache.incr(key, delta)
    except ValueError:  # the key expired between add and incr
        return delta if cache.add(key, delta, timeout) else None


class SlidingWindow:
    """How many times `scope` happened for one key within the last `period` seconds, and
    whether that is over `limit`."""

    def __init__(self, scope, limit, period):
        self.scope, self.limit, self.period = scope, limit, period

    def key(self, who, window):
        digest = hashlib.sha256(str(who).encode()).hexdigest()[:32]  # no address kept
        return f"throttle:{self.scope}:{digest}:{window}"

    def windows(self, now):
        """The current fixed window, the weight of the one before and how long a count
        made now must be kept (to the end of the next window, which still weighs it)."""
        window, into = divmod(now, self.period)
        keep = int((window + 2) * self.period - now) + 1
        return int(window), 1 - into / self.period, keep

    def estimate(self, who, now=None):
        """Events in the last `period` seconds, as the two-window approximation counts."""
        window, weight, _ = self.windows(time.time() if now is None else now)
        counts = cache.get_many([self.key(who, window - 1), self.key(who, window)])
        previous = counts.get(self.key(who, window - 1)) or 0
        return previous * weight + (counts.get(self.key(who, window)) or 0)

    def count(self, who):
        """Count one more, whatever the total (failed logins all count)."""
        now = time.time()
        window, _, keep = self.windows(now)
        add_to(self.key(who, window), 1, keep)

    def exceeded(self, who):
        return self.estimate(who) >= self.limit

    def allow(self, who):
        """Count this event if it is within the limit; False (and not counted, so a
        steady flood is let through again at the rate of the limit) once over it.

        The count is taken first and given back if over: each concurrent caller gets a
        different total from the atomic increment, so no more than `limit` pass."""
        now = time.time()
        window, weight, keep = self.windows(now)
        key = self.key(who, window)
        previous = cache.get(self.key(who, window - 1)) or 0
        counted = add_to(key, 1, keep)
        if counted is None:  # the shared cache is unreachable: nothing can be counted
            return True
        if previous * weight + counted <= self.limit:
            return True
        add_to(key, -1, keep)
        return False

    def refund(self, who):
        """Give back one count taken by allow(): the current window's, or the previous
        one's when the window ended meanwhile."""
        now = time.time()
        window, _, keep = self.windows(now)
        for key in (self.key(who, window), self.key(who, window - 1)):
            if (cache.get(key) or 0) > 0:
                add_to(key, -1, keep)
                return


def address(request):
    return client_ip(request)
