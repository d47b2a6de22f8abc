"""`make soak`, short: a few seconds of mixed traffic under gunicorn while an editor
publishes through the admin. Memory flatness needs minutes and is left to `make soak`."""

from types import SimpleNamespace

import pytest
from django.db import connection

from bench.soak import parse_args, soak, soak_env
from news.models import NewsCategoryPage
from news.roles import setup_roles

pytestmark = pytest.mark.django_db(transaction=True)  # gunicorn reads what is committed


@pytest.mark.slow
def test_a_short_soak_keeps_its_invariants(every_page_type, tmp_path, settings):
    setup_roles()
    NewsCategoryPage.objects.update(accepts_submissions=True)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        data = {"SQLITE_PATH": db["NAME"]}
    else:
        host = f"{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
        data = {"DATABASE_URL": f"postgres://{host}/{db['NAME']}"}
    data |= {"MEDIA_ROOT": settings.MEDIA_ROOT}
    # DEBUG off, but no collected static files: that takes longer than the soak itself.
    env = soak_env(SimpleNamespace(env=lambda: data), tmp_path) | {"DJANGO_ENV": "development"}
    env.pop("DJANGO_SETTINGS_MODULE")  # the portal's settings, not the tests'
    args = parse_args(["--seconds=8", "--publish-every=3", "--post-every=2", "--clients=3"])

    report, checks = soak(env, args, tmp_path / "gunicorn.log", log=lambda line: None)

    memory = next(name for name in checks if "memory" in name)
    failed = [name for name, ok in checks.items() if not ok and name != memory]
    assert not failed, report
    assert "| hit | 200 |" in report and "| post | 302 |" in report, report
    assert "| admin | 302 |" in report and "| search | 200 |" in report, report
