"""The content checks' findings in live pages, kept for the self-check.

Judging a page reads its body, images and links; doing it for every live page on each
view of 网站健康自查 took the page's time up with the site's size. So `check_content`
judges every live page nightly, in chunks of CHUNK pages (one transaction each: a chunk
that fails keeps its previous findings), and each publish judges that page again, so an
editor who fixes a page sees its line go at once. What changes without a publish (the
敏感词 list, a picture's 替代文字) shows after the next night's run.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from portal.site import content_checks
from portal.site.health.models import ContentFinding

CHUNK = 500


def replace_findings(page_ids, findings_by_page, now):
    with transaction.atomic():
        ContentFinding.objects.filter(page_id__in=page_ids).delete()
        ContentFinding.objects.bulk_create(
            ContentFinding(
                page_id=page.pk, kind=finding.kind, message=finding.message, checked_at=now
            )
            for page, findings in findings_by_page.items()
            for finding in findings
        )


def check_page(page):
    """Judge one page again, after its publish."""
    replace_findings([page.pk], content_checks.findings_for_pages([page]), timezone.now())


def forget_page(page):
    ContentFinding.objects.filter(page_id=page.pk).delete()


def check_content(log=lambda line: None):
    """Judge every live page (the root aside) and drop the findings of pages no longer
    live; the number of pages judged and of findings kept."""
    now = timezone.now()
    live = Page.objects.live().filter(depth__gt=1)
    ids = list(live.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        replace_findings(chunk, content_checks.findings_for_pages(live.filter(pk__in=chunk)), now)
        log(f"已检查 {min(start + CHUNK, len(ids))}/{len(ids)} 个页面")
    ContentFinding.objects.exclude(page__in=live).delete()
    return len(ids), ContentFinding.objects.count()
