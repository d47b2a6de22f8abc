"""Logs: JSON lines on stderr in production, each tagged with the request it belongs to."""

import json
import re

from tests.helpers import PRODUCTION, run

# Production settings in a fresh Python, whose database cannot be opened: /healthz logs
# why, with the traceback.
PROBE = """
import django
django.setup()
from django.test import Client
response = Client().get(
    "/healthz", HTTP_HOST="www.example.org.cn", HTTP_X_REQUEST_ID="nginx-3f2a9c", secure=True
)
print(response.status_code, response["X-Request-ID"])
"""


def test_production_writes_an_error_as_one_json_line_with_its_request(tmp_path):
    result = run(
        ["-c", PROBE],
        **PRODUCTION,
        DATABASE_URL=f"sqlite:///{tmp_path}/no-such-folder/db.sqlite3",
        CACHE_DIR=str(tmp_path / "cache"),
        STATIC_ROOT=str(tmp_path / "static"),
        TRUSTED_PROXIES="127.0.0.1",  # the test client's address: its X-Request-ID counts
    )
    assert result.stdout.split() == ["503", "nginx-3f2a9c"], result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    error = next(r for r in records if r["level"] == "ERROR")
    assert error["logger"] == "portal.ops.health"
    assert error["message"] == "health check failed: database"
    assert error["request_id"] == "nginx-3f2a9c"
    assert "OperationalError" in error["exc_info"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*", error["time"])


def test_each_request_gets_an_id_and_a_client_cannot_choose_it(client, db):
    first = client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client")
    second = client.get("/healthz")
    assert first["X-Request-ID"] != "chosen-by-the-client"
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]
