"""Every response carries the security headers; the admin gets its own, looser CSP."""

import pytest
from django.conf import settings

from tests import factories


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert features["camera"] == features["geolocation"] == features["microphone"] == "()"


@pytest.mark.django_db
def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, column):
    article = factories.NewsPageFactory(parent=column)
    for url in ["/", column.url, article.url, "/robots.txt", "/sitemap.xml", "/no-such-page/"]:
        response = client.get(url)
        assert_common_headers(response)
        csp = policy(response)
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["img-src"] == ["'self'", "data:"], url
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert csp["form-action"] == ["'self'"]
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_admin_and_its_preview_run_under_the_admin_policy(client, admin_client, column):
    article = factories.NewsPageFactory(parent=column)
    for user, url in [
        (client, "/admin/login/"),
        (admin_client, "/admin/"),
        (admin_client, f"/admin/pages/{article.pk}/edit/"),
    ]:
        response = user.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        csp = policy(response)
        assert "'unsafe-inline'" in csp["script-src"]
        assert csp["frame-ancestors"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
    preview = admin_client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"  # the editor shows it in a frame
    assert "'unsafe-inline'" in policy(preview)["script-src"]


def test_an_analytics_origin_is_added_only_where_it_loads_from():
    from tests.helpers import PRODUCTION, run

    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']))"
    )
    result = run(["-c", probe], **PRODUCTION, CSP_ANALYTICS_ORIGINS="https://hm.baidu.com")
    directives = __import__("json").loads(result.stdout)
    for name in ("script-src", "img-src", "connect-src"):
        assert directives[name][-1] == "https://hm.baidu.com"
    assert directives["default-src"] == ["'self'"]
    assert (
        "https://hm.baidu.com" not in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    )
