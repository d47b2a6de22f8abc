"""A CDN or caching proxy in front is purged when an article is published or unpublished:
the article, and the listings and feeds a reader finds it in (portal/caching/cdn.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from wagtail.rich_text import RichText

from tests import factories
from tests.helpers import load_settings

BACKENDS = (
    "from wagtail.contrib.frontend_cache.utils import get_backends; import json; "
    "print(json.dumps({name: [type(b).__name__, getattr(b, 'cache_netloc', None), "
    "getattr(b, 'cloudflare_zoneid', None)] for name, b in get_backends().items()}))"
)


def test_purging_is_off_unless_configured_and_reads_the_environment():
    assert load_settings(BACKENDS, DEBUG="1") == {}
    configured = load_settings(
        BACKENDS,
        DEBUG="1",
        FRONTEND_CACHE_URL="http://10.0.0.5:6081, http://10.0.0.6:6081",
        CLOUDFLARE_ZONE_ID="0123abcd",
        CLOUDFLARE_API_TOKEN="token-with-cache-purge",
    )
    assert configured == {
        "proxy0": ["HTTPBackend", "10.0.0.5:6081", None],
        "proxy1": ["HTTPBackend", "10.0.0.6:6081", None],
        "cloudflare": ["CloudflareBackend", None, "0123abcd"],
    }


class CachingProxy(BaseHTTPRequestHandler):
    """Answers PURGE as Varnish does, and remembers what it was told to forget."""

    def do_PURGE(self):
        self.server.purged.add((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), CachingProxy)
    server.purged = set()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_an_article_purges_it_its_listings_and_their_feeds(proxy, column):
    older = factories.NewsPageFactory(parent=column, title="开发区年度工作会议召开")
    proxy.clear()
    article = factories.NewsPageFactory(parent=column, title="开发区招商引资会议召开", live=False)
    article.tags.add("招商引资")
    article.save_revision().publish()
    article.refresh_from_db()
    news = column.get_parent()
    expected = {
        ("localhost", path)
        for path in [
            article.url,
            column.url,
            column.url + "rss/",
            news.url,
            news.url + "rss/",
            news.url + "tags/" + quote("招商引资") + "/",
            "/",
            older.url,  # its 下一篇 is the new article
        ]
    }
    assert proxy == expected
    linking = factories.NewsPageFactory(parent=column, title="招商会回顾")
    linking.body = [
        ("paragraph", RichText(f'<p><a linktype="page" id="{article.pk}">会议</a></p>'))
    ]
    linking.save_revision().publish()
    proxy.clear()
    article.unpublish()
    # Unpublished: its neighbours changed too, and the page that links to it.
    assert proxy >= expected | {("localhost", linking.url)}
