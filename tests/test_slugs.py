"""Slugs are ASCII: made from the title's pinyin unless an editor writes one."""

import pytest
from django.core.exceptions import ValidationError

from news.models import NewsPage
from portal.slugs import pinyin_slug
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
