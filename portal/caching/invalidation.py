"""What a change makes stale, on every host: the tags of what showed the changed object
(dependencies.py), or, for the rare changes that reach everywhere, the whole generation.

A page that changes while live (or stops or starts being live) touches its
`invalidation_tags` as they were before and after the change: itself, what every
imprecise entry shows (ANY_CONTENT), the chrome near the top of the tree, and what its
type adds (an article's neighbours, a notice's box). A move or a new address also
touches its descendants and the pages whose body links to it (Wagtail's reference
index). What readers do not see (a draft, a 投稿, a 留言 awaiting moderation, a lock)
touches nothing.

Each touch is done now, so this request already sees it, and again after the commit, so
a reader who rendered from the old rows in between cannot leave a stale entry behind.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from taggit.models import Tag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Orderable, Page, ReferenceIndex, Revision, Site
from wagtail.signals import post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from portal.caching.dependencies import touch
from portal.caching.generation import bump_generation
from portal.caching.tags import ANY_CONTENT, CHROME, SCHEDULE, page_tag

# What Wagtail saves on a page row for a draft, a comment or a lock: unseen by readers.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# Past this many pages below a moved page, the whole generation is replaced instead.
MOVED_AT_MOST = 1000
BEFORE = "_portal_invalidation_before"


def touch_now_and_after_commit(tags):
    if tags:
        touch(tags)
        transaction.on_commit(lambda: touch(tags))


def everything_changed():
    bump_generation()
    transaction.on_commit(bump_generation)


def seen_state(page):
    """(url_path, tags) of a page as readers see it, or None while it is not live."""
    if not page.live:
        return None
    specific = page.specific_deferred if type(page) is Page else page
    declared = getattr(specific, "invalidation_tags", None)
    # A page type that does not say (Wagtail's own): as if it were everywhere.
    tags = declared() if declared else {page_tag(page), ANY_CONTENT, CHROME}
    return page.url_path, frozenset(tags)


def stored_state(page):
    stored = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    return seen_state(stored) if stored is not None else None


def touch_page_change(page, before, after):
    """Touch what showed `page` before and what shows it after (states as `seen_state`)."""
    if before is None and after is None:
        return  # never seen by readers
    tags = set(before[1] if before else ()) | set(after[1] if after else ())
    if before is None or after is None or before[0] != after[0]:
        # A new address, or none: links to it, and what is below it, change too.
        tags |= referring_page_tags([page])
        if before is not None and after is not None:
            descendants = Page.objects.descendant_of(page).values_list("pk", flat=True)
            ids = list(descendants[: MOVED_AT_MOST + 1])
            if len(ids) > MOVED_AT_MOST:
                everything_changed()
                return
            tags |= {page_tag(pk) for pk in ids} | referring_page_tags_of_ids(ids)
    touch_now_and_after_commit(tags)


def referring_page_ids(objects):
    """The ids of the pages whose content refers to any of `objects` (links, pictures,
    documents), as Wagtail's reference index records them."""
    pages = ContentType.objects.get_for_model(Page).pk
    references = ReferenceIndex.get_references_to_in_bulk(objects).filter(
        base_content_type_id=pages
    )
    return set(references.values_list("object_id", flat=True))


def referring_page_tags(objects):
    return {page_tag(pk) for pk in referring_page_ids(objects)}


def referring_page_tags_of_ids(ids):
    return referring_page_tags(list(Page.objects.filter(pk__in=ids))) if ids else set()


@receiver(pre_save, dispatch_uid="cache-page-before-save")
def remember_page_before_save(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page) and not draft_only(update_fields):
        setattr(instance, BEFORE, stored_state(instance))


@receiver(pre_delete, dispatch_uid="cache-page-before-delete")
def remember_page_before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        setattr(instance, BEFORE, stored_state(instance))


def draft_only(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS


def page_saved(instance, update_fields):
    if draft_only(update_fields):
        return
    before = getattr(instance, BEFORE, None)
    touch_page_change(instance, before, seen_state(instance))
    setattr(instance, BEFORE, seen_state(instance))  # for its next save in this request


def page_deleted(instance):
    touch_page_change(instance, getattr(instance, BEFORE, None), None)


_before_move = {}  # page id: its state before the move (Wagtail sends a new object after)


def pre_move(sender, instance, **kwargs):
    _before_move[instance.pk] = stored_state(instance)


def moved(sender, instance, **kwargs):
    page = Page.objects.get(pk=instance.pk).specific
    touch_page_change(page, _before_move.pop(instance.pk, None), seen_state(page))


pre_page_move.connect(pre_move, dispatch_uid="cache-page-before-move")
post_page_move.connect(moved, dispatch_uid="cache-page-moved")


def holder_changed(orderable):
    """A row a page or snippet holds (home blocks, attachments, directory links) changed:
    so did its holder. Without a holder to name, everything may have."""
    holder = None
    for field in orderable._meta.fields:
        if isinstance(field, ParentalKey):
            holder = field.related_model.objects.filter(pk=field.value_from_object(orderable))
            holder = holder.first()
            break
    if isinstance(holder, Page):
        state = seen_state(holder)
        touch_page_change(holder, state, state)
    elif holder is not None:
        changed(holder)
    else:
        everything_changed()


def changed(instance):
    """Something readers may see changed: a snippet or setting (`invalidates` names the
    tags of what shows it; without it, everything may), a picture or a document (the
    pages that use it), a view restriction, a site."""
    declared = getattr(type(instance), "invalidates", None)
    if declared is not None:
        touch_now_and_after_commit(set(declared))
    elif isinstance(instance, (get_image_model(), get_document_model())):
        touch_now_and_after_commit(referring_page_tags([instance]) | {ANY_CONTENT})
    else:
        everything_changed()


def holds_defaults(setting):
    defaults = type(setting)()
    fields = [f for f in setting._meta.concrete_fields if not f.primary_key and f.name != "site"]
    return all(f.value_from_object(setting) == f.value_from_object(defaults) for f in fields)


# Besides pages: the ordered rows pages and snippets hold, settings, sites, view
# restrictions, tags, pictures, documents and every snippet (messages, member units…).
WATCHED = (Orderable, BaseSiteSetting, BaseGenericSetting, Site, BaseViewRestriction, Tag)


def watched(sender, instance):
    media = (get_image_model(), get_document_model())
    return isinstance(instance, WATCHED + media) or sender in get_snippet_models()


@receiver(post_save, dispatch_uid="cache-saved")
@receiver(post_delete, dispatch_uid="cache-deleted")
def content_changed(sender, instance, created=False, update_fields=None, **kwargs):
    deleted = "origin" in kwargs  # post_delete's
    if isinstance(instance, Page):
        page_deleted(instance) if deleted else page_saved(instance, update_fields)
    elif isinstance(instance, Revision):
        touch_now_and_after_commit({SCHEDULE})  # scheduled go-live times may have moved
    elif created and unseen_by_readers(instance):
        return  # a new picture, document or tag nothing shows yet; a 留言 awaiting review
    elif isinstance(instance, Orderable):
        holder_changed(instance)
    elif watched(sender, instance):
        changed(instance)


def unseen_by_readers(instance):
    """A new record nothing shows yet, one that says readers do not see it
    (`shown_to_readers`), or a settings row made with the defaults readers already saw
    (Wagtail creates one when a page of the admin first reads the settings)."""
    if isinstance(instance, (get_image_model(), get_document_model(), Tag)):
        return True
    if isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return holds_defaults(instance)
    shown = getattr(instance, "shown_to_readers", None)
    return shown is not None and not shown()
