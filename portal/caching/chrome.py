"""The chrome's pieces (header, menu, 通知公告 box, footer, site name…), each built once
per site and kept until content changes, like every `remember`ed answer."""

from wagtail.models import Site

from portal.caching.generation import DAY, remember, remembered


def chrome_name(site_id, name, *vary):
    return ":".join(["chrome", str(site_id), name, *map(str, vary)])


def cached(request, name, build, *vary, timeout=None):
    """`build(site)`, kept until content changes per site; None without a site.
    `timeout(site)` may shorten its life, e.g. to the next notice expiry."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    lifetime = (lambda: min(DAY, timeout(site) or DAY)) if timeout else DAY
    return remember(chrome_name(site.pk, name, *vary), lambda: build(site), lifetime)


def last_cached(site_id, name):
    """What `cached` last kept of `name` for the site, without building it."""
    return remembered(chrome_name(site_id, name))
