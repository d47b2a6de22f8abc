"""/healthz: the database and the cache, checked for real, for a load balancer's probe."""

import pytest
from django.test import override_settings

# A cache at an address nothing listens on: every operation fails as with Redis down.
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


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
