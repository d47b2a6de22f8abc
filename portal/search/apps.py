from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "portal_search"
    verbose_name = "站内搜索"

    def ready(self):
        from portal.search import signals  # noqa: F401  (connects the handlers)
