"""The search box in every page's header finds pages; junk never breaks the results page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories, helpers
from tests.search_paths import SEARCH_PATHS

pytestmark = SEARCH_PATHS


def test_header_search_box_submits_to_the_search_page(client, home):
    form = helpers.page(client, "/").select_one(".masthead form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    assert form.select_one("input")["name"] == "q"
    assert form.select_one("label").get_text() == "站内搜索"


# Words are space-separated here: segmenting Chinese text is the search issue's work.
def test_search_finds_live_pages_by_title(client, column):
    found = factories.NewsPageFactory(parent=column, title="双桥经济开发区 复工复产")
    factories.NewsPageFactory(parent=column, title="复工复产 草稿", live=False)

    page = helpers.page(client, "/search/", {"q": "复工复产"})

    results = [(a.get_text(), a["href"]) for a in page.select(".search-result a")]
    assert results == [(found.title, found.url)]
    assert page.select_one("#search-page-q")["value"] == "复工复产"
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_search_results_are_paginated(client, column):
    for n in range(25):
        factories.NewsPageFactory(parent=column, title=f"招商引资动态 第{n}期")
    first = helpers.page(client, "/search/", {"q": "招商引资动态"})
    second = helpers.page(client, "/search/", {"q": "招商引资动态", "page": "2"})
    assert len(first.select(".search-result")) == 20
    assert len(second.select(".search-result")) == 5
    assert "第 2 / 2 页" in second.select_one(".pagination").get_text()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "开发区\x00"},
        {"q": "x" * 5000},
        {"q": "' OR 1=1 --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "开发区", "page": "abc"},
        {"q": "开发区", "page": "-1"},
        {"q": "开发区", "page": "99999"},
        {"q": ["开发区", "协会"]},
    ],
)
def test_junk_gives_a_clean_page(client, column, params):
    factories.NewsPageFactory(parent=column, title="开发区新闻")
    page = helpers.page(client, "/search/", params)
    assert "<script>alert" not in str(page.select_one("main"))
    assert len(page.select_one("#search-page-q").get("value", "")) <= 100


def test_the_search_page_finds_its_site_without_a_query(client, column):
    found = factories.NewsPageFactory(parent=column, title="双桥经济开发区 复工复产")
    helpers.page(client, "/search/", {"q": "复工复产"})
    with CaptureQueriesContext(connection) as queries:
        page = helpers.page(client, "/search/", {"q": "复工复产"})
    assert [a.get_text() for a in page.select(".search-result a")] == [found.title]
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]
