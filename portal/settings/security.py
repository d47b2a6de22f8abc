"""Security. `manage.py check --deploy` passes with no warnings in production."""

import ipaddress

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import PRODUCTION
from portal.settings.environment import env, env_bool, env_list
from portal.settings.files import MEDIA_ORIGIN

# Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: their addresses or
# networks, comma-separated (TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8). Empty: no proxy, and
# those headers are ignored. portal.security.proxies.client_ip() is the one place that reads them.
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
# The Wagtail admin and its previews (portal.security.csp swaps this in under the admin's URL):
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
# A form posted without a valid CSRF token gets a Chinese page in the site's chrome.
CSRF_FAILURE_VIEW = "portal.site.views.csrf_failure"
