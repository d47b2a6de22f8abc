"""The benchmark's and the soak's database: built once per size with make_fake_content,
saved, restored.

SQLite by default (a file under bench/data/); `BENCH_DATABASE_URL=postgres://…` names a
PostgreSQL database that the benchmark owns: it is dropped and recreated on every run,
so its name must contain "bench". The saved copy (a `pg_dump -Fc` dump, or the SQLite
file) and the media files live in bench/data/<size>/ and are reused until --rebuild.
"""

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


class Dataset:
    def __init__(self, database_url, articles, zones, seed, purpose="bench"):
        """`purpose` (bench, soak) names the run's folder and must be in the database's name."""
        self.url = database_url
        engine = "postgres" if database_url else "sqlite"
        self.saved = DATA / f"{engine}-{articles}-articles-{zones}-zones-seed-{seed}"
        # What a run serves: a fresh copy of the saved data (one per purpose and size, so
        # runs of different sizes, or a soak beside a benchmark, can go on side by side).
        self.work = DATA / ("run" if purpose == "bench" else f"{purpose}-run") / self.saved.name
        self.size = {"articles": articles, "zones": zones, "seed": seed}
        if database_url:
            self.name = urlsplit(database_url).path.lstrip("/")
            if purpose not in self.name:
                sys.exit(
                    f"{purpose.upper()}_DATABASE_URL names the database {self.name!r}: the "
                    f"{purpose} run drops and recreates it, so use one with '{purpose}' in "
                    "its name."
                )

    def env(self):
        env = {"MEDIA_ROOT": str(self.work / "media")}
        if self.url:
            env["DATABASE_URL"] = self.url
        else:
            env["SQLITE_PATH"] = str(self.work / "db.sqlite3")
        return env

    def prepare(self, manage, rebuild=False, restore=True, log=print):
        """Restore the saved data (unless `restore` is false and the last run's database is
        to be served again), or build and save it; then bring the schema up to date."""
        if not restore and not rebuild and self.work.exists():
            log(f"Serving the benchmark data of the last run in {self.work.relative_to(ROOT)}")
        elif rebuild or not self.saved.exists():
            log(f"Building the benchmark data in {self.saved.relative_to(ROOT)} …")
            self.reset()
            manage("migrate", "--noinput", "-v0")
            manage("load_demo", "--no-admin")
            if self.size["articles"] or self.size["zones"]:
                manage(
                    "make_fake_content",
                    f"--articles={self.size['articles']}",
                    f"--zones={self.size['zones']}",
                    f"--seed={self.size['seed']}",
                )
            self.save()
        else:
            log(f"Restoring the benchmark data from {self.saved.relative_to(ROOT)} …")
            self.restore()
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")  # production settings serve the manifest
        if self.url:  # planner statistics, as autovacuum keeps them in production
            run("psql", "--quiet", "--no-psqlrc", self.url, "-c", "ANALYZE")

    def reset(self):
        shutil.rmtree(self.work, ignore_errors=True)
        (self.work / "media").mkdir(parents=True)
        if self.url:
            self.recreate_database()

    def save(self):
        shutil.rmtree(self.saved, ignore_errors=True)
        self.saved.mkdir(parents=True)
        shutil.copytree(self.work / "media", self.saved / "media")
        if self.url:
            run("pg_dump", "--format=custom", f"--file={self.saved / 'db.dump'}", self.url)
        else:
            shutil.copy2(self.work / "db.sqlite3", self.saved / "db.sqlite3")

    def restore(self):
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.copytree(self.saved / "media", self.work / "media")
        if self.url:
            self.recreate_database()
            dump = self.saved / "db.dump"
            run("pg_restore", "--no-owner", "--jobs=2", f"--dbname={self.url}", dump)
        else:
            shutil.copy2(self.saved / "db.sqlite3", self.work / "db.sqlite3")

    def recreate_database(self):
        maintenance = urlunsplit(urlsplit(self.url)._replace(path="/postgres"))
        for sql in [
            f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.name}"',
        ]:
            run("psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", maintenance, "-c", sql)


def run(*command):
    subprocess.run([str(part) for part in command], check=True)
