"""The chrome's pieces (header, menu, 通知公告 box, footer, site name…), each built once
per site and kept until what it shows changes (the chrome, unless it says otherwise)."""

from wagtail.models import Site

from portal.caching.generation import DAY, remember, remembered
from portal.caching.tags import CHROME


def chrome_name(site_id, name, *vary):
    return ":".join(["chrome", str(site_id), name, *map(str, vary)])


def cached(request, name, build, *vary, timeout=None, tags=(CHROME,)):
    """`build(site)`, kept per site until what it shows (`tags`) changes; None without a
    site. `timeout(site)` may shorten its life, e.g. to the next notice expiry."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return kept(site, name, build, *vary, timeout=timeout, tags=tags)


def kept(site, name, build, *vary, timeout=None, tags=(CHROME,)):
    """What `cached` gives for a request to `site`."""
    lifetime = (lambda: min(DAY, timeout(site) or DAY)) if timeout else DAY
    return remember(chrome_name(site.pk, name, *vary), lambda: build(site), lifetime, tags=tags)


def last_cached(site_id, name):
    """What `cached` last kept of `name` for the site, without building it."""
    return remembered(chrome_name(site_id, name))
