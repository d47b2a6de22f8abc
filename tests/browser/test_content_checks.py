"""In the browser: an editor opens a draft with a 敏感词 and a picture without alt text,
reads the warnings, is refused at 发布, ticks the confirmation and publishes."""

import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from association.models import SensitiveWord
from news.models import NewsPage
from tests import factories
from tests.browser import log_in_as_editor
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def publish(page):
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name="发布", exact=True).click()


def test_an_editor_confirms_a_sensitive_word_before_publishing(live_server, page, editor, column):
    SensitiveWord.objects.create(word="违禁词")
    draft = factories.NewsPageFactory(
        parent=column,
        title="园区动态",
        body=[
            ("paragraph", "<p>一段含违禁词的文字。</p>"),
            ("image", {"image": ImageFactory(title="IMG_0001", description=""), "caption": ""}),
        ],
        live=False,
    )
    draft.save_revision()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_editor(page, live_server.url)

    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    checks = page.locator(".content-checks")
    expect(checks).to_contain_text("“正文 › 第1块（段落）”中含有敏感词“违禁词”")
    expect(checks).to_contain_text("的图片“IMG_0001”没有替代文字")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "content-checks-warnings.png")

    publish(page)
    expect(page.locator(".messages")).to_contain_text("未发布：这一稿含有敏感词（违禁词）")
    assert not NewsPage.objects.get(pk=draft.pk).live

    page.get_by_label("我已核对上述敏感词，确认仍要发布").check()
    page.screenshot(path=SHOTS / "content-checks-confirm.png")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("已发布")
    assert NewsPage.objects.get(pk=draft.pk).live
