"""Keep the segmenter's dictionary and the index in step with the admin.

A new word (an editor's term, a zone's name or short name) reloads the
dictionary in every process and, once the change is committed, re-segments the
pages that may contain it, so searching for the whole word finds them.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from portal.search.indexing import reindex_pages_mentioning
from portal.search.models import SearchTerm
from portal.search.segment import dictionary_changed
from zones.models import ZonePage


def names(instance, fields):
    return [getattr(instance, field) for field in fields if getattr(instance, field, "")]


@receiver(pre_save, sender=SearchTerm)
@receiver(pre_save, sender=ZonePage)
def remember_old_names(sender, instance, **kwargs):
    fields = ["word"] if sender is SearchTerm else ["title", "short_name"]
    old = sender.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    instance._old_search_names = list(old.values()) if old else []


@receiver([post_save, post_delete], sender=SearchTerm)
@receiver([post_save, post_delete], sender=ZonePage)
def names_changed(sender, instance, **kwargs):
    fields = ["word"] if sender is SearchTerm else ["title", "short_name"]
    old = getattr(instance, "_old_search_names", [])
    new = names(instance, fields)
    if kwargs.get("signal") is post_save and sorted(old) == sorted(new):
        return
    dictionary_changed()
    transaction.on_commit(partial(reindex_pages_mentioning, set(old + new)))
