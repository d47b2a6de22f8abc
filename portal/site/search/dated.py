"""A search's matches as dated entries (migration portal_search 0005), on PostgreSQL:
counted there, and the newest of them found there when there are too many to rank all
(portal.site.search.query).

The dated entries hold each page's words beside its 发布时间, one row a page, so PostgreSQL
checks a row's words in place instead of joining Wagtail's entry (by one probe per page
type) and concatenating its two vectors. Each match is checked against the search's
filters (live, public, site, type, column) by the page's primary key. For the newest, it
walks them down by date, or for a rare word sorts the few its GIN index gives. Elsewhere
(SQLite, Elasticsearch) the search backend is asked, as Wagtail does.
"""

from portal.site.search.backend import PortalPostgresSearchBackend
from portal.site.search.models import DatedEntry


def matches(pages, text, operator):
    """The dated entries of the `pages` that match `text`; None where search does not run
    on PostgreSQL's own index."""
    results = pages.search(text, operator=operator, order_by_relevance=False)
    if not isinstance(results.backend, PortalPostgresSearchBackend):
        return None
    compiler = results.query_compiler
    query = compiler.build_tsquery(compiler.query, config=compiler.get_config(results.backend))
    return DatedEntry.objects.filter(vector=query, page__in=pages.values("pk"))


def newest_ids(pages, text, operator, limit, since=None, before=None):
    """The ids of the `limit` newest of `pages` that match `text`, newest first (`pages`
    published from `since` and before `before` only, as far as they are given)."""
    entries = matches(pages, text, operator)
    if entries is None:
        by_date = pages.only("id").order_by("-first_published_at", "-id")
        found = by_date.search(text, operator=operator, order_by_relevance=False)
        return [page.pk for page in found[:limit]]
    if since:  # the dates asked for, in the walk itself too: it starts at their end
        entries = entries.filter(published_at__gte=since)
    if before:
        entries = entries.filter(published_at__lt=before)
    entries = entries.order_by("-published_at", "-page_id")
    return list(entries.values_list("page_id", flat=True)[:limit])
