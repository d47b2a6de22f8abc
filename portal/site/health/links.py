"""The dead-link job: which addresses to check, and what each run records.

Only what editors linked to is requested: the link directory and the outbound links in
the bodies of live pages. A link is dead once SITE_HEALTH_LINK_FAILURES runs in a row
failed on it, each at least SITE_HEALTH_LINK_RECHECK_HOURS after the previous check, so
one bad night of another site does not make it dead.
"""

import datetime
import html
import re
from collections import defaultdict
from itertools import zip_longest
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from portal.site.health.linkcheck import LinkChecker
from portal.site.health.models import LinkCheck, LinkUse
from portal.site.models import DirectoryLink

HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# PostgreSQL indexes at most ~2,700 bytes of a value: 800 characters of Chinese fit.
MAX_URL_LENGTH = 800


def outbound(url):
    """The address as checked, or None if it is not an http(s) address of another site."""
    url = html.unescape(url).strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or len(url) > MAX_URL_LENGTH:
        return None
    return parts._replace(fragment="").geturl()


def texts(value):
    """Every string inside a StreamField's raw data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def links_in(raw_body):
    found = set()
    for text in texts(raw_body):
        if "href" in text:
            found.update(filter(None, (outbound(m) for m in HREF.findall(text))))
    return found


def body_models():
    """The page types with a StreamField named `body`."""
    for model in get_page_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "body"), None)
        if isinstance(field, StreamField) and field.model is model:
            yield model


def collect():
    """{address: [("directory", link id) or ("page", page id), …]} of what to check."""
    found = defaultdict(list)
    for pk, url in DirectoryLink.objects.exclude(url="").values_list("pk", "url"):
        if address := outbound(url):
            found[address].append(("directory", pk))
    for model in body_models():
        for page in model.objects.live().only("pk", "body").iterator(chunk_size=500):
            for address in links_in(list(page.body.raw_data)):
                found[address].append(("page", page.pk))
    return found


@transaction.atomic
def record_uses(found):
    """Keep one LinkCheck per address found (with its history) and where each is used;
    addresses no longer linked anywhere are forgotten."""
    existing = dict(LinkCheck.objects.values_list("url", "pk"))
    gone = [pk for url, pk in existing.items() if url not in found]
    for start in range(0, len(gone), 500):
        LinkCheck.objects.filter(pk__in=gone[start : start + 500]).delete()
    LinkCheck.objects.bulk_create(
        [LinkCheck(url=url) for url in found if url not in existing], batch_size=500
    )
    ids = dict(LinkCheck.objects.values_list("url", "pk"))
    LinkUse.objects.all().delete()
    LinkUse.objects.bulk_create(
        [
            LinkUse(
                link_id=ids[url], **{"directory_link_id" if kind == "directory" else "page_id": pk}
            )
            for url, places in found.items()
            for kind, pk in places
        ],
        batch_size=500,
    )


def due(now):
    """The links not checked within the recheck interval, one host after another in turn
    so the per-host pause overlaps with requests to other hosts."""
    cutoff = now - datetime.timedelta(hours=settings.SITE_HEALTH_LINK_RECHECK_HOURS)
    links = LinkCheck.objects.filter(last_checked_at__isnull=True) | LinkCheck.objects.filter(
        last_checked_at__lte=cutoff
    )
    by_host = defaultdict(list)
    for link in links.order_by("pk"):
        by_host[urlsplit(link.url).hostname].append(link)
    return [link for turn in zip_longest(*by_host.values()) for link in turn if link]


def checker():
    return LinkChecker(
        timeout=settings.SITE_HEALTH_LINK_TIMEOUT,
        attempts=settings.SITE_HEALTH_LINK_ATTEMPTS,
        max_redirects=settings.SITE_HEALTH_LINK_REDIRECTS,
        host_interval=settings.SITE_HEALTH_LINK_HOST_INTERVAL,
        allow_private=settings.SITE_HEALTH_LINK_PRIVATE_HOSTS,
    )


def record(link, outcome, now):
    link.last_checked_at = now
    link.last_status = outcome.status
    link.last_error = outcome.error[:200]
    link.consecutive_failures = 0 if outcome.ok else link.consecutive_failures + 1
    link.save(
        update_fields=["last_checked_at", "last_status", "last_error", "consecutive_failures"]
    )


def check_links(link_checker=None, log=lambda line: None):
    """One run: find the links, check those due, record each outcome. Returns
    (checked, failed) counts."""
    record_uses(collect())
    link_checker = link_checker or checker()
    checked = failed = 0
    for link in due(timezone.now()):
        outcome = link_checker.check(link.url)
        record(link, outcome, timezone.now())
        checked += 1
        if not outcome.ok:
            failed += 1
            log(f"{link.url}: {outcome.error}（连续 {link.consecutive_failures} 次）")
    return checked, failed
