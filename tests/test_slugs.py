"""Slugs are ASCII: made from the title's pinyin unless an editor writes one."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.models import NewsPage
from portal.core.slugs import MAX_SLUG_LENGTH, base_slug, pinyin_slug, unique_slug
from portal.core.tree import add_child_page
from tests import factories


def test_pinyin_slug_of_a_chinese_title():
    assert pinyin_slug("省级开发区动态") == "sheng-ji-kai-fa-qu-dong-tai"


def test_pinyin_slug_keeps_latin_letters_and_digits():
    assert pinyin_slug("5G 园区建设 2020") == "5g-yuan-qu-jian-she-2020"


def test_pinyin_slug_of_a_long_title_is_cut_at_a_syllable():
    slug = pinyin_slug("重庆双桥经济开发区：“保姆式”贴心服务 助推经济高速发展")
    assert len(slug) <= 60
    assert slug.startswith("chong-qing-shuang-qiao-jing-ji-kai-fa-qu-bao-mu-shi")
    assert not slug.endswith("-")


@pytest.mark.django_db
def test_page_made_in_code_gets_a_pinyin_slug(column):
    article = factories.NewsPageFactory(parent=column, title="招商引资", slug="")
    assert article.slug == "zhao-shang-yin-zi"
    assert article.url == "/news/provincial-zones/zhao-shang-yin-zi/"


@pytest.mark.django_db
def test_same_title_twice_gets_distinct_slugs(column):
    first = factories.NewsPageFactory(parent=column, title="招商引资", slug="")
    second = factories.NewsPageFactory(parent=column, title="招商引资", slug="")
    assert (first.slug, second.slug) == ("zhao-shang-yin-zi", "zhao-shang-yin-zi-2")


@pytest.mark.django_db
def test_title_without_letters_falls_back_to_the_date(column):
    article = factories.NewsPageFactory(parent=column, title="！！！", slug="")
    assert article.slug.startswith("page-20")


@pytest.mark.django_db
def test_an_editors_own_slug_is_kept(column):
    article = factories.NewsPageFactory(parent=column, title="招商引资", slug="invest-2020")
    assert article.slug == "invest-2020"


@pytest.mark.django_db
def test_a_chinese_slug_is_refused(column):
    article = factories.NewsPageFactory(parent=column, title="招商引资")
    article.slug = "招商引资"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_admin_create_with_empty_slug_publishes_with_pinyin_slug(column, admin_client):
    response = admin_client.post(
        f"/admin/pages/add/news/newspage/{column.pk}/",
        {
            "title": "园区营商环境持续优化",
            "slug": "",
            "source": "中国开发区协会",
            "authors": "",
            "editor": "",
            "publish_time": "2020-03-19 10:38",
            "summary": "",
            "body-count": "0",
            "tags": "",
            "action-publish": "action-publish",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    article = NewsPage.objects.get(title="园区营商环境持续优化")
    assert article.live
    assert article.slug == "yuan-qu-ying-shang-huan-jing-chi-xu-you-hua"


ASCII_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@given(st.text())
def test_every_title_asks_for_an_ascii_slug(title):
    slug = base_slug(title, today=datetime.date(2026, 12, 2))
    assert ASCII_SLUG.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG_LENGTH


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("2024年招商会", "2024-nian-zhao-shang-hui"),
        ("开发区招商引资新政策", "kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce"),
        ("🎉🎉", "page-20261202"),
        ("\u200b\u200c\u2060", "page-20261202"),
        ("——！？", "page-20261202"),
    ],
)
def test_the_slug_a_title_asks_for(title, slug):
    assert base_slug(title, today=datetime.date(2026, 12, 2)) == slug


def test_a_taken_slug_gets_the_lowest_free_number():
    assert unique_slug("zhao-shang", set()) == "zhao-shang"
    assert unique_slug("zhao-shang", {"zhao-shang"}) == "zhao-shang-2"
    assert unique_slug("zhao-shang", {"zhao-shang", "zhao-shang-2", "zhao-shang-4"}) == (
        "zhao-shang-3"
    )
    assert unique_slug("zhao-shang", {"zhao-shang", "zhao-shang-ju"}) == "zhao-shang-2"


@pytest.mark.django_db
@pytest.mark.parametrize("live", [True, False], ids=["published", "draft"])
def test_pages_added_in_code_get_distinct_slugs_and_addresses(column, live):
    titles = ["开发区招商引资新政策", "开发区招商引资新政策", "🎉", "🎉", "\u200b", "2024年招商会"]
    pages = [
        add_child_page(column, NewsPage(title=title, live=live, source="协会", authors=""))
        for title in titles
    ]
    today = f"page-{timezone.localdate():%Y%m%d}"
    assert [NewsPage.objects.get(pk=page.pk).slug for page in pages] == [
        "kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce",
        "kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce-2",
        today,
        f"{today}-2",
        f"{today}-3",
        "2024-nian-zhao-shang-hui",
    ]
    for page in NewsPage.objects.filter(pk__in=[page.pk for page in pages]):
        assert page.url_path == f"{column.url_path}{page.slug}/"


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(titles=st.lists(st.text(min_size=1), min_size=1, max_size=4))
def test_drafts_with_any_titles_never_share_an_address(column, titles):
    for title in titles:
        add_child_page(column, NewsPage(title=title, live=False, source="协会", authors=""))
    slugs = list(column.get_children().values_list("slug", flat=True))
    assert all(ASCII_SLUG.fullmatch(slug) for slug in slugs), slugs
    assert len(set(slugs)) == len(slugs)
