"""Routing: any page in one lookup, routable sub-paths and 404s as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories


def queries_for(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return [q["sql"] for q in queries]


@pytest.mark.django_db
def test_a_deep_page_is_found_in_one_page_lookup(client, column):
    article = factories.NewsPageFactory(parent=column, title="园区新闻")
    sql = queries_for(client, article.url)
    lookups = [q for q in sql if '"url_path" IN' in q]
    assert len(lookups) == 1
    assert not any('"wagtailcore_page"."slug" =' in q for q in sql)


@pytest.mark.django_db
def test_routable_sub_paths_and_missing_pages(client, column, news_index):
    article = factories.NewsPageFactory(parent=column, title="园区新闻")
    article.tags.add("招商引资")
    article.save_revision().publish()
    assert client.get(news_index.tag_url(article.tags.get())).status_code == 200
    assert client.get(column.url + "rss/").status_code == 200
    assert client.get(column.url + "no-such-article/").status_code == 404
    assert client.get(article.url + "extra/").status_code == 404
    assert client.get("/news/provincial-zones/rss/extra/").status_code == 404


@pytest.mark.django_db
def test_unpublished_pages_and_their_children_are_not_served(client, column):
    article = factories.NewsPageFactory(parent=column, title="园区新闻")
    Page.objects.get(pk=article.pk).specific.unpublish()
    assert client.get(article.url).status_code == 404
    column.unpublish()
    assert client.get(column.url).status_code == 404


@pytest.mark.django_db
def test_privacy_of_an_ancestor_or_an_aliased_page_still_applies(client, news_index, column):
    article = factories.NewsPageFactory(parent=column, title="园区新闻")
    alias = article.create_alias(parent=factories.NewsCategoryPageFactory(parent=news_index))
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert client.get(alias.url).status_code == 302  # to the login page: the original is private
    PageViewRestriction.objects.all().delete()
    PageViewRestriction.objects.create(page=column, restriction_type="login")
    assert client.get(article.url).status_code == 302
    assert client.get(news_index.url).status_code == 200


@pytest.mark.django_db
def test_a_changed_site_is_served_at_once(client, home):
    assert "<h1" in client.get("/").content.decode()
    other_home = factories.HomePageFactory(parent=home.get_parent(), title="新首页", slug="new")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    assert "新首页" in client.get("/").content.decode()
