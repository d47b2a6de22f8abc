"""Who is really asking: the client's address behind the configured reverse proxies.

`client_ip(request)` is the one function rate limits, lockouts and logs use. It believes
`X-Forwarded-For` only when the request arrived from a proxy listed in the
`TRUSTED_PROXIES` setting, and then takes the right-most address that is not itself a
trusted proxy: everything to the left of that was written by the client and may be
forged.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value):
    """An address from a header entry (`1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`), or None."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows up as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def is_trusted_proxy(address):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    """The client's IP address as a string (REMOTE_ADDR when there is no trusted proxy)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if not is_trusted_proxy(peer):
        return str(peer) if peer else request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage: nothing further left can be believed
        peer = address
        if not is_trusted_proxy(address):
            break
    return str(peer)


class TrustedProxyMiddleware:
    """Drops X-Forwarded-Proto and X-Request-ID unless a trusted proxy sent them.

    Django's SECURE_PROXY_SSL_HEADER believes the header from anyone; this makes
    request.is_secure() trust it only from the proxies in TRUSTED_PROXIES.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(_parse(request.META.get("REMOTE_ADDR", ""))):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
            request.META.pop("HTTP_X_REQUEST_ID", None)
        return self.get_response(request)
