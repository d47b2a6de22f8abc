"""The full-page cache: fast for anonymous readers, never stale, never personal."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from portal.caching import generation as page_cache
from portal.caching import lifetimes
from portal.core.models import FormPage
from portal.site.models import LinkGroup
from tests import factories


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(parent=column, title="园区复工复产")


def get(client, url, **headers):
    return client.get(url, headers=headers)


@pytest.mark.django_db
def test_the_second_reader_is_served_from_the_cache_without_queries(client, article):
    first = get(client, article.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, article.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


@pytest.mark.django_db
def test_publishing_shows_at_once(client, article, column):
    get(client, column.url)
    article.title = "改过的标题"
    article.save_revision().publish()
    response = get(client, column.url)
    assert response["X-Page-Cache"] == "miss"
    assert "改过的标题" in response.content.decode()
    factories.NewsPageFactory(parent=column, title="新发布的文章")
    assert "新发布的文章" in get(client, column.url).content.decode()
    article.unpublish()
    assert "改过的标题" not in get(client, column.url).content.decode()


@pytest.mark.django_db
def test_moving_and_deleting_pages_and_saving_snippets_refresh_it(client, article, news_index):
    get(client, article.url)
    other = factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    get(client, other.url)
    article.move(other, pos="last-child")
    assert "园区复工复产" in get(client, other.url).content.decode()
    article.delete()
    assert "园区复工复产" not in get(client, other.url).content.decode()
    get(client, "/")
    LinkGroup.objects.create(name="友情链接")
    assert get(client, "/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_unknown_query_parameters_neither_vary_nor_fill_the_cache(client, article):
    assert get(client, article.url + "?utm_source=wechat")["X-Page-Cache"] == "miss"
    assert get(client, article.url)["X-Page-Cache"] == "miss"  # nothing was stored
    assert get(client, article.url + "?utm_source=weibo")["X-Page-Cache"] == "hit"
    assert get(client, article.url + "?page=2")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_logged_in_editors_and_bypassing_readers_get_fresh_pages(
    client, article, admin_user, settings
):
    get(client, article.url)
    # The benchmark's header counts only where the operator allows it.
    assert get(client, article.url, X_Bench_Bypass_Cache="1")["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_BYPASS = True
    assert "X-Page-Cache" not in get(client, article.url, X_Bench_Bypass_Cache="1")
    client.force_login(admin_user)
    response = get(client, article.url)
    assert "X-Page-Cache" not in response
    assert not response.has_header("ETag") or response["X-Page-Cache"] != "hit"


@pytest.mark.django_db
def test_pages_with_a_form_and_views_that_declare_nothing_are_never_kept(client, home):
    board = factories.MessageBoardPageFactory(parent=home)
    for url in (board.url, "/search/?q=开发区", "/wechat/share/1/?url=x"):
        get(client, url)
        assert get(client, url).get("X-Page-Cache") != "hit", url


@pytest.mark.django_db
def test_every_page_with_a_form_says_so(client, every_page_type):
    """A page type holds a form only by being a FormPage: its pages are never kept, and no
    other page type draws a form that posts."""
    for url in every_page_type["pages"]:
        page = Page.objects.get(url_path__endswith=url).specific if url != "/" else None
        html = get(client, url).content.decode()
        holds_form = page is not None and isinstance(page, FormPage)
        if re.search(r'<form[^>]*method="post"', html, re.I):
            assert holds_form, url
        if holds_form:
            assert get(client, url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_views_that_declare_their_parameters_are_kept_per_value(client, home):
    for url in ("/robots.txt", "/sitemap.xml", f"/qr/{home.pk}.svg"):
        assert get(client, url)["X-Page-Cache"] == "miss", url
        assert get(client, url)["X-Page-Cache"] == "hit", url
    # Each sitemap file of the index is kept apart: ?p= pages it.
    assert get(client, "/sitemap-pages.xml?p=1")["X-Page-Cache"] == "miss"
    assert get(client, "/sitemap-pages.xml")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_parameter_the_page_does_not_use_is_never_stored(client, column, home):
    factories.ZoneIndexPageFactory(parent=home)
    # The directory varies on its filters, a column does not: ?q= is junk there.
    for url in (column.url + "?q=开发区", column.url + "?province=江苏省"):
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "miss", url
    get(client, "/zones/?province=江苏省")
    assert get(client, "/zones/?province=江苏省")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_browsers_revalidate_with_etag_and_get_304(client, article):
    etag = get(client, article.url)["ETag"]
    response = get(client, article.url, If_None_Match=etag)
    assert response.status_code == 304
    article.save_revision().publish()
    assert get(client, article.url, If_None_Match=etag).status_code == 200


@pytest.mark.django_db
def test_entries_expire_by_the_next_notice_expiry(client, home, settings):
    notices = factories.NoticeIndexPageFactory(parent=home)
    factories.NoticePageFactory(
        parent=notices, expires_at=timezone.now() + datetime.timedelta(seconds=90)
    )
    assert 0 < lifetimes.entry_lifetime(settings.PAGE_CACHE_SECONDS) <= 91
    page_cache.bump_generation()
    factories.NoticePageFactory(parent=notices)  # publishing bumps again
    assert lifetimes.entry_lifetime(settings.PAGE_CACHE_SECONDS) <= 91


@pytest.mark.django_db
def test_the_view_counter_still_counts_on_a_cached_page(client, article):
    get(client, article.url)
    assert 'src="/static/js/hits.js"' in get(client, article.url).content.decode()
    assert client.post(f"/hits/{article.pk}/").json() == {"count": 1}
    other_reader = {"REMOTE_ADDR": "10.0.0.2"}
    assert client.post(f"/hits/{article.pk}/", **other_reader).json() == {"count": 2}


@pytest.mark.django_db
def test_entries_end_at_midnight_so_date_modes_switch_on_time(home, monkeypatch, settings):
    late = timezone.localtime().replace(hour=23, minute=59, second=30, microsecond=0)
    monkeypatch.setattr(timezone, "localtime", lambda *args: late)
    assert lifetimes.entry_lifetime(settings.PAGE_CACHE_SECONDS) <= 31


def schedule(article, title, go_live_at):
    """What 发布 does in the admin with a 定时发布 time set: approve a revision for later."""
    article.title = title
    article.go_live_at = go_live_at
    return article.save_revision(approved_go_live_at=go_live_at)


@pytest.mark.django_db
def test_entries_expire_by_the_next_scheduled_go_live(article, settings):
    schedule(article, "定时发布的标题", timezone.now() + datetime.timedelta(seconds=120))
    assert 0 < lifetimes.entry_lifetime(settings.PAGE_CACHE_SECONDS) <= 121


@pytest.mark.django_db
def test_publish_scheduled_refreshes_cached_pages(client, article, column):
    expiring = factories.NewsPageFactory(parent=column, title="到期下线的文章")
    expiring.expire_at = timezone.now() + datetime.timedelta(minutes=5)
    expiring.save_revision().publish()
    revision = schedule(article, "定时发布的标题", timezone.now() + datetime.timedelta(minutes=5))
    get(client, column.url)
    cached = get(client, column.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "到期下线的文章" in cached.content.decode()
    assert "定时发布的标题" not in cached.content.decode()

    # Five minutes later, without a signal: the cron job's publish_scheduled is due.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    type(revision).objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    type(expiring).objects.filter(pk=expiring.pk).update(expire_at=past)
    assert get(client, column.url)["X-Page-Cache"] == "hit"
    call_command("publish_scheduled")

    response = get(client, column.url)
    assert response["X-Page-Cache"] == "miss"
    assert "定时发布的标题" in response.content.decode()
    assert "到期下线的文章" not in response.content.decode()


class CountingCache:
    """The shared cache, counting the reads that reach it."""

    def __init__(self, cache):
        self.cache, self.reads = cache, 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.cache.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.mark.django_db
def test_a_hot_page_is_served_from_the_workers_copy(client, article, monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_SECONDS", 3600)  # however slow the machine
    first = get(client, article.url)
    shared = CountingCache(page_cache.cache)
    monkeypatch.setattr(page_cache, "cache", shared)
    second = get(client, article.url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert shared.reads == 0


@pytest.mark.django_db
def test_another_hosts_publish_is_seen_here_within_the_local_moment(
    client, article, column, monkeypatch
):
    # A long moment, so that a slow machine cannot end it between two lines.
    monkeypatch.setattr(page_cache, "LOCAL_SECONDS", 3600)
    get(client, column.url)
    # Another host publishes: the shared generation changes, not this process's copy.
    title = article.title
    NewsPage = type(article)
    NewsPage.objects.filter(pk=article.pk).update(title="另一台主机改的标题")
    page_cache.cache.set(page_cache.GENERATION_KEY, ("from-another-host", 1), None)
    assert title in get(client, column.url).content.decode()  # within LOCAL_SECONDS

    page_cache.local.read_at -= page_cache.LOCAL_SECONDS
    response = get(client, column.url)
    assert response["X-Page-Cache"] == "miss"
    assert "另一台主机改的标题" in response.content.decode()


@pytest.mark.django_db
def test_what_readers_send_leaves_every_cached_page_alone(client, article, column, news_index):
    get(client, article.url), get(client, column.url), get(client, news_index.url)
    factories.MessageFactory()  # awaiting moderation
    factories.NewsPageFactory(parent=column, live=False)  # a 投稿 draft
    assert get(client, article.url)["X-Page-Cache"] == "hit"
    assert get(client, column.url)["X-Page-Cache"] == "hit"
    assert get(client, news_index.url)["X-Page-Cache"] == "hit"
    factories.MessageFactory(status="public", allow_public=True)
    # A published 留言 is content: 资讯中心 does not say what it shows; the article and
    # its column do.
    assert get(client, news_index.url)["X-Page-Cache"] == "miss"
    assert get(client, column.url)["X-Page-Cache"] == "hit"
    assert get(client, article.url)["X-Page-Cache"] == "hit"
