"""Every page type can be created where the design map puts it, renders, and nowhere else."""

import pytest
from wagtail.models import Page

from association import models as association
from news import models as news
from portal.site.models import HomePage
from tests import factories
from zones import models as zones


@pytest.fixture
def tree(home, news_index, column):
    topics = factories.TopicIndexPageFactory(parent=news_index)
    notices = factories.NoticeIndexPageFactory(parent=home)
    zone_index = factories.ZoneIndexPageFactory(parent=home)
    about = factories.AboutPageFactory(parent=home, title="中国开发区协会", slug="about")
    services = factories.ServiceIndexPageFactory(parent=home)
    magazine = factories.MagazineIndexPageFactory(parent=home)
    return {
        "home": home,
        "news index": news_index,
        "column": column,
        "article": factories.NewsPageFactory(parent=column, title="重庆双桥经济开发区：贴心服务"),
        "topic index": topics,
        "topic": factories.TopicPageFactory(parent=topics, title="复工复产专题"),
        "notice index": notices,
        "notice": factories.NoticePageFactory(parent=notices, title="关于召开年会的通知"),
        "submission": factories.SubmissionPageFactory(parent=home),
        "zone index": zone_index,
        "zone": factories.ZonePageFactory(parent=zone_index, title="苏州工业园区"),
        "about": about,
        "about child": factories.AboutPageFactory(parent=about, title="组织机构"),
        "service index": services,
        "service": factories.ServicePageFactory(parent=services, title="招商推介"),
        "magazine": magazine,
        "issue": factories.MagazineIssuePageFactory(
            parent=magazine, title="《中国开发区》2020年第1期"
        ),
        "message board": factories.MessageBoardPageFactory(parent=home),
    }


EXPECTED_URLS = {
    "home": "/",
    "news index": "/news/",
    "column": "/news/provincial-zones/",
    "topic index": "/news/topics/",
    "notice index": "/notices/",
    "submission": "/submit/",
    "zone index": "/zones/",
    "about": "/about/",
    "service index": "/services/",
    "magazine": "/magazine/",
    "message board": "/messages/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(EXPECTED_URLS))
def test_sections_live_at_the_urls_of_the_design_map(tree, client, name):
    page = tree[name]
    assert page.url == EXPECTED_URLS[name]
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["article", "topic", "notice", "zone", "about child", "service", "issue"]
)
def test_leaf_pages_render_with_their_title_and_breadcrumb(tree, client, name):
    page = tree[name]
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and page.title in html
    assert "当前位置：" in html
    assert 'aria-current="page"' in html
    assert page.get_parent().title in html


PARENTS = {
    HomePage: {Page},
    news.NewsIndexPage: {HomePage},
    news.NewsCategoryPage: {news.NewsIndexPage},
    news.NewsPage: {news.NewsCategoryPage},
    news.TopicIndexPage: {news.NewsIndexPage},
    news.TopicPage: {news.TopicIndexPage},
    news.NoticeIndexPage: {HomePage},
    news.NoticePage: {news.NoticeIndexPage},
    news.SubmissionPage: {HomePage},
    zones.ZoneIndexPage: {HomePage},
    zones.ZonePage: {zones.ZoneIndexPage},
    association.AboutPage: {HomePage, association.AboutPage},
    association.ServiceIndexPage: {HomePage},
    association.ServicePage: {association.ServiceIndexPage},
    association.MagazineIndexPage: {HomePage},
    association.MagazineIssuePage: {association.MagazineIndexPage},
    association.MessageBoardPage: {HomePage},
}


@pytest.mark.parametrize("model", list(PARENTS), ids=lambda m: m.__name__)
def test_each_page_type_only_goes_under_its_parents(model):
    assert set(model.allowed_parent_page_models()) == PARENTS[model]


@pytest.mark.django_db
def test_an_article_cannot_be_created_directly_under_the_home_page(home):
    assert not news.NewsPage.can_create_at(home)
    assert news.NewsCategoryPage.can_create_at(home) is False


@pytest.mark.django_db
def test_a_second_news_index_cannot_be_added(home, news_index):
    assert not news.NewsIndexPage.can_create_at(home)
