"""Reading a column: newest first, 20 a page, page links that survive junk."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.helpers import SHANGHAI


def make_articles(column, count, **fields):
    start = datetime.datetime(2020, 1, 1, 8, 0, tzinfo=SHANGHAI)
    return [
        factories.NewsPageFactory(
            parent=column,
            title=f"第{n:03d}篇 开发区动态",
            publish_time=start + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    ]


def titles(html):
    return re.findall(r'class="card-title" href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
def test_a_column_lists_its_articles_newest_first_twenty_a_page(client, column):
    make_articles(column, 45)
    first = client.get(column.url).content.decode()
    assert titles(first) == [f"第{n:03d}篇 开发区动态" for n in range(44, 24, -1)]
    third = client.get(column.url + "?page=3").content.decode()
    assert titles(third) == [f"第{n:03d}篇 开发区动态" for n in range(4, -1, -1)]
    assert "第 3 / 3 页，共 45 条" in third
    assert "下一页" not in third and "上一页" in third


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "expected_page"),
    [
        ("abc", 1),
        ("0", 3),
        ("-1", 3),
        ("99999", 3),
        ("1.5", 1),
        ("", 1),
        ("２", 2),
    ],  # a full-width digit is still a number,
)
def test_junk_page_numbers_give_a_clean_page(client, column, value, expected_page):
    make_articles(column, 45)
    response = client.get(column.url, {"page": value})
    assert response.status_code == 200
    assert f'aria-current="page">{expected_page}<' in response.content.decode()


@pytest.mark.django_db
def test_page_links_keep_the_other_query_parameters(client, column):
    make_articles(column, 45)
    html = client.get(column.url + "?page=2&utm_source=wechat").content.decode()
    assert 'href="?page=3&amp;utm_source=wechat"' in html
    assert "首页" in html and "尾页" in html


@pytest.mark.django_db
def test_the_sidebar_lists_sibling_columns_and_marks_this_one(client, news_index, column):
    other = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    html = client.get(column.url).content.decode()
    sidebar = html[html.index('aria-label="栏目导航"') :]
    assert f'href="{other.url}"' in sidebar
    assert f'href="{column.url}" aria-current="page"' in sidebar


@pytest.mark.django_db
def test_a_draft_never_shows_in_the_column(client, column):
    make_articles(column, 2)
    factories.NewsPageFactory(parent=column, title="尚未发布的稿件", live=False)
    assert "尚未发布的稿件" not in client.get(column.url).content.decode()


@pytest.mark.django_db
def test_the_news_index_shows_each_column_with_its_latest(client, news_index, column):
    make_articles(column, 8)
    policies = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    factories.NewsPageFactory(parent=policies, title="外商投资法实施条例解读")
    topics = factories.TopicIndexPageFactory(parent=news_index)
    factories.TopicPageFactory(parent=topics, title="复工复产专题")
    html = client.get(news_index.url).content.decode()
    assert "省级开发区动态" in html and "政策法规" in html
    assert "第007篇" in html and "第002篇" not in html  # five newest per column
    assert "外商投资法实施条例解读" in html
    assert "复工复产专题" in html


def count_queries(client, url):
    client.get(url)  # the chrome's cached fragments and renditions are made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_column_page_queries_do_not_grow_with_the_articles(client, column, pages_built_afresh):
    make_articles(column, 10)
    small = count_queries(client, column.url)
    assert small <= 12
    make_articles(column, 190)
    assert count_queries(client, column.url) == small
    assert count_queries(client, column.url + "?page=5") == small
