"""Whether search takes its ranked order from the RUM index (migration portal_search 0004).

With it, PostgreSQL returns the matches best first from the index (`vector <=> query`),
so a page of results reads only its own rows. Without it (no RUM on this server, SQLite,
Elasticsearch) search ranks as Wagtail's backend does. Looked up once per process and
database: the index comes and goes only with migrations.
"""

import contextlib
import contextvars

from django.db import connection

INDEX = "portal_search_indexentry_title_body_rum"

_available = {}
_set_aside = contextvars.ContextVar("ranked_index_set_aside", default=False)


def available():
    """Whether the database the search runs on has the RUM index."""
    if connection.vendor != "postgresql":
        return False
    database = tuple(connection.settings_dict.get(key) for key in ("HOST", "PORT", "NAME"))
    if database not in _available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [INDEX])
            _available[database] = cursor.fetchone()[0]
    return _available[database]


def in_use():
    """Whether a search ranked now takes its order from the index."""
    return not _set_aside.get() and available()


@contextlib.contextmanager
def set_aside():
    """Rank as Wagtail does within the block: for a few pages given by id, which the
    index would find in ranked order only by scoring every match of the query."""
    token = _set_aside.set(True)
    try:
        yield
    finally:
        _set_aside.reset(token)


def forget():
    """Look again on the next search (after the index was created or dropped)."""
    _available.clear()
