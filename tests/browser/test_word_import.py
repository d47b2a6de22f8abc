"""In the browser: an editor opens 从Word导入 on a column, is told why an old .doc will
not do, then uploads the .docx and lands on the draft in the page editor."""

import pytest
from playwright.sync_api import expect

from news.models import NewsPage
from tests import word_documents as docs
from tests.browser import log_in_as_editor
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_imports_a_news_report_from_word(live_server, page, editor, column, tmp_path):
    old = tmp_path / "旧通知.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(4096, b"\0"))
    report = tmp_path / "签约.docx"
    report.write_bytes(docs.news_docx())
    log_in_as_editor(page, live_server.url)

    page.goto(f"{live_server.url}/admin/pages/{column.pk}/")
    page.get_by_role("button", name="动作", exact=True).click()
    page.get_by_role("link", name="从Word导入").click()
    expect(page.get_by_role("heading", name="从Word导入")).to_be_visible()

    page.get_by_label("Word 文档").set_input_files(str(old))
    page.get_by_role("button", name="导入为草稿").click()
    expect(page.locator(".w-field__errors, .error-message").first).to_contain_text(
        "这是旧版 Word 文档（.doc），不能直接导入"
    )
    assert NewsPage.objects.count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "word-import-refused.png", full_page=True)

    page.get_by_label("Word 文档").set_input_files(str(report))
    page.get_by_role("button", name="导入为草稿").click()

    expect(page.locator(".messages")).to_contain_text(f"生成草稿《{docs.NEWS_TITLE}》")
    expect(page.locator("#id_title")).to_have_value(docs.NEWS_TITLE)
    expect(page.locator("#id_source")).to_have_value("重庆双桥经济开发区")
    page.screenshot(path=SHOTS / "word-import-draft.png", full_page=True)
    draft = NewsPage.objects.get()
    assert page.url.endswith(f"/admin/pages/{draft.pk}/edit/")
    assert not draft.live
