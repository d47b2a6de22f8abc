from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户"

    def ready(self):
        # Wagtail imports wagtail_hooks only when the admin first needs a hook; import
        # it now so the chrome's cache invalidation also runs in management commands
        # (publish_scheduled, imports) that never touch the admin.
        from portal import cache_invalidation, cdn, wagtail_hooks  # noqa: F401
