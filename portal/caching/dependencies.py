"""What each cached entry showed, so that a change invalidates only the entries that
showed what changed.

While an entry (a page, a main block, a remembered answer) is built, what it shows is
recorded as tags (`shown`): a page's own tag (`page_tag`), the chrome, the notices…
(tags.py names them). Each tag has a version in the shared cache; an
entry is kept with the versions of its tags and is valid while they are current. A
change `touch`es the tags of what it changed (invalidation.py), on every host at once:
the versions in the shared cache are the invalidation log each worker reads (its own
copy at most LOCAL_SECONDS old).

An entry whose builder did not say exactly what it shows also shows ANY_CONTENT, which
every change of what readers see touches: precision is declared (`precise`), never
assumed.
"""

import contextlib
import contextvars
import math
import time
import uuid

from django.conf import settings
from django.core.cache import caches

ANY_CONTENT = "content"
LOCAL_SECONDS = 0.25
TAG_KEY = "portal:tag:{}"

_recordings = contextvars.ContextVar("portal_cache_recordings", default=())
_local_versions = {}  # tag: (version, read at, by time.monotonic())


def page_tag(page_or_id):
    return f"page:{getattr(page_or_id, 'pk', page_or_id)}"


class Recording:
    """What one entry being built has shown so far, and until when it may live."""

    def __init__(self, precise):
        self.started_at = time.time()
        self.precise = precise
        self.tags = set()
        self.expires_at = math.inf

    def all_tags(self):
        return self.tags if self.precise else self.tags | {ANY_CONTENT}


@contextlib.contextmanager
def recording(precise=False, resume=None):
    """Record what is shown while the block runs, into a new Recording or the one to
    `resume` (and into every recording it is nested in: a page shows what its main
    block and chrome show)."""
    rec = resume or Recording(precise)
    outer = _recordings.get()
    token = _recordings.set((*outer, rec))
    try:
        yield rec
    finally:
        _recordings.reset(token)
        if not rec.precise:
            for enclosing in outer:
                enclosing.tags.add(ANY_CONTENT)
        for enclosing in outer:
            enclosing.expires_at = min(enclosing.expires_at, rec.expires_at)


@contextlib.contextmanager
def unrecorded():
    """What the block reads is not shown by what is being built (e.g. how long it may
    be kept)."""
    token = _recordings.set(())
    try:
        yield
    finally:
        _recordings.reset(token)


def shown(*tags):
    """What is being built shows these (call before reading what they stand for)."""
    for rec in _recordings.get():
        rec.tags.update(tags)


def pages_shown(pages):
    """`pages` as a list, each recorded as shown by what is being built."""
    pages = list(pages)
    shown(*(page_tag(page) for page in pages if page is not None))
    return pages


def precise():
    """What is being built says exactly what it shows (its tags), so changes of other
    content leave it valid."""
    for rec in _recordings.get():
        rec.precise = True


def lasts_at_most(seconds):
    """What is being built may live `seconds` at most (e.g. a suggestion that may lag)."""
    expires_at = time.time() + seconds
    for rec in _recordings.get():
        rec.expires_at = min(rec.expires_at, expires_at)


def new_version(changed_at=None):
    """A version token, with when its tag changed (0: never seen changing)."""
    return f"{uuid.uuid4().hex}@{time.time() if changed_at is None else changed_at!r}"


def set_at(version):
    return float(version.rpartition("@")[2])


def versions(tags, fresh=False):
    """{tag: version} now, from this process's copy when under LOCAL_SECONDS old (unless
    `fresh`), else from the shared cache; a tag never touched gets its first version."""
    now = time.monotonic()
    found, wanted = {}, []
    for tag in tags:
        local = _local_versions.get(tag)
        if local is not None and not fresh and now - local[1] < LOCAL_SECONDS:
            found[tag] = local[0]
        else:
            wanted.append(tag)
    if wanted:
        keys = {TAG_KEY.format(tag): tag for tag in wanted}
        cache = caches["tags"]
        shared = cache.get_many(list(keys))
        missing = [key for key in keys if key not in shared]
        if missing:
            for key in missing:
                cache.add(key, new_version(changed_at=0.0), None)
            shared.update(cache.get_many(missing))
        for key, tag in keys.items():
            # While the shared cache cannot be reached: a version nothing was kept under.
            version = shared.get(key) or new_version(changed_at=0.0)
            found[tag] = version
            _local_versions[tag] = (version, now)
    return found


def touch(tags):
    """What showed these tags is stale, on every host."""
    fresh = {tag: new_version() for tag in tags}
    caches["tags"].set_many({TAG_KEY.format(tag): version for tag, version in fresh.items()}, None)
    now = time.monotonic()
    for tag, version in fresh.items():
        _local_versions[tag] = (version, now)


def forget_local_versions():
    _local_versions.clear()


def settled(rec):
    """The versions to keep an entry built under `rec` with, or None when one of its tags
    changed while (or just before) it was built: then it is served but not kept."""
    current = versions(rec.all_tags(), fresh=True)
    # A version set this little before the build began may belong to a change it did not
    # see (another host's clock a little ahead): CACHE_CLOCK_SKEW_SECONDS.
    since = rec.started_at - settings.CACHE_CLOCK_SKEW_SECONDS
    if any(set_at(version) > since for version in current.values()):
        return None
    return current


def holds(kept_versions):
    """Whether an entry kept with these versions is still valid."""
    return versions(kept_versions) == kept_versions


def replay(kept_versions, expires_at):
    """A kept entry is part of what is being built: the builder shows what it showed."""
    shown(*kept_versions)
    for rec in _recordings.get():
        rec.expires_at = min(rec.expires_at, expires_at)
