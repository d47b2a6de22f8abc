"""`import_legacy --crawl URL` against an old site served for real on 127.0.0.1: listings
with pagination, articles in two layouts and encodings, a picture and an attachment, and
everything an old site does wrong."""

import hashlib
import json
import select
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import DatabaseError
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.legacy import importer
from news.legacy.site_links import listing_links
from news.models import NewsPage
from tests.test_import_legacy import run
from tests.test_import_legacy_sites import SITES, expected, paragraphs

DATA = Path(__file__).parent / "data"
GBK = "text/html"  # the old GBK pages declare their charset only in <meta>
UTF8 = "text/html; charset=utf-8"


class OldSite:
    """An old site on 127.0.0.1: routes by path and query, with ETags, and a log."""

    def __init__(self):
        self.routes, self.log, self.lock = {}, [], threading.Lock()
        self.in_flight = self.most_in_flight = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                with site.lock:
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                try:
                    site.answer(self)
                finally:
                    with site.lock:
                        site.in_flight -= 1

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path, body, content_type=UTF8, status=200, headers=None):
        self.routes[path] = (status, content_type, body, headers or {})

    def answer(self, request):
        route = self.routes.get(request.path)
        if callable(route):
            route = route(request)
            if route is None:  # the client gave up waiting
                return
        status, content_type, body, headers = route or (404, UTF8, b"<h1>404</h1>", {})
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        not_modified = status == 200 and request.headers.get("If-None-Match") == etag
        with self.lock:
            self.log.append(
                (request.headers.get("Host"), request.path, 304 if not_modified else status)
            )
        request.send_response(304 if not_modified else status)
        for name, value in headers.items():
            request.send_header(name, value)
        if status == 200:
            request.send_header("ETag", etag)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", "0" if not_modified else str(len(body)))
        request.end_headers()
        if not not_modified:
            request.wfile.write(body)

    def paths(self):
        return [path for _, path, _ in self.log]


def listing(title, links, encoding="utf-8"):
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{title}</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news/">园区新闻</a>
<a href="/about/">关于我们</a></div>
<ul class="list">{items}</ul>
</body></html>""".encode("gb18030" if encoding == "gbk" else "utf-8")


def dede(name):
    return (SITES / "dedecms" / "news" / name).read_bytes()


def with_extra(page, extra):
    """A DedeCMS page with more at the end of its article."""
    text = page.decode("gb18030").replace(
        "    </td></tr></table>", extra + "\n    </td></tr></table>"
    )
    return text.encode("gb18030")


def slow(request, seconds=3):
    """Answers after `seconds`, unless the client hangs up first (then it is no longer in
    flight: the crawler's timeout ended it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        readable, _, _ = select.select([request.connection], [], [], 0.05)
        if readable and not request.connection.recv(1, socket.MSG_PEEK):
            return None
    return (200, UTF8, dede("100.html"), {})


@pytest.fixture
def old_site():
    site = OldSite()
    s = site.base
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.add(
        "/news/index.html",
        listing(
            "园区新闻",
            [
                ("/news/100.html", "长沙经开区一季度规上工业增加值增长百分之十八"),
                ("/news/101.html", "长沙经开区举办2019年春季人才招聘会"),
                ("/private/secret.html", "内部通知不对外公开的文件"),
                (
                    f"{site.base.replace('127.0.0.1', 'localhost')}/news/999.html",
                    "另一个网站的文章标题",
                ),
                ("/news/index_2.html", "下一页"),
            ],
        ),
    )
    site.add(
        "/news/index_2.html",
        listing(
            "园区新闻 第2页",
            [
                ("/news/102.html", "经开区与三所高校签订产学研合作协议"),
                ("/show-6-20-1.html", "成都高新区发布支持数字经济发展若干政策"),
                ("/news/index.html", "1"),
                ("/news/list_12_3.html", "3"),
            ],
            "gbk",
        ),
        GBK,
    )
    site.add(
        "/news/list_12_3.html",
        listing(
            "园区新闻 第3页",
            [
                ("/show-6-21-1.html", "成都高新区一批重大项目集中开工"),
                ("/news/broken.html", "一个没有正文的页面标题"),
                ("/news/missing.html", "一篇已经删除的文章标题"),
                ("/news/loop.html", "一篇不断跳转的文章标题"),
                ("/news/error.html", "一篇服务器出错的文章标题"),
                ("/news/slow.html", "一篇打开很慢的文章标题"),
                ("/news/big.html", "一篇大得离谱的文章标题"),
                ("/news/list.php?page=4", "尾页"),
            ],
        ),
    )
    site.routes["/news/list.php?page=4"] = (
        200,
        UTF8,
        listing("园区新闻 第4页", [("/show-6-22-1.html", "高新区召开企业服务座谈会")]),
        {},
    )
    site.add(
        "/news/101.html",
        with_extra(
            dede("101.html"),
            '<p><img src="/uploads/2019/meeting.jpg" alt="图为招聘会现场"></p>'
            '<p>附件：<a href="/uploads/2019/jobs.pdf">2019年春季招聘岗位表</a></p>',
        ),
        GBK,
    )
    site.add("/news/100.html", dede("100.html"), GBK)
    site.add(
        "/news/102.html",
        with_extra(dede("102.html"), '<p><img src="/uploads/2019/fake.jpg"></p>'),
        GBK,
    )
    for n in (20, 21):
        site.add(f"/show-6-{n}-1.html", (SITES / "phpcms" / f"show-6-{n}-1.html").read_bytes())
    # The last page answers 503 once: a retry after a pause gets it.
    answers = iter([(503, UTF8, b"busy", {})])
    good = (200, UTF8, (SITES / "phpcms" / "show-6-22-1.html").read_bytes(), {})
    site.routes["/show-6-22-1.html"] = lambda request: next(answers, good)
    site.add(
        "/uploads/2019/meeting.jpg", (DATA / "legacy/images/meeting.jpg").read_bytes(), "image/jpeg"
    )
    site.add(
        "/uploads/2019/jobs.pdf", (DATA / "legacy_crawl/jobs.pdf").read_bytes(), "application/pdf"
    )
    site.add("/uploads/2019/fake.jpg", b"<html>not a picture</html>", "image/jpeg")
    site.add("/news/broken.html", (DATA / "legacy/broken/link_list.html").read_bytes())
    site.add("/news/loop.html", b"", status=302, headers={"Location": f"{s}/news/loop2.html"})
    site.add("/news/loop2.html", b"", status=302, headers={"Location": f"{s}/news/loop.html"})
    site.add("/news/error.html", b"<h1>Internal Server Error</h1>", status=500)
    site.routes["/news/slow.html"] = slow
    site.add(
        "/news/big.html",
        b"<html><body>" + "<p>很长的页面。</p>".encode() * 30000 + b"</body></html>",
    )
    yield site
    site.server.shutdown()


def crawl(site, tmp_path, *args):
    return run(
        "--crawl",
        f"{site.base}/news/index.html",
        "--state",
        tmp_path / "state.json",
        "--delay",
        "0",
        "--timeout",
        "1",
        "--retries",
        "1",
        *args,
    )


ARTICLES = [
    *(("dedecms", f"news/{n}.html", f"/news/{n}.html") for n in (100, 101, 102)),
    *(("phpcms", f"show-6-{n}-1.html", f"/show-6-{n}-1.html") for n in (20, 21, 22)),
]


@pytest.mark.django_db
def test_a_whole_old_site_is_crawled_and_imported(news_index, old_site, tmp_path, client, settings):
    settings.LEGACY_CRAWL_MAX_BYTES = 300_000
    result = crawl(old_site, tmp_path)
    base = old_site.base
    assert result.failed == "6 of 12 articles failed to import."
    assert (
        "4 listing pages, 14 article links (2 not followed): "
        "6 created, 0 updated, 0 skipped, 6 failed." in result.out
    )

    for site, name, old_path in ARTICLES:
        article = expected(site)[name]
        page = NewsPage.objects.get(title=article["title"])
        assert paragraphs(page) == article["paragraphs"], name  # the template learnt, left out
        assert page.live
        response = client.get(old_path)
        assert response.status_code == 301 and response["Location"] == page.url
        assert f"created  {base}{old_path} → {page.url}" in result.out

    with_files = NewsPage.objects.get(title="长沙经开区举办2019年春季人才招聘会")
    kinds = [block.block_type for block in with_files.body]
    assert kinds == ["paragraph"] * 3 + ["image", "attachment"]
    picture, attachment = with_files.body[3].value, with_files.body[4].value
    assert picture["caption"] == "图为招聘会现场" and picture["image"].width == 160
    assert attachment["title"] == "2019年春季招聘岗位表"
    assert attachment["document"].file.read().startswith(b"%PDF-")
    assert get_image_model().objects.count() == 1 and get_document_model().objects.count() == 1

    for line in [
        f"skipped  {base}/private/secret.html: robots.txt 不允许抓取",
        f"skipped  {base.replace('127.0.0.1', 'localhost')}/news/999.html: 其他网站的地址，不抓取",
        f"图片未导入（不是可用的图片）：{base}/uploads/2019/fake.jpg",
    ]:
        assert line in result.out, line
    for line in [
        f"failed   {base}/news/broken.html: 找不到正文",
        f"failed   {base}/news/missing.html: 无法访问（HTTP 404）",
        f"failed   {base}/news/loop.html: 重定向次数过多（可能是循环重定向）",
        f"failed   {base}/news/error.html: 服务器错误（HTTP 500）（已重试 1 次）",
        f"failed   {base}/news/slow.html: 超时（1 秒无响应）（已重试 1 次）",
        f"failed   {base}/news/big.html: 页面过大（超过 300 KB），未读取",
    ]:
        assert line in result.err, line

    # Polite: robots.txt first, never the forbidden path or the other host, two at a time.
    assert old_site.paths()[0] == "/robots.txt"
    assert not any(path.startswith("/private/") for path in old_site.paths())
    assert all(host.startswith("127.0.0.1") for host, _, _ in old_site.log)
    assert old_site.most_in_flight <= 2
    assert old_site.paths().count("/show-6-22-1.html") == 2  # retried after the 503


@pytest.mark.django_db
def test_a_second_run_continues_and_skips_what_is_unchanged(news_index, old_site, tmp_path):
    for broken in ("broken", "loop", "loop2", "error", "slow", "big"):
        del old_site.routes[f"/news/{broken}.html"]  # answers 404 now, quickly
    first = crawl(old_site, tmp_path, "--limit", "2")
    assert (
        "14 article links (2 not followed): 2 created, 0 updated, 0 skipped, 0 failed" in first.out
    )
    assert NewsPage.objects.count() == 2
    state = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert sorted(state["articles"]) == [f"{old_site.base}/news/{n}.html" for n in (100, 101)]

    second = crawl(old_site, tmp_path)
    assert "4 created, 0 updated, 2 skipped, 6 failed" in second.out
    assert f"skipped  {old_site.base}/news/100.html  (unchanged)" in second.out
    assert NewsPage.objects.count() == 6
    # The unchanged pages were asked for with their ETag and answered 304, no body.
    assert ("/news/100.html", 304) in [(path, status) for _, path, status in old_site.log]

    old_site.add(
        "/news/100.html",
        dede("100.html").replace("增速居全省".encode("gb18030"), "增速居全国".encode("gb18030")),
        GBK,
    )
    third = crawl(old_site, tmp_path)
    assert "0 created, 1 updated, 5 skipped" in third.out
    assert "增速居全国" in paragraphs(NewsPage.objects.get(title__startswith="长沙经开区一季度"))[0]


@pytest.mark.django_db
def test_a_dry_run_crawl_writes_nothing(news_index, old_site, tmp_path):
    result = crawl(old_site, tmp_path, "--dry-run", "--limit", "3")
    assert "Dry run, nothing written: 4 listing pages" in result.out
    assert "3 created" in result.out
    assert NewsPage.objects.count() == 0 and get_image_model().objects.count() == 0
    assert not (tmp_path / "state.json").exists()


@pytest.mark.django_db
def test_an_article_that_fails_while_writing_leaves_no_files(
    news_index, old_site, tmp_path, monkeypatch
):
    def fail(*args):
        raise DatabaseError("disk full")

    monkeypatch.setattr(importer, "record_source", fail)
    storage = get_image_model()._meta.get_field("file").storage
    media = Path(storage.location)

    def files():  # folders may stay behind; what a failed article wrote may not
        return sorted(path for path in media.rglob("*") if path.is_file())

    before = files()
    result = crawl(old_site, tmp_path, "--limit", "2")
    assert f"failed   {old_site.base}/news/101.html: disk full" in result.err
    assert NewsPage.objects.count() == 0
    assert get_image_model().objects.count() == 0 and get_document_model().objects.count() == 0
    assert files() == before


@pytest.mark.django_db
def test_a_start_page_that_cannot_be_read_is_an_error(news_index, old_site, tmp_path):
    result = run("--crawl", f"{old_site.base}/gone/index.html", "--state", tmp_path / "s.json")
    assert f"skipped  {old_site.base}/gone/index.html: 无法访问（HTTP 404）" in result.out
    assert "the start page could not be read" in result.failed
    assert NewsPage.objects.count() == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (("--crawl", "ftp://old.example/"), "give the old site's http(s) address"),
        (("--crawl", "http://old.example/", "--limit", "0"), "--limit must be at least 1"),
        (("--crawl", "http://old.example/", "page.html"), "not both"),
        ((), "not both"),
    ],
)
def test_wrong_crawl_options_are_refused(args, message):
    assert message in run(*args).failed


anchor = st.builds(
    '<a href="{}">{}</a>'.format,
    st.sampled_from(["/news/1.html", "index_2.html", "?page=3", "javascript:;", "#top", "x.pdf"])
    | st.text(max_size=30),
    st.sampled_from(["下一页", "2", "开发区召开安全生产工作会议", "首页"]) | st.text(max_size=20),
)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(anchor | st.text(max_size=40), max_size=12))
def test_any_listing_yields_only_web_addresses(parts):
    pages, articles = listing_links("".join(parts), "http://old.example/news/index.html")
    for url in pages + articles:
        assert url.startswith(("http://", "https://")) and "#" not in url
    assert not set(pages) & set(articles)
