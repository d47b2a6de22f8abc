"""当前位置：the breadcrumb leads from 首页 down to the page, which is marked aria-current."""

from bs4 import BeautifulSoup

from tests import factories


def crumbs(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    nav = page.select_one("nav.breadcrumb")
    if nav is None:
        return None
    assert nav["aria-label"] == "当前位置"
    assert nav.select_one(".breadcrumb-label").get_text() == "当前位置："
    items = nav.select("ol > li")
    current = [li.get_text() for li in items if li.select_one("[aria-current=page]")]
    assert current == [items[-1].get_text()]  # only the last one is the current page
    assert items[-1].a is None
    return [(li.get_text(), li.a["href"] if li.a else None) for li in items]


def test_breadcrumb_at_three_depths(client, home, news_index, column):
    article = factories.NewsPageFactory(parent=column, title="重庆双桥经济开发区贴心服务")

    assert crumbs(client, news_index.url) == [("首页", "/"), ("资讯中心", None)]
    assert crumbs(client, column.url) == [
        ("首页", "/"),
        ("资讯中心", news_index.url),
        ("省级开发区动态", None),
    ]
    assert crumbs(client, article.url) == [
        ("首页", "/"),
        ("资讯中心", news_index.url),
        ("省级开发区动态", column.url),
        ("重庆双桥经济开发区贴心服务", None),
    ]


def test_home_page_has_no_breadcrumb(client, home):
    assert crumbs(client, "/") is None


def test_breadcrumb_follows_a_renamed_column(client, column):
    article = factories.NewsPageFactory(parent=column)
    column.title = "地方开发区动态"
    column.save_revision().publish()
    assert crumbs(client, article.url)[2] == ("地方开发区动态", column.url)
