"""Every setting of the portal, read from the environment in this one place.

The defaults run the portal on one machine: SQLite, a file cache shared by the
worker processes of this host, the database search backend and console e-mail.
`DATABASE_URL` switches to PostgreSQL and `REDIS_URL` to a shared Redis cache.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# DJANGO_ENV=production hardens the site for the public internet (HTTPS only, HSTS,
# secure cookies, hashed static files). It is the default whenever DEBUG is off, so a
# forgotten variable fails safe; DJANGO_ENV=development runs without HTTPS (tests do).
DJANGO_ENV = env("DJANGO_ENV", "development" if DEBUG else "production")
if DJANGO_ENV not in {"production", "development"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'production' or 'development', not {DJANGO_ENV!r}."
    )
PRODUCTION = DJANGO_ENV == "production"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV is production.")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-key-for-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production: the site's host names, comma-separated, "
        "e.g. ALLOWED_HOSTS=www.example.org.cn,example.org.cn"
    )
# Origins (scheme and host) whose POSTs are accepted besides the site's own, e.g. when the
# proxy rewrites the Host header: CSRF_TRUSTED_ORIGINS=https://www.example.org.cn
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "news",
    "zones",
    "association",
    "portal.search",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves static files to whitenoise too
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: drops proxy headers that did not come from a trusted proxy (portal/proxies.py).
    "portal.proxies.TrustedProxyMiddleware",
    # Outside the page cache: every request, cached or not, gets its own id in the logs.
    "portal.logs.RequestIdMiddleware",
    # /healthz, before the HTTPS redirect and the host check (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the shared cache, with the headers below replayed.
    "portal.cache.PageCacheMiddleware",
    # The Wagtail site of the request from the shared cache (portal/sites.py).
    "portal.sites.CachedSiteMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # django-csp, with the admin's own policy (portal/security.py).
    "portal.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite: WAL so readers never wait for a writer; IMMEDIATE transactions and a
# busy timeout so concurrent writers queue instead of failing with "locked".
SQLITE_PATH = env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that stops answering fails requests in seconds (a friendly 503)
    # instead of holding every worker until gunicorn's timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

REDIS_URL = env("REDIS_URL")
# Redis down or stalled: pages are built uncached (the errors are logged) instead of
# failing, and a stalled server costs a second, not a worker.
REDIS_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": REDIS_OPTIONS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
        }
    }

# Logs: one line per record on stderr (portal/logs.py). JSON in production, for the log
# collector; plain text in development. Each line carries the request's id.
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOGGING_CONFIG = "portal.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Replaces Django's own handlers (console when debugging, mail_admins): everything
    # reaches the root's one handler, once. runserver's request lines keep theirs.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Two lines for each background task of every page save: only its problems.
        "django_tasks": {"level": "WARNING"},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "portal.accounts.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected static files, in production only (elsewhere whitenoise reads the app folders).
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "staticfiles") if PRODUCTION else None)
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise serves static files. In production they are collected (`collectstatic`) with
# hashed names and gzip copies, and cached for a year; elsewhere they come straight from
# the app folders, so `make run` and the tests need no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))
# Where `manage.py backup` (make backup) writes its folders (portal/backup.py).
BACKUP_DIR = env("BACKUP_DIR", str(BASE_DIR / "backups"))
# Uploads (images, documents, 投稿 attachments) must be shared by every app host: a shared
# MEDIA_ROOT (NFS…), or an S3-compatible bucket (MinIO, 阿里云 OSS, 腾讯云 COS, AWS) through
# django-storages. The bucket serves images to readers, so its policy must make `images/`
# and `original_images/` public and everything else (documents/) private:
# documents still go out through Django's /documents/ view, which checks their privacy.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_ORIGIN = None  # where readers' browsers fetch images from, for the CSP; None: this site
if MEDIA_S3_BUCKET:
    _custom_domain = env("MEDIA_S3_CUSTOM_DOMAIN")  # e.g. media.example.org.cn (a CDN)
    _endpoint = env("MEDIA_S3_ENDPOINT_URL")  # e.g. https://oss-cn-beijing.aliyuncs.com
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _endpoint,
            "region_name": env("MEDIA_S3_REGION"),
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY"),
            "custom_domain": _custom_domain,
            # `virtual` (bucket.endpoint-host) for 阿里云 OSS and 腾讯云 COS; path style otherwise.
            "addressing_style": env("MEDIA_S3_ADDRESSING_STYLE"),
            "location": env("MEDIA_S3_PREFIX", ""),
            # Plain, lasting URLs: pages are cached, so signed expiring links would break.
            "querystring_auth": False,
            "default_acl": None,  # the bucket policy decides what is public
            "file_overwrite": False,
        },
    }
    if _custom_domain:
        MEDIA_ORIGIN = f"https://{_custom_domain}"
    elif _endpoint and env("MEDIA_S3_ADDRESSING_STYLE") == "virtual":
        _scheme, _, _host = _endpoint.rstrip("/").partition("://")
        MEDIA_ORIGIN = f"{_scheme}://{MEDIA_S3_BUCKET}.{_host}"
    elif _endpoint:
        MEDIA_ORIGIN = _endpoint.rstrip("/")
    else:
        MEDIA_ORIGIN = "https://*.amazonaws.com"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@localhost")

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "中国开发区协会")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside resources: Gravatar is slow or blocked in China
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "portal/password_required.html"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Search: the database backend by default ("simple" keeps PostgreSQL from
# stemming the pre-segmented Chinese words); SEARCH_URL switches to
# Elasticsearch/OpenSearch (README: analyzer for Chinese).
SEARCH_URL = env("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": env("SEARCH_INDEX", "portal"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "portal.search.backend", "SEARCH_CONFIG": "simple"}
    }
# Days of search-log hits kept by `searchpromotions_garbage_collect` (scheduled weekly,
# README: Operations), and so the window of the search page's popular queries.
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAILDOCS_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et"]

# Uploads from the public 投稿 form and the admin: images are decoded and checked
# by Wagtail; attachments are checked by content in portal/uploads.py.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("IMAGE_MAX_MEGAPIXELS", "40")) * 1_000_000
ATTACHMENT_MAX_UPLOAD_SIZE = int(env("ATTACHMENT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
# Legacy import: the column for old articles whose page shows no breadcrumb.
LEGACY_IMPORT_COLUMN = env("LEGACY_IMPORT_COLUMN", "往期资讯")
# WeChat JS-SDK share card: the official account's AppID is a site setting; its
# AppSecret is a credential and lives only in the environment.
WECHAT_APP_SECRET = env("WECHAT_APP_SECRET", "")
WECHAT_API_BASE = env("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_API_TIMEOUT = float(env("WECHAT_API_TIMEOUT", "5"))

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

# Full-page cache for anonymous readers (portal/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# The query parameters pages use; any other (utm_source…) neither varies nor fills it.
PAGE_CACHE_QUERY_PARAMS = {"page", "province", "level", "kind", "q"}
# Longest life of a page's cached main block (portal/fragments.py); 0 turns it off. Each
# query string pages use (?page=…) is a block of its own, so this bounds what they fill.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "3600"))
# Lets `X-Bench-Bypass-Cache: 1` skip the cache; only the benchmark's servers set it.
PAGE_CACHE_BYPASS = env_bool("PAGE_CACHE_BYPASS")
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django: privacy checks, download headers
# Every document downloads (Content-Disposition: attachment), PDFs included: a PDF shown
# inline runs in the browser's viewer under the site's origin, a download does not.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Raster formats only: an SVG is a document that can carry script, so it is never accepted.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Adds the checks Wagtail leaves out: the whole image decodes, and it hides no markup
# or script (portal/image_checks.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.image_forms.CheckedImageForm"
# Django serves uploaded media itself only when debugging or when told to (SERVE_MEDIA=1 on
# a box without a web server in front); otherwise the web server does, see the README.
SERVE_MEDIA = DEBUG or env_bool("SERVE_MEDIA")

# ---------------------------------------------------------------------------------------
# Security. `manage.py check --deploy` passes with no warnings in production.

# Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: their addresses or
# networks, comma-separated (TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8). Empty: no proxy, and
# those headers are ignored. portal.proxies.client_ip() is the one place that reads them.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None
if TRUSTED_PROXIES:
    # The proxy terminates HTTPS and says so; TrustedProxyMiddleware drops the header
    # when the request did not come through a trusted proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Old browsers: no framing at all. Wagtail's preview views send SAMEORIGIN themselves, and
# modern browsers follow the CSP frame-ancestors below instead.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    # Both are commitments for every subdomain and hard to undo, so the operator opts in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # check --deploy warns when these two are off; off is the operator's documented choice.
    SILENCED_SYSTEM_CHECKS = [
        check
        for check, enabled in [
            ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
            ("security.W021", SECURE_HSTS_PRELOAD),
        ]
        if not enabled
    ]

PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

# Content-Security-Policy (django-csp). Public pages run only the site's own files: no
# inline script or style, nothing from another origin except an analytics service
# (e.g. 百度统计: CSP_ANALYTICS_ORIGINS=https://hm.baidu.com) loaded by a static script.
CSP_ANALYTICS_ORIGINS = env_list("CSP_ANALYTICS_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *CSP_ANALYTICS_ORIGINS],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [MEDIA_ORIGIN]), *CSP_ANALYTICS_ORIGINS],
        "connect-src": ["'self'", *CSP_ANALYTICS_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "upgrade-insecure-requests": PRODUCTION,
    },
}
# The admin's dashboard would ask releases.wagtail.org for new versions: nothing outside.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The Wagtail admin and its previews (portal.security swaps this in under the admin's URL):
# its editors use inline scripts and styles, blob: images and a same-origin preview frame.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, [MEDIA_ORIGIN])],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
    },
}

# Accounts. Failed logins are counted per address and per user name (django-axes, in the
# database): after LOGIN_FAILURE_LIMIT failures both are locked for LOGIN_LOCKOUT_MINUTES;
# `manage.py axes_reset_username NAME` (or axes_reset) unlocks at once.
AUTHENTICATION_BACKENDS = [
    "portal.accounts.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# A lockout ends on time even while someone keeps guessing, so nobody can keep an editor
# out for good by typing wrong passwords under their name.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.proxies.client_ip"
AXES_LOCKOUT_TEMPLATE = "portal/account_locked.html"
AXES_ENABLE_ADMIN = False  # no Django admin here; the commands above manage lockouts
# Two-factor sign-in, opt-in per editor (django-otp TOTP; portal/twofactor.py).
WAGTAILADMIN_USER_LOGIN_FORM = "portal.twofactor.LoginForm"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
