"""The generation of the site's content, and what is kept under it.

Everything cached until content changes (whole pages, main blocks, the chrome, routes,
counts) is keyed on the current generation and the release (release.py). Publishing,
unpublishing, moving or deleting a page, or saving settings, snippets, sites or view
restrictions, replaces the generation (invalidation.py), so every host builds fresh from
the next request on; stale entries simply expire.

Within a generation, each entry is kept with the versions of the tags it showed
(dependencies.py) and is valid while they are current: publishing an article touches
the tags of what shows it, and leaves the rest of the site cached.

Each worker also keeps, for LOCAL_SECONDS, the generation and tag versions it last read,
and the entries it read until they expire: a hot page then costs no round trip to Redis.
A publish through this process is seen at once, through another within LOCAL_SECONDS.
"""

import math
import time
import uuid

from django.core.cache import cache

from portal.caching import dependencies
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
        dependencies.forget_local_versions()

    def entry(self, key):
        """(value, expires_at, versions) while kept and not expired, else None."""
        kept = self.entries.get(key)
        return kept if kept is not None and kept[1] > time.time() else None

    def keep(self, key, kept):
        if len(self.entries) >= LOCAL_ENTRIES:
            self.entries = {}  # simpler than LRU bookkeeping, and safe across threads
        self.entries[key] = kept


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
    """(value,) of an entry written by `share` that is still valid, from this process's
    copy or the shared cache; None when neither holds one. What is being built then
    shows what the entry showed."""
    kept = local.entry(key)
    if kept is None:
        kept = cache.get(key)
        if not (isinstance(kept, tuple) and len(kept) == 3 and kept[1] > time.time()):
            return None
        local.keep(key, kept)
    value, expires_at, versions = kept
    if not dependencies.holds(versions):
        return None
    dependencies.replay(versions, expires_at)
    return (value,)


def share(key, value, seconds, rec):
    """Keep `value`, built under the recording `rec`, under `key` for `seconds` at most,
    here and in the shared cache; not when what it showed changed while it was built."""
    versions = dependencies.settled(rec)
    if versions is None:
        return
    expires_at = min(time.time() + seconds, rec.expires_at)
    if expires_at <= time.time():
        return
    kept = (value, expires_at, versions)
    cache.set(key, kept, math.ceil(expires_at - time.time()))
    local.keep(key, kept)


def generation_key(name):
    return f"portal:{name}:{RELEASE}:{current_generation()[0]}"


def remember(name, build, timeout=DAY, keep=None, tags=None):
    """`build()`, kept until what it shows changes or `timeout` seconds pass (a number,
    or a function giving it after the build). `tags` say what it shows (besides what it
    records itself); without them, it is stale after any change of content. None and
    other empty answers are kept too, unless `keep(answer)` says otherwise."""
    key = generation_key(name)  # before the build: content may change meanwhile
    entry = shared(key)
    if entry is None:
        with dependencies.recording(precise=tags is not None) as rec:
            dependencies.shown(*(tags or ()))
            entry = (build(),)
        if keep is None or keep(entry[0]):
            share(key, entry[0], timeout() if callable(timeout) else timeout, rec)
    return entry[0]


def remember_each(names, build_missing, timeout=DAY):
    """{name: answer} for each of `names`, as `remember` would give them, the ones not
    kept built together: `build_missing(missing names)` gives {name: (answer, its tags)}
    for each (e.g. one query for several lists), and each is kept with its own tags."""
    keys = {name: generation_key(name) for name in names}  # before the build
    found = {}
    for name, key in keys.items():
        entry = shared(key)
        if entry is not None:
            found[name] = entry[0]
    missing = [name for name in names if name not in found]
    if missing:
        recordings = {name: dependencies.Recording(precise=True) for name in missing}
        for name, (answer, tags) in build_missing(missing).items():
            recordings[name].tags.update(tags)
            dependencies.shown(*tags)
            share(keys[name], answer, timeout, recordings[name])
            found[name] = answer
    return found


def remembered(name):
    """What `remember(name, …)` kept for the current generation, or None; never builds
    (for the page shown while the database is down)."""
    entry = shared(generation_key(name))
    return entry[0] if entry else None


def bump_generation(**kwargs):
    """Make every cached page stale on every host sharing the cache."""
    cache.set(GENERATION_KEY, (uuid.uuid4().hex, int(time.time())), None)
    local.forget()
