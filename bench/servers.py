"""Starting gunicorn on a free loopback port for the length of a `with` block."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

HOST = "127.0.0.1"


def production_env(data_env, cache_dir, redis_url=None, **extra):
    """The portal's settings as in production: DEBUG off, its own secret and cache, behind
    a trusted proxy on 127.0.0.1 (requests say `X-Forwarded-Proto: https`, bench/headers.py).

    `data_env` names the database and media folder; `extra` adds variables."""
    inherited = {"DEBUG", "DATABASE_URL", "REDIS_URL"}  # the caller chooses these
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env.update(data_env)
    env.update(
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        TRUSTED_PROXIES=HOST,
        CACHE_DIR=str(cache_dir),
        # A prefix of its own, so a shared Redis needs no flushing and old runs expire.
        CACHE_KEY_PREFIX=f"run-{secrets.token_hex(4)}",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port, path, headers):
    """(status, body) of one request, without following redirects."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)  # first hits are slow
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def gunicorn(app, *, env, workers, log, cwd):
    """Serve the WSGI `app` with `workers` sync workers; yields the port."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", app, "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"]
    with open(log, "a") as output:
        server = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=output, stderr=output, start_new_session=True
        )
    try:
        wait_until_listening(server, port, log)
        yield port
    finally:
        stop(server)


def wait_until_listening(server, port, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout} s; see {log}")


def stop(server):
    """Stop gunicorn and its workers: the master is the leader of its own process group."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
