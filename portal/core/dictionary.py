"""Keep the segmenter's dictionary and the index in step with the admin.

A new word (an editor's term, a zone's name or short name) reloads the
dictionary in every process and, once the change is committed, re-segments the
pages that may contain it, so searching for the whole word finds them.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from portal.core.segmentation import base_words, dictionary_changed, dictionary_models


def names(instance):
    return [
        getattr(instance, field)
        for field in instance.dictionary_fields
        if getattr(instance, field, "")
    ]


def remember_old_names(sender, instance, **kwargs):
    fields = sender.dictionary_fields
    old = sender.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    instance._old_search_names = list(old.values()) if old else []


def names_changed(sender, instance, **kwargs):
    old = getattr(instance, "_old_search_names", [])
    new = names(instance)
    if kwargs.get("signal") is post_save and sorted(old) == sorted(new):
        return
    dictionary_changed()
    transaction.on_commit(partial(reindex_pages_mentioning, set(old + new)))


def connect():
    """Watch every model that declares dictionary fields (portal.core.segmentation)."""
    for model in dictionary_models():
        uid = f"search-dictionary:{model._meta.label}"
        pre_save.connect(remember_old_names, sender=model, dispatch_uid=f"{uid}:pre")
        post_save.connect(names_changed, sender=model, dispatch_uid=f"{uid}:saved")
        post_delete.connect(names_changed, sender=model, dispatch_uid=f"{uid}:deleted")


def reindex_pages_mentioning(terms):
    """Reindex the live pages whose text holds every default-dictionary part of a term.

    Every index entry contains the default dictionary's cut, so this finds each
    page that may contain the term whole (a superset, bounded by the pages that
    really use those words) without scanning the site. Returns how many.
    """
    ids = set()
    searchable = Page.objects.live()
    for term in terms:
        parts = base_words(term or "")
        if parts:
            ids.update(hit.pk for hit in searchable.search(" ".join(parts), operator="and"))
    pages = Page.objects.filter(pk__in=ids).specific()
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, objs in by_model.items():
            backend.add_bulk(model, objs)
    return len(ids)
