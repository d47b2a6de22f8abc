"""站内搜索 over articles, notices and zone profiles (segmentation: segment.py)."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from portal.site.search.highlight import highlight, pattern, snippet
from portal.site.search.query import SearchForm, run_search, text_index_preferred
from portal.site.statistics.models import record_search

PER_PAGE = 20
# Popular searches look back as far as the query log is kept (WAGTAILSEARCH_HITS_MAX_AGE).
POPULAR_DAYS = settings.WAGTAILSEARCH_HITS_MAX_AGE
POPULAR_COUNT = 8


@require_safe
def search(request):
    site = Site.find_for_request(request)
    form = SearchForm(request.GET, site)
    form.is_valid()
    query = form.query
    with text_index_preferred():
        found = run_search(form, site)
        paginator = Paginator(found.results, PER_PAGE)
        paginator.count = found.listed  # counted once already (counting a ranking ranks it)
        page = paginator.get_page(request.GET.get("page"))
        hits = annotated(page.object_list, pattern(found.words))
    if query and "page" not in request.GET:  # a search, not the turning of its pages
        # One upsert beside the search itself (访问统计's searches per day).
        record_search(query, found=bool(hits))
    if hits and page.number == 1:
        Query.get(query).add_hit()
    return TemplateResponse(
        request,
        "portal/search.html",
        {
            "form": form,
            "query": query,
            "results": page,
            "found": found,
            "hits": hits,
            "promotions": promotions(query),
            "popular": popular_queries() if query and not hits else [],
        },
    )


def annotated(results, regex):
    """The result pages as (specific page, highlighted title, snippet), in order."""
    ids = [page.pk for page in results]
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [
        {
            "page": specific[pk],
            "title": highlight(specific[pk].title, regex),
            "snippet": snippet(specific[pk], regex),
        }
        for pk in ids
        if pk in specific
    ]


def promotions(query):
    if not query:
        return []
    return (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .exclude(page__live=False)  # a promoted page that was unpublished since
        .select_related("page")
        .order_by("sort_order")
    )


def popular_queries():
    since = timezone.localdate() - datetime.timedelta(days=POPULAR_DAYS)
    return Query.get_most_popular(date_since=since)[:POPULAR_COUNT]
