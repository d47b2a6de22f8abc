"""Django itself: debug or production, the secret key and hosts, the apps and middleware
in their layers, templates, language and time zone, e-mail."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import BASE_DIR, env, env_bool, env_list

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


def default_site_url(hosts, production):
    """The first real host name (not `*` or a `.example` wildcard), HTTPS in production."""
    for host in hosts:
        if host != "*" and not host.startswith("."):
            return f"{'https' if production else 'http'}://{host}"
    return "http://localhost"


def checked_site_url(url):
    """SITE_URL as Wagtail's Site record can hold it: scheme, host and port, no path.
    Wagtail writes https only for port 443, so another port must be plain http."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or port == -1
        or (parts.scheme == "https" and port not in {None, 443})
    ):
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's public address, scheme and host (and port), e.g. "
            f"https://www.example.org.cn or http://127.0.0.1:8000 (https only on port 443), "
            f"not {url!r}."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


# The public address of the site: every absolute address the portal writes (canonical,
# Open Graph, JSON-LD, sitemap, feeds, share links, QR codes, e-mails) starts with it.
# It is written into the default Wagtail site by `migrate` and `set_site_address`.
SITE_URL = checked_site_url(env("SITE_URL") or default_site_url(ALLOWED_HOSTS, PRODUCTION))

# Origins (scheme and host) whose POSTs are accepted besides the site's own, e.g. when the
# proxy rewrites the Host header: CSRF_TRUSTED_ORIGINS=https://www.example.org.cn
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The layers, top first (docs/architecture.md): the site, the feature apps, the core,
    # and caching, security and operations beside them.
    "portal.site",
    "portal.site.search",
    "portal.site.health",
    "portal.site.statistics",
    "policies",
    "news",
    "news.statistics",
    "association",
    "zones",
    "portal.core",
    "portal.caching",
    "portal.security",
    "portal.ops",
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
    # Outermost: a HEAD request gets GET's headers and no body (portal/ops/head.py).
    "portal.ops.head.HeadWithoutBodyMiddleware",
    # First: drops proxy headers that did not come from a trusted proxy (portal/proxies.py).
    "portal.security.proxies.TrustedProxyMiddleware",
    # Outside the page cache: every request, cached or not, gets its own id in the logs.
    "portal.ops.logs.RequestIdMiddleware",
    # /healthz, before the HTTPS redirect and the host check (portal/health.py).
    "portal.ops.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for what the app answers itself; kept pages are stored compressed already and
    # forms carrying a CSRF token stay plain (portal/caching/compression.py).
    "portal.caching.compression.CompressionMiddleware",
    # Anonymous readers' pages from the shared cache, with the headers below replayed.
    "portal.caching.pagecache.PageCacheMiddleware",
    # The Wagtail site of the request from the shared cache (portal/sites.py).
    "portal.caching.sites.CachedSiteMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # django-csp, with the admin's own policy (portal/security.py).
    "portal.security.csp.ContentSecurityPolicyMiddleware",
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
    # The portal's 404 page under DEBUG too (portal/site/views.py).
    "portal.site.views.PortalNotFoundMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # |datetime_attr for <time datetime>, in every template.
            "builtins": ["portal.core.templatetags.time_tags"],
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

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The portal's own zh-Hans messages for the admin (what Wagtail's catalogue lacks or words
# differently). Django reads these before the apps' catalogues; `compile_translations`
# (run by `make run` and `make test`) writes the .mo files.
LOCALE_PATHS = [BASE_DIR / "locale"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@localhost")
