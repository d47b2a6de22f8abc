"""Wagtail's database search backend, with PostgreSQL's matches kept out of the rows and,
where the RUM index exists, ranked by it.

To filter, Wagtail annotates each page with its whole `title || body` text vector, and
Django then selects that annotation too: PostgreSQL builds kilobytes per match and sorts
them with the rows (a 25 MB on-disk sort for a common word at 10,000 articles). The
vector is only needed in WHERE and ORDER BY, so it is dropped from the SELECT list, as
Django's own `alias()` does.

Wagtail ranks by `ts_rank` of title and body, which reads every match's vector: for a
word in most articles, most of the index. With the RUM index (portal.site.search.
ranked_index) the order is RUM's `vector <=> query` on the same `title || body`, which
the index returns best first, so the LIMIT of a results page stops the scan. RUM scores
as `ts_rank` does with its default weights (title words weigh A, body words D: Wagtail's
own weights for the portal's boosts), without Wagtail's title-length factor.
SQLite and other databases get Wagtail's backend unchanged.
"""

from django.db import connection
from django.db.models import F, FloatField, Func, Value
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from portal.compat import SEARCH_VECTOR_ANNOTATION, hide_annotation
from portal.site.search import ranked_index


class IndexDistance(Func):
    """RUM's distance between a text vector and a query: the smaller, the better the match."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


class PortalQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        return hide_annotation(super().search(*args, **kwargs), SEARCH_VECTOR_ANNOTATION)

    def _build_rank_expression(self, vectors, config):
        if not (self.order_by_relevance and ranked_index.in_use()):
            return super()._build_rank_expression(vectors, config)
        query = self.build_tsquery(self.query, config=config)
        return IndexDistance(F(SEARCH_VECTOR_ANNOTATION), query)

    def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
        if not isinstance(rank_expression, IndexDistance):
            return super()._apply_ordering_and_scoring(
                queryset, rank_expression, start, stop, score_field
            )
        # The distance alone: a second key (Wagtail's "-pk") would make PostgreSQL sort
        # every match instead of reading the index in order. Equal distances come in the
        # index's order, the same from one page of results to the next.
        queryset = queryset.order_by(rank_expression.asc())
        if score_field is not None:  # RUM's distance is 1 / its score
            queryset = queryset.annotate(**{score_field: Value(1.0) / rank_expression})
        return queryset[start:stop]


class PortalPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = PortalQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend class up by this name)
    if connection.vendor == "postgresql":
        return PortalPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
