"""/healthz for load balancers and monitoring: can this host use the database and the cache?

200 `{"status": "ok"}` when both work; 503 naming what failed otherwise, the reason in the
log. Answered by a middleware ahead of SecurityMiddleware and CommonMiddleware, so a probe
over plain http on the private network is not redirected to HTTPS and one that sends the
backend's address as Host is not refused by ALLOWED_HOSTS. That is safe because nothing
in the answer depends on the host: no URL, no cache key.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

PATH = "/healthz"
logger = logging.getLogger(__name__)


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def shared_cache():
    key, value = f"portal:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


CHECKS = {"database": database, "cache": shared_cache}


def passes(name, check):
    try:
        if check():
            return True
        logger.error("health check failed: %s gave a wrong answer", name)
    except Exception:
        logger.exception("health check failed: %s", name)
    return False


def healthz():
    failed = [name for name, check in CHECKS.items() if not passes(name, check)]
    body = {"status": "error", "failed": failed} if failed else {"status": "ok"}
    response = JsonResponse(body, status=503 if failed else 200)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PATH and request.method in ("GET", "HEAD"):
            return healthz()
        return self.get_response(request)
