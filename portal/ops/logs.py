"""Logs: one line per record on stderr, JSON in production, each tagged with its request.

`LOGGING` in portal/settings.py picks the format (LOG_FORMAT) and level (LOG_LEVEL);
deploy/gunicorn.conf.py gives gunicorn's own lines and its access log the same shape.
"""

import contextvars
import logging
import logging.config
import re
import uuid

from gunicorn.glogging import Logger
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id = contextvars.ContextVar("request_id", default="-")
# nginx's $request_id is 32 hex digits; anything of this shape is safe to log and echo.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def configure(config):
    """LOGGING_CONFIG: Django's dictConfig, plus Python's warnings (a library's
    UserWarning…) as log records, so they too come out in the chosen format."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)


class RequestIdFilter(logging.Filter):
    """Adds `request_id`: the id of the request being served, `-` outside requests."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    """Gives each request an id: the proxy's X-Request-ID (nginx: `$request_id`) or a new
    one. Everything logged while serving it carries the id, and the response returns it
    as X-Request-ID, which gunicorn's access log records too.

    Sits outside the page cache, so a cached page never replays another request's id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # TrustedProxyMiddleware has dropped the header unless a trusted proxy sent it.
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        current = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = current
        return response


class JsonFormatter(BaseJsonFormatter):
    """time (ISO 8601, UTC), level, logger, message, then the record's extras
    (request_id, status_code…) and the traceback as `exc_info`; Chinese stays readable."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            json_ensure_ascii=False,
            **kwargs,
        )


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log line as fields, request time in milliseconds included."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args

        def raw(name):  # gunicorn escapes quotes for its text format; JSON does its own
            value = atoms[name]
            return value.replace('\\"', '"') if isinstance(value, str) else value

        log_data.update(
            remote_addr=raw("h"),
            method=raw("m"),
            path=raw("U"),
            query=raw("q"),
            status=int(raw("s")),
            bytes=raw("B"),
            duration_ms=round(atoms["D"] / 1000, 1),
            referer=raw("f"),
            user_agent=raw("a"),
            request_id=raw("{x-request-id}o"),
        )


class JsonGunicornLogger(Logger):
    """gunicorn's logger with JSON lines: start-up, worker timeouts and the access log.
    Where they go (stderr, a file) stays gunicorn's own settings."""

    def setup(self, cfg):
        super().setup(cfg)
        for log, formatter in [
            (self.error_log, JsonFormatter),
            (self.access_log, AccessJsonFormatter),
        ]:
            for handler in log.handlers:
                handler.setFormatter(formatter())
