"""点击量: counted by the page's script, exact under load, never reset by editing."""

import threading

import pytest
from django.db import connection
from django.test import Client

from news.models import PageViewCount
from tests import factories


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(parent=column)


def hit(client, page):
    return client.post(f"/hits/{page.pk}/")


@pytest.mark.django_db
def test_a_hit_adds_one_and_returns_the_new_count(client, article):
    assert PageViewCount.for_page(article) == 0
    assert hit(client, article).json() == {"count": 1}
    assert hit(client, article).json() == {"count": 2}
    assert PageViewCount.for_page(article) == 2


@pytest.mark.django_db
def test_only_a_post_for_a_live_page_counts(client, article, column):
    assert client.get(f"/hits/{article.pk}/").status_code == 405
    draft = factories.NewsPageFactory(parent=column, live=False)
    assert hit(client, draft).status_code == 404
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
    for _ in range(3):
        hit(client, article)
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

    def reader():
        client = Client()
        try:
            statuses.extend(hit(client, article).status_code for _ in range(100))
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 800
    assert PageViewCount.for_page(article) == 800
