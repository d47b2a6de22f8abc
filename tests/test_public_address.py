"""The site's public address (SITE_URL) is the one host every absolute address names,
whatever host a request came to: pages, feeds, sitemap, robots.txt, share links, QR."""

import html
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest
import segno
from django.core.management import call_command
from taggit.models import Tag
from wagtail.models import Site

from news.models import NewsIndexPage
from portal.core.address import apply_site_address
from portal.site.checks import public_address_check
from tests.helpers import PRODUCTION
from tests.test_deployment_settings import check_deploy

PUBLIC = "https://www.example.org.cn"
INTERNAL_HOST = "portal-internal:8080"  # how a proxy or a health check may reach the app
# Addresses outside the site the pages link to on purpose.
OUTSIDE = {
    "schema.org",
    "www.w3.org",
    "purl.org",
    "www.sitemaps.org",
    "service.weibo.com",
    "connect.qq.com",
    "sns.qzone.qq.com",
    "beian.miit.gov.cn",
    "beian.mps.gov.cn",
}
ABSOLUTE = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.fixture
def public_site(every_page_type, settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["portal-internal", "www.example.org.cn"]
    apply_site_address()
    return every_page_type


def absolute_addresses(text):
    # Share links carry the page's address URL-encoded; JSON escapes its slashes.
    text = unquote(html.unescape(text)).replace("\\/", "/")
    return {match.rstrip(".,;") for match in ABSOLUTE.findall(text)}


@pytest.mark.django_db
def test_every_absolute_address_names_the_public_site(client, public_site):
    seen = set()
    news = NewsIndexPage.objects.get()
    # The fixture's tag address assumes a pinyin tag slug; the tag page is where it is.
    urls = [url for url in public_site["urls"] if "/tags/" not in url and "/hits/" not in url]
    urls.append(news.tag_url(Tag.objects.get()))
    for url in urls:
        response = client.get(url, HTTP_HOST=INTERNAL_HOST)
        assert response.status_code == 200, url
        for address in absolute_addresses(response.content.decode()):
            host = urlsplit(address).hostname
            if host in OUTSIDE:
                continue
            assert address.startswith(PUBLIC + "/"), f"{url}: {address}"
            seen.add(address)
    article = public_site["article"]
    # The canonical addresses, Open Graph, JSON-LD, feeds and sitemap were among them.
    assert PUBLIC + article.url in seen
    assert PUBLIC + "/sitemap.xml" in seen  # robots.txt


@pytest.mark.django_db
def test_article_head_and_sitemap_use_the_public_site(client, public_site):
    article = public_site["article"]
    page = client.get(article.url, HTTP_HOST=INTERNAL_HOST).content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}{article.url}">' in page
    assert f'<meta property="og:url" content="{PUBLIC}{article.url}">' in page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld.group(1))["mainEntityOfPage"] == PUBLIC + article.url
    assert f'data-copy="{PUBLIC}{article.url}"' in page

    sitemap = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=INTERNAL_HOST).content)
    locations = [
        loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert locations and all(loc.startswith(PUBLIC + "/") for loc in locations)

    feed = ET.fromstring(client.get("/news/rss/", HTTP_HOST=INTERNAL_HOST).content)
    assert feed.find("channel/item/link").text == PUBLIC + article.url


@pytest.mark.django_db
def test_the_qr_code_holds_the_public_address(client, public_site):
    article = public_site["article"]
    response = client.get(f"/qr/{article.pk}.svg", HTTP_HOST=INTERNAL_HOST)
    expected = io.BytesIO()
    segno.make(PUBLIC + article.url, error="m").save(
        expected, kind="svg", border=4, light="#fff", omitsize=True, title="本页二维码"
    )
    assert response.content == expected.getvalue()


@pytest.mark.django_db
def test_migrate_and_the_command_write_site_url_into_the_default_site(home, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, settings.SITE_URL)
    assert "http://127.0.0.1:8000" in out.getvalue()

    settings.SITE_URL = PUBLIC
    call_command("migrate", verbosity=0)  # nothing to migrate; the address is still written
    assert Site.objects.get(is_default_site=True).root_url == PUBLIC


@pytest.mark.django_db
def test_the_deploy_check_fails_until_the_site_holds_the_public_address(home, settings):
    settings.PRODUCTION = True
    settings.SITE_URL = "https://localhost"
    assert [error.id for error in public_address_check(None)] == ["portal.E001"]
    settings.SITE_URL = PUBLIC
    assert [error.id for error in public_address_check(None)] == ["portal.E002"]
    apply_site_address()
    assert public_address_check(None) == []
    settings.PRODUCTION = False  # `make run` and tests on localhost are fine
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert public_address_check(None) == []


def test_check_deploy_runs_the_public_address_check():
    result = check_deploy(**PRODUCTION, SITE_URL="https://localhost")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr


def test_settings_refuse_an_address_wagtail_cannot_hold():
    from portal.settings.base import checked_site_url, default_site_url

    assert checked_site_url("https://WWW.example.org.cn/") == PUBLIC
    assert checked_site_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    for bad in ("www.example.org.cn", "https://x.cn:8443", "https://x.cn/portal/", "ftp://x.cn"):
        with pytest.raises(Exception, match="SITE_URL"):
            checked_site_url(bad)
    assert default_site_url([".example.org.cn", "www.example.org.cn"], True) == PUBLIC
    assert default_site_url(["*"], False) == "http://localhost"
