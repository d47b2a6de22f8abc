"""Findings 2–4 and 13 of issue 21, each as the reader met it: a form that accepted more
than its column holds, a derived field that overflowed, a date that overflowed, and text
a reader cannot see."""

import pytest

from association.models import Message, SensitiveWord
from news.models import NewsPage, Submission
from tests import factories
from tests.test_message_board import POST
from tests.test_submit_draft import FIELDS, submit

pytestmark = pytest.mark.django_db

# 255–320 characters: valid by RFC 5321 length rules of the form, too long for the column.
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".cn"
FORTY_FIVE_WORDS = [f"违禁词{number:02d}" for number in range(45)]


@pytest.fixture
def board(home):
    return factories.MessageBoardPageFactory(parent=home)


def post_message(client, **fields):
    return client.post("/messages/", {**POST, **fields}, REMOTE_ADDR="10.9.8.7")


def test_an_email_longer_than_the_column_is_refused_in_chinese(client, board):
    assert 254 < len(LONG_EMAIL) <= 320
    response = post_message(client, email=LONG_EMAIL)
    assert response.status_code == 200
    assert "不超过 254 字符" in response.content.decode()
    assert not Message.objects.exists()


def test_a_submission_with_a_long_email_is_refused_too(client, submit_page, open_column):
    response = submit(client, open_column, email=LONG_EMAIL)
    assert response.status_code == 200
    assert "不超过 254 字符" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_message_with_many_listed_words_is_flagged_with_all_of_them(client, board):
    SensitiveWord.objects.bulk_create(SensitiveWord(word=word) for word in FORTY_FIVE_WORDS)
    response = post_message(client, body="，".join(FORTY_FIVE_WORDS))
    assert response.status_code == 302
    assert Message.objects.get().flagged_words.split("，") == FORTY_FIVE_WORDS


def test_a_submission_with_many_listed_words_is_flagged(client, submit_page, open_column):
    SensitiveWord.objects.bulk_create(SensitiveWord(word=word) for word in FORTY_FIVE_WORDS)
    response = submit(client, open_column, body="，".join(FORTY_FIVE_WORDS))
    assert response.status_code == 302
    assert len(Submission.objects.get().flagged_words.split("，")) == 45


@pytest.mark.parametrize(
    "params",
    [
        {"end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"start": "0000-01-01"},
        {"end": "99999999-01-01"},
        {"start": "1-1-1", "end": "9999-12-31"},
    ],
)
def test_dates_out_of_range_are_reported_not_a_500(client, column, params):
    response = client.get("/search/", {"q": "开发区", **params})
    assert response.status_code == 200
    assert "已忽略此条件" in response.content.decode()


@pytest.mark.parametrize("invisible", ["\u200b\u200b\u200b", "\ufeff \u2060", "\u200d\u202e"])
def test_a_message_of_invisible_characters_only_is_refused(client, board, invisible):
    response = post_message(client, subject=invisible, body=invisible)
    assert response.status_code == 200
    assert "内容不能只包含空白或不可见字符" in response.content.decode()
    assert not Message.objects.exists()


def test_bidi_overrides_are_stripped(client, board, submit_page, open_column):
    response = post_message(client, subject="请看附件\u202egnp.exe", body="正文\u2066内容")
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.subject, message.body) == ("请看附件gnp.exe", "正文内容")
    assert submit(client, open_column, title="园区\u202e动态").status_code == 302
    assert NewsPage.objects.filter(title="园区动态").exists()


def test_form_limits_are_the_columns(client, board):
    from association.forms import MessageForm
    from news.forms import SubmissionForm

    form = MessageForm()
    for name in ("subject", "name", "email", "phone"):
        column = (Message._meta.get_field(name)).max_length
        assert form.fields[name].max_length == column
    submission = SubmissionForm(columns=NewsPage.objects.none())
    for name in ("source", "authors"):
        assert submission.fields[name].max_length == NewsPage._meta.get_field(name).max_length
    assert FIELDS


def test_head_is_answered_wherever_get_is(client, column):
    article = factories.NewsPageFactory(parent=column)
    for url in ("/search/?q=开发区", f"/qr/{article.pk}.svg", "/"):
        assert client.head(url).status_code == 200, url
