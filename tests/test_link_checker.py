"""The dead-link job against local HTTP servers it starts: a live page, a 404, a timeout,
a redirect chain, a loop, a server refusing HEAD, a flaky one; and the rule that a link is
dead only after repeated failures on separate runs. Nothing else is ever requested."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core.management import call_command

from portal.site.health.linkcheck import HostPacer, LinkChecker
from portal.site.health.models import LinkCheck
from portal.site.health.report import site_health
from portal.site.models import DirectoryLink, LinkGroup
from tests import factories
from tests.helpers import SHANGHAI

REDIRECTS = {
    "/chain/1": "/chain/2",
    "/chain/2": "/chain/3",
    "/chain/3": "/live",
    "/loop/a": "/loop/b",
    "/loop/b": "/loop/a",
}


class Site(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body):
        server = self.server
        server.requests.append((self.command, self.path))
        path = self.path
        if path == "/slow":
            time.sleep(2)
            status = 200
        elif path in REDIRECTS:
            self.send_response(302 if path.endswith("1") else 301)
            self.send_header("Location", REDIRECTS[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif path == "/no-head" and not body:
            status = 405
        elif path == "/flaky":
            server.flaky_hits += 1
            status = 503 if server.flaky_hits <= 2 else 200  # HEAD and GET of the first try
        elif path == "/toggle":
            status = 404 if server.broken else 200
        else:
            status = 200 if path in {"/live", "/no-head"} else 404
        content = "页面".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    httpd.daemon_threads = True
    httpd.requests = []
    httpd.flaky_hits = 0
    httpd.broken = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def checker(**options):
    defaults = {
        "timeout": 0.5,
        "attempts": 2,
        "max_redirects": 5,
        "host_interval": 0,
        "allow_private": True,
    }
    return LinkChecker(**{**defaults, **options})


@pytest.mark.slow
def test_outcomes_of_each_kind_of_address(server):
    check = checker().check
    assert check(server.url + "/live").ok
    missing = check(server.url + "/missing")
    assert (missing.ok, missing.status, missing.error) == (False, 404, "HTTP 404")
    slow = check(server.url + "/slow")
    assert (slow.ok, slow.error) == (False, "连接超时")
    chain = check(server.url + "/chain/1")
    assert (chain.ok, chain.status) == (True, 200)
    assert check(server.url + "/loop/a").error == "重定向循环"
    assert checker(max_redirects=2).check(server.url + "/chain/1").error == "重定向超过 2 次"
    assert check(server.url + "/no-head").ok  # HEAD refused, GET answered
    assert check(server.url + "/flaky").ok  # a 503, then fine on the second try
    closed = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    closed_url = f"http://127.0.0.1:{closed.server_address[1]}/"
    closed.server_close()
    assert check(closed_url).error == "无法连接"


@pytest.mark.slow
def test_head_then_get_redirects_followed_and_4xx_not_retried(server):
    check = checker().check
    check(server.url + "/missing")
    assert server.requests == [("HEAD", "/missing"), ("GET", "/missing")]
    server.requests.clear()
    check(server.url + "/chain/1")
    assert server.requests == [("HEAD", p) for p in ("/chain/1", "/chain/2", "/chain/3", "/live")]
    server.requests.clear()
    check(server.url + "/slow")
    assert server.requests == [("HEAD", "/slow"), ("HEAD", "/slow")]  # a timeout is retried


@pytest.mark.slow
def test_private_addresses_are_not_requested_unless_allowed(server):
    outcome = checker(allow_private=False).check(server.url + "/live")
    assert (outcome.ok, outcome.error) == (False, "内网地址，不检查")
    assert server.requests == []


def test_no_host_is_asked_more_often_than_the_interval():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(2.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example.cn")
    pacer.wait("b.example.cn")  # another host: no wait
    now[0] += 0.5
    pacer.wait("a.example.cn")
    assert slept == [1.5]
    now[0] += 3
    pacer.wait("a.example.cn")
    assert slept == [1.5]


@pytest.fixture
def link_settings(settings):
    settings.SITE_HEALTH_LINK_PRIVATE_HOSTS = True
    settings.SITE_HEALTH_LINK_FAILURES = 3
    settings.SITE_HEALTH_LINK_RECHECK_HOURS = 20
    settings.SITE_HEALTH_LINK_HOST_INTERVAL = 0
    settings.SITE_HEALTH_LINK_TIMEOUT = 0.5
    return settings


START = datetime.datetime(2026, 6, 1, 2, 15, tzinfo=SHANGHAI)


def run_at(hours):
    with time_machine.travel(START + datetime.timedelta(hours=hours)):
        call_command("check_links", verbosity=0)


def dead_lines():
    with time_machine.travel(START + datetime.timedelta(days=3)):
        return [line.text for s in site_health() if s.key == "links" for line in s.lines]


@pytest.mark.slow
@pytest.mark.django_db
def test_a_link_is_dead_only_after_failing_on_three_separate_runs(server, link_settings, column):
    group = LinkGroup.objects.create(name="政府部门")
    DirectoryLink.objects.create(group=group, name="某部委", url=server.url + "/toggle")
    article = factories.NewsPageFactory(
        parent=column,
        title="链接外站的文章",
        body=[
            (
                "paragraph",
                f'<p><a href="{server.url}/live">好链接</a>'
                f' <a href="{server.url}/missing#x">坏链接</a>'
                f' <a linktype="page" id="{column.pk}">本站</a> <a href="mailto:a@b.cn">信</a></p>',
            )
        ],
    )
    factories.NewsPageFactory(
        parent=column,
        title="草稿",
        live=False,
        body=[("paragraph", f'<p><a href="{server.url}/draft">x</a></p>')],
    )

    run_at(0)
    assert sorted(set(server.requests)) == [
        ("GET", "/missing"),
        ("GET", "/toggle"),
        ("HEAD", "/live"),
        ("HEAD", "/missing"),
        ("HEAD", "/toggle"),
    ]  # only what was linked from the directory and live bodies; never the draft's
    failures = dict(LinkCheck.objects.values_list("url", "consecutive_failures"))
    assert failures == {
        server.url + "/live": 0,
        server.url + "/missing": 1,
        server.url + "/toggle": 1,
    }
    assert dead_lines() == []

    server.requests.clear()
    run_at(1)  # too soon after the last check: nothing is requested, nothing counted
    assert server.requests == []
    run_at(21)
    assert dead_lines() == []
    run_at(42)
    assert dead_lines() == [
        f"链接目录「政府部门」中的「某部委」{server.url}/toggle：连续 3 次失败，最近一次：HTTP 404",
        f"「{article.title}」正文中的链接 {server.url}/missing：连续 3 次失败，最近一次：HTTP 404",
    ]

    server.broken = False
    run_at(63)  # the site is back: the count starts again
    assert LinkCheck.objects.get(url=server.url + "/toggle").consecutive_failures == 0
    article.body = [("paragraph", "<p>链接已删除。</p>")]
    article.save_revision().publish()
    run_at(64)
    assert not LinkCheck.objects.filter(url=server.url + "/missing").exists()
    assert dead_lines() == []
