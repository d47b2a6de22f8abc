"""A contributor sends an article with a photo; a reader leaves a message."""

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from association.models import Message
from news.models import NewsPage, Submission
from tests import factories
from tests.helpers import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submit_page(home, column):
    from news.roles import setup_roles

    column.accepts_submissions = True
    column.save_revision().publish()
    setup_roles()
    return factories.SubmissionPageFactory(parent=home)


def fill_submission(page, column_title):
    page.get_by_label("标题").fill("双桥经开区举办招商推介会")
    page.get_by_label("投稿栏目").select_option(label=column_title)
    page.get_by_label("来源单位").fill("重庆双桥经济开发区")
    page.get_by_label("作者").fill("罗传莹")
    page.get_by_label("正文").fill("推介会签约项目12个。\n总投资45亿元。")
    page.get_by_label("联系人").fill("罗传莹")
    page.get_by_label("联系电话").fill("13800138000")


def test_a_contributor_sends_an_article_with_a_photo(
    live_server, page, submit_page, column, tmp_path
):
    photo = tmp_path / "photo.jpg"
    PILImage.new("RGB", (320, 200), (181, 18, 27)).save(photo, "JPEG")
    fake = tmp_path / "notes.jpg"
    fake.write_text("这不是图片")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + "/submit/")

    fill_submission(page, column.title)
    page.get_by_label("图片").set_input_files(str(fake))
    page.get_by_label("我已阅读并同意个人信息保护说明").check()
    page.get_by_role("button", name="提交稿件").click()

    expect(page.get_by_role("alert")).to_contain_text("请重新选择图片和附件")
    expect(page.locator(".has-error")).to_contain_text("图片“notes.jpg”")
    expect(page.get_by_label("标题")).to_have_value("双桥经开区举办招商推介会")
    expect(page.get_by_label("正文")).to_have_value("推介会签约项目12个。\n总投资45亿元。")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "submit-refused.png", full_page=True)

    page.get_by_label("图片").set_input_files(str(photo))
    page.get_by_label("我已阅读并同意个人信息保护说明").check()
    page.get_by_role("button", name="提交稿件").click()

    expect(page.get_by_role("status")).to_contain_text("投稿成功")
    reference = Submission.objects.get().reference
    expect(page.locator(".reference")).to_have_text(reference)
    page.screenshot(path=SHOTS / "submit-done.png", full_page=True)
    draft = NewsPage.objects.get(title="双桥经开区举办招商推介会")
    assert not draft.live
    assert [block.block_type for block in draft.body] == ["paragraph", "image"]


def test_a_reader_leaves_a_message(live_server, page, home):
    factories.MessageBoardPageFactory(parent=home)
    page.goto(live_server.url + "/messages/")

    page.get_by_label("主题").fill("会员入会咨询")
    page.get_by_label("留言内容").fill("请问入会需要哪些材料？")
    page.get_by_role("textbox", name="姓名").fill("赵强")
    page.get_by_label("电子邮箱").fill("zhaoqiang@example.org")
    page.locator("summary", has_text="个人信息保护说明").click()
    expect(page.locator(".privacy-notice")).to_contain_text("保存 365 天")
    page.get_by_label("我已阅读并同意个人信息保护说明").check()
    page.get_by_role("button", name="提交留言").click()

    expect(page.get_by_role("status")).to_contain_text("留言已提交")
    page.screenshot(path=SHOTS / "message-sent.png", full_page=True)
    message = Message.objects.get()
    assert (message.subject, message.status) == ("会员入会咨询", Message.Status.PENDING)
    expect(page.locator(".board")).not_to_contain_text("会员入会咨询")
