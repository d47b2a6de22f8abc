from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SiteConfig(AppConfig):
    """The site layer: home page, 网站设置, chrome, search, sharing, demo content. Its label
    stays `portal`, the app's name before the layers, so no table or migration moved."""

    name = "portal.site"
    label = "portal"
    verbose_name = "门户"

    def ready(self):
        from portal.site import checks  # noqa: F401  (registers the deploy check)

        post_migrate.connect(write_site_address, sender=self, dispatch_uid="site-address")


def write_site_address(using, verbosity=1, **kwargs):
    """After every `migrate`, the default Wagtail site carries SITE_URL."""
    from portal.core.address import apply_site_address, site_url

    if apply_site_address(using) is not None and verbosity:
        print(f"默认站点的网址已设为 {site_url()}（SITE_URL）")
