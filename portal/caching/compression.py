"""HTML compressed with gzip when the app answers directly (no nginx in front).

Pages kept for readers are compressed once, when they are stored (pagecache.py), so a
hit costs no compression. Everything else is compressed on the way out, except responses
carrying the reader's CSRF token: a secret in a compressed page that also reflects input
is what BREACH guesses (Django masks the token and pads gzip output too; forms are small,
so leaving them plain costs little)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.text import compress_string

# Below this, gzip's header outweighs the saving (Django's own threshold).
MIN_LENGTH = 200


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def gzipped(content):
    """`content` compressed, or None when compression would not make it smaller."""
    if len(content) < MIN_LENGTH:
        return None
    compressed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
    return compressed if len(compressed) < len(content) else None


def weak(etag):
    """The ETag of a compressed variant: weak, as Django's GZipMiddleware makes it."""
    return etag if etag.startswith("W/") else "W/" + etag


def carries_csrf_token(response):
    """Django sends the CSRF cookie with every response whose page rendered the token
    (and clears the request's mark of it before outer middleware sees it)."""
    return settings.CSRF_COOKIE_NAME in response.cookies


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if carries_csrf_token(response):
            return response
        return super().process_response(request, response)
