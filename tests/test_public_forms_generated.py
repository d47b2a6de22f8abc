"""Generated hostile input to every field of every public form and every query parameter
of every public view (issue 21).

Hypothesis builds each post from a valid one with some fields replaced by hostile values
(any Unicode, invisible-only text, bidi overrides, astral characters, NUL, lengths at and
around each column's limit, many listed 敏感词, titles with nothing to romanise) and some
removed. Each post must give no 5xx; a refused one shows a Chinese message, keeps what
was typed and writes nothing (no row, no file); a refused one still counts against the
sender's rate limit. Derandomised, no deadline, bounded so one database takes about a
minute and a half; each test counts the requests it really sent and asserts the total
(2,230 posts and at least 900 GETs per database).
"""

import collections
import functools
import itertools
import re
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from association.models import Message, SensitiveWord
from association.models.pages import MESSAGES_RATE_LIMIT
from news.models import NewsPage, Submission
from news.models.submissions import RATE_LIMIT as SUBMISSION_RATE_LIMIT
from tests import factories
from tests.test_message_board import POST as MESSAGE
from tests.test_submit_draft import FIELDS as SUBMISSION
from tests.test_submit_draft import docx, png

pytestmark = pytest.mark.django_db


def examples(count):
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def known_texts():
    lines = (Path(__file__).parent / "data" / "hostile_text.txt").read_text().splitlines()
    texts = [line for line in lines if line and not line.startswith("#")]
    return [ESCAPE.sub(unescape, text) for text in texts]


ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\r|\\n")


def unescape(match):
    if match.group(1):
        return chr(int(match.group(1), 16))
    return {"\\r": "\r", "\\n": "\n"}[match.group(0)]


LISTED = [f"违禁词{number:02d}" for number in range(45)]
KNOWN = [*known_texts(), "", " ", "，".join(LISTED), "".join(LISTED) * 3]
CHARACTERS = st.characters(exclude_categories=("Cs",))  # surrogates cannot be sent


def around(limit, alphabet="开发区ab"):
    """Texts of length limit-1, limit and limit+1."""
    return st.builds(
        lambda n, ch: (ch * n)[:n],
        st.integers(max(limit - 1, 0), limit + 1),
        st.sampled_from(alphabet).map(lambda ch: ch * (limit + 2)),
    )


def hostile(limit):
    return st.one_of(
        st.sampled_from(KNOWN),
        st.text(CHARACTERS, max_size=40),
        around(limit),
    )


EMAILS = st.one_of(
    st.emails(),
    st.integers(240, 330).map(lambda n: "a" * 60 + "@" + ("b" * (n - 64)) + ".cn"),
    hostile(254),
)


def posts(valid, fields):
    """`valid` with some fields replaced by hostile values and some removed."""
    return st.builds(
        lambda replaced, removed: {
            name: value for name, value in {**valid, **replaced}.items() if name not in removed
        },
        st.fixed_dictionaries({}, optional=fields),
        st.sets(st.sampled_from(sorted(valid)), max_size=2),
    )


MESSAGE_FIELDS = {
    "subject": hostile(100),
    "body": hostile(2000),
    "name": hostile(50),
    "phone": st.one_of(st.from_regex(r"\A\+?[\d\- ]{0,24}\Z"), hostile(20)),
    "email": EMAILS,
    "allow_public": st.sampled_from(["on", "", "0", "\x00"]),
    "consent": st.sampled_from(["on", "", "false"]),
}
SUBMISSION_FIELDS = {
    "title": hostile(200),
    "source": hostile(100),
    "authors": hostile(200),
    "body": hostile(30000),
    "name": hostile(50),
    "phone": MESSAGE_FIELDS["phone"],
    "email": EMAILS,
    "consent": MESSAGE_FIELDS["consent"],
    "column": st.one_of(
        st.sampled_from(["", "0", "-1", "1e9", "99999999999999999999"]), hostile(5)
    ),
}
FILE_NAMES = st.one_of(
    st.sampled_from(["photo.png", "../../etc/passwd.png", "a" * 300 + ".png", "图片.PNG"]),
    st.text(CHARACTERS, min_size=1, max_size=20).map(lambda name: name + ".png"),
)
UPLOADS = st.fixed_dictionaries(
    {},
    optional={
        "images": st.lists(
            st.one_of(
                FILE_NAMES.map(png),
                FILE_NAMES.map(lambda name: SimpleUploadedFile(name, b"not a picture")),
            ),
            max_size=6,
        ),
        "attachment": st.one_of(
            st.just(None).map(lambda _: docx()),
            FILE_NAMES.map(lambda name: SimpleUploadedFile(name[:-4] + ".pdf", b"%PNG fake")),
        ),
    },
)

addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))
ERRORS = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def stored_files():
    media = Path(django_settings.MEDIA_ROOT)
    return {path for path in media.rglob("*") if path.is_file()}


def rate_limit_count(rate_limit, address):
    """The sliding window's count for the address, to two decimals: a window boundary
    passing between the post and this read weighs the post by just under 1."""
    return round(rate_limit.used(RequestFactory().post("/", REMOTE_ADDR=address)), 2)


# The requests the generated tests really sent: hypothesis may stop short of
# max_examples (a small strategy runs out), so each test checks what it sent.
SENT = collections.Counter()


def sends_at_least(posts=0, gets=0):
    """After every example of the hypothesis test ran, it must have sent this many."""

    def decorate(test):
        @functools.wraps(test)
        def counted(*args, **kwargs):
            before = SENT.copy()
            test(*args, **kwargs)
            sent = SENT - before
            assert sent["POST"] >= posts and sent["GET"] >= gets, sent

        return counted

    return decorate


def send(client, method, url, *args, **kwargs):
    SENT[method] += 1
    return getattr(client, method.lower())(url, *args, **kwargs)


def assert_answered(response, data, rows_before, rows_after, files_before, texts):
    """No 5xx; saved (one row more) or refused in Chinese with what was typed kept and
    nothing written."""
    assert response.status_code < 500, (response.status_code, data)
    if response.status_code == 302:
        assert rows_after == rows_before + 1
        return
    assert response.status_code == 200, (response.status_code, data)
    assert rows_after == rows_before, data
    assert stored_files() == files_before, data
    html = response.content.decode()
    errors = ERRORS.findall(html)
    assert errors, data
    assert all(CHINESE.search(error) for error in errors), errors
    for name in texts:
        value = data.get(name)
        if value and value.strip():
            assert escape(value) in html, (name, value)


@pytest.fixture
def listed_words(db):
    SensitiveWord.objects.bulk_create(SensitiveWord(word=word) for word in LISTED)


@pytest.fixture
def board(home, listed_words):
    return factories.MessageBoardPageFactory(parent=home)


# 1,600 + 80 + 550 = 2,230 posts per database (issue 21 asks for 2,000 at least).
@sends_at_least(posts=1600)
@examples(1600)
@given(data=posts(MESSAGE, MESSAGE_FIELDS))
def test_generated_messages(client, board, data):
    address = next(addresses)
    before, files = Message.objects.count(), stored_files()
    response = send(client, "POST", "/messages/", data, REMOTE_ADDR=address)
    assert_answered(
        response, data, before, Message.objects.count(), files, ("subject", "body", "name")
    )
    # Saved or refused as invalid, the post counts against the sender's limit.
    assert rate_limit_count(MESSAGES_RATE_LIMIT, address) == 1


@pytest.fixture
def open_submissions(home, column, editorial_roles, listed_words):
    column.accepts_submissions = True
    column.save_revision().publish()
    factories.SubmissionPageFactory(parent=home)
    return column


@sends_at_least(posts=80)
@examples(80)
@given(data=posts(SUBMISSION, SUBMISSION_FIELDS), uploads=UPLOADS)
def test_generated_submissions(client, open_submissions, data, uploads):
    data = {"column": str(open_submissions.pk), **data, **uploads}
    address = next(addresses)
    before, files = Submission.objects.count(), stored_files()
    pages, images = NewsPage.objects.count(), get_image_model().objects.count()
    documents = get_document_model().objects.count()
    response = send(client, "POST", "/submit/", data, REMOTE_ADDR=address)
    assert_answered(
        response,
        data,
        before,
        Submission.objects.count(),
        files,
        ("title", "source", "authors", "body", "name"),
    )
    if response.status_code != 302:
        assert NewsPage.objects.count() == pages
        assert get_image_model().objects.count() == images
        assert get_document_model().objects.count() == documents
    assert rate_limit_count(SUBMISSION_RATE_LIMIT, address) == 1


@sends_at_least(posts=550)
@examples(550)
@given(
    fields=st.dictionaries(
        st.sampled_from(sorted(MESSAGE_FIELDS)), st.binary(max_size=30), min_size=1
    )
)
def test_invalid_utf8_in_a_post(client, board, fields):
    """Raw bytes, most of them not UTF-8, in every field: never a 5xx, never a row of
    mojibake saved without the sender seeing it."""
    body = "&".join(f"{name}={quote_from_bytes(value)}" for name, value in fields.items())
    before = Message.objects.count()
    response = send(
        client,
        "POST",
        "/messages/",
        body,
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR=next(addresses),
    )
    assert response.status_code in (200, 302), response.status_code
    assert Message.objects.count() - before == (response.status_code == 302)


NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-1", "1e309", "NaN", "inf", "１２", "0x10", "9" * 400]),
)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["9999-12-31", "0000-01-01", "0001-01-01", "2024-02-30", "99999-01-01"]),
    st.builds("{}-{}-{}".format, NUMBERS, NUMBERS, NUMBERS),
    hostile(10),
)
PARAMS = {
    "q": hostile(100),
    "type": st.one_of(st.sampled_from(["news", "notice", "zone"]), hostile(5)),
    "column": NUMBERS,
    "start": DATES,
    "end": DATES,
    "sort": st.one_of(st.just("date"), hostile(5)),
    "page": st.one_of(NUMBERS, hostile(5)),
    "province": hostile(5),
    "level": hostile(5),
    "kind": hostile(5),
}
query_params = st.fixed_dictionaries({}, optional=PARAMS)


@pytest.fixture
def listings(every_page_type):
    """The search page and every listing that reads query parameters."""
    skipped = ("sitemap", "robots", "/hits/")
    return [url for url in every_page_type["urls"] if not any(part in url for part in skipped)]


@sends_at_least(gets=900)
@examples(45)
@given(params=query_params)
def test_generated_query_parameters(client, listings, params):
    for url in listings:
        response = send(client, "GET", url, params)
        assert response.status_code < 500, (url, params)
    response = send(client, "GET", "/search/", {"q": "开发区", **params})
    assert response.status_code == 200, params


@examples(100)
@given(page_id=st.one_of(st.integers(0, 10**30), st.sampled_from([0, 1, 2**31, 2**63])))
def test_generated_hit_addresses(client, every_page_type, page_id):
    response = client.post(f"/hits/{page_id}/", REMOTE_ADDR=next(addresses))
    assert response.status_code in (200, 403, 404, 429), (page_id, response.status_code)
