"""内容检查 in the page editor: editors see the draft's findings and confirm 敏感词 before
publishing; contributors cannot submit a page with 敏感词 for review."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail_factories import ImageFactory

from association.models import SensitiveWord
from news.models import NewsPage
from portal.site.wagtail_hooks import CONFIRM_FIELD
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def words(db):
    SensitiveWord.objects.create(word="违禁词")


def article_form(title, paragraph, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "source": "",
            "authors": "",
            "editor": "",
            "publish_time": "2020-03-19 10:38",
            "summary": "",
            "body": streamfield([("paragraph", rich_text(paragraph))]),
            "tags": "",
            "comments": inline_formset([]),
            action: "on",
        }
    )


def add_url(column):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", column.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def editor_page(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def posted_edit_form(response, action):
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data[action] = "on"
    return data


def messages_text(html):
    return " ".join(html.select_one(".messages").get_text(" ").split())


@pytest.fixture
def flagged_draft(column, words):
    bare = ImageFactory(title="IMG_0001", description="")
    article = factories.NewsPageFactory(
        parent=column,
        title="园区动态",
        body=[
            ("paragraph", "<p>一段含违禁词的文字。</p>"),
            ("image", {"image": bare, "caption": ""}),
        ],
        live=False,
    )
    article.save_revision()
    return article


def test_the_editor_shows_the_drafts_findings_and_a_confirmation(client, editor, flagged_draft):
    client.force_login(editor)
    _, html = editor_page(client, flagged_draft)
    text = messages_text(html)
    assert "内容检查：这一稿有 2 处需要处理" in text
    assert "“正文 › 第1块（段落）”中含有敏感词“违禁词”" in text
    assert "“正文 › 第2块（图片） › 图片”的图片“IMG_0001”没有替代文字" in text
    box = html.select_one(f"input[name={CONFIRM_FIELD}]")
    assert box["form"] == "page-edit-form" and box["value"] == "违禁词"
    assert "确认仍要发布" in box.parent.get_text()


def test_publishing_with_a_sensitive_word_waits_for_confirmation(client, editor, flagged_draft):
    client.force_login(editor)
    form = article_form("园区动态", "<p>一段含违禁词的文字。</p>", "action-publish")

    refused = client.post(edit_url(flagged_draft), form)
    assert refused.status_code == 302 and refused.url == edit_url(flagged_draft)
    flagged_draft.refresh_from_db()
    assert not flagged_draft.live
    _, html = editor_page(client, flagged_draft)
    assert "未发布：这一稿含有敏感词（违禁词），草稿已保存" in messages_text(html)

    form[CONFIRM_FIELD] = html.select_one(f"input[name={CONFIRM_FIELD}]")["value"]
    assert client.post(edit_url(flagged_draft), form).status_code == 302
    flagged_draft.refresh_from_db()
    assert flagged_draft.live


def test_a_confirmation_covers_only_the_words_the_editor_saw(client, editor, flagged_draft):
    SensitiveWord.objects.create(word="另一个词")
    client.force_login(editor)
    form = article_form("另一个词", "<p>违禁词</p>", "action-publish")
    form[CONFIRM_FIELD] = "违禁词"
    client.post(edit_url(flagged_draft), form)
    flagged_draft.refresh_from_db()
    assert not flagged_draft.live
    assert flagged_draft.get_latest_revision_as_object().title == "另一个词"


def test_an_editor_publishing_a_new_page_with_a_word_keeps_it_as_a_draft(client, editor, column):
    SensitiveWord.objects.create(word="违禁词")
    client.force_login(editor)
    response = client.post(
        add_url(column), article_form("新文章", "<p>违禁词</p>", "action-publish")
    )
    article = NewsPage.objects.get(title="新文章")
    assert not article.live and article.has_unpublished_changes
    assert response.url == edit_url(article)
    assert client.get(article.url).status_code == 404


def test_pages_without_sensitive_words_publish_with_warnings_only(client, editor, column):
    client.force_login(editor)
    factories.NewsPageFactory(parent=column, title="旧文")
    paragraph = '<p><a href="/news/provincial-zones/mei-you/">已删除的页面</a></p>'
    client.post(add_url(column), article_form("有失效链接", paragraph, "action-publish"))
    article = NewsPage.objects.get(title="有失效链接")
    assert article.live
    _, html = editor_page(client, article)
    assert "链接的本站地址 /news/provincial-zones/mei-you/ 已没有页面" in messages_text(html)
    assert html.select_one(f"input[name={CONFIRM_FIELD}]") is None


def test_a_contributor_cannot_submit_a_page_with_a_sensitive_word(client, contributor, column):
    SensitiveWord.objects.create(word="违禁词")
    client.force_login(contributor)
    response = client.post(
        add_url(column), article_form("投稿", "<p>违 禁 词</p>", "action-submit")
    )
    assert response.status_code == 200
    text = messages_text(BeautifulSoup(response.content, "html.parser"))
    assert "不能提交审核：正文 › 第1块（段落）含有敏感词“违禁词”，请删改后再提交。" in text
    assert not NewsPage.objects.filter(title="投稿").exists()
    assert not WorkflowState.objects.exists()

    client.post(add_url(column), article_form("投稿", "<p>园区新闻。</p>", "action-save"))
    draft = NewsPage.objects.get(title="投稿")
    response = client.post(edit_url(draft), article_form("投稿", "<p>违禁词</p>", "action-submit"))
    assert response.status_code == 200
    assert not WorkflowState.objects.exists()
    _, html = editor_page(client, draft)
    assert "含敏感词的稿件不能提交审核" not in messages_text(html)  # the saved draft is clean

    client.post(edit_url(draft), article_form("投稿", "<p>园区新闻。</p>", "action-submit"))
    assert WorkflowState.objects.get(object_id=str(draft.pk)).status == "in_progress"


def test_an_editor_may_submit_a_page_with_a_word_for_review(client, editor, column, words):
    client.force_login(editor)
    client.post(add_url(column), article_form("送审", "<p>违禁词</p>", "action-submit"))
    article = NewsPage.objects.get(title="送审")
    assert WorkflowState.objects.filter(object_id=str(article.pk)).exists()


def test_the_editors_queries_do_not_grow_with_the_findings(client, editor, column, words):
    """The same content with 2 or 12 findings: the checks look each kind up once."""
    client.force_login(editor)
    pages = [factories.NewsPageFactory(parent=column, title=f"页{n}") for n in range(12)]
    bare = ImageFactory(title="IMG", description="")
    described = ImageFactory(title="图", description="园区")

    def article_with(count):
        body = []
        for n, page in enumerate(pages):
            flagged = n < count
            text = "违禁词" if flagged else "园区"
            body += [
                ("paragraph", f'<p>{text}<a linktype="page" id="{page.pk}">页</a></p>'),
                ("image", {"image": bare if flagged else described, "caption": ""}),
            ]
        page = factories.NewsPageFactory(parent=column, title=f"文章{count}", body=body)
        page.save_revision()
        return page

    def queries(page):
        client.get(edit_url(page))  # warm what Wagtail caches per process
        with CaptureQueriesContext(connection) as captured:
            response = client.get(edit_url(page))
        assert f"这一稿有 {count_of(response)} 处" in response.content.decode()
        return len(captured)

    def count_of(response):
        return len(BeautifulSoup(response.content, "html.parser").select(".content-checks li"))

    few, many = article_with(2), article_with(12)
    assert queries(many) == queries(few)


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(confirmation=st.text(max_size=30).filter(lambda text: text.strip() != "违禁词"))
def test_no_other_confirmation_lets_a_word_through(client, editor, flagged_draft, confirmation):
    client.force_login(editor)
    form = article_form("园区动态", "<p>违禁词</p>", "action-publish")
    form[CONFIRM_FIELD] = confirmation
    assert client.post(edit_url(flagged_draft), form).status_code == 302
    flagged_draft.refresh_from_db()
    assert not flagged_draft.live


def test_bulk_publishing_refuses_pages_with_a_sensitive_word(client, editor, flagged_draft, column):
    clean = factories.NewsPageFactory(parent=column, title="园区新闻", live=False)
    clean.save_revision()
    client.force_login(editor)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    for pages in ([flagged_draft, clean], [clean]):
        query = "&".join(f"id={page.pk}" for page in pages)
        response = client.post(f"{bulk}?{query}&next={column.url}", {})
        assert response.status_code == 302
    flagged_draft.refresh_from_db()
    clean.refresh_from_db()
    assert not flagged_draft.live and clean.live  # the second batch had no word in it
    html = BeautifulSoup(client.get(edit_url(flagged_draft)).content, "html.parser")
    assert "未批量发布：“园区动态”含有敏感词" in messages_text(html)
