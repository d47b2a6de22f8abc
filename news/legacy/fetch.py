"""Fetching an old site politely: robots.txt, at most two requests in flight, a delay
between them, timeouts, retries with backoff, a size limit, and the page's encoding."""

import re
import threading
import time
from dataclasses import dataclass
from urllib import robotparser
from urllib.parse import urlsplit

import requests

from news.legacy.chinese import decode
from news.legacy.html_page import DECLARED_CHARSET

USER_AGENT = "cadz-portal-import/1.0 (+import_legacy --crawl)"
IN_FLIGHT = 2
MIN_DELAY = 0.2  # seconds between two requests, whatever the options say
MAX_REDIRECTS = 5
RETRIED_STATUS = {429, 500, 502, 503, 504}
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([-\w]+)", re.I)


class FetchError(Exception):
    """A page that could not be fetched; the message is the reason, in Chinese."""


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    headers: dict
    not_modified: bool = False

    @property
    def text(self):
        return decode_page(self.data, self.headers)


def decode_page(data, headers):
    """The page decoded: the HTTP header's charset, else <meta charset>, else by content."""
    declared = HEADER_CHARSET.search(headers.get("content-type", ""))
    if declared:
        return decode(data, declared[1])
    declared = DECLARED_CHARSET.search(data[:4096])
    return decode(data, declared[1].decode("ascii") if declared else "")


def host_of(url):
    return (urlsplit(url).hostname or "").lower()


class Fetcher:
    def __init__(self, hosts, delay=1.0, timeout=20.0, retries=3, max_bytes=5_000_000):
        self.hosts = {host.lower() for host in hosts}
        self.delay, self.timeout, self.retries = max(delay, MIN_DELAY), timeout, retries
        self.max_bytes = max_bytes
        self.slots = threading.BoundedSemaphore(IN_FLIGHT)
        self.clock = threading.Lock()
        self.next_start = 0.0
        self.local = threading.local()
        self.robots = {}

    def session(self):
        if not hasattr(self.local, "session"):
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            session.max_redirects = MAX_REDIRECTS
            self.local.session = session
        return self.local.session

    def allowed_host(self, url):
        return host_of(url) in self.hosts

    def allowed_by_robots(self, url):
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self.clock:
            rules = self.robots.get(root)
        if rules is None:
            rules = robotparser.RobotFileParser()
            try:
                fetched = self.get(f"{root}/robots.txt", check=False)
                rules.parse(fetched.text.splitlines())
            except FetchError:
                rules.parse([])  # no robots.txt: everything is allowed
            with self.clock:
                self.robots[root] = rules
        return rules.can_fetch(USER_AGENT, url)

    def wait_turn(self):
        """Requests start at least `delay` apart, across all threads."""
        with self.clock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        time.sleep(start - now)

    def get(self, url, etag="", modified="", check=True):
        """The page at `url`; raises FetchError with the reason when it cannot be had."""
        if check and not self.allowed_host(url):
            raise FetchError("其他网站的地址，不抓取")
        if check and not self.allowed_by_robots(url):
            raise FetchError("robots.txt 不允许抓取")
        headers = {"If-None-Match": etag} if etag else {}
        if modified:
            headers["If-Modified-Since"] = modified
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.delay * 2**attempt)  # back off from a struggling server
            try:
                return self.attempt(url, headers)
            except Retry as error:
                reason = str(error)
        raise FetchError(f"{reason}（已重试 {self.retries} 次）")

    def attempt(self, url, headers):
        with self.slots:
            self.wait_turn()
            try:
                response = self.session().get(
                    url, headers=headers, timeout=self.timeout, stream=True
                )
            except requests.TooManyRedirects:
                raise FetchError("重定向次数过多（可能是循环重定向）") from None
            except requests.Timeout:
                raise Retry(f"超时（{self.timeout:g} 秒无响应）") from None
            except requests.RequestException as error:
                raise Retry(f"连接失败：{type(error).__name__}") from None
            with response:
                if response.status_code in RETRIED_STATUS:
                    raise Retry(f"服务器错误（HTTP {response.status_code}）")
                headers = {key.lower(): value for key, value in response.headers.items()}
                if response.status_code == 304:
                    return Fetched(response.url, b"", headers, not_modified=True)
                if response.status_code >= 400:
                    raise FetchError(f"无法访问（HTTP {response.status_code}）")
                if not self.allowed_host(response.url) and self.allowed_host(url):
                    raise FetchError(f"重定向到其他网站：{response.url}")
                data = self.read(response)
        return Fetched(response.url, data, headers)

    def read(self, response):
        data = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > self.max_bytes:
                    raise FetchError(f"页面过大（超过 {self.max_bytes // 1000} KB），未读取")
        except requests.RequestException:
            raise Retry("连接中断") from None
        return bytes(data)


class Retry(Exception):
    """A failure worth another try."""
