"""Starting gunicorn on a free loopback port for the length of a `with` block."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

HOST = "127.0.0.1"


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
    # gunicorn's control socket has one path per user: side-by-side servers would share it.
    command += ["--no-control-socket"]
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
