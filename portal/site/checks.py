"""`manage.py check --deploy`: the public address must be set before the site goes live."""

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError
from wagtail.models import Site

from portal.core.address import default_site_matches, host_and_port, is_local, site_url


@register(deploy=True)
def public_address_check(app_configs, **kwargs):
    if not settings.PRODUCTION:
        return []
    hostname, _ = host_and_port()
    if is_local(hostname):
        return [
            Error(
                f"SITE_URL is {site_url()}: canonical addresses, the sitemap and share "
                "links would point to this machine.",
                hint="Set SITE_URL (or ALLOWED_HOSTS) to the public address, "
                "e.g. SITE_URL=https://www.example.org.cn",
                id="portal.E001",
            )
        ]
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # no database yet: `migrate` will write SITE_URL into the site it makes
    if site is None or not default_site_matches(site):
        held = f"{site.hostname}:{site.port}" if site else "no default site"
        return [
            Error(
                f"The default Wagtail site is {held}, not SITE_URL {site_url()}.",
                hint="Run `python manage.py set_site_address` (migrate does it too).",
                id="portal.E002",
            )
        ]
    return []
