"""The home page: headlines, chosen column blocks, notices, topics, zones, the magazine."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_factories import ImageFactory

from portal.site.models import HomeColumn, HomeSpotlightZone
from tests import factories
from tests.helpers import SHANGHAI


@pytest.fixture
def sections(home, news_index, column):
    policies = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    notices = factories.NoticeIndexPageFactory(parent=home)
    zones = factories.ZoneIndexPageFactory(parent=home)
    magazine = factories.MagazineIndexPageFactory(parent=home)
    topics = factories.TopicIndexPageFactory(parent=news_index)
    return {
        "policies": policies,
        "notices": notices,
        "zones": zones,
        "magazine": magazine,
        "topics": topics,
    }


def main_content(client):
    html = client.get("/").content.decode()
    return html[html.index("<main") :]


def fill(column, count, title="文章"):
    start = datetime.datetime(2020, 1, 1, tzinfo=SHANGHAI)
    return [
        factories.NewsPageFactory(
            parent=column, title=f"{title}{n}", publish_time=start + datetime.timedelta(hours=n)
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_headlines_show_marked_articles_with_a_cover(client, home, column, sections):
    cover = ImageFactory(title="封面")
    factories.NewsPageFactory(parent=column, title="头条新闻", is_headline=True, cover_image=cover)
    factories.NewsPageFactory(parent=column, title="无图头条", is_headline=True)
    factories.NewsPageFactory(parent=column, title="普通新闻", cover_image=cover)
    html = client.get("/").content.decode()
    headlines = html[
        html.index('class="headlines"') : html.index("</section>", html.index('class="headlines"'))
    ]
    assert "头条新闻" in headlines and "<img" in headlines
    assert "无图头条" not in headlines and "普通新闻" not in headlines


@pytest.mark.django_db
def test_editors_choose_and_order_the_column_blocks(client, home, column, sections):
    policies = sections["policies"]
    fill(column, 3, "省级")
    fill(policies, 3, "政策")
    html = main_content(client)
    assert html.index(">省级开发区动态<") < html.index(">政策法规<")  # tree order by default

    HomeColumn.objects.create(page=home, column=policies, count=2, sort_order=0)
    HomeColumn.objects.create(page=home, column=column, count=1, sort_order=1)
    html = main_content(client)
    assert html.index(">政策法规<") < html.index(">省级开发区动态<")
    assert "政策2" in html and "政策1" in html and "政策0" not in html
    assert "省级2" in html and "省级1" not in html


@pytest.mark.django_db
def test_notices_topics_zones_and_the_latest_magazine_issue(client, home, sections):
    factories.NoticePageFactory(parent=sections["notices"], title="关于召开年会的通知", pinned=True)
    factories.TopicPageFactory(parent=sections["topics"], title="复工复产专题")
    zone = factories.ZonePageFactory(parent=sections["zones"], title="苏州工业园区")
    factories.ZonePageFactory(parent=sections["zones"], title="昆山经济技术开发区")
    factories.MagazineIssuePageFactory(
        parent=sections["magazine"], title="2020年第1期", year=2020, number=1
    )
    factories.MagazineIssuePageFactory(
        parent=sections["magazine"], title="2021年第3期", year=2021, number=3
    )
    html = client.get("/").content.decode()
    assert "关于召开年会的通知" in html and "置顶" in html
    assert "复工复产专题" in html
    assert "苏州工业园区" in html and "昆山经济技术开发区" in html
    assert "2021年第3期" in html and "2020年第1期" not in html

    HomeSpotlightZone.objects.create(page=home, zone=zone)
    html = client.get("/").content.decode()
    assert "苏州工业园区" in html and "昆山经济技术开发区" not in html


def queries_for_home(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_the_articles(
    client, home, column, sections, pages_built_afresh
):
    cover = ImageFactory(title="封面")
    fill(column, 5)
    fill(sections["policies"], 5)
    factories.NewsPageFactory(parent=column, title="头条", is_headline=True, cover_image=cover)
    client.get("/")  # renditions are made once, on the first view
    small = queries_for_home(client)
    assert small <= 20
    fill(column, 100)
    fill(sections["policies"], 95)
    for n in range(4):
        factories.NewsPageFactory(
            parent=column, title=f"头条{n}", is_headline=True, cover_image=cover
        )
    client.get("/")
    assert queries_for_home(client) == small


@pytest.mark.django_db
def test_a_preview_shows_the_drafts_column_blocks_not_the_kept_ones(
    admin_client, client, home, column, sections
):
    policies = sections["policies"]
    fill(column, 2, "省级")
    fill(policies, 2, "政策")
    assert "政策1" in main_content(client)  # every column's block, now kept
    url = f"/admin/pages/{home.pk}/edit/preview/"
    blocks = [{"column": policies.pk, "count": 1, "ORDER": 0}]
    form = {"title": home.title, "slug": home.slug, "intro": rich_text("")}
    form.update(home_columns=inline_formset(blocks), spotlight_zones=inline_formset([]))
    assert admin_client.post(url, nested_form_data(form)).json()["is_valid"] is True
    preview = admin_client.get(url).content.decode()
    preview = preview[preview.index("<main") :]
    assert "政策1" in preview and "省级1" not in preview  # the draft's one block
    assert "省级1" in main_content(client)  # readers still see the live blocks
