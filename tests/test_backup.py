"""`make backup` / `make restore`: the demo site backed up and restored into another,
empty database and media folder is the same site, page for page and byte for byte."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from portal.ops.backup import MANIFEST, media_checksums
from tests.helpers import ROOT

# pg_dump and the other processes read only what is committed.
pytestmark = pytest.mark.django_db(transaction=True)


def manage_env(tmp_path, database, media):
    """The environment of a second process on `database` (a URL or a SQLite file)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"MEDIA_ROOT": str(media), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    # Its own cache, or it would be served the other site's fragments.
    env["CACHE_DIR"] = str(tmp_path / f"cache-{Path(str(media)).name}")
    env["DATABASE_URL" if "://" in str(database) else "SQLITE_PATH"] = str(database)
    return env


def run(module_args, env):
    command = [sys.executable, *module_args]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def snapshot(env):
    return json.loads(run(["-m", "tests.site_snapshot"], env).stdout)


@pytest.fixture
def source_database():
    """The test database, as another process reaches it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return db["NAME"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def empty_database(tmp_path):
    """A second, empty database of the same engine."""
    if connection.vendor == "sqlite":
        yield tmp_path / "restored.sqlite3"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    server = {k.lower(): db[k] for k in ("USER", "PASSWORD", "HOST", "PORT") if db[k]}
    maintenance = psycopg2.connect(dbname="postgres", **server)
    maintenance.autocommit = True

    def recreate(drop_only=False):
        with maintenance.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not drop_only:
                cursor.execute(f'CREATE DATABASE "{name}"')

    recreate()
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    recreate(drop_only=True)
    maintenance.close()


@pytest.mark.slow
def test_the_demo_site_survives_a_round_trip(home, tmp_path, source_database, empty_database):
    call_command("load_demo", "--no-admin", verbosity=0)  # builds on `home`
    source = manage_env(tmp_path, source_database, settings.MEDIA_ROOT)
    before = snapshot(source)  # renders every page once: the renditions exist from here on

    run(["manage.py", "backup", f"--dir={tmp_path / 'backups'}"], source)
    (folder,) = (tmp_path / "backups").iterdir()
    restored = manage_env(tmp_path, empty_database, tmp_path / "restored-media")
    output = run(["manage.py", "restore", str(folder)], restored).stdout
    assert "checksums, migrations and counts verified" in output

    after = snapshot(restored)
    assert media_checksums(tmp_path / "restored-media") == media_checksums(settings.MEDIA_ROOT)
    assert after["media"] == before["media"] and before["media"]
    assert after["tree"] == before["tree"] and len(before["tree"]) > 50
    assert after["revisions"] == before["revisions"] and after["views"] == before["views"]
    assert set(after["pages"]) == set(before["pages"])
    for path, (status, html) in before["pages"].items():
        assert status == 200, path
        assert after["pages"][path] == [status, html], path


@pytest.fixture
def backup_folder(every_page_type, tmp_path):
    """A backup of a small site with an image and a document."""
    call_command("backup", f"--dir={tmp_path / 'backups'}", verbosity=0)
    (folder,) = (tmp_path / "backups").iterdir()
    return folder


def test_the_manifest_describes_the_backup(backup_folder):
    manifest = json.loads((backup_folder / MANIFEST).read_text())
    assert manifest["engine"] == connection.vendor
    assert "portal.0001_initial" in manifest["migrations"]
    assert manifest["counts"]["live pages"] == Page.objects.live().count() > 10
    assert manifest["versions"]["wagtail"] and manifest["versions"]["django"]
    with tarfile.open(backup_folder / manifest["media"]["file"]) as tar:
        assert sorted(tar.getnames()) == sorted(manifest["media"]["files"])
    assert manifest["media"]["files"] == media_checksums(settings.MEDIA_ROOT)


def test_it_refuses_to_overwrite_a_site_without_replace(backup_folder):
    with pytest.raises(CommandError, match="already hold data.*--replace"):
        call_command("restore", str(backup_folder), verbosity=0)


def test_a_damaged_backup_is_refused_before_anything_changes(backup_folder):
    dump = next(backup_folder.glob("database.*"))
    data = dump.read_bytes()
    dump.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])  # one bit flipped
    pages, media = Page.objects.count(), media_checksums(settings.MEDIA_ROOT)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(backup_folder), "--replace", verbosity=0)
    assert Page.objects.count() == pages and media_checksums(settings.MEDIA_ROOT) == media


def test_a_dump_this_pg_restore_cannot_read_leaves_the_site_as_it_was(
    backup_folder, tmp_path, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("pg_restore restores PostgreSQL dumps only")
    fake = tmp_path / "bin" / "pg_restore"  # as an older client than the dump's pg_dump
    fake.parent.mkdir()
    error = "pg_restore: error: unsupported version (1.16) in file header"
    fake.write_text(f"#!/bin/sh\necho '{error}' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="unsupported version"):
        call_command("restore", str(backup_folder), "--replace", verbosity=0)
    assert Page.objects.count() == pages > 10


def test_a_backup_from_newer_code_is_refused(backup_folder):
    path = backup_folder / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["migrations"].append("news.9999_from_the_future")
    path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="migrations this code does not know"):
        call_command("restore", str(backup_folder), "--replace", verbosity=0)


def test_an_unfinished_backup_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="missing: not a backup"):
        call_command("restore", str(tmp_path), verbosity=0)
