"""Backups of the whole site: the database and the uploaded media, in one folder.

A backup is a folder `portal-<UTC time>` under BACKUP_DIR holding

- `database.dump` (PostgreSQL, `pg_dump -Fc`) or `database.sqlite3` (SQLite, copied with
  SQLite's online backup API, so a site being written to in WAL mode copies consistently);
- `media.tar`, every file under MEDIA_ROOT;
- `manifest.json`: when, what, the versions, the applied migrations, the numbers of pages
  and revisions, and the SHA-256 of both files and of every media file.

It is written under a temporary name and renamed when complete, so a folder with a
manifest is a whole backup. `restore` checks the manifest, the checksums, the database
engine and the migrations before it changes anything; then it replaces the database in
one transaction and swaps the media folder in whole.
"""

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def engine():
    if connection.vendor not in DUMP:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root):
    """{relative path: SHA-256} of every file under `root`."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def pg_environment():
    """libpq's variables for the configured database: no password on a command line."""
    db = settings.DATABASES["default"]
    values = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }
    return os.environ | {key: value for key, value in values.items() if value}


def run(command, **kwargs):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client) of the server's version or newer."
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None


def applied_migrations():
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def site_counts():
    """Numbers a restore must reproduce exactly."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
    }


def versions(kind):
    found = {
        "python": platform.python_version(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "portal": git_commit(),
    }
    if kind == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            found["postgresql server"] = cursor.fetchone()[0]
        found["pg_dump"] = run(["pg_dump", "--version"]).stdout.strip()
    else:
        found["sqlite"] = sqlite3.sqlite_version
    return found


def git_commit():
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True
        )
    except FileNotFoundError:
        return "unknown"
    return result.stdout.strip() or "unknown"


# --- backing up ------------------------------------------------------------------------


def backup(destination=None, log=print):
    """Write a backup folder under `destination` (default BACKUP_DIR) and return its path."""
    kind = engine()
    if connection.in_atomic_block:  # SQLite would wait for its own lock; pg_dump not see it
        raise BackupError("A backup cannot be taken inside a transaction.")
    parent = Path(destination or settings.BACKUP_DIR)
    parent.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    final = parent / f"portal-{created:%Y%m%dT%H%M%SZ}"
    if final.exists():
        raise BackupError(f"{final} already exists; wait a second and run again.")
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=parent))
    try:
        dump = work / DUMP[kind]
        log(f"Dumping the {kind} database {settings.DATABASES['default']['NAME']} …")
        dump_database(kind, dump)
        bucket = settings.MEDIA_S3_BUCKET
        if bucket:  # the bucket's own versioning or replication keeps those files
            log(f"Media files live in the bucket {bucket}: not part of this backup.")
        else:
            log(f"Archiving the media files in {settings.MEDIA_ROOT} …")
        files = archive_media(None if bucket else settings.MEDIA_ROOT, work / MEDIA_TAR)
        manifest = {
            "format": FORMAT,
            "created": created.isoformat(timespec="seconds"),
            "engine": kind,
            "database": describe(dump),
            "media": describe(work / MEDIA_TAR) | {"files": files, "bucket": bucket},
            "versions": versions(kind),
            "migrations": applied_migrations(),
            "counts": site_counts(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        work.chmod(0o700)  # personal data inside: for the site's own account only
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final, manifest


def describe(path):
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": sha256(path)}


def dump_database(kind, path):
    if kind == "postgresql":
        run(["pg_dump", "--format=custom", f"--file={path}"], env=pg_environment())
        return
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # consistent even while others write (WAL)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        target.close()


def archive_media(root, path):
    """Tar every file under `root` (sorted, relative names); return their checksums."""
    files = media_checksums(root) if root else {}
    with tarfile.open(path, "w") as tar:
        for name in files:
            tar.add(Path(root) / name, arcname=name, recursive=False)
    return files


# --- restoring -------------------------------------------------------------------------


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"{path} is missing: not a backup, or an unfinished one.") from None
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    return manifest


def verify(folder, log=print):
    """Everything that can be checked before touching the site; returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    for part in ("database", "media"):
        expected = manifest[part]
        path = folder / expected["file"]
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if sha256(path) != expected["sha256"]:
            raise BackupError(f"{path} does not match its checksum: the backup is damaged.")
    log("Checksums match.")
    kind = engine()
    if manifest["engine"] != kind:
        raise BackupError(
            f"This is a {manifest['engine']} backup; the configured database is {kind}."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            "The backup has migrations this code does not know (made by a newer version, "
            f"commit {manifest['versions'].get('portal')}?): {', '.join(unknown[:5])}"
        )
    return manifest


def database_is_empty():
    return not connection.introspection.table_names()


def media_is_empty(root):
    root = Path(root)
    return not root.exists() or not any(root.iterdir())


def restore(folder, replace=False, log=print):
    """Restore the backup in `folder` into the configured database and MEDIA_ROOT."""
    folder = Path(folder)
    manifest = verify(folder, log)
    media_root = Path(settings.MEDIA_ROOT)
    if manifest["media"].get("bucket") or settings.MEDIA_S3_BUCKET:
        raise BackupError(
            "Media files in an S3 bucket are restored with the bucket's own tools; restore "
            "this database with pg_restore (see README, Backups)."
        )
    occupied = [
        name
        for name, empty in [
            (f"the database {settings.DATABASES['default']['NAME']}", database_is_empty()),
            (f"the media folder {media_root}", media_is_empty(media_root)),
        ]
        if not empty
    ]
    if occupied and not replace:
        raise BackupError(
            f"Not restoring: {' and '.join(occupied)} already hold data, which the restore "
            "would replace. Run again with --replace (make restore … CONFIRM=yes) to do that."
        )
    # Unpacked and checked before the database is touched: a bad archive changes nothing.
    staged = stage_media(folder / manifest["media"]["file"], manifest, media_root)
    try:
        log(f"Restoring the database {settings.DATABASES['default']['NAME']} …")
        restore_database(manifest["engine"], folder / manifest["database"]["file"])
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    log(f"Restoring the media files into {media_root} …")
    swap_in(staged, media_root)
    check_restored(manifest)
    return manifest


def stage_media(archive, manifest, media_root):
    """Unpack the archive beside MEDIA_ROOT and check every file against the manifest."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{media_root.name}-restore-", dir=media_root.parent))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(staged, filter="data")  # no absolute paths, links out or devices
        if media_checksums(staged) != manifest["media"]["files"]:
            raise BackupError(f"{archive} does not hold the files its manifest lists.")
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def swap_in(staged, media_root):
    old = None
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}-replaced-{os.getpid()}")
        media_root.rename(old)
    staged.chmod(0o755)  # mkdtemp made it private; the web server serves from it
    staged.rename(media_root)
    if old:
        shutil.rmtree(old)


def restore_database(kind, dump):
    if kind == "postgresql":
        connection.close()
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as folder:
            # The dump as SQL first: a pg_restore that cannot read it (too old a client, a
            # damaged file) fails here, before the database is touched.
            sql = Path(folder) / "restore.sql"
            run(["pg_restore", "--no-owner", "--no-privileges", f"--file={sql}", str(dump)])
            # One transaction: the old schema is dropped and the dump loaded, or nothing
            # changes.
            run(
                [
                    "psql", "--no-psqlrc", "--quiet", "--single-transaction",
                    "--set=ON_ERROR_STOP=1",
                    "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;",
                    f"--file={sql}",
                ],
                env=pg_environment(),
            )  # fmt: skip
        return
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # replaces every page of the target at once
    finally:
        source.close()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")


def check_restored(manifest):
    """The restored database holds what the backup had: migrations and counts."""
    if applied_migrations() != manifest["migrations"]:
        raise BackupError("The restored database does not list the backup's migrations.")
    counts = site_counts()
    if counts != manifest["counts"]:
        raise BackupError(
            f"Restored counts {counts} differ from the backup's {manifest['counts']}."
        )
