"""RSS per column and for all news; sitemap and robots.txt for search engines."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from tests import factories
from tests.helpers import SHANGHAI

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def articles(news_index, column):
    other = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    return [
        factories.NewsPageFactory(
            parent=parent,
            title=title,
            summary=f"{title}的摘要",
            publish_time=datetime.datetime(2020, 3, day, 10, 38, tzinfo=SHANGHAI),
        )
        for parent, title, day in [
            (column, "三月一日", 1),
            (other, "三月五日", 5),
            (column, "三月九日", 9),
        ]
    ]


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


@pytest.mark.django_db
def test_the_news_feed_has_every_column_newest_first(client, articles, news_index):
    channel, entries = items(client.get("/news/rss/"))
    assert [e.findtext("title") for e in entries] == ["三月九日", "三月五日", "三月一日"]
    first = entries[0]
    assert first.findtext("link") == "http://localhost" + articles[2].url
    assert first.findtext("description") == "三月九日的摘要"
    assert first.findtext("pubDate").endswith("+0800")  # Beijing time, as readers expect
    published = parsedate_to_datetime(first.findtext("pubDate"))
    assert published == datetime.datetime(2020, 3, 9, 10, 38, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_a_column_feed_has_only_its_articles_and_is_advertised(client, articles, column):
    channel, entries = items(client.get(column.url + "rss/"))
    assert "省级开发区动态" in channel.findtext("title")
    assert [e.findtext("title") for e in entries] == ["三月九日", "三月一日"]
    html = client.get(column.url).content.decode()
    feed_link = f'type="application/rss+xml" title="省级开发区动态 RSS" href="{column.url}rss/"'
    assert feed_link in html
    assert 'href="/news/rss/"' in html


@pytest.mark.django_db
def test_drafts_stay_out_of_the_feed(client, column, articles):
    factories.NewsPageFactory(parent=column, title="未发布", live=False)
    _, entries = items(client.get("/news/rss/"))
    assert "未发布" not in [e.findtext("title") for e in entries]


def sitemap_urls(client, url="/sitemap.xml"):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//s:loc", SITEMAP_NS)]


@pytest.mark.django_db
def test_the_sitemap_follows_publishing(client, articles, column):
    urls = sitemap_urls(client)
    assert articles[0].full_url in urls  # on the Wagtail site's own host name
    fresh = factories.NewsPageFactory(parent=column, title="新发布")
    assert fresh.full_url in sitemap_urls(client)
    articles[0].unpublish()
    assert articles[0].full_url not in sitemap_urls(client)


@pytest.mark.django_db
def test_a_large_sitemap_becomes_an_index(client, articles, monkeypatch):
    monkeypatch.setattr(Sitemap, "limit", 3)
    files = sitemap_urls(client)
    assert files[0] == "http://localhost/sitemap-pages.xml"
    assert len(files) >= 2
    pages = sitemap_urls(client, "/sitemap-pages.xml?p=2")
    assert len(pages) == 3


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap(client, home):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /admin/" in text
