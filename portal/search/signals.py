"""Keep the segmenter's dictionary and the index in step with the admin."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.search.indexing import reindex_searchable_pages
from portal.search.models import SearchTerm
from portal.search.segment import dictionary_changed
from zones.models import ZonePage


@receiver([post_save, post_delete], sender=SearchTerm)
def term_changed(sender, **kwargs):
    dictionary_changed()
    transaction.on_commit(reindex_searchable_pages)


@receiver([post_save, post_delete], sender=ZonePage)
def zone_changed(sender, instance, **kwargs):
    # Zone names join the dictionary at once; other pages pick them up on their
    # next save or `update_index` (until then the OR fallback still finds them).
    dictionary_changed()
