"""Who a 点击量 hit comes from: one count per reader per article per window.

A reader is an anonymous key, the salted HMAC of the client's address and user agent:
the address is never stored, in clear or otherwise, only this digest as a cache key that
expires with the window. Posts from another site are refused (a page elsewhere could
otherwise make every visitor count here), and one address has a rate limit.
"""

from urllib.parse import urlsplit

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from portal.core.public_forms import RateLimit
from portal.security.proxies import client_ip

# One reader counts once per article within this many seconds.
WINDOW_SECONDS = 24 * 3600
# Many readers can share one address (an office behind NAT): generous, but bounded.
RATE_LIMIT = RateLimit("hits", limit=120, period=60)
SAME_SITE = {"same-origin", "none"}


def reader_key_for(ip, agent):
    return salted_hmac("news.readers", f"{ip}\n{agent[:512]}").hexdigest()[:32]


def reader_key(request):
    return reader_key_for(client_ip(request), request.META.get("HTTP_USER_AGENT", ""))


def first_view(request, page_id):
    """Whether this reader has not viewed the article within the window (and records
    that they now have)."""
    return cache.add(f"hit:{page_id}:{reader_key(request)}", 1, WINDOW_SECONDS)


def from_another_site(request):
    """A browser names where a request comes from in Sec-Fetch-Site, and in Origin for a
    POST; either naming another site refuses it. Clients sending neither are not
    browsers a page elsewhere can steer."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site not in SAME_SITE:
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != request.get_host().lower()
