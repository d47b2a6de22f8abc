"""Search on every path its database offers: on PostgreSQL ranked by the RUM index
(migration portal_search 0004, where the extension is installed) and, with that index
dropped as on a server without RUM, by Wagtail's ranking over the GIN index; SQLite's
FTS5 on SQLite. A test module asks for them with `pytestmark = SEARCH_PATHS`."""

import pytest
from django.conf import settings
from django.db import connection

from portal.site.search import ranked_index

POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
SEARCH_PATHS = pytest.mark.usefixtures("search_path")
RUM_INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {ranked_index.INDEX} ON wagtailsearch_indexentry "
    "USING rum ((title || body) rum_tsvector_ops)"
)


@pytest.fixture(params=["rum", "gin"] if POSTGRES else ["fts5"])
def search_path(request, db):
    """Which path the test's searches take ("rum", "gin" or "fts5")."""
    ranked_index.forget()
    had_rum = ranked_index.available()
    if request.param == "rum" and not had_rum:
        pytest.skip("PostgreSQL has no RUM extension here: apt-get install postgresql-15-rum")
    if request.param == "gin" and had_rum:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {ranked_index.INDEX}")
        ranked_index.forget()
    yield request.param
    # The test's rollback brings the index back; a transactional test has none to do.
    if request.param == "gin" and had_rum and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(RUM_INDEX_SQL)
    ranked_index.forget()
