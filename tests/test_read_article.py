"""A reader opens an article: meta line, 字体 switch and 分享, in a bounded number of queries."""

from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests import factories

# Issue 10's budget, routing included (tests/test_query_budgets.py has all pages).
ARTICLE_QUERY_BUDGET = 12


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text().split())


def test_meta_line_as_in_the_seed(client, seed_article):
    page = get(client, seed_article.url)
    assert text(page.h1) == seed_article.title
    facts = text(page.select_one(".meta-facts"))
    assert facts == (
        "来源：重庆双桥经济开发区 作者：罗传莹 邹玉红 发布时间：2020年03月19日 10:38 点击量：395"
    )
    count = page.select_one(".view-count")
    assert count["data-page-id"] == str(seed_article.pk) and text(count) == "395"
    assert page.select_one(".meta-facts time")["datetime"] == "2020-03-19T10:38:00+08:00"


def test_an_article_never_counted_shows_zero(client, column):
    article = factories.NewsPageFactory(parent=column, source="", authors="")
    facts = text(get(client, article.url).select_one(".meta-facts"))
    assert facts.startswith("发布时间：") and facts.endswith("点击量：0")


def test_font_switch_offers_three_sizes(client, seed_article):
    switch = get(client, seed_article.url).select_one(".font-switch")
    buttons = switch.select("button")
    assert [b["data-font-size"] for b in buttons] == ["large", "medium", "small"]
    assert [b.get_text() for b in buttons] == ["大", "中", "小"]
    # The same HTML for everyone: the browser marks the reader's own choice.
    assert [b["aria-pressed"] for b in buttons] == ["false", "true", "false"]


def test_share_links_carry_the_canonical_url_and_title(client, seed_article):
    page = get(client, seed_article.url)
    share = page.select_one(".share")
    canonical = seed_article.full_url
    assert canonical.startswith("http://localhost/news/")

    qr = share.select_one("#share-wechat-pop img")
    assert qr["src"] == f"/qr/{seed_article.pk}.svg"
    assert "用微信“扫一扫”" in text(share) and "点击右上角“···”" in text(share)

    def query(selector, host):
        url = urlsplit(share.select_one(selector)["href"])
        assert url.scheme == "https" and url.netloc == host
        return {key: values[0] for key, values in parse_qs(url.query).items()}

    assert query(".share-weibo", "service.weibo.com") == {
        "url": canonical,
        "title": seed_article.title,
    }
    for selector, host in [(".share-qq", "connect.qq.com"), (".share-qzone", "sns.qzone.qq.com")]:
        assert query(selector, host) == {
            "url": canonical,
            "title": seed_article.title,
            "summary": seed_article.summary,
        }
    assert share.select_one(".share-copy")["data-copy"] == canonical


def test_qr_code_is_an_svg_of_the_page_url(client, seed_article):
    response = client.get(f"/qr/{seed_article.pk}.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=3600" in response["Cache-Control"]
    svg = ElementTree.fromstring(response.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") and not svg.get("width")  # scales to the size the page gives it


def test_no_qr_code_for_drafts_private_or_unknown_pages(client, column, seed_article):
    draft = factories.NewsPageFactory(parent=column, live=False)
    private = factories.NewsPageFactory(parent=column)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page_id in [draft.pk, private.pk, 999999]:
        assert client.get(f"/qr/{page_id}.svg").status_code == 404
    assert client.post(f"/qr/{seed_article.pk}.svg").status_code == 405


def test_article_page_query_count_is_bounded(client, seed_article, django_assert_max_num_queries):
    client.get(seed_article.url)  # fills the chrome's cache
    with django_assert_max_num_queries(ARTICLE_QUERY_BUDGET):
        assert client.get(seed_article.url).status_code == 200


def test_editor_previews_a_new_article(client, column):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    url = f"/admin/pages/add/news/newspage/{column.pk}/preview/"
    form = {"title": "预览中的文章", "slug": "", "publish_time": "2020-03-19 10:38"}
    form.update({"source": "重庆双桥经济开发区", "authors": "", "editor": "", "summary": ""})
    form.update({"body": streamfield([]), "tags": "", "zones": []})
    assert client.post(url, nested_form_data(form)).json()["is_valid"] is True

    page = get(client, url)
    assert text(page.h1) == "预览中的文章"
    assert text(page.select_one(".meta-facts")).startswith("来源：重庆双桥经济开发区")
    assert page.select_one(".share") is None  # no address to share yet
