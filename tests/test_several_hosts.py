"""Two app hosts sharing PostgreSQL and Redis: an editor changes something through one
(publishes, unpublishes, moves or deletes a page, edits a snippet) or the scheduler
publishes on it, and readers of the other see the change within a second, though both
had the page cached; pages the change did not touch stay cached.

Each host is a real gunicorn in production settings (bench/servers.py, bench/run.py),
behind a pretend HTTPS proxy (`X-Forwarded-Proto: https` from a trusted address). The
rows are committed (a transactional test), so the servers see them.
"""

import os
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from bench.run import production_env
from bench.servers import Visitor, gunicorn
from tests import factories
from tests.helpers import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="several app hosts need a shared database and cache: "
        "set DATABASE_URL to PostgreSQL and REDIS_URL (CI's second pass does)",
    ),
]


class ServerData:
    """The test run's database and a media folder, given to the servers as the benchmark
    gives its own data (bench/data.py)."""

    def __init__(self, media):
        db = connection.settings_dict
        self.url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or 'localhost'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        )
        self.media = media

    def env(self):
        return {"DATABASE_URL": self.url, "MEDIA_ROOT": str(self.media)}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory, django_db_setup):
    """The admin's static files, collected once (with production's manifest) for every
    test of the module."""
    folder = tmp_path_factory.mktemp("hosts")
    env = host_env(folder, folder / "static")
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return folder / "static"


def host_env(tmp_path, static_root):
    """Production settings for both hosts: the test database, the shared Redis (a key
    prefix of their own), the collected static files."""
    env = production_env(ServerData(tmp_path / "media"), tmp_path / "cache")
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)  # the test run's own settings, never a server's
    env.update(
        REDIS_URL=os.environ["REDIS_URL"],
        STATIC_ROOT=str(static_root),
        PAGE_CACHE_BYPASS="",
    )
    return env


@contextmanager
def two_hosts(tmp_path, env):
    """Two gunicorn hosts of one worker each: (the editor's host, the reader's host)."""
    with ExitStack() as hosts:
        ports = [
            hosts.enter_context(
                gunicorn(
                    "portal.wsgi:application", env=env, workers=1, log=tmp_path / name, cwd=ROOT
                )
            )
            for name in ("host-a.log", "host-b.log")
        ]
        yield tuple(Visitor(port) for port in ports)


def warm(hosts, urls):
    """Each host builds each page, then serves it from the shared page cache."""
    for host in hosts:
        for url in urls:
            host.get(url)
        for url in urls:
            status, _, headers = host.get(url)
            assert (status, headers.get("X-Page-Cache")) == (200, "hit"), url


def within_a_second(reader, url, shows, what):
    """Ask `url` until `shows(status, text, headers)` holds; fail after a second."""
    changed = time.monotonic()
    while True:
        status, body, headers = reader.get(url)
        if shows(status, unescape(body), headers):
            return
        assert time.monotonic() - changed < 1, f"{what}: {url} still answers as before"
        time.sleep(0.05)


def log_in(host, editor):
    status, _, _ = host.submit(
        "/admin/login/", username=editor.username, password="editor-password-1"
    )
    assert status == 302, "the editor could not log in"


@pytest.fixture
def article(column):
    factories.NewsPageFactory(parent=column, title="开发区年度工作会议召开")  # 上一篇
    return factories.NewsPageFactory(parent=column, title="开发区招商引资会议召开")


@pytest.fixture
def unrelated(news_index):
    """Articles of another column: nothing the editor changes shows on them."""
    other = factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    return [factories.NewsPageFactory(parent=other) for _ in range(3)]


@pytest.fixture
def about(home):
    return factories.AboutPageFactory(parent=home, title="中国开发区协会", slug="about")


@pytest.fixture
def editor(editor):
    # The servers check passwords with production's hashers, not the tests' fast one.
    editor.password = PBKDF2PasswordHasher().encode("editor-password-1", secrets.token_hex(8))
    editor.save()
    return editor


def test_a_change_published_on_one_host_is_served_by_the_other_within_a_second(
    tmp_path, static_root, article, column, editor, unrelated
):
    with two_hosts(tmp_path, host_env(tmp_path, static_root)) as (editing_host, reading_host):
        reader = Visitor(reading_host.port)
        older = article.get_prev_sibling()
        warm((editing_host, reading_host), [column.url, older.url, *(p.url for p in unrelated)])
        assert "开发区招商引资会议召开" in reader.get(column.url)[1]

        article.title = "开发区招商引资推介会签约项目32个"
        article.save_revision()  # a draft: readers still see the old title
        assert "推介会签约" not in reader.get(column.url)[1]

        log_in(editing_host, editor)
        status, _, _ = editing_host.submit(f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}")
        assert status == 302, "publishing through the admin failed"
        published = time.monotonic()

        while "推介会签约" not in unescape(reader.get(column.url)[1]):
            assert time.monotonic() - published < 1, "the other host still serves the old page"
            time.sleep(0.05)
        # Its neighbour shows the new title as 下一篇; the other column's articles were
        # not touched and are still served from the cache.
        assert "推介会签约" in unescape(reader.get(older.url)[1])
        for page in unrelated:
            assert reader.get(page.url)[2].get("X-Page-Cache") == "hit", page.url


def test_unpublish_move_delete_snippet_and_schedules_on_one_host_show_on_the_other(
    tmp_path, static_root, column, news_index, about, editor, unrelated
):
    titles = [
        "园区首季度经济运行平稳",
        "园区举办人才招聘会",
        "园区新建标准厂房",
        "园区开展安全检查",
        "园区招商政策说明会",
    ]
    first, unpublished, moved, deleted, expiring = (
        factories.NewsPageFactory(parent=column, title=title) for title in titles
    )
    destination = factories.NewsCategoryPageFactory(parent=news_index, title="园区建设")
    unit = factories.MemberUnitFactory(name="苏州工业园区管委会")
    members = factories.AboutPageFactory(
        parent=about, title="会员单位", slug="members", body=[("member_directory", None)]
    )
    scheduled = factories.NewsPageFactory(parent=column, title="园区年度表彰大会举行")
    scheduled.unpublish()
    scheduled.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    articles = (first, unpublished, moved, deleted, expiring)
    env = host_env(tmp_path, static_root)
    with two_hosts(tmp_path, env) as (editing_host, reading_host):
        reader = Visitor(reading_host.port)
        kept = [page.url for page in unrelated]
        warm(
            (editing_host, reading_host),
            [column.url, destination.url, members.url, *(p.url for p in articles), *kept],
        )
        log_in(editing_host, editor)

        def act(path, **fields):
            status, _, _ = editing_host.submit(path, **fields)
            assert status == 302, f"{path} failed in the admin"

        def gone(title):
            return lambda status, text, headers: title not in text

        act(f"/admin/bulk/wagtailcore/page/unpublish/?id={unpublished.pk}")
        within_a_second(reader, column.url, gone(unpublished.title), "unpublished")
        within_a_second(reader, unpublished.url, lambda s, t, h: s == 404, "unpublished")
        # Its neighbour no longer offers it as 下一篇 (or 上一篇).
        within_a_second(reader, first.url, gone(unpublished.title), "unpublished")

        old_url = moved.url
        act(f"/admin/bulk/wagtailcore/page/move/?id={moved.pk}", chooser=destination.pk)
        moved.refresh_from_db()
        within_a_second(reader, column.url, gone(moved.title), "moved")
        within_a_second(reader, destination.url, lambda s, t, h: moved.title in t, "moved")
        within_a_second(reader, moved.url, lambda s, t, h: s == 200 and moved.title in t, "moved")
        within_a_second(reader, old_url, lambda s, t, h: s in (301, 404), "moved")

        act(f"/admin/bulk/wagtailcore/page/delete/?id={deleted.pk}")
        within_a_second(reader, column.url, gone(deleted.title), "deleted")
        within_a_second(reader, deleted.url, lambda s, t, h: s == 404, "deleted")

        act(
            f"/admin/snippets/association/memberunit/edit/{unit.pk}/",
            name="苏州工业园区管理委员会",
            kind=unit.kind,
            province=unit.province,
        )
        within_a_second(
            reader, members.url, lambda s, t, h: "苏州工业园区管理委员会" in t, "snippet"
        )

        # The scheduler runs on the editor's host, as the deploy crontab has it: one page
        # goes live, one whose expiry time has come (set without saving, as time does) goes.
        Page.objects.filter(pk=expiring.pk).update(expire_at=timezone.now())
        command = [sys.executable, "manage.py", "publish_scheduled"]
        subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
        within_a_second(reader, column.url, lambda s, t, h: scheduled.title in t, "go-live")
        within_a_second(reader, column.url, gone(expiring.title), "expiry")
        within_a_second(reader, expiring.url, lambda s, t, h: s == 404, "expiry")

        # None of it showed on the other column's articles: they are still served cached.
        for url in kept:
            assert reader.get(url)[2].get("X-Page-Cache") == "hit", url
