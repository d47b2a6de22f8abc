"""内容检查 (portal/site/content_checks.py): what is found in a page, and where."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail_factories import ImageFactory

from association.models import SensitiveWord
from news.models import LegacySource, LegacyURL, NewsPage
from portal.site.content_checks import (
    BROKEN_LINK,
    MISSING_ALT,
    REDIRECTED_LINK,
    SENSITIVE_WORD,
    blocking,
    findings_for,
    findings_for_pages,
)
from tests import factories
from zones.models import ZoneGalleryImage


def kinds(findings):
    return sorted((finding.kind, finding.where, finding.value) for finding in findings)


@pytest.mark.django_db
def test_a_clean_article_has_no_findings(column):
    picture = ImageFactory(title="园区", description="园区鸟瞰")
    article = factories.NewsPageFactory(
        parent=column,
        title="园区新貌",
        body=[
            ("paragraph", f'<p>详见<a linktype="page" id="{column.pk}">栏目</a>。</p>'),
            ("image", {"image": picture, "caption": ""}),
        ],
    )
    assert findings_for(article) == []


@pytest.mark.django_db
def test_a_sensitive_word_is_found_where_it_is_dodged(column):
    SensitiveWord.objects.create(word="违禁词")
    article = factories.NewsPageFactory(
        parent=column,
        title="一篇文章",
        body=[("heading", "小标题"), ("paragraph", "<p>这里有<b>违 禁</b>·词。</p>")],
    )
    (finding,) = findings_for(article)
    assert finding.kind == SENSITIVE_WORD
    assert finding.where == "正文 › 第2块（段落）"
    assert finding.value == "违禁词"
    assert "违禁词" in finding.message and "第2块（段落）" in finding.message
    assert blocking([finding]) == [finding]


@pytest.mark.django_db
def test_words_in_title_tags_and_table_are_found(column):
    SensitiveWord.objects.create(word="赌博")
    article = factories.NewsPageFactory(
        parent=column,
        title="严查赌博",
        body=[("table", {"data": [["项目", "网络赌博"]]})],
    )
    article.tags.add("赌博")
    wheres = {finding.where for finding in findings_for(article)}
    assert wheres == {"标题", "正文 › 第1块（表格）", "标签"}


@pytest.mark.django_db
def test_pictures_without_alt_text(column):
    bare = ImageFactory(title="IMG_0001", description="")
    described = ImageFactory(title="大楼", description="管委会大楼")
    article = factories.NewsPageFactory(
        parent=column,
        title="图片",
        cover_image=bare,
        body=[
            ("image", {"image": bare, "caption": ""}),
            ("image", {"image": bare, "caption": "新落成的大楼"}),
            ("image", {"image": described, "caption": ""}),
        ],
    )
    assert kinds(findings_for(article)) == [
        (MISSING_ALT, "封面图片", "IMG_0001"),
        (MISSING_ALT, "正文 › 第1块（图片） › 图片", "IMG_0001"),
    ]


@pytest.mark.django_db
def test_a_gallery_picture_of_a_zone_needs_words(home):
    zones = factories.ZoneIndexPageFactory(parent=home)
    zone = factories.ZonePageFactory(parent=zones)
    ZoneGalleryImage.objects.create(zone=zone, image=ImageFactory(title="DSC_1"), caption="")
    ZoneGalleryImage.objects.create(zone=zone, image=ImageFactory(title="DSC_2"), caption="厂区")
    zone = type(zone).objects.get(pk=zone.pk)
    assert kinds(findings_for(zone)) == [(MISSING_ALT, "开发区图片 第1项 › 图片", "DSC_1")]


@pytest.mark.django_db
def test_links_to_deleted_and_unpublished_pages(column):
    gone = factories.NewsPageFactory(parent=column, title="已删除")
    gone_id = gone.pk
    gone.delete()
    draft = factories.NewsPageFactory(parent=column, title="草稿文章", live=False)
    article = factories.NewsPageFactory(
        parent=column,
        title="链接",
        body=[
            ("paragraph", f'<p><a linktype="page" id="{gone_id}">旧文</a></p>'),
            ("paragraph", f'<p><a linktype="page" id="{draft.pk}">草稿</a></p>'),
        ],
    )
    found = findings_for(article)
    assert kinds(found) == [
        (BROKEN_LINK, "正文 › 第1块（段落）", str(gone_id)),
        (BROKEN_LINK, "正文 › 第2块（段落）", "草稿文章"),
    ]
    assert "已被删除" in found[0].message and "未发布" in found[1].message


@pytest.mark.django_db
def test_this_sites_addresses_that_show_no_page(column):
    live = factories.NewsPageFactory(parent=column, title="在线", slug="zai-xian")
    article = factories.NewsPageFactory(
        parent=column,
        title="本站链接",
        body=[
            (
                "paragraph",
                f'<p><a href="{live.url}">在线</a> <a href="/news/provincial-zones/mei-you/">无</a>'
                ' <a href="http://localhost/nowhere/">无</a> <a href="/search/?q=1">搜索</a>'
                ' <a href="https://www.gov.cn/nowhere/">外站</a> <a href="#top">锚点</a></p>',
            )
        ],
    )
    assert [f.value for f in findings_for(article)] == [
        "/news/provincial-zones/mei-you/",
        "http://localhost/nowhere/",
    ]


@pytest.mark.django_db
def test_a_routed_address_below_a_live_page_is_not_reported(column, news_index):
    article = factories.NewsPageFactory(
        parent=column,
        title="标签",
        body=[("paragraph", f'<p><a href="{news_index.url}tags/kai-fa-qu/">标签</a></p>')],
    )
    assert findings_for(article) == []


@pytest.mark.django_db
def test_links_to_old_addresses_that_now_redirect(column):
    target = factories.NewsPageFactory(parent=column, title="新址文章")
    Redirect.objects.create(old_path="/show.asp?id=88", redirect_page=target, is_permanent=True)
    # What the importer records of the article it took from the old site.
    source = LegacySource.objects.create(page=target, fingerprint="f" * 40, digest="d" * 40)
    LegacyURL.objects.create(url="www.old-zone.org.cn/show.asp?id=88", source=source)
    links = [
        "http://www.old-zone.org.cn/show.asp?id=88",  # the old site's address
        "/show.asp?id=88",  # the same, without the host
        "https://www.other-city.gov.cn/show.asp?id=88",  # another site, the same path
    ]
    article = factories.NewsPageFactory(
        parent=column,
        title="旧链接",
        body=[("paragraph", "".join(f'<p><a href="{link}">链接</a></p>' for link in links))],
    )
    found = findings_for(article)
    assert [finding.value for finding in found] == links[:2]
    assert all(finding.kind == REDIRECTED_LINK for finding in found)
    assert "新址文章" in found[0].message
    assert not found[0].blocks_contributors


@pytest.mark.django_db
def test_a_draft_revision_is_checked_as_saved(column):
    SensitiveWord.objects.create(word="违禁词")
    article = factories.NewsPageFactory(parent=column, title="干净")
    article.title = "含违禁词的草稿"
    article.save_revision()
    live = Page.objects.get(pk=article.pk).specific
    assert findings_for(live) == []
    assert [f.where for f in findings_for(live.get_latest_revision_as_object())] == ["标题"]


@pytest.mark.django_db
def test_many_pages_take_a_bounded_number_of_queries(column):
    SensitiveWord.objects.create(word="违禁词")
    bare = ImageFactory(title="IMG", description="")

    def make(count):
        for number in range(count):
            factories.NewsPageFactory(
                parent=column,
                title=f"违禁词{number}",
                body=[
                    ("image", {"image": bare, "caption": ""}),
                    ("paragraph", f'<p><a linktype="page" id="{column.pk}">栏目</a></p>'),
                    ("paragraph", '<p><a href="/news/provincial-zones/none/">无</a></p>'),
                ],
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            results = findings_for_pages(Page.objects.live().descendant_of(column))
        return len(captured), results

    make(2)
    few, results = queries()
    make(8)
    many, results = queries()
    assert many == few
    assert len(results) == 10
    assert all(len(found) == 3 for found in results.values())


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(title=text, paragraph=text, href=text)
def test_any_text_and_link_is_judged_without_error(column, title, paragraph, href):
    article = factories.NewsPageFactory.build(
        title=title or "空",
        body=[("paragraph", f"<p>{paragraph}<a href='{href}'>x</a></p>"), ("heading", title)],
    )
    for finding in findings_for(article):
        assert finding.message and finding.where


@pytest.mark.django_db
def test_stored_values_no_editor_can_make_are_passed_over(column):
    article = factories.NewsPageFactory(parent=column, title="旧数据")
    NewsPage.objects.filter(pk=article.pk).update(
        body=[
            {"type": "image", "value": {"image": "abc", "caption": ""}},
            {"type": "image", "value": "not a struct"},
            {"type": "table", "value": {"data": [None, "row", ["格"]]}},
            {
                "type": "paragraph",
                "value": '<p><a linktype="page" id="x">x</a><a href="http://[">y</a></p>',
            },
            {"type": "no-longer-a-block", "value": 1},
        ]
    )
    assert findings_for(NewsPage.objects.get(pk=article.pk)) == []
