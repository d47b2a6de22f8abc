"""The client's address: X-Forwarded-For counts only when a configured proxy sent it."""

import pytest
from django.test import RequestFactory, override_settings

from portal.security.proxies import TrustedProxyMiddleware, client_ip

PROXIES = ["10.0.0.0/8", "127.0.0.1"]


def request(remote_addr, forwarded_for=None, **headers):
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@override_settings(TRUSTED_PROXIES=[])
def test_without_a_configured_proxy_the_header_is_ignored():
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # A client talking to the app directly cannot pick its address.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # Through the proxy: the address the proxy appended.
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # A forged entry sent by the client sits left of the real one and is skipped.
        ("127.0.0.1", "1.1.1.1, 198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "127.0.0.1, 198.51.100.1", "198.51.100.1"),
        # Through two trusted proxies (a load balancer, then nginx).
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),
        # Garbage where the client was: the last proxy's view is all that can be believed.
        ("127.0.0.1", "<x-probe>, 10.1.2.3", "10.1.2.3"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        # Ports and IPv6 forms proxies write.
        ("127.0.0.1", "198.51.100.1:51234", "198.51.100.1"),
        ("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
        ("127.0.0.1", "2001:db8::2", "2001:db8::2"),
        ("::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),
    ],
)
def test_behind_trusted_proxies_the_rightmost_untrusted_address(
    remote_addr, forwarded_for, expected
):
    assert client_ip(request(remote_addr, forwarded_for)) == expected


@override_settings(
    TRUSTED_PROXIES=PROXIES, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
@pytest.mark.parametrize(("remote_addr", "secure"), [("127.0.0.1", True), ("203.0.113.7", False)])
def test_https_is_believed_only_from_a_trusted_proxy(remote_addr, secure):
    seen = {}

    def view(req):
        seen["secure"] = req.is_secure()

    TrustedProxyMiddleware(view)(request(remote_addr, HTTP_X_FORWARDED_PROTO="https"))
    assert seen["secure"] is secure
