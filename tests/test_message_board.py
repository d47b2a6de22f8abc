"""A reader leaves a message; editors moderate and reply; the board shows public exchanges."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from association.models import Message, SensitiveWord
from association.models.pages import MESSAGES_RATE_LIMIT as RATE_LIMIT
from tests import factories

pytestmark = pytest.mark.django_db

POST = {
    "subject": "入会手续咨询",
    "body": "我区有意申请加入协会，请告知入会条件。",
    "name": "赵强",
    "phone": "138-0013-8000",
    "email": "",
    "allow_public": "on",
    "consent": "on",
    "website": "",
}


@pytest.fixture
def board(home):
    return factories.MessageBoardPageFactory(parent=home)


def post(client, data, ip="10.1.2.3"):
    return client.post("/messages/", data, REMOTE_ADDR=ip)


def test_a_message_waits_for_moderation_and_the_writer_is_thanked(client, board):
    response = post(client, POST)
    assert response.status_code == 302

    message = Message.objects.get()
    assert message.status == Message.Status.PENDING
    assert message.phone == "13800138000"
    assert message.consented_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "留言已提交" in page
    assert "入会手续咨询" not in page
    # The thanks is shown once.
    assert "留言已提交" not in client.get("/messages/").content.decode()


def test_the_board_shows_public_exchanges_without_contact_details(client, board):
    public = factories.MessageFactory(
        subject="招商政策咨询",
        name="王芳",
        phone="13911112222",
        email="wangfang@example.org",
        status=Message.Status.PUBLIC,
        reply="协会编印了《开发区政策汇编》。",
    )
    factories.MessageFactory(subject="尚未审核的留言")
    factories.MessageFactory(subject="不公开的留言", status=Message.Status.PRIVATE)
    factories.MessageFactory(
        subject="含敏感词的留言", status=Message.Status.PUBLIC, flagged_words="博彩"
    )
    factories.MessageFactory(
        subject="不同意公开的留言", status=Message.Status.PUBLIC, allow_public=False
    )

    html = client.get("/messages/").content.decode()

    assert "招商政策咨询" in html and "协会编印了《开发区政策汇编》。" in html
    assert "王**" in html and "王芳" not in html
    assert public.phone not in html and public.email not in html
    for hidden in ("尚未审核的留言", "不公开的留言", "含敏感词的留言", "不同意公开的留言"):
        assert hidden not in html


def test_what_a_writer_typed_is_shown_as_text(client, board):
    factories.MessageFactory(
        subject="<b>加粗</b>", body="<script>alert(1)</script>", status=Message.Status.PUBLIC
    )
    html = client.get("/messages/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>加粗</b>" not in html


def test_an_invalid_post_keeps_what_was_typed_and_says_what_to_fix(client, board):
    response = post(client, {**POST, "phone": "", "email": "", "consent": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写联系电话或电子邮箱" in html
    assert "请阅读并勾选同意个人信息保护说明" in html
    assert 'value="入会手续咨询"' in html
    assert "我区有意申请加入协会，请告知入会条件。</textarea>" in html
    assert not Message.objects.exists()


def test_a_bad_phone_number_is_explained(client, board):
    response = post(client, {**POST, "phone": "call me"})
    assert "请填写正确的电话号码" in response.content.decode()


def test_the_form_page_is_never_cached_and_needs_its_csrf_token(board):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/messages/")
    assert "no-store" in response["Cache-Control"]
    refused = client.post("/messages/", POST)
    assert refused.status_code == 403
    assert "页面已过期或来源无法确认" in refused.content.decode()
    assert 'class="site-header"' in refused.content.decode()
    assert not Message.objects.exists()


def test_a_filled_honeypot_is_dropped_silently(client, board):
    response = post(client, {**POST, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Message.objects.exists()


@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=datetime.UTC), tick=False)
def test_a_honeypot_flood_is_rate_limited_and_leaves_no_sessions(board):
    statuses = [
        post(Client(), {**POST, "website": "http://spam.example"}).status_code for _ in range(100)
    ]
    assert statuses == [302] * RATE_LIMIT.limit + [429] * (100 - RATE_LIMIT.limit)
    assert not Message.objects.exists()
    assert Session.objects.count() == 0


# A fixed clock: the posts of the test all fall in one sliding window.
@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=datetime.UTC), tick=False)
def test_the_rate_limit_trips_per_address_and_keeps_the_form(client, board):
    for number in range(RATE_LIMIT.limit):
        assert post(client, {**POST, "subject": f"第{number}条"}).status_code == 302

    response = post(client, {**POST, "subject": "超出限制的留言"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and 'value="超出限制的留言"' in html
    assert Message.objects.count() == RATE_LIMIT.limit
    assert post(client, POST, ip="10.9.9.9").status_code == 302


def test_a_message_with_a_listed_word_is_flagged_and_held(client, board):
    SensitiveWord.objects.create(word="代开发票")
    post(client, {**POST, "body": "长期 代 开 发 票，请联系"})

    message = Message.objects.get()
    assert message.flagged_words == "代开发票"
    message.status = Message.Status.PUBLIC
    message.save()
    assert "长期" not in client.get("/messages/").content.decode()


def test_junk_page_numbers_show_a_page(client, board):
    for number in range(12):
        factories.MessageFactory(subject=f"公开留言{number}", status=Message.Status.PUBLIC)
    for junk in ("abc", "-1", "99999", "1.5", "%00"):
        assert client.get(f"/messages/?page={junk}").status_code == 200
    second = client.get("/messages/?page=2").content.decode()
    assert "公开留言1<" in second and "公开留言11<" not in second


def test_the_board_costs_the_same_queries_however_many_messages(client, board):
    def queries_for_board():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/messages/").status_code == 200
        return len(context)

    factories.MessageFactory(status=Message.Status.PUBLIC)
    queries_for_board()  # the first request creates the privacy settings row
    queries_for_board()  # a new row: the chrome and the site lookup are gathered again
    few = queries_for_board()
    for number in range(9):
        factories.MessageFactory(subject=f"公开留言{number}", status=Message.Status.PUBLIC)
    queries_for_board()  # new messages: the same
    assert queries_for_board() == few


def edit_url(message):
    return reverse("wagtailsnippets_association_message:edit", args=[message.pk])


def moderation(message, **changes):
    return {
        "reply": message.reply,
        "status": message.status,
        "flagged_words": message.flagged_words,
        **changes,
    }


def test_an_editor_replies_and_publishes_an_exchange(client, board, editor):
    message = factories.MessageFactory(subject="杂志订阅", phone="13700001111")
    client.force_login(editor)

    form = client.get(edit_url(message)).content.decode()
    assert "13700001111" in form  # editors see the contact details

    response = client.post(
        edit_url(message), moderation(message, reply="请联系编辑部办理。", status="public")
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.replied_at is not None
    html = client.get("/messages/").content.decode()
    assert "杂志订阅" in html and "请联系编辑部办理。" in html


def test_a_flagged_message_cannot_be_published_until_the_flag_is_cleared(client, board, editor):
    message = factories.MessageFactory(subject="可疑留言", flagged_words="博彩")
    client.force_login(editor)

    response = client.post(edit_url(message), moderation(message, status="public"))
    assert response.status_code == 200
    assert "该留言含敏感词" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.PENDING

    client.post(edit_url(message), moderation(message, status="public", flagged_words=""))
    assert "可疑留言" in client.get("/messages/").content.decode()


def test_a_writer_who_declined_publication_is_not_published(client, board, editor):
    message = factories.MessageFactory(allow_public=False)
    client.force_login(editor)
    response = client.post(edit_url(message), moderation(message, status="public"))
    assert "留言人不同意公开" in response.content.decode()


def test_contributors_cannot_read_messages(client, board, contributor):
    message = factories.MessageFactory()
    client.force_login(contributor)
    assert client.get(edit_url(message)).status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_association_message:list"))
    assert listing.status_code in (302, 403)
