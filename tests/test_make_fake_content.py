"""`make_fake_content`: many realistic pages written in bulk, which Wagtail takes as its own."""

import datetime
import math
import random
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from news.models import NewsCategoryPage, NewsIndexPage, NewsPage, PageViewCount
from portal.site.fake.writer import ArticleWriter, ZoneWriter
from tests import factories
from zones.choices import Province
from zones.models import ZonePage

ARTICLES, ZONES = 300, 50
COLUMNS = ["协会动态", "国家级开发区动态", "省级开发区动态", "政策法规", "媒体聚焦"]

# What the catalogue allows: the kinds of each level, and the name each kind ends with.
NATIONAL_KINDS = {
    "经济技术开发区": ("经济技术开发区",),
    "高新技术产业开发区": ("高新技术产业开发区",),
    "海关特殊监管区域": ("综合保税区", "保税港区", "出口加工区", "保税物流园区"),
    "边境/跨境经济合作区": ("边境经济合作区",),
    "其他类型": ("旅游度假区", "台商投资区"),
}
PROVINCIAL_KINDS = {
    "经济开发区": ("经济开发区",),
    "高新技术产业园区": ("高新技术产业园区",),
    "特色工业园区": ("工业园区", "化工园区", "装备制造产业园", "食品产业园"),
    "其他": ("现代服务业集聚区", "物流园区", "文化产业园区"),
}
BORDER_PROVINCES = {"内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "广西壮族自治区", "云南省"}
BORDER_PROVINCES |= {"西藏自治区", "新疆维吾尔自治区"}


@pytest.fixture
def site(home):
    news_index = factories.NewsIndexPageFactory(parent=home)
    for title in COLUMNS:
        factories.NewsCategoryPageFactory(parent=news_index, title=title)
    factories.ZoneIndexPageFactory(parent=home)
    return home


def make(*args):
    call_command("make_fake_content", *args, verbosity=0)


@pytest.fixture
def fake(site):
    make("--articles", ARTICLES, "--zones", ZONES, "--seed", "7")


def assert_tree_is_valid():
    assert Page.find_problems() == ([], [], [], [], [])
    for page in Page.objects.filter(depth__gt=1).select_related("content_type"):
        page.specific  # noqa: B018  (raises when the page type's own row is missing)
        parent_path = page.get_parent().url_path
        assert page.url_path == f"{parent_path}{page.slug}/", page.title
    slugs = Counter(Page.objects.values_list("path", "slug"))
    per_parent = Counter((path[: -Page.steplen], slug) for path, slug in slugs)
    assert max(per_parent.values()) == 1


@pytest.mark.django_db
def test_the_pages_form_a_valid_wagtail_tree(fake):
    assert_tree_is_valid()
    for column in NewsCategoryPage.objects.all():
        assert column.numchild == NewsPage.objects.child_of(column).count()


@pytest.mark.django_db
def test_running_it_again_adds_more_with_unique_slugs(fake):
    make("--articles", ARTICLES, "--zones", ZONES, "--seed", "7", "--no-index")
    assert NewsPage.objects.count() == 2 * ARTICLES
    assert ZonePage.objects.count() == 2 * ZONES
    assert_tree_is_valid()


@pytest.mark.django_db
def test_counts_add_up(fake):
    articles = NewsPage.objects.all()
    assert articles.count() == ARTICLES and articles.live().count() == ARTICLES
    columns = NewsCategoryPage.objects.all()
    assert sum(NewsPage.objects.child_of(column).count() for column in columns) == ARTICLES
    assert all(NewsPage.objects.child_of(column).exists() for column in columns)

    tag_counts = Counter(articles.values_list("tagged_items__content_object_id", flat=True))
    assert set(tag_counts) == set(articles.values_list("pk", flat=True))
    assert set(tag_counts.values()) <= {1, 2, 3, 4}
    assert PageViewCount.objects.filter(page__in=articles).count() == ARTICLES

    covers = set(articles.exclude(cover_image=None).values_list("cover_image", flat=True))
    assert 1 <= len(covers) <= 6  # a few images, reused
    assert not articles.filter(is_headline=True, cover_image=None).exists()


@pytest.mark.django_db
def test_articles_look_like_news_spread_over_years(fake):
    articles = list(NewsPage.objects.all())
    now = timezone.now()
    years = {article.publish_time.year for article in articles}
    assert len(years) >= 5
    for article in articles:
        assert article.first_published_at == article.publish_time <= now
        assert now - article.publish_time < datetime.timedelta(days=6 * 366)
        assert 8 <= timezone.localtime(article.publish_time).hour <= 18
        assert article.source and article.authors and article.body
        assert len(re.findall(r"[\u4e00-\u9fff]", article.title)) >= 8, article.title
    lengths = sorted(
        sum(len(block.value.source) for block in a.body if block.block_type == "paragraph")
        for a in articles
    )
    assert lengths[0] < 400 and lengths[-1] > 2000  # short notes and long features
    assert len({a.title for a in articles}) > 0.85 * len(articles)
    for article in NewsPage.objects.filter(zones__isnull=False):
        assert article.zones.get().title in article.title + article.source


@pytest.mark.django_db
def test_zones_cover_every_province_and_level_with_valid_kinds(fake):
    zones = list(ZonePage.objects.all())
    assert len(zones) == ZONES
    # The fake catalogue names real cities of the 31 provinces of the mainland.
    beyond = {"台湾省", "香港特别行政区", "澳门特别行政区"}
    assert {zone.province for zone in zones} == set(Province.values) - beyond
    assert {zone.level for zone in zones} == {"国家级", "省级"}
    for zone in zones:
        kinds = NATIONAL_KINDS if zone.level == "国家级" else PROVINCIAL_KINDS
        assert zone.title.endswith(kinds[zone.kind]), (zone.title, zone.kind)
        if zone.kind == "边境/跨境经济合作区":
            assert zone.province in BORDER_PROVINCES
        assert zone.code[0] == ("G" if zone.level == "国家级" else "S")
        assert zone.city and zone.approved_on and zone.area_hectares and zone.industries


@pytest.mark.django_db
def test_every_fake_page_opens(fake, client):
    for page in [*NewsPage.objects.all(), *ZonePage.objects.all()]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


@pytest.mark.django_db
def test_editors_can_edit_and_republish_fake_pages(fake, client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(editor)
    for page in [NewsPage.objects.last(), ZonePage.objects.first()]:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        assert client.get(f"/admin/pages/{page.get_parent().pk}/").status_code == 200
        page.title += "（修订）"
        page.save_revision(user=editor).publish()
        page.refresh_from_db()
        assert page.live_revision and page.title.endswith("（修订）")
        assert client.get(page.url).status_code == 200
    assert_tree_is_valid()


@pytest.mark.django_db
def test_every_article_is_listed_in_its_column(fake, client):
    for column in NewsCategoryPage.objects.all():
        expected = {article.url for article in NewsPage.objects.child_of(column)}
        listed = set()
        for number in range(1, math.ceil(len(expected) / column.per_page) + 1):
            html = client.get(column.url, {"page": number}).content.decode()
            listed |= set(re.findall(r'class="card-title" href="([^"]+)"', html))
        assert listed == expected, column.title


@pytest.mark.django_db
def test_every_page_is_in_the_sitemap(fake, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in [*NewsPage.objects.all(), *ZonePage.objects.all()]:
        assert f"<loc>{page.full_url}</loc>" in sitemap


@pytest.mark.django_db
def test_the_search_index_is_built_in_bulk_unless_told_not_to(site):
    make("--articles", 40, "--zones", 10)
    entries = IndexEntry.objects.filter(content_type__model__in=["newspage", "zonepage"])
    assert entries.count() == 50
    make("--articles", 40, "--zones", 10, "--no-index")
    assert entries.count() == 50


@pytest.mark.django_db
def test_it_prints_progress_and_a_summary(site, capsys):
    call_command("make_fake_content", "--articles", 30, "--zones", 5)
    out = capsys.readouterr().out
    assert "articles: 30 / 30" in out
    assert "search index:" in out
    assert re.search(r"Added 30 articles and 5 zones in [\d.]+ s", out)


@pytest.mark.django_db
def test_it_builds_the_demo_site_first_when_there_is_none(db):
    make("--articles", 20, "--zones", 5, "--no-index")
    assert NewsIndexPage.objects.exists()
    seed_article = "重庆双桥经济开发区：“保姆式”贴心服务 助推经济高速发展"
    assert NewsPage.objects.filter(title=seed_article).exists()
    assert NewsPage.objects.count() >= 30 + 20
    assert_tree_is_valid()


@pytest.mark.django_db
def test_without_a_zone_directory_it_stops_and_writes_nothing(home):
    news_index = factories.NewsIndexPageFactory(parent=home)
    factories.NewsCategoryPageFactory(parent=news_index, title="协会动态")
    with pytest.raises(CommandError, match="中国开发区"):
        make("--articles", 20, "--zones", 5)
    assert not NewsPage.objects.exists()


def test_the_same_seed_writes_the_same_text():
    def sample(seed):
        rng = random.Random(seed)
        zones = ZoneWriter(rng).zones(5)
        writer = ArticleWriter(rng, [zone["title"] for zone in zones])
        moment = datetime.datetime(2021, 5, 1, 9, 30, tzinfo=datetime.UTC)
        return zones, [writer.article(column, moment) for column in COLUMNS]

    assert sample(3) == sample(3)
    assert sample(3) != sample(4)
