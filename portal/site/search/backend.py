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

from portal.compat import SEARCH_VECTOR_ANNOTATION, hide_annotation


class UnselectedVectorQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        return hide_annotation(super().search(*args, **kwargs), SEARCH_VECTOR_ANNOTATION)


class PortalPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = UnselectedVectorQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend class up by this name)
    if connection.vendor == "postgresql":
        return PortalPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
