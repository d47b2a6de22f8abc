"""Adding many published pages under one parent at once, as Wagtail would have stored them.

Django's `bulk_create` refuses multi-table inheritance (a NewsPage is a wagtailcore.Page
row plus a news_newspage row), so the two tables are filled one after the other, with
the tree fields computed here the way treebeard computes them for `add_child()`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page

from portal.compat import child_path, child_step, insert_rows


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def add_children(parent, pages):
    """Insert the unsaved `pages`, all of one page type, as the last children of `parent`.

    Each page needs its title, slug (unique among the parent's children) and
    `first_published_at`; it is stored live and published at that time, with no revision.
    Returns the pages, now with their ids.
    """
    if not pages:
        return pages
    model = type(pages[0])
    if model._meta.get_parent_list() != [Page]:
        raise TypeError(f"{model.__name__} must inherit directly from wagtailcore.Page")
    parent = Page.objects.get(pk=parent.pk)  # fresh path and numchild
    last = parent.get_last_child()
    first_step = child_step(last.path) + 1 if last else 1
    if first_step + len(pages) > len(Page.alphabet) ** Page.steplen:
        raise ValueError(f"{parent.title} cannot hold {len(pages)} more children")

    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(model)
    for step, page in enumerate(pages, start=first_step):
        page.path = child_path(parent.path, step)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type, page.locale_id = content_type, parent.locale_id
        page.live, page.has_unpublished_changes = True, False
        page.draft_title = page.title
        page.last_published_at = page.first_published_at

    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
    Page.objects.bulk_create(rows)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk

    # The child table: what bulk_create does for a plain model, through the same InsertQuery.
    fields = model._meta.local_concrete_fields
    for chunk in chunks(pages, connection.ops.bulk_batch_size(fields, pages)):
        insert_rows(model, chunk, fields)

    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
