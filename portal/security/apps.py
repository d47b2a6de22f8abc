from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """CSP, the client address behind proxies, login lockout, two-factor, media serving."""

    name = "portal.security"
    label = "portal_security"
    verbose_name = "安全"
