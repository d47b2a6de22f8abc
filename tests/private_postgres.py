"""A throw-away PostgreSQL server of our own (initdb into a temp folder, its own port), for
tests that stop and start the database. The shared server on 5432 is never touched."""

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.servers import HOST, free_port


def server_binaries():
    """The folder holding initdb and pg_ctl, or None (Debian keeps them off PATH)."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    return next(
        (c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None
    )


def missing():
    """Why a private server cannot be started here, or None."""
    if server_binaries() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root, and no runuser to start PostgreSQL as the postgres user"
    return None


class PrivatePostgres:
    def __init__(self):
        self.bin = server_binaries()
        self.dir = Path(tempfile.mkdtemp(prefix="portal-private-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.dir, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        else:
            self.prefix = []

    def run(self, *args):
        subprocess.run([*self.prefix, *map(str, args)], check=True, capture_output=True, timeout=60)

    def init(self):
        self.run(
            self.bin / "initdb",
            "-D",
            self.data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start()

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses={HOST} -c fsync=off"
        self.run(
            self.bin / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.dir / "server.log",
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self.run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def url(self, name):
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

    def create_database(self, name):
        self.run(
            self.bin / "psql",
            "-h",
            HOST,
            "-p",
            self.port,
            "-U",
            "postgres",
            "-c",
            f"CREATE DATABASE {name}",
        )

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
