"""The generation of the site's content, and what is kept under it.

Everything cached until content changes (whole pages, main blocks, the chrome, routes,
counts) is keyed on the current generation and the release (release.py). Publishing,
unpublishing, moving or deleting a page, or saving settings, snippets, sites or view
restrictions, replaces the generation (invalidation.py), so every host builds fresh from
the next request on; stale entries simply expire.

Each worker also keeps, for LOCAL_SECONDS, the generation it last read, and the entries
it read under it until they expire: a hot page then costs no round trip to Redis.
A publish through this process is seen at once, through another within LOCAL_SECONDS.
"""

import time
import uuid

from django.core.cache import cache

from portal.caching.release import RELEASE

GENERATION_KEY = "portal:pagecache:generation"
LOCAL_SECONDS = 0.25
LOCAL_ENTRIES = 500
DAY = 24 * 60 * 60


class LocalCopy:
    """This process's copy of the generation and of the entries read under it (pages,
    fragments, remembered answers), each with the moment it expires."""

    def __init__(self):
        self.forget()

    def forget(self):
        self.generation, self.read_at, self.entries = None, float("-inf"), {}

    def entry(self, key):
        """(value,) while kept and not expired, else None."""
        kept = self.entries.get(key)
        return (kept[0],) if kept is not None and kept[1] > time.time() else None

    def keep(self, key, value, expires_at):
        if len(self.entries) >= LOCAL_ENTRIES:
            self.entries = {}  # simpler than LRU bookkeeping, and safe across threads
        self.entries[key] = (value, expires_at)


local = LocalCopy()


def current_generation():
    """(id, timestamp) of the current generation, created on first use. While the shared
    cache cannot be reached, a throwaway one: nothing is found under it, so every page,
    count and fragment is built afresh."""
    now = time.monotonic()
    if local.generation is not None and now - local.read_at < LOCAL_SECONDS:
        return local.generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, (uuid.uuid4().hex, int(time.time())), None)
        generation = cache.get(GENERATION_KEY)
    generation = generation or (uuid.uuid4().hex, int(time.time()))
    if generation != local.generation:
        local.entries = {}
    local.generation, local.read_at = generation, now
    return generation


def shared(key):
    """(value,) of an entry written by `share`, from this process's copy or the shared
    cache; None when neither holds it."""
    entry = local.entry(key)
    if entry is None:
        kept = cache.get(key)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[1] > time.time():
            local.keep(key, *kept)
            entry = (kept[0],)
    return entry


def share(key, value, seconds):
    """Keep `value` under `key` for `seconds`, here and in the shared cache."""
    expires_at = time.time() + seconds
    cache.set(key, (value, expires_at), seconds)
    local.keep(key, value, expires_at)


def generation_key(name):
    return f"portal:{name}:{RELEASE}:{current_generation()[0]}"


def remember(name, build, timeout=DAY, keep=None):
    """`build()`, kept until content changes (the next generation) or `timeout` seconds
    pass (a number, or a function giving it after the build). None and other empty
    answers are kept too, unless `keep(answer)` says otherwise."""
    key = generation_key(name)  # before the build: content may change meanwhile
    entry = shared(key)
    if entry is None:
        entry = (build(),)
        if keep is None or keep(entry[0]):
            share(key, entry[0], timeout() if callable(timeout) else timeout)
    return entry[0]


def remembered(name):
    """What `remember(name, …)` kept for the current generation, or None; never builds
    (for the page shown while the database is down)."""
    entry = shared(generation_key(name))
    return entry[0] if entry else None


def bump_generation(**kwargs):
    """Make every cached page stale on every host sharing the cache."""
    cache.set(GENERATION_KEY, (uuid.uuid4().hex, int(time.time())), None)
    local.forget()
