"""Counters in the shared cache for the admin's doors: failed logins per address, and
password-reset requests per address and per account.

Fixed windows with `cache.add` and `cache.incr`, so they work with the file cache of one
host and the Redis cache several hosts share. The portal.core rate limit of the public
forms is the same idea; this layer cannot import it.
"""

import hashlib
import time

from django.core.cache import cache

from portal.security.proxies import client_ip


class Counter:
    """How many times `scope` happened for one key within the current `period`."""

    def __init__(self, scope, limit, period):
        self.scope, self.limit, self.period = scope, limit, period

    def key(self, who):
        digest = hashlib.sha256(str(who).encode()).hexdigest()[:32]  # no address kept
        return f"throttle:{self.scope}:{digest}:{int(time.time() // self.period)}"

    def count(self, who):
        """Count one more; the new total (0 when the cache cannot count)."""
        key = self.key(who)
        if cache.add(key, 1, self.period + 1):
            return 1
        try:
            return cache.incr(key) or 0
        except ValueError:  # the key expired between add and incr
            cache.add(key, 1, self.period + 1)
            return 1

    def exceeded(self, who):
        return (cache.get(self.key(who)) or 0) >= self.limit

    def allow(self, who):
        """Count this event; False once over the limit."""
        return self.count(who) <= self.limit


def address(request):
    return client_ip(request)
