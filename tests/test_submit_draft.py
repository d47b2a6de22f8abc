"""A contributor sends an article through the public 投稿 form; editors review it."""

import datetime
import io
import re
import threading
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from association.models import SensitiveWord
from news.forms import MAX_IMAGES
from news.models import NewsCategoryPage, NewsPage, Submission
from news.models.submissions import RATE_LIMIT
from tests import factories

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "苏州工业园区一季度外资到位创新高",
    "source": "苏州工业园区管委会",
    "authors": "张伟 李娜",
    "body": "一季度，园区实际使用外资同比增长。\n\n新设外资项目56个。",
    "name": "张伟",
    "phone": "13800138000",
    "email": "zhangwei@example.org",
    "consent": "on",
    "website": "",
}


def png(name="photo.png", size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx(name="report.docx", extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in ("[Content_Types].xml", "word/document.xml", *extra):
            archive.writestr(part, "<xml/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def submit(client, column, ip="10.2.3.4", **extra):
    data = {**FIELDS, "column": column.pk, **extra}
    return client.post("/submit/", data, REMOTE_ADDR=ip)


def the_draft():
    return NewsPage.objects.get(title=FIELDS["title"])


def test_the_form_offers_only_columns_that_accept_submissions(client, submit_page, news_index):
    factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    html = client.get("/submit/").content.decode()
    assert "省级开发区动态" in html and "政策法规" not in html


def test_a_submission_becomes_a_draft_awaiting_review(client, submit_page, open_column, editor):
    response = submit(client, open_column, images=[png()], attachment=docx())
    assert response.status_code == 302

    draft = the_draft()
    assert not draft.live and draft.get_parent().pk == open_column.pk
    assert draft.latest_revision.user is None
    assert (draft.source, draft.authors) == (FIELDS["source"], FIELDS["authors"])
    assert [block.block_type for block in draft.body] == ["paragraph", "image", "attachment"]
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by is None

    submission = Submission.objects.get()
    assert submission.page_id == draft.pk and submission.phone == "13800138000"
    confirmation = client.get(response["Location"]).content.decode()
    assert "投稿成功" in confirmation and submission.reference in confirmation

    # Not public until approved.
    assert client.get(draft.url).status_code == 404

    # The reviewers (group 编辑) are e-mailed and see it in their review list.
    assert any(
        editor.email in message.to and FIELDS["title"] in message.subject for message in mail.outbox
    )
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "等待你审核" in dashboard and FIELDS["title"] in dashboard

    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[draft.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    client.logout()
    article = client.get(the_draft().url)
    assert article.status_code == 200
    assert "新设外资项目56个。" in article.content.decode()


def test_each_reviewer_gets_one_chinese_email(client, submit_page, open_column, editor):
    """A superuser who also reviews is written to once, not also as a superuser, and the
    subject is in Chinese (Wagtail's own is English for the workflow notice)."""
    chief = get_user_model().objects.create_superuser("zhubian", "zhubian@example.org", "pw")
    chief.groups.add(Group.objects.get(name="编辑"))
    get_user_model().objects.create_superuser("yunwei", "yunwei@example.org", "pw")
    mail.outbox.clear()
    assert submit(client, open_column).status_code == 302

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([editor.email, chief.email])
    for message in mail.outbox:
        assert FIELDS["title"] in message.subject and "审核" in message.subject
        assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", message.subject + message.body)


def test_paragraphs_are_kept_and_markup_shows_as_text(client, submit_page, open_column, editor):
    body = "第一段<script>alert('x')</script>\r\n第二段 <b>加粗</b>\n\n\n第三段"
    submit(client, open_column, body=body)

    html = str(the_draft().body[0].value)
    assert html == (
        "<p>第一段&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"
        "<p>第二段 &lt;b&gt;加粗&lt;/b&gt;</p><p>第三段</p>"
    )
    client.force_login(editor)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[the_draft().pk]))
    assert "&lt;script&gt;alert(" in preview.content.decode()
    assert "<script>alert(" not in preview.content.decode()


def refused(response, message):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert message in html, re.findall(r"<li>[^<]*</li>", html)
    assert f'value="{FIELDS["title"]}"' in html  # what was typed is kept
    assert "苏州工业园区管委会" in html
    assert not NewsPage.objects.filter(title=FIELDS["title"]).exists()
    return html


def test_a_text_file_renamed_jpg_is_refused(client, submit_page, open_column):
    fake = SimpleUploadedFile("photo.jpg", b"just some text, not a picture" * 10)
    html = refused(submit(client, open_column, images=[fake]), "图片“photo.jpg”")
    assert "请重新选择图片和附件" in html


def test_an_oversized_image_is_refused(client, submit_page, open_column, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    noisy = io.BytesIO()
    PILImage.effect_noise((200, 200), 60).save(noisy, "PNG")
    big = SimpleUploadedFile("big.png", noisy.getvalue())
    refused(submit(client, open_column, images=[big]), "文件大小上限为")


def test_an_image_with_too_many_pixels_is_refused(client, submit_page, open_column):
    huge = png("huge.png", size=(8000, 6000), mode="1")  # 48 megapixels, a few kilobytes
    refused(submit(client, open_column, images=[huge]), "图片“huge.png”")


def test_more_than_five_images_are_refused(client, submit_page, open_column):
    images = [png(f"p{number}.png") for number in range(MAX_IMAGES + 1)]
    refused(submit(client, open_column, images=images), "最多上传 5 张图片")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 200), "不支持的附件格式“.exe”"),
        (SimpleUploadedFile("report.pdf", b"Hello, I am not a PDF"), "不是有效的 PDF 文件"),
        (SimpleUploadedFile("report.docx", b"PK\x03\x04broken"), "不是有效的 Word 文件"),
        (docx("report.docx", extra=["word/vbaProject.bin"]), "不是有效的 Word 文件"),
        (docx("table.xlsx"), "不是有效的 Excel 文件"),
        (SimpleUploadedFile("old.doc", b"{\\rtf1 not ole2}"), "不是有效的 Word 文件"),
    ],
)
def test_attachments_are_checked_by_content(client, submit_page, open_column, upload, message):
    refused(submit(client, open_column, attachment=upload), message)


def test_an_attachment_over_the_size_limit_is_refused(client, submit_page, open_column, settings):
    settings.ATTACHMENT_MAX_UPLOAD_SIZE = 100
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 500)
    refused(submit(client, open_column, attachment=big), "附件过大")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("report.pdf", b"%PDF-1.7\n%%EOF"),
        SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),
        SimpleUploadedFile("notes.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),
        docx("report.docx"),
    ],
    ids=["pdf", "doc", "wps", "docx"],
)
def test_real_documents_are_accepted(client, submit_page, open_column, upload):
    assert submit(client, open_column, attachment=upload).status_code == 302
    attachment = the_draft().body[-1]
    assert attachment.block_type == "attachment"
    assert attachment.value["document"].title == upload.name


def test_a_column_closed_to_submissions_is_refused(client, submit_page, news_index):
    closed = factories.NewsCategoryPageFactory(parent=news_index, title="政策法规")
    refused(submit(client, closed), "选择一个有效的选项")


def test_a_submission_with_a_listed_word_is_flagged_for_the_editor(
    client, submit_page, open_column, editor
):
    SensitiveWord.objects.create(word="博彩")
    submit(client, open_column, body="园区引进博彩项目。")

    assert Submission.objects.get().flagged_words == "博彩"
    assert not the_draft().live
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[the_draft().pk]))
    assert "含敏感词：博彩" in edit.content.decode()


# The limit counts in fixed windows: a test that ran across a window's end saw a fresh one.
@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=datetime.UTC), tick=False)
def test_the_rate_limit_trips(client, submit_page, open_column):
    for number in range(RATE_LIMIT.limit):
        assert submit(client, open_column, title=f"稿件{number}").status_code == 302
    response = submit(client, open_column)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert 'value="苏州工业园区管委会"' in response.content.decode()


CHINESE_TITLES = [
    "开发区招商引资新政策",
    "高新区产业发展报告",
    "园区营商环境持续优化",
    "经开区一季度经济运行情况",
    "自贸试验区制度创新成果",
    "保税区进出口贸易稳步增长",
    "开发区招商引资新政策",  # the same title twice
    "国家级新区建设座谈会召开",
    "产业园区绿色低碳发展",
    "边境经济合作区开放合作",
]


@pytest.mark.parametrize("count", [2, 3, 10])
def test_chinese_titles_into_one_column_each_get_their_own_address(
    client, submit_page, open_column, count
):
    for number, title in enumerate(CHINESE_TITLES[:count]):
        # Two senders, as the limit allows five posts an hour from one address.
        response = submit(client, open_column, ip=f"10.2.3.{number // 5}", title=title)
        assert response.status_code == 302, response.content.decode()[:400]
        assert "投稿成功" in client.get(response["Location"]).content.decode()

    drafts = NewsPage.objects.child_of(open_column).filter(live=False)
    slugs = [draft.slug for draft in drafts]
    assert len(slugs) == count == len(set(slugs)) == Submission.objects.count()
    for draft in drafts:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", draft.slug), draft.slug
        assert draft.url_path == f"{open_column.url_path}{draft.slug}/"
        assert draft.latest_revision.as_object().slug == draft.slug


def test_a_title_with_digits_is_romanised_whole(client, submit_page, open_column):
    submit(client, open_column, title="2024年招商会")
    assert NewsPage.objects.get(title="2024年招商会").slug == "2024-nian-zhao-shang-hui"


@pytest.mark.parametrize("title", ["🎉🎉🎉", "！！！？", "\u200b\u200b\u200b。"])
def test_a_title_with_nothing_to_romanise_gets_a_dated_address(
    client, submit_page, open_column, title
):
    for ip in ("10.0.0.1", "10.0.0.2"):
        assert submit(client, open_column, ip=ip, title=title).status_code == 302
    slugs = sorted(NewsPage.objects.filter(title=title).values_list("slug", flat=True))
    today = f"page-{timezone.localdate():%Y%m%d}"
    assert slugs == [today, f"{today}-2"]


def stored_files():
    media = Path(django_settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def test_a_submission_the_site_fails_to_save_leaves_nothing_and_costs_no_post(
    client, submit_page, open_column, monkeypatch
):
    files_before = stored_files()
    # A reference already taken: the database refuses the record after the draft page,
    # the pictures and the attachment have been written.
    taken = Submission.objects.create(
        reference="TG20261202-ABCDEF", title="旧稿", source="协会", name="甲", phone="1"
    )
    monkeypatch.setattr("news.models.submissions.new_reference", lambda: taken.reference)

    for _ in range(RATE_LIMIT.limit + 1):
        response = submit(client, open_column, images=[png(), png("two.png")], attachment=docx())
        assert response.status_code == 503
        html = response.content.decode()
        assert "网站暂时未能保存您提交的内容，请稍后再试" in html
        assert f'value="{FIELDS["title"]}"' in html and "苏州工业园区管委会" in html

    assert not NewsPage.objects.filter(title=FIELDS["title"]).exists()
    assert not get_image_model().objects.exists()
    assert not get_document_model().objects.exists()
    assert stored_files() == files_before
    assert Submission.objects.get() == taken

    # None of the failed posts counted: the sender still has all five.
    monkeypatch.undo()
    for number in range(RATE_LIMIT.limit):
        assert submit(client, open_column, title=f"稿件{number}").status_code == 302
    assert submit(client, open_column).status_code == 429


@pytest.mark.django_db(transaction=True)
def test_ten_submissions_at_once_into_one_column(home, editorial_roles):
    column = NewsCategoryPage.objects.get()
    column.accepts_submissions = True
    column.save_revision().publish()
    factories.SubmissionPageFactory(parent=home)
    statuses = []

    def contributor(number):
        try:
            response = submit(Client(), column, ip=f"10.9.0.{number}", title="开发区招商引资新政策")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=contributor, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 10
    slugs = set(NewsPage.objects.child_of(column).values_list("slug", flat=True))
    base = "kai-fa-qu-zhao-shang-yin-zi-xin-zheng-ce"
    assert slugs == {base} | {f"{base}-{n}" for n in range(2, 11)}
