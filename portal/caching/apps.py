from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The page cache, main blocks, chrome, routes and counts, and what invalidates them."""

    name = "portal.caching"
    label = "portal_caching"
    verbose_name = "缓存"

    def ready(self):
        # Importing them connects their signal handlers, in every process (management
        # commands such as publish_scheduled included).
        from portal.caching import cdn, invalidation  # noqa: F401
