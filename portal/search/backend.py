"""Wagtail's database search backend, with PostgreSQL's matches kept out of the rows.

To filter, Wagtail annotates each page with its whole `title || body` text vector, and
Django then selects that annotation too: PostgreSQL builds kilobytes per match and sorts
them with the rows (a 25 MB on-disk sort for a common word at 10,000 articles). The
vector is only needed in WHERE and ORDER BY, so it is dropped from the SELECT list, as
Django's own `alias()` does. SQLite and other databases get Wagtail's backend unchanged.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

VECTOR = "_vector_"  # the annotation Wagtail's compiler filters on


class UnselectedVectorQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        queryset = super().search(*args, **kwargs)
        query = queryset.query
        if VECTOR in query.annotation_select:
            query.set_annotation_mask(set(query.annotation_select) - {VECTOR})
        return queryset


class PortalPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = UnselectedVectorQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend class up by this name)
    if connection.vendor == "postgresql":
        return PortalPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
