"""Placing new pages in the tree: the one door every writer of pages in code goes through."""

from django.db import transaction
from wagtail.models import Page


@transaction.atomic
def add_child_page(parent, page):
    """Add `page` as the last child of `parent` and save it, its slug made by the slug rule.

    The parent's row is locked and its child count read afresh first: treebeard places
    the child from that count, so two pages added at once under one parent (two 投稿 to
    one column, an import beside an editor) would otherwise take the same tree position
    or the same slug. SQLite's write transactions are serial already.
    """
    locked = Page.objects.select_for_update().filter(pk=parent.pk)
    parent.numchild = locked.values_list("numchild", flat=True).get()
    return parent.add_child(instance=page)
