"""The shared cache (a file cache on one host, Redis across hosts), the page cache's knobs
and the CDN in front."""

from portal.settings.environment import BASE_DIR, env, env_bool, env_list

REDIS_URL = env("REDIS_URL")
# Redis down or stalled: pages are built uncached instead of failing, and a stalled
# server costs a second, not a worker. The circuit breaker (portal/caching/breaker.py)
# then skips Redis for CACHE_BREAKER_SECONDS and warns once per CACHE_BREAKER_WARN_SECONDS.
REDIS_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
CACHE_BREAKER_SECONDS = float(env("CACHE_BREAKER_SECONDS", "5"))
CACHE_BREAKER_WARN_SECONDS = float(env("CACHE_BREAKER_WARN_SECONDS", "60"))
# The versions of what cached entries show (portal/caching/dependencies.py) sit beside
# them: in Redis under the same prefix, or in a file cache of their own that is never
# culled (a version culled would make every entry showing it stale).
if REDIS_URL:
    _redis = {
        "BACKEND": "portal.caching.breaker.BreakerRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
        "OPTIONS": REDIS_OPTIONS,
    }
    CACHES = {"default": _redis, "tags": _redis}
else:
    _cache_dir = env("CACHE_DIR", str(BASE_DIR / ".cache" / "django"))
    # Django's file cache, culled every few seconds instead of on every write.
    CACHES = {
        "default": {
            "BACKEND": "portal.compat.SeldomCulledFileCache",
            "LOCATION": _cache_dir,
            # Django culls a third of the entries past this (300 by default: a few pages).
            "OPTIONS": {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "5000"))},
        },
        "tags": {
            "BACKEND": "portal.compat.SeldomCulledFileCache",
            "LOCATION": f"{_cache_dir}-tags",
            "OPTIONS": {"MAX_ENTRIES": 10**9},
        },
    }

# Full-page cache for anonymous readers (portal/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# Longest life of a page's cached main block (portal/fragments.py); 0 turns it off. Each
# query string pages use (?page=…) is a block of its own, so this bounds what they fill.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "3600"))
# How far apart the clocks of the app hosts may be (NTP keeps them within milliseconds):
# an entry built this soon after what it shows changed is served but not kept, as the
# change may not have been visible to its build (portal/caching/dependencies.py).
CACHE_CLOCK_SKEW_SECONDS = float(env("CACHE_CLOCK_SKEW_SECONDS", "0.5"))
# Lets `X-Bench-Bypass-Cache: 1` skip the cache; only the benchmark's servers set it.
PAGE_CACHE_BYPASS = env_bool("PAGE_CACHE_BYPASS")

# A CDN or caching proxy in front is told to forget a page, its listings and their feeds
# when it is published or unpublished (wagtail.contrib.frontend_cache, portal/cdn.py); off
# unless configured. FRONTEND_CACHE_URL: the PURGE address of each caching proxy (Varnish,
# nginx with a purge module), comma-separated; the page's host goes in the Host header.
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_URL"))
}
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        # An API token with the Cache Purge permission, or the account's e-mail and key.
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "EMAIL": env("CLOUDFLARE_EMAIL"),
        "API_KEY": env("CLOUDFLARE_API_KEY"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):
    # Credentials come from boto3's usual places (AWS_ACCESS_KEY_ID…, an instance role).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
