"""Two app hosts sharing PostgreSQL and Redis: an editor publishes through one, and readers
of the other see the change within a second, though both had the page cached.

Each host is a real gunicorn in production settings (bench/servers.py, bench/run.py),
behind a pretend HTTPS proxy (`X-Forwarded-Proto: https` from a trusted address). The
rows are committed (a transactional test), so the servers see them.
"""

import os
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack
from html import unescape

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

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


def host_env(tmp_path):
    """Production settings for both hosts: the test database, the shared Redis (a key
    prefix of their own), static files collected once for the admin's pages."""
    env = production_env(ServerData(tmp_path / "media"), tmp_path / "cache")
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)  # the test run's own settings, never a server's
    env.update(
        REDIS_URL=os.environ["REDIS_URL"],
        STATIC_ROOT=str(tmp_path / "static"),
        PAGE_CACHE_BYPASS="",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return env


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
def editor(editor):
    # The servers check passwords with production's hashers, not the tests' fast one.
    editor.password = PBKDF2PasswordHasher().encode("editor-password-1", secrets.token_hex(8))
    editor.save()
    return editor


def test_a_change_published_on_one_host_is_served_by_the_other_within_a_second(
    tmp_path, article, column, editor, unrelated
):
    env = host_env(tmp_path)
    with ExitStack() as hosts:
        ports = [
            hosts.enter_context(
                gunicorn(
                    "portal.wsgi:application", env=env, workers=1, log=tmp_path / name, cwd=ROOT
                )
            )
            for name in ("host-a.log", "host-b.log")
        ]
        editing_host, reading_host = (Visitor(port) for port in ports)
        reader = Visitor(reading_host.port)
        older = article.get_prev_sibling()
        kept = [column.url, older.url, *(page.url for page in unrelated)]
        for host in (editing_host, reading_host):
            for url in kept:
                host.get(url)
            # Both hosts serve the pages from the shared page cache.
            for url in kept:
                status, body, headers = host.get(url)
                assert (status, headers.get("X-Page-Cache")) == (200, "hit"), url
            assert "开发区招商引资会议召开" in host.get(column.url)[1]

        article.title = "开发区招商引资推介会签约项目32个"
        article.save_revision()  # a draft: readers still see the old title
        assert "推介会签约" not in reader.get(column.url)[1]

        status, _, _ = editing_host.submit(
            "/admin/login/", username=editor.username, password="editor-password-1"
        )
        assert status == 302, "the editor could not log in"
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
