"""Production settings: `check --deploy` is clean, and a missing essential stops start-up.

Each test starts a fresh Python with the environment an operator would set, since the
settings are read once, at start-up.
"""

import json
import tempfile

import pytest

from tests.helpers import PRODUCTION, run


def check_deploy(**env):
    # An empty database of its own: the check of the default site (portal.E002) must not
    # read whatever database this machine's development server left behind.
    empty = "sqlite:///" + tempfile.mkdtemp(prefix="portal-check-") + "/db.sqlite3"
    env = {"DATABASE_URL": empty, **env}
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)


def test_production_passes_check_deploy_with_no_warnings():
    result = check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_hsts_for_subdomains_and_preload_can_be_turned_on_and_still_pass():
    result = check_deploy(**PRODUCTION, HSTS_INCLUDE_SUBDOMAINS="1", HSTS_PRELOAD="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 silenced)" in result.stdout


def test_a_weak_secret_key_fails_the_check():
    result = check_deploy(**{**PRODUCTION, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set when DEBUG is off."),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set in production"),
    ],
)
def test_start_up_stops_with_a_clear_error_without(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = check_deploy(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: " + message in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off when DJANGO_ENV is production."),
        ({"DJANGO_ENV": "staging"}, "DJANGO_ENV must be 'production' or 'development'"),
        ({"TRUSTED_PROXIES": "10.0.0.0/8,nginx"}, "TRUSTED_PROXIES: 'nginx' is not an IP"),
    ],
)
def test_contradictory_settings_stop_start_up(env, message):
    result = check_deploy(**{**PRODUCTION, **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_debug_off_without_django_env_is_production():
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    del env["DJANGO_ENV"]
    assert "ALLOWED_HOSTS must be set in production" in check_deploy(**env).stderr


# A request in a production process, through the whole middleware stack (robots.txt needs
# no database): plain HTTP is redirected, HTTPS via the trusted proxy is served with HSTS.
PROBE = """
import json, django
django.setup()
from django.test import Client
from django.conf import settings
results = {}
for name, remote, proto in [("direct-http", "198.51.100.1", None),
                            ("forged-https", "198.51.100.1", "https"),
                            ("proxy-https", "127.0.0.1", "https")]:
    headers = {"REMOTE_ADDR": remote, "HTTP_HOST": "www.example.org.cn"}
    if proto:
        headers["HTTP_X_FORWARDED_PROTO"] = proto
    response = Client().get("/robots.txt", **headers)
    results[name] = {"status": response.status_code, "location": response.get("Location"),
                     "hsts": response.get("Strict-Transport-Security"),
                     "csp": response.get("Content-Security-Policy")}
results["cookies"] = [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                      settings.SESSION_COOKIE_HTTPONLY]
results["static"] = settings.STORAGES["staticfiles"]["BACKEND"]
results["trusted_origins"] = settings.CSRF_TRUSTED_ORIGINS
print(json.dumps(results))
"""


def test_production_serves_https_only_and_believes_only_its_proxy():
    result = run(["-c", PROBE], **PRODUCTION, TRUSTED_PROXIES="127.0.0.1")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    for name in ("direct-http", "forged-https"):
        assert seen[name]["status"] == 301
        assert seen[name]["location"] == "https://www.example.org.cn/robots.txt"
    assert seen["proxy-https"]["status"] == 200
    assert seen["proxy-https"]["hsts"] == "max-age=31536000"
    assert "upgrade-insecure-requests" in seen["proxy-https"]["csp"]
    assert seen["cookies"] == [True, True, True]
    assert seen["static"] == "portal.caching.staticfiles.ManifestStaticFilesStorage"
    assert seen["trusted_origins"] == ["https://www.example.org.cn"]


def test_collected_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    static_root = tmp_path / "static"
    collect = run(
        ["manage.py", "collectstatic", "--noinput", "-v", "0"],
        **PRODUCTION,
        STATIC_ROOT=str(static_root),
    )
    assert collect.returncode == 0, collect.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/portal.css"]
    assert hashed != "css/portal.css" and hashed.startswith("css/portal.")
    assert (static_root / (hashed + ".gz")).exists()

    probe = f"""
import django
django.setup()
from django.template import Template, Context
from django.test import Client
# Twice: the second address is the one kept from the first.
twice = "{{% load static %}}{{% static 'css/portal.css' %}} {{% static 'css/portal.css' %}}"
print(Template(twice).render(Context()))
response = Client().get("/static/{hashed}", HTTP_HOST="www.example.org.cn", secure=True,
                        HTTP_ACCEPT_ENCODING="gzip")
print(response.status_code, response["Cache-Control"], response.get("Content-Encoding"))
"""
    served = run(["-c", probe], **PRODUCTION, STATIC_ROOT=str(static_root))
    assert served.returncode == 0, served.stderr
    url, response = served.stdout.strip().splitlines()
    assert url == f"/static/{hashed} /static/{hashed}"
    assert response == "200 max-age=315360000, public, immutable gzip"
