"""The database: SQLite on one machine, PostgreSQL with DATABASE_URL."""

import dj_database_url

from portal.settings.environment import BASE_DIR, env

# SQLite: WAL so readers never wait for a writer; IMMEDIATE transactions and a
# busy timeout so concurrent writers queue instead of failing with "locked". Its
# connections are kept (CONN_MAX_AGE) like PostgreSQL's: a new one parses the whole
# schema (350 tables and indexes) on its first query, about 2.5 ms of CPU, which was
# most of what an article built afresh cost under gunicorn (docs/performance.md).
SQLITE_PATH = env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that stops answering fails requests in seconds (a friendly 503)
    # instead of holding every worker until gunicorn's timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
