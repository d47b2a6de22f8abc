"""Re-segmenting the index entries a dictionary change affects."""

from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from news.models import NewsPage
from news.notices import NoticePage
from portal.search.segment import base_words
from zones.models import ZonePage

SEARCHED_TYPES = (NewsPage, NoticePage, ZonePage)


def reindex_pages_mentioning(terms):
    """Reindex the live pages whose text holds every default-dictionary part of a term.

    Every index entry contains the default dictionary's cut, so this finds each
    page that may contain the term whole (a superset, bounded by the pages that
    really use those words) without scanning the site. Returns how many.
    """
    ids = set()
    searchable = Page.objects.live().type(*SEARCHED_TYPES)
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
