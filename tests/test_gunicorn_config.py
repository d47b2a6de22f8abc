"""deploy/gunicorn.conf.py, as the production command loads it (README: Operations).
Serving with it is shown in tests/test_database_outage.py."""

import re

from tests.helpers import PRODUCTION, ROOT, run

CONFIG = str(ROOT / "deploy" / "gunicorn.conf.py")


def gunicorn(*args, **env):
    return run(["-m", "gunicorn", "-c", CONFIG, *args], **env)


def test_it_loads_the_portal_with_production_settings():
    result = gunicorn("--check-config", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert gunicorn("--check-config", **{**PRODUCTION, "SECRET_KEY": ""}).returncode != 0


def test_values_come_from_the_environment():
    result = gunicorn(
        "--print-config",
        **PRODUCTION,
        GUNICORN_BIND="0.0.0.0:9000",
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="17",
        GUNICORN_MAX_REQUESTS="0",
    )
    config = dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.M))
    assert config["bind"] == "['0.0.0.0:9000']"
    assert (config["workers"], config["timeout"], config["max_requests"]) == ("3", "17", "0")
    assert config["logger_class"] == "portal.ops.logs.JsonGunicornLogger"
    assert config["chdir"] == str(ROOT)


def print_config(**env):
    result = gunicorn("--print-config", **PRODUCTION, **env)
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.M))


def test_workers_are_recycled_far_apart():
    config = print_config(GUNICORN_MAX_REQUESTS="1000")
    assert (config["max_requests"], config["max_requests_jitter"]) == ("1000", "1000")


def test_forwarded_headers_are_believed_only_from_trusted_proxies():
    assert print_config(TRUSTED_PROXIES="")["forwarded_allow_ips"] == "[]"
    trusted = print_config(TRUSTED_PROXIES="10.0.0.5, 10.0.1.0/24")["forwarded_allow_ips"]
    assert trusted == "['10.0.0.5', '10.0.1.0/24']"
