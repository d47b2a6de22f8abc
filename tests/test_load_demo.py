"""`load_demo` builds the whole tree of the design map, and running it again changes nothing."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from association.models import AboutPage, MagazineIssuePage, ServicePage
from news.models import NewsCategoryPage, NewsPage, NoticePage, PageViewCount, TopicPage
from portal.site.content_checks import findings_for_pages
from portal.site.models import HomePage
from zones.models import ZonePage

SEED_TITLE = "重庆双桥经济开发区：“保姆式”贴心服务 助推经济高速发展"


@pytest.fixture
def demo(demo_site, db):
    """The demo, built once for the test run; what a test writes is rolled back."""


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, NewsPage, NoticePage, ZonePage, NewsCategoryPage, AboutPage)
    }


def test_the_demo_tree_has_every_section_and_enough_content(demo, client):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    menu = [page.title for page in home.get_children().live().in_menu()]
    assert menu == ["资讯中心", "中国开发区", "政策法规", "协会服务", "中国开发区协会", "投稿"]
    for url in [
        "/news/",
        "/notices/",
        "/zones/",
        "/services/",
        "/about/",
        "/magazine/",
        "/submit/",
        "/messages/",
        "/news/topics/",
    ]:
        assert client.get(url).status_code == 200, url

    columns = {c.title for c in NewsCategoryPage.objects.live()}
    assert {"协会动态", "国家级开发区动态", "省级开发区动态", "政策法规", "媒体聚焦"} <= columns
    assert NewsPage.objects.live().count() >= 30
    assert NoticePage.objects.live().exists() and TopicPage.objects.live().exists()
    assert ZonePage.objects.filter(title="重庆双桥经济开发区", level="省级").exists()
    assert ServicePage.objects.live().exists() and MagazineIssuePage.objects.live().exists()
    assert {p.title for p in AboutPage.objects.live()} >= {
        "协会简介",
        "组织机构",
        "会员单位",
        "联系我们",
    }
    for page in Page.objects.live().filter(depth__gt=1):
        assert page.slug.isascii(), page.title


def test_the_seed_article_is_there_as_on_the_old_site(demo, client):
    article = NewsPage.objects.get(title=SEED_TITLE)
    assert article.get_parent().title == "省级开发区动态"
    assert article.source == "重庆双桥经济开发区"
    assert article.authors.split() == ["罗传莹", "邹玉红"]
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    assert article.publish_time == datetime.datetime(2020, 3, 19, 10, 38, tzinfo=shanghai)
    assert article.first_published_at == article.publish_time
    assert PageViewCount.for_page(article) == 395
    headings = [block.value for block in article.body if block.block_type == "heading"]
    assert headings == ["及早部署，广泛宣传", "深入走访，服务企业", "精准施策，助力复工"]

    html = client.get(article.url).content.decode()
    assert "2020年03月19日 10:38" in html
    assert "经开区坚持疫情防控和复工复产两手抓，" in html
    assert "当前位置：" in html


def test_running_it_again_creates_nothing_new(demo):
    before = counts()
    titles = sorted(NewsPage.objects.values_list("title", flat=True))
    call_command("load_demo", "--no-admin", verbosity=0)
    assert counts() == before
    assert sorted(NewsPage.objects.values_list("title", flat=True)) == titles


def test_it_prints_how_to_log_in(demo, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "/admin/" in out and "user admin" in out
    password = out.rsplit("password ", 1)[1].split()[0]
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password=password).is_superuser


def test_it_prints_the_address_it_is_served_at(demo, capsys):
    call_command("load_demo", "--address", "0.0.0.0:8124")
    assert "Admin: http://0.0.0.0:8124/admin/" in capsys.readouterr().out


def test_the_demo_has_no_empty_corner(demo, client):
    about = client.get("/about/").content.decode()
    assert "交流合作平台" in about  # the association's introduction
    for page in AboutPage.objects.child_of(AboutPage.objects.get(slug="about")).live():
        assert f'href="{page.url}"' in about.split('class="subpage-links"', 1)[1], page.title

    for zone in ZonePage.objects.live():
        html = client.get(zone.url).content.decode()
        assert "<h2>简介</h2>" in html and "地址" in html, zone.title
        assert zone.gallery_images.exists(), zone.title
    assert ZonePage.objects.exclude(website="").count() >= 5

    column = NewsCategoryPage.objects.get(title="省级开发区动态")
    assert NewsPage.objects.child_of(column).live().count() > 2 * column.per_page
    assert client.get(column.url + "?page=3").status_code == 200


def test_the_demo_passes_its_own_content_checks(demo):
    """A newcomer's first look at 网站健康自查 or an editor's warnings is not a list of the
    demo's own omissions (pictures without 替代文字, links to nowhere, 敏感词)."""
    found = findings_for_pages(Page.objects.live())
    assert not found, {page.title: [f.message for f in items] for page, items in found.items()}
