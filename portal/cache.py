"""The full-page cache: anonymous readers' GET requests served from the shared cache.

Entries live in Django's cache (the file cache on one host, Redis across hosts) under a
generation number and the release (portal/release.py). Publishing, unpublishing, moving
or deleting a page, or saving settings, snippets, sites or view restrictions, bumps the
generation, so every host serves fresh pages from the next request on; stale entries
simply expire. The generation also drives ETag/Last-Modified, so browsers and a CDN
revalidate with 304. What else is kept until content changes (the chrome, main blocks,
routes, counts: `remember`) lives under the same generation.

Each worker also keeps, for LOCAL_SECONDS, the generation it last read, and the entries
it read under it until they expire: a hot page then costs no round trip to Redis.
A publish through this process is seen at once, through another within LOCAL_SECONDS.
"""

import contextlib
import datetime
import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Min
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from portal.release import RELEASE

GENERATION_KEY = "portal:pagecache:generation"
LOCAL_SECONDS = 0.25
LOCAL_ENTRIES = 500
DAY = 24 * 60 * 60
BYPASS_HEADER = "HTTP_X_BENCH_BYPASS_CACHE"
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/search/",
    "/hits/",
    "/documents/",
    "/wechat/",
    "/submit/",
    "/messages/",
    "/healthz",
)


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


def seconds_until_scheduled_change():
    """Seconds until pages change by the clock alone: a notice expires, or a revision
    approved for scheduled publishing goes live; None when nothing is due."""
    from wagtail.models import Revision  # models load after this module

    from news.notices import NoticePage

    waits = [NoticePage.objects.seconds_until_next_expiry()]
    now = timezone.now()
    go_live = Revision.objects.filter(approved_go_live_at__gt=now).aggregate(
        soonest=Min("approved_go_live_at")
    )["soonest"]
    if go_live is not None:
        waits.append(int((go_live - now).total_seconds()) + 1)
    return min((wait for wait in waits if wait), default=None)


def seconds_until_midnight():
    now = timezone.localtime()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


def next_scheduled_change():
    """When (time.time()) pages change by the clock alone, or 0 when nothing is due."""
    remaining = seconds_until_scheduled_change()
    return time.time() + remaining if remaining else 0


def entry_lifetime(longest):
    """Seconds an entry may live: at most `longest`, cut short by the next notice expiry
    or scheduled go-live and by midnight (the home page, the notice box and 哀悼模式
    change then without anything being saved)."""
    deadline = remember("scheduled-change", next_scheduled_change)
    longest = min(longest, int(seconds_until_midnight()) + 1)
    return max(1, min(longest, int(deadline - time.time()))) if deadline else longest


def query_key(request):
    """The query parameters pages use, sorted; None when others (utm_source…) are there."""
    names = set(request.GET)
    if names - settings.PAGE_CACHE_QUERY_PARAMS:
        return None
    return "&".join(
        f"{name}={value}" for name in sorted(names) for value in request.GET.getlist(name)
    )


def lookup_query_key(request):
    kept = sorted(set(request.GET) & settings.PAGE_CACHE_QUERY_PARAMS)
    return "&".join(f"{name}={value}" for name in kept for value in request.GET.getlist(name))


def entry_key(request, generation_id, query, kind="pagecache"):
    """Where the `kind` of HTML (a page, or its main block) for this request is kept."""
    raw = f"{request.get_host()}|{request.path}|{query}"
    digest = hashlib.sha1(raw.encode()).hexdigest()
    return f"portal:{kind}:{RELEASE}:{generation_id}:{digest}"


def wants_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # The benchmark's bypass works only where the operator allows it (PAGE_CACHE_BYPASS),
        # or anyone could send every request past the cache.
        and not (settings.PAGE_CACHE_BYPASS and request.META.get(BYPASS_HEADER))
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
    )


def used_csrf_token(request):
    """Whether this response carries the reader's CSRF token (Django's get_token ran)."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def storable(request, response):
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and not used_csrf_token(request)
        and not (user is not None and user.is_authenticated)
    )


def validators(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def not_modified(request, etag, last_modified):
    if request.META.get("HTTP_IF_NONE_MATCH"):
        return request.META["HTTP_IF_NONE_MATCH"] == etag
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and since >= last_modified


class PageCacheMiddleware:
    """First in the stack: a hit never reaches sessions, routing or the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not wants_cache(request):
            return self.get_response(request)
        generation_id, generated_at = current_generation()
        key = entry_key(request, generation_id, lookup_query_key(request))
        entry = shared(key)
        if entry is not None:
            return self.serve(request, entry[0], generated_at)
        response = self.get_response(request)
        query = query_key(request)
        if query is not None and storable(request, response):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            etag = f'"{digest}"'
            validators(response, etag, generated_at)
            # The headers the inner middleware added (frame, CSP…) are replayed on hits.
            # The page was served; it is just not kept while the database is away.
            with contextlib.suppress(DatabaseError):
                entry = (response.content, dict(response.items()), etag)
                share(key, entry, entry_lifetime(settings.PAGE_CACHE_SECONDS))
        response["X-Page-Cache"] = "miss"
        return response

    def serve(self, request, entry, generated_at):
        content, headers, etag = entry
        if not_modified(request, etag, generated_at):
            response = HttpResponseNotModified()
            response["ETag"] = etag
        else:
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
