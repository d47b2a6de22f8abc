"""The full-page cache: anonymous readers' GET requests served from the shared cache.

Entries live in Django's cache (the file cache on one host, Redis across hosts) under
the generation (generation.py), valid while what they showed is unchanged
(dependencies.py), and expire by the clock (lifetimes.py). Each carries an ETag and the
moment it was built (Last-Modified), so browsers and a CDN revalidate with 304.
"""

import contextlib
import functools
import hashlib
from importlib import import_module

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from wagtail.models import get_page_models

from portal.caching import dependencies
from portal.caching.compression import accepts_gzip, gzipped, weak
from portal.caching.generation import current_generation, share, shared
from portal.caching.lifetimes import entry_lifetime
from portal.caching.release import RELEASE
from portal.compat import used_csrf_token

BYPASS_HEADER = "HTTP_X_BENCH_BYPASS_CACHE"
# Set on a request by what answers it (a page type, or a view) when its response may be
# kept for readers: the query parameters that change it (docs/caching.md).
KEEPABLE = "portal_keepable_params"
VIEW_PARAMS = set()  # what the views marked `kept_for_readers` vary on


def may_keep(request, params):
    """The response to `request` may be kept for every anonymous reader; of its query
    parameters, only `params` change it."""
    setattr(request, KEEPABLE, frozenset(params))


def kept_for_readers(*params):
    """A view whose response may be kept, varying only with `params`."""
    VIEW_PARAMS.update(params)

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            may_keep(request, params)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@functools.cache
def varying_params():
    """Every query parameter some page type or view varies on: what addresses are looked
    up by (others, such as utm_source, are read past)."""
    import_module(settings.ROOT_URLCONF)  # its views declare theirs as it is imported
    pages = (getattr(model, "cache_query_params", ()) for model in get_page_models())
    return frozenset(VIEW_PARAMS).union(*pages)


def query_string(request, names):
    names = sorted(names)
    return "&".join(f"{name}={value}" for name in names for value in request.GET.getlist(name))


def lookup_query_key(request):
    return query_string(request, set(request.GET) & varying_params())


def stored_query_key(request, params):
    """The query key to keep a response to `request` under, varying on `params`; None when
    the request carries any other parameter (a junk or tracking one is never stored)."""
    names = set(request.GET)
    return None if names - params else query_string(request, names)


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
    )


def storable(request, response):
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    params = getattr(request, KEEPABLE, None)
    return (
        params is not None
        and stored_query_key(request, params) is not None
        and response.status_code == 200
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
        # Weak comparison: a compressed variant carries the same ETag, marked weak.
        return request.META["HTTP_IF_NONE_MATCH"].removeprefix("W/") == etag.removeprefix("W/")
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and since >= last_modified


class PageCacheMiddleware:
    """First in the stack: a hit never reaches sessions, routing or the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not wants_cache(request):
            return self.get_response(request)
        key = entry_key(request, current_generation()[0], lookup_query_key(request))
        entry = shared(key)
        if entry is not None:
            return self.serve(request, entry[0])
        # What answers says what the response shows (pages that know say it precisely).
        with dependencies.recording() as rec:
            response = self.get_response(request)
        # Kept under the address it was looked up by: what the response varies on is a
        # part of what addresses are looked up by.
        if storable(request, response):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            etag, built_at = f'"{digest}"', int(rec.started_at)
            validators(response, etag, built_at)
            # The headers the inner middleware added (frame, CSP…) are replayed on hits.
            # The page was served; it is just not kept while the database is away.
            with contextlib.suppress(DatabaseError):
                # Compressed once here, so that no hit spends time compressing.
                compressed = gzipped(response.content)
                entry = (response.content, dict(response.items()), etag, built_at, compressed)
                share(key, entry, entry_lifetime(settings.PAGE_CACHE_SECONDS), rec)
        response["X-Page-Cache"] = "miss"
        return response

    def serve(self, request, entry):
        content, headers, etag, built_at, compressed = entry
        if compressed is not None and accepts_gzip(request):
            content, etag = compressed, weak(etag)
        else:
            compressed = None
        if not_modified(request, etag, built_at):
            response = HttpResponseNotModified()
            response["ETag"] = etag
        else:
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            if compressed is not None:
                response["ETag"] = etag
                response["Content-Encoding"] = "gzip"
                response["Content-Length"] = str(len(content))
        # Either variant: what a proxy in front keeps depends on the reader's encodings.
        patch_vary_headers(response, ("Accept-Encoding",))
        response["X-Page-Cache"] = "hit"
        return response
