"""Whatever a reader sends, no page breaks, nothing typed comes back unescaped, no page changes.

Hypothesis makes random and hostile query strings, path segments, form fields and
headers, and each one is thrown at every public URL: each live page of a small site of
every page type (found by walking the page tree), its feeds and tag listings, search, the
sitemap, robots.txt and the hit endpoint. Derandomized and bounded (25 inputs per kind),
so CI sends the same requests every run.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

PROBE = "<x-probe>"
HOSTILE = [
    PROBE,
    f'"{PROBE}',
    "'><x-probe>",
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "{{ 7|add:7 }}{% debug %}",
    "../../../../etc/passwd",
    "\x00",
    "%00",
    "\r\nSet-Cookie: x=1",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "１２",
    "\u202egnp.exe",
    "开发区" * 400,
    "",
]
KEYS = ["page", "q", "query", "tag", "year", "month", "province", "level", "kind", "sort"]
HEADERS = [
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_COOKIE",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
]
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Random text around the probe, or a known troublemaker: any reflection shows.
text = st.text(max_size=30)
values = st.one_of(st.sampled_from(HOSTILE), st.builds(lambda a, b: a + PROBE + b, text, text))
# Every parameter the pages read, plus a few random ones.
fields = st.builds(
    lambda known, random: {**random, **known},
    st.fixed_dictionaries({key: values for key in KEYS}),
    st.dictionaries(text, values, max_size=3),
)
headers = st.dictionaries(
    st.sampled_from(HEADERS), values.map(lambda v: v.encode("utf-8").decode("latin-1")), max_size=3
)


def snapshot():
    """What no reader may change: every page's fields and its revisions."""
    pages = Page.objects.order_by("pk").values_list(
        "pk", "path", "title", "slug", "live", "latest_revision_id", "last_published_at"
    )
    return list(pages), Revision.objects.count()


VIEW_COUNT = re.compile(r'(class="view-count"[^>]*>)\d+')
CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')


def rendered(urls):
    """Each page's HTML, without what differs per reader by design: the view count and
    the form pages' CSRF token."""
    client = Client()
    pages = {url: client.get(url).content.decode() for url in urls}
    return {url: CSRF_TOKEN.sub(r"\1", VIEW_COUNT.sub(r"\1", html)) for url, html in pages.items()}


def assert_safe(response, url):
    assert response.status_code < 500, f"{response.status_code} at {url}"
    assert PROBE.encode() not in response.content, f"unescaped reflection at {url}"


@pytest.fixture
def unchanged(every_page_type):
    """Asserts after the test that no page changed, in the database or as rendered."""
    site = every_page_type
    before, html_before = snapshot(), rendered(site["pages"])
    yield site
    assert snapshot() == before
    assert rendered(site["pages"]) == html_before


@pytest.mark.django_db
@EXAMPLES
@given(query=fields, extra_headers=headers)
def test_hostile_query_strings_and_headers(unchanged, client, query, extra_headers):
    for url in unchanged["urls"]:
        assert_safe(client.get(url, query, **extra_headers), url)


@pytest.mark.django_db
@EXAMPLES
@given(segment=values.filter(lambda v: "/" not in v and "?" not in v))
def test_hostile_path_segments(unchanged, client, segment):
    for url in unchanged["urls"]:
        target = url + quote(segment, safe="") + "/"
        assert_safe(client.get(target), target)


@pytest.mark.django_db
@EXAMPLES
@given(form=fields, extra_headers=headers)
def test_hostile_form_posts(unchanged, client, form, extra_headers):
    for url in unchanged["urls"]:
        assert_safe(client.post(url, form, **extra_headers), url)
