"""HTML sent compressed when the app answers directly, cached pages compressed once, forms
with a CSRF token left plain (BREACH), and HEAD answered without a body."""

import gzip
import io
import sys
from wsgiref.util import setup_testing_defaults

import pytest

from portal.wsgi import application
from tests import factories

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def article(column):
    return factories.NewsPageFactory(parent=column, title="园区复工复产", summary="摘要" * 200)


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def plain(client, url):
    return client.get(url, headers={"Accept-Encoding": "identity"})


@pytest.mark.django_db
def test_a_cached_page_is_served_compressed_from_the_cache(client, article, cache_on):
    miss = client.get(article.url, headers=GZIP)
    hit = client.get(article.url, headers=GZIP)
    identity = plain(client, article.url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == identity.content
        assert int(response["Content-Length"]) == len(response.content)
    assert len(hit.content) < len(identity.content) / 2
    assert not identity.has_header("Content-Encoding")
    assert "Accept-Encoding" in identity["Vary"]
    # A browser revalidating the compressed copy gets 304 from either variant's ETag.
    revalidated = client.get(article.url, headers={**GZIP, "If-None-Match": hit["ETag"]})
    assert revalidated.status_code == 304


@pytest.mark.django_db
def test_a_page_not_kept_is_compressed_on_the_way_out(client, article):
    response = client.get(article.url, headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "园区复工复产" in gzip.decompress(response.content).decode()


@pytest.mark.django_db
def test_a_form_carrying_the_csrf_token_is_not_compressed(client, home):
    board = factories.MessageBoardPageFactory(parent=home)
    response = client.get(board.url, headers=GZIP)
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


def wsgi(method, path):
    """The request through the WSGI application as gunicorn calls it."""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.errors": sys.stderr}
    environ["HTTP_HOST"] = "localhost"
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO()
    status = {}

    def start_response(line, headers, exc_info=None):
        status.update(line=line, headers=dict(headers))

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()
    return status["line"], status["headers"], body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cached", [False, True])
def test_head_sends_the_headers_of_get_and_no_body(home, settings, cached):
    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    _, got_headers, got = wsgi("GET", "/")
    for path in ("/", "/robots.txt", "/static/css/portal.css", "/healthz"):
        line, headers, body = wsgi("HEAD", path)
        assert line.startswith("200"), (path, line)
        assert body == b"", path
    line, headers, body = wsgi("HEAD", "/")
    assert headers["Content-Length"] == got_headers["Content-Length"] == str(len(got))
