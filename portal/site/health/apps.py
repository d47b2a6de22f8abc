from django.apps import AppConfig


class HealthConfig(AppConfig):
    """网站健康自查: what editors must look after, in the admin and by weekly e-mail."""

    name = "portal.site.health"
    label = "site_health"
    verbose_name = "网站健康自查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.site.health import signals  # noqa: F401  (connects the receivers)
