from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """CSP, the client address behind proxies, login lockout, two-factor, media serving."""

    name = "portal.security"
    label = "portal_security"
    verbose_name = "安全"

    def ready(self):
        # Connects the per-address count of failed logins before the first login.
        from portal.security import accounts  # noqa: F401
