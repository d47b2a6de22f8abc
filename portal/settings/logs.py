"""Logs: one line per record on stderr, JSON in production."""

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import PRODUCTION
from portal.settings.environment import env

# Logs: one line per record on stderr (portal/logs.py). JSON in production, for the log
# collector; plain text in development. Each line carries the request's id.
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text', not {LOG_FORMAT!r}.")
LOGGING_CONFIG = "portal.ops.logs.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Replaces Django's own handlers (console when debugging, mail_admins): everything
    # reaches the root's one handler, once. runserver's request lines keep theirs.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Two lines for each background task of every page save: only its problems.
        "django_tasks": {"level": "WARNING"},
    },
}
