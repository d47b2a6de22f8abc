from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site layer: home page, 网站设置, chrome, search, sharing, demo content. Its label
    stays `portal`, the app's name before the layers, so no table or migration moved."""

    name = "portal.site"
    label = "portal"
    verbose_name = "门户"
