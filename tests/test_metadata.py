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


@pytest.mark.django_db
def test_every_page_type_has_a_meta_description(client, every_page_type):
    for url in every_page_type["pages"] + ["/search/"]:
        html = head(client, url)
        assert meta(html, "name", "description"), url


@pytest.mark.django_db
def test_a_page_without_text_of_its_own_uses_the_site_description(client, home):
    from portal.site.models import SiteSettings

    SiteSettings.objects.create(site=home.get_site(), description="协会门户的简介")
    notices = factories.NoticeIndexPageFactory(parent=home)
    assert meta(head(client, notices.url), "name", "description") == "协会门户的简介"


@pytest.mark.django_db
def test_an_article_without_cover_shares_its_first_picture_else_the_site_image(
    client, every_page_type
):
    from portal.site.demo.images import demo_image
    from portal.site.models import SiteSettings

    article = every_page_type["article"]  # no cover, a picture in the text
    picture = meta(head(client, article.url), "property", "og:image")
    assert picture.startswith("http://localhost/media/images/") and picture.endswith(".jpg")

    plain = factories.NewsPageFactory(
        parent=article.get_parent(), title="没有图片的文章", authors="张三"
    )
    assert meta(head(client, plain.url), "property", "og:image") is None
    site = article.get_site()
    SiteSettings.objects.update_or_create(
        site=site, defaults={"share_image": demo_image("分享图", size=(1200, 630))}
    )
    html = head(client, plain.url)
    assert meta(html, "property", "og:image:width") == "1200"
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["image"] == [meta(html, "property", "og:image")]
    assert data["publisher"]["logo"]["url"].startswith("http://localhost/")
    assert meta(html, "property", "article:author") == "张三"
    assert meta(html, "property", "article:published_time") == data["datePublished"]
    assert data["dateModified"] >= data["datePublished"]


@pytest.mark.django_db
def test_a_share_image_narrower_than_1200_pixels_is_refused(home):
    from django.core.exceptions import ValidationError

    from portal.site.demo.images import demo_image
    from portal.site.models import SiteSettings

    settings = SiteSettings(site=home.get_site(), share_image=demo_image("窄图", size=(800, 450)))
    with pytest.raises(ValidationError, match="至少需要 1200 像素"):
        settings.clean()


@pytest.mark.django_db
def test_the_site_icon_comes_from_the_logo_and_answers_favicon_ico(client, home):
    from portal.site.demo.images import demo_image
    from portal.site.models import SiteSettings

    html = head(client, home.url)
    static_icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert "/static/img/icon-32" in static_icon
    assert client.get(static_icon).status_code == 200
    SiteSettings.objects.create(site=home.get_site(), logo=demo_image("标志", size=(240, 240)))
    html = head(client, home.url)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert icon.startswith("/media/images/") and "fill-32x32" in icon
    assert re.search(r'<link rel="apple-touch-icon" href="/media/images/[^"]+"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon
