"""/healthz: the database and the cache, checked for real, for a load balancer's probe."""

import pytest
from django.conf import settings
from django.test import override_settings

from association.models import Message
from tests import factories

# The production Redis cache at an address nothing listens on, as with Redis down.
_UNREACHABLE = {
    "BACKEND": "portal.caching.breaker.BreakerRedisCache",
    "LOCATION": "redis://127.0.0.1:9/0",
    "OPTIONS": settings.REDIS_OPTIONS,
}
UNREACHABLE_CACHE = {"default": _UNREACHABLE, "tags": _UNREACHABLE}


@pytest.mark.django_db
def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_503_naming_the_cache_when_it_cannot_be_reached(client, caplog):
    with override_settings(CACHES=UNREACHABLE_CACHE):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "failed": ["cache"]}
    assert "health check failed: cache" in caplog.text


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["www.example.org.cn"])
def test_a_probe_over_http_with_the_backends_address_is_answered(client):
    # The load balancer speaks plain http to the backend's address on the private network.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    # Everything else still goes to HTTPS, and an unknown host is still refused.
    assert client.get("/", HTTP_HOST="www.example.org.cn").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.0.7:8000", secure=True).status_code == 400


@pytest.mark.django_db
@override_settings(CACHES=UNREACHABLE_CACHE, PAGE_CACHE_SECONDS=600)
def test_readers_and_forms_are_served_uncached_while_redis_is_down(client, home):
    column = factories.NewsCategoryPageFactory(parent=factories.NewsIndexPageFactory(parent=home))
    article = factories.NewsPageFactory(parent=column, title="园区一季度经济运行稳中向好")
    for path in ("/", column.url, article.url, "/search/?q=园区"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Page-Cache") != "hit"
    assert "园区一季度经济运行稳中向好" in client.get(column.url).text

    # A 留言 is still taken: its rate limit cannot count, so it lets the message through.
    factories.MessageBoardPageFactory(parent=home)
    message = {"subject": "入会手续咨询", "body": "请告知入会条件。", "name": "赵强"}
    message |= {"phone": "13800138000", "consent": "on", "website": ""}
    assert client.post("/messages/", message).status_code == 302
    assert Message.objects.get().subject == "入会手续咨询"
