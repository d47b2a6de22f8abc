"""点击量: readers counted by the article's script, once per reader per article per day,
exact under load, never reset by editing; other sites and floods are refused."""

import threading
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from news import readers
from news.models import PageViewCount
from news.statistics.models import DailyView
from tests import factories


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(parent=column)


def hit(client, page, ip="10.0.0.1", agent="Mozilla/5.0", data=None, **headers):
    return client.post(
        f"/hits/{page.pk}/", data or {}, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, **headers
    )


DEVICE_OF = [{"referrer": "www.baidu.com", "device": "phone"}, {"device": "computer"}]


@pytest.mark.django_db
def test_a_hit_adds_one_and_returns_the_new_count(client, article):
    assert PageViewCount.for_page(article) == 0
    assert hit(client, article).json() == {"count": 1}
    assert hit(client, article, ip="10.0.0.2").json() == {"count": 2}
    assert PageViewCount.for_page(article) == 2


@pytest.mark.django_db
def test_a_reader_counts_once_per_article_per_window(client, article, column, monkeypatch):
    for _ in range(100):
        assert hit(client, article).json() == {"count": 1}
    # Another browser at the same address is another reader; another article counts.
    assert hit(client, article, agent="Safari").json() == {"count": 2}
    other = factories.NewsPageFactory(parent=column, title="另一篇")
    assert hit(client, other).json() == {"count": 1}
    # The window is real time in Redis too: shortened here rather than travelled through.
    monkeypatch.setattr(readers, "WINDOW_SECONDS", 1)
    third = factories.NewsPageFactory(parent=column, title="第三篇")
    assert hit(client, third).json() == {"count": 1}
    time.sleep(1.5)
    assert hit(client, third).json() == {"count": 2}


@pytest.mark.django_db
def test_the_reader_is_kept_as_a_digest_never_the_address(client, article):
    hit(client, article, ip="10.77.66.55", agent="Mozilla/5.0 (X11) 独特浏览器")
    stored = cache_contents()
    assert stored and b"10.77.66.55" not in stored and "独特".encode() not in stored
    if hasattr(cache, "keys"):  # Redis: the digest is the key
        digest = readers.reader_key_for("10.77.66.55", "Mozilla/5.0 (X11) 独特浏览器")
        assert digest.encode() in stored


def cache_contents():
    """What the default cache holds: Redis's keys, or the file cache's files (named by a
    digest of their key, which they do not hold)."""
    if hasattr(cache, "keys"):  # django-redis
        return "\n".join(cache.keys("*")).encode()
    return b"".join(Path(name).read_bytes() for name in cache._list_cache_files())


@pytest.mark.django_db
def test_another_site_cannot_make_its_visitors_count(client, article):
    assert hit(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert hit(client, article, HTTP_SEC_FETCH_SITE="same-site").status_code == 403
    assert hit(client, article, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert hit(client, article, HTTP_ORIGIN="null").status_code == 403
    # A spoofed X-Forwarded-For from an untrusted peer makes no new reader either.
    spoofed = hit(
        client, article, HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_ORIGIN="https://evil.example"
    )
    assert spoofed.status_code == 403
    assert PageViewCount.for_page(article) == 0
    same = hit(client, article, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver")
    assert same.json() == {"count": 1}
    assert hit(client, article, HTTP_X_FORWARDED_FOR="1.2.3.4").json() == {"count": 1}


@pytest.mark.django_db
def test_one_address_is_rate_limited(client, article, column):
    articles = [article] + [
        factories.NewsPageFactory(parent=column, title=f"文章{n}") for n in range(2)
    ]
    statuses = [
        hit(client, articles[n % 3], agent=f"agent-{n}").status_code
        for n in range(readers.RATE_LIMIT.limit + 5)
    ]
    assert statuses == [200] * readers.RATE_LIMIT.limit + [429] * 5
    # Another address is not held back.
    assert hit(client, article, ip="10.9.9.9").status_code == 200


@pytest.mark.django_db
def test_only_a_post_for_a_live_page_counts(client, article, column):
    assert client.get(f"/hits/{article.pk}/").status_code == 405
    draft = factories.NewsPageFactory(parent=column, live=False)
    assert hit(client, draft).status_code == 404
    # Pages that are not articles (the tree root, the column) are not counted.
    assert client.post("/hits/1/").status_code == 404
    assert hit(client, column).status_code == 404
    assert client.post("/hits/999999/").status_code == 404
    assert client.post("/hits/abc/").status_code == 404
    assert PageViewCount.objects.count() == 0


@pytest.mark.django_db
def test_a_reader_counts_a_view_but_an_editors_preview_does_not(client, article):
    assert "js/hits.js" in client.get(article.url).text
    preview = article.make_preview_request()
    assert preview.status_code == 200 and article.title in preview.text
    assert "js/hits.js" not in preview.text


@pytest.mark.django_db
def test_the_hit_needs_no_csrf_token_and_is_never_cached(article):
    response = hit(Client(enforce_csrf_checks=True), article)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_publishing_a_new_revision_keeps_the_count(client, article):
    for n in range(3):
        hit(client, article, ip=f"10.0.0.{n}")
    revision = article.save_revision()
    article.title = "新标题"
    article.save_revision().publish()
    revision.publish()  # even rolling back to an older revision
    assert PageViewCount.for_page(article) == 3


@pytest.mark.django_db
def test_moving_keeps_the_count_and_a_copy_starts_at_zero(client, article, news_index):
    hit(client, article)
    other = factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    article.move(other, pos="last-child")
    assert PageViewCount.for_page(article) == 1
    copy = article.copy(to=other, update_attrs={"slug": "copy-of-article"})
    assert PageViewCount.for_page(copy) == 0
    assert PageViewCount.for_page(article) == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_hits_are_all_counted(home):
    column = factories.NewsCategoryPageFactory(
        parent=factories.NewsIndexPageFactory(parent=home), title="省级开发区动态"
    )
    article = factories.NewsPageFactory(parent=column)
    statuses = []

    def readers_of(group):
        client = Client()
        try:
            # 100 readers a thread, each at its own address: 800 distinct readers.
            statuses.extend(
                hit(client, article, ip=f"10.{group}.0.{n}", data=DEVICE_OF[group % 2]).status_code
                for n in range(100)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=readers_of, args=(group,)) for group in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 800
    assert PageViewCount.for_page(article) == 800
    # The day's aggregate too, split by what the script sent.
    assert set(DailyView.objects.values_list("page_id", "referrer", "device", "views")) == {
        (article.pk, "baidu.com", "phone", 400),
        (article.pk, "", "computer", 400),
    }
