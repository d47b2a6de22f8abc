"""The main block of a page, kept until content changes: a page the full-page cache does
not answer (tests/settings.py turns it off) is built from routing, the cached chrome and
that block without a query, yet shows every change at once and nothing private."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from association.models import MessageBoardPage
from bench.servers import CSRF_INPUT
from tests import factories


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(parent=column, title="园区复工复产")


def text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_second_build_of_a_page_needs_no_query(client, article):
    first = text(client.get(article.url))
    with CaptureQueriesContext(connection) as queries:
        second = text(client.get(article.url))
    assert second == first
    assert len(queries) == 0, [q["sql"][:300] for q in queries]
    assert "经开区坚持疫情防控和复工复产两手抓" in second


@pytest.mark.django_db
def test_every_change_of_content_shows_at_once(client, article, column):
    text(client.get(article.url))
    text(client.get(column.url))
    article.body = [("paragraph", "<p>园区新签约项目十二个。</p>")]
    article.title = "改过的标题"
    article.save_revision().publish()
    page = text(client.get(article.url))
    assert "园区新签约项目十二个" in page and "经开区坚持" not in page
    assert '<h1 class="article-title">改过的标题</h1>' in page
    newer = factories.NewsPageFactory(parent=column, title="新发布的文章")
    assert "新发布的文章" in text(client.get(column.url))
    assert "新发布的文章" in text(client.get(article.url))  # 下一篇
    newer.unpublish()
    assert "新发布的文章" not in text(client.get(column.url))


@pytest.mark.django_db
def test_a_preview_neither_uses_nor_keeps_the_block(admin_client, client, article):
    text(client.get(article.url))
    url = f"/admin/pages/{article.pk}/edit/preview/"
    form = {"title": "草稿标题", "slug": article.slug, "publish_time": "2020-03-19 10:38"}
    form.update({"source": "", "authors": "", "editor": "", "summary": "", "tags": ""})
    form.update({"body": streamfield([("paragraph", rich_text("<p>草稿正文</p>"))]), "zones": []})
    assert admin_client.post(url, nested_form_data(form)).json()["is_valid"] is True
    preview = text(admin_client.get(url))
    assert "草稿标题" in preview and "草稿正文" in preview
    live = text(client.get(article.url))
    assert "草稿标题" not in live and "园区复工复产" in live


@pytest.mark.django_db
def test_the_password_form_never_shows_the_block_a_reader_with_the_password_saw(article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="kfq2020"
    )
    reader = Client()
    form = text(reader.get(article.url))
    assert "此页面需要密码" in form and "经开区坚持" not in form
    restriction = PageViewRestriction.objects.get()
    action = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    reader.post(action, {"password": "kfq2020", "return_url": article.url})
    assert "经开区坚持疫情防控" in text(reader.get(article.url))  # and kept, for readers with it

    stranger = text(Client().get(article.url))
    assert "此页面需要密码" in stranger
    assert "经开区坚持" not in stranger


@pytest.mark.django_db
def test_a_page_turned_private_is_private_at_once(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the full-page cache too
    assert "经开区坚持" in text(client.get(article.url))
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert client.get(article.url).status_code == 302  # to the login page


@pytest.mark.django_db
def test_a_block_that_used_the_csrf_token_is_not_kept(home, monkeypatch):
    board = home.add_child(instance=MessageBoardPage(title="留言板", slug="messages-board"))
    monkeypatch.setattr(MessageBoardPage, "holds_form", False)  # as if it did not say so
    text(Client().get(board.url))  # the first view saves the privacy settings: new content
    first, second = (CSRF_INPUT.search(text(Client().get(board.url))) for _ in range(2))
    assert first and second
    assert first.group(1) != second.group(1)  # each reader's own, not the first one's again


@pytest.mark.django_db
def test_operators_can_turn_it_off(client, article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    text(client.get(article.url))
    with CaptureQueriesContext(connection) as queries:
        assert "经开区坚持" in text(client.get(article.url))
    assert len(queries) > 0
