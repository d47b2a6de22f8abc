"""The site's public address (`SITE_URL`), the one source of every absolute address the
portal writes, and the default Wagtail site that carries it to `page.get_full_url()`."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def site_url():
    """`https://www.example.org.cn`: scheme, host and port, no trailing slash."""
    return settings.SITE_URL


def absolute(path):
    """`path` (an address on this site, or already absolute) as a full address."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + path


def host_and_port():
    """The host name and port of SITE_URL as Wagtail's Site record holds them."""
    parts = urlsplit(site_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def is_local(hostname):
    return hostname in LOCAL_HOSTS or hostname.endswith(".localhost")


def default_site_matches(site):
    return (site.hostname, site.port) == host_and_port()


def apply_site_address(using="default"):
    """Writes SITE_URL into the default Wagtail site; returns the site when it changed,
    None when it already held the address (or there is no default site yet)."""
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or default_site_matches(site):
        return None
    site.hostname, site.port = host_and_port()
    site.save(using=using)
    return site
