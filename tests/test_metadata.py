"""What search engines and link previews read in each page's <head>."""

import json
import re

import pytest
from django.utils.timezone import localtime

from tests import factories


def head(client, url):
    html = client.get(url).content.decode()
    return html[: html.index("</head>")]


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match and match.group(1)


@pytest.mark.django_db
def test_an_article_has_title_description_canonical_and_open_graph(client, seed_article):
    html = head(client, seed_article.url)
    assert f"<title>{seed_article.title} - 中国开发区协会</title>" in html
    assert meta(html, "name", "description") == "经开区坚持疫情防控和复工复产两手抓。"
    assert f'<link rel="canonical" href="{seed_article.full_url}">' in html
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:url") == seed_article.full_url
    assert meta(html, "property", "og:image").startswith("http://localhost/media/images/")
    assert meta(html, "property", "og:image").endswith(".jpg")


@pytest.mark.django_db
def test_an_article_carries_news_article_json_ld(client, seed_article):
    html = head(client, seed_article.url)
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed_article.title
    assert data["datePublished"] == localtime(seed_article.publish_time).isoformat()
    assert data["datePublished"].endswith("+08:00")
    assert [a["name"] for a in data["author"]] == ["罗传莹", "邹玉红"]
    assert data["publisher"]["name"] == "中国开发区协会"
    assert data["image"][0].startswith("http://localhost/media/images/")


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, column):
    page = factories.NewsPageFactory(parent=column, title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["headline"].startswith("</script>")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "og_type"),
    [("column", "website"), ("notice", "article"), ("zone", "website"), ("home", "website")],
)
def test_other_pages_have_canonical_and_open_graph(client, home, column, kind, og_type):
    pages = {
        "column": column,
        "notice": factories.NoticePageFactory(parent=factories.NoticeIndexPageFactory(parent=home)),
        "zone": factories.ZonePageFactory(parent=factories.ZoneIndexPageFactory(parent=home)),
        "home": home,
    }
    page = pages[kind]
    html = head(client, page.url)
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert meta(html, "property", "og:type") == og_type
    assert meta(html, "property", "og:title") == page.title
    assert "application/ld+json" not in html


@pytest.mark.django_db
def test_the_search_description_wins_and_search_pages_are_noindex(client, seed_article):
    seed_article.search_description = "编辑写的搜索描述"
    seed_article.save_revision().publish()
    assert meta(head(client, seed_article.url), "name", "description") == "编辑写的搜索描述"
    assert meta(head(client, "/search/?q=开发区"), "name", "robots") == "noindex"
