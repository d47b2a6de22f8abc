"""Starting gunicorn on a free loopback port for the length of a `with` block."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

from bench.headers import HEADERS

HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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


class Visitor:
    """One reader's or editor's HTTP to a server on this host: keeps its cookies, sends what
    the HTTPS proxy in front would (`HEADERS`, plus `headers`, and Origin on POST), one
    connection per request (sync gunicorn workers close it anyway)."""

    def __init__(self, port, headers=None):
        self.port, self.cookies = port, {}
        self.headers = HEADERS | (headers or {})

    def request(self, method, path, body=None, headers=None):
        """(status, text, headers) of one request, without following redirects."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        sent = self.headers | (headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":  # what a browser sends; Django checks it on HTTPS
            sent["Origin"] = f"https://{HOST}:{self.port}"
        try:
            connection.request(method, quote(path, safe="/?=&%:"), body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, content.decode("utf-8", "replace"), response.headers
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, headers=None):
        return self.request("POST", path, headers=headers)

    def post_form(self, path, fields):
        body = urlencode(fields, doseq=True)
        content_type = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body.encode(), content_type)

    def submit(self, path, **fields):
        """GET a form, then POST it back with its CSRF token and `fields`."""
        token = CSRF_INPUT.search(self.get(path)[1])
        return self.post_form(path, {"csrfmiddlewaretoken": token.group(1), **fields})


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
