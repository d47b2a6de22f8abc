"""Error pages in Chinese: 404 with the site chrome, 500 even without a database."""

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from news.models import NewsPage
from portal.site.models import SiteSettings
from portal.site.views import database_unavailable, server_error
from tests import factories


@pytest.mark.django_db
def test_404_is_chinese_with_the_menu(client, news_index):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in html
    assert 'aria-label="主菜单"' in html and "资讯中心" in html


@pytest.mark.django_db
def test_404_is_the_portals_own_under_debug(client, news_index, settings):
    settings.DEBUG = True  # as under `make run`: Django would show its English debug page
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_500_page_when_a_page_fails(client, column, monkeypatch):
    article = factories.NewsPageFactory(parent=column)

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(NewsPage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(article.url)
    assert response.status_code == 500
    assert "抱歉，服务器暂时出现问题" in response.content.decode()


def test_500_page_renders_without_touching_the_database():
    # No django_db mark: pytest-django fails any database access in this test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "抱歉，服务器暂时出现问题" in response.content.decode()


def test_maintenance_page_without_cached_chrome_stands_alone():
    # No django_db mark and an empty cache: the static header and footer stand in.
    response = database_unavailable(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert "网站维护中" in html and "中国开发区协会" in html
    assert 'aria-label="主菜单"' not in html


@pytest.mark.django_db
def test_maintenance_page_takes_the_chrome_from_the_cache(client, news_index, django_db_blocker):
    client.get("/", HTTP_HOST="localhost")  # renders, and so caches, the site and chrome
    with django_db_blocker.block():  # any query now fails the test
        response = database_unavailable(RequestFactory().get("/", HTTP_HOST="localhost"))
    html = response.content.decode()
    assert 'class="utility-bar"' in html and 'aria-label="主菜单"' in html
    assert "资讯中心" in html and "网站维护中" in html


@pytest.mark.django_db
def test_the_maintenance_page_keeps_mourning_days(client, news_index, django_db_blocker):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.mourning_start = settings.mourning_end = timezone.localdate()
    settings.save()
    client.get("/", HTTP_HOST="localhost")  # caches the chrome and the mourning days
    with django_db_blocker.block():
        response = database_unavailable(RequestFactory().get("/", HTTP_HOST="localhost"))
    assert '<html lang="zh-Hans" class="mourning">' in response.content.decode()
