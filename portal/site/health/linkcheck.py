"""Requesting one outbound address the way a reader's browser would reach it.

HEAD first (cheap for both sides), GET when a server answers HEAD with an error (many
refuse or mishandle it); redirects are followed by hand up to a limit, so a loop or an
endless chain is a failure with its own reason. Each request has a timeout; a timeout,
a refused connection, a 5xx or a 429 is tried again after a pause, a 4xx is not (it will
say the same). No host is asked more often than once per `host_interval` seconds.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests

USER_AGENT = "Mozilla/5.0 (compatible; portal-link-check)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None = None
    error: str = ""


class HostPacer:
    """At most one request per host every `interval` seconds."""

    def __init__(self, interval, clock=time.monotonic, sleep=time.sleep):
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self.last = {}

    def wait(self, host):
        last = self.last.get(host)
        if last is not None:
            remaining = last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


def is_private(host):
    """Whether `host` names (or resolves to) a loopback, private or link-local address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # it fails as an unknown host when requested
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return True
    return False


class LinkChecker:
    def __init__(
        self,
        *,
        timeout,
        attempts,
        max_redirects,
        host_interval,
        allow_private=False,
        session=None,
        pacer=None,
    ):
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.max_redirects = max_redirects
        self.allow_private = allow_private
        self.pacer = pacer or HostPacer(host_interval)
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def check(self, url):
        outcome = Outcome(False, error="未检查")
        for attempt in range(self.attempts):
            outcome, retry = self.follow(url)
            if outcome.ok or not retry:
                return outcome
            if attempt + 1 < self.attempts:
                self.pacer.sleep(self.pacer.interval)  # a pause before the next try
        return outcome

    def follow(self, url):
        """(outcome, whether trying again may help), after following redirects."""
        seen = set()
        current = url
        for _hop in range(self.max_redirects + 1):
            if current in seen:
                return Outcome(False, error="重定向循环"), False
            seen.add(current)
            parts = urlsplit(current)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                return Outcome(False, error="重定向到无效地址"), False
            if not self.allow_private and is_private(parts.hostname):
                return Outcome(False, error="内网地址，不检查"), False
            try:
                response = self.request(current, parts.hostname)
            except requests.Timeout:
                return Outcome(False, error="连接超时"), True
            except requests.RequestException as error:
                return Outcome(False, error=reason(error)), True
            status = response.status_code
            if response.is_redirect and response.headers.get("Location"):
                current = urljoin(current, response.headers["Location"])
                continue
            if status < 400:
                return Outcome(True, status), False
            return Outcome(False, status, f"HTTP {status}"), status in RETRY_STATUSES
        return Outcome(False, error=f"重定向超过 {self.max_redirects} 次"), False

    def request(self, url, host):
        self.pacer.wait(host)
        response = self.session.head(url, timeout=self.timeout, allow_redirects=False)
        response.close()
        if response.status_code >= 400:
            self.pacer.wait(host)
            response = self.session.get(
                url, timeout=self.timeout, allow_redirects=False, stream=True
            )
            response.close()  # the status is enough: the body is never read
        return response


def reason(error):
    if isinstance(error, requests.exceptions.SSLError):
        return "证书错误"
    if isinstance(error, requests.ConnectionError):
        return "无法连接"
    return "请求失败"
