"""Rebuilding the index entries of the pages readers search."""

from wagtail.search.backends import get_search_backends

from news.models import NewsPage
from news.notices import NoticePage
from zones.models import ZonePage

SEARCHED_TYPES = (NewsPage, NoticePage, ZonePage)
CHUNK = 500


def reindex_searchable_pages():
    """Re-segment every article, notice and zone profile after a dictionary change.

    Bounded by the number of those pages (a few thousand index rows written in
    chunks); the association's own pages rarely contain new programme names.
    """
    count = 0
    for model in SEARCHED_TYPES:
        pages = model.objects.live().order_by("pk")
        for start in range(0, pages.count(), CHUNK):
            chunk = list(pages[start : start + CHUNK])
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, chunk)
            count += len(chunk)
    return count
