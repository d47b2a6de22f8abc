"""When the page cache's generation is bumped: whatever readers see has changed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import BaseViewRestriction, Orderable, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from portal.caching.generation import bump_generation


def pages_changed(**kwargs):
    # Now, so this request already sees it, and after the commit, so a reader who
    # rendered from the old rows in between cannot leave a stale page behind.
    bump_generation()
    transaction.on_commit(bump_generation)


page_published.connect(pages_changed, dispatch_uid="pagecache-published")
page_unpublished.connect(pages_changed, dispatch_uid="pagecache-unpublished")
post_page_move.connect(pages_changed, dispatch_uid="pagecache-moved")


# Any page row (drafts too: rarely wrong to refresh, never wrong to be fresh), the ordered
# rows pages and snippets hold (home blocks, attachments, directory links…), settings,
# sites and view restrictions; and every snippet (messages, member units…).
WATCHED = (Page, Orderable, BaseSiteSetting, BaseGenericSetting, Site, BaseViewRestriction)


@receiver(post_save, dispatch_uid="pagecache-saved")
@receiver(post_delete, dispatch_uid="pagecache-deleted")
def content_changed(sender, instance, created=False, **kwargs):
    if created and unseen_by_readers(instance):
        return  # what the public forms create (投稿 drafts, 留言 awaiting moderation)
    if isinstance(instance, WATCHED) or sender in get_snippet_models():
        pages_changed()


def unseen_by_readers(instance):
    """A draft page, or a record that says readers do not see it (`shown_to_readers`)."""
    if isinstance(instance, Page):
        return not instance.live
    shown = getattr(instance, "shown_to_readers", None)
    return shown is not None and not shown()
