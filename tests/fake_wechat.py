"""A local stand-in for WeChat's API, which tests cannot reach.

It answers the two calls the portal makes (access token, jsapi ticket) the way
WeChat's documentation shows them, and records every call.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

APP_ID = "wx0123456789abcdef"
SECRET = "s3cret"
# The ticket of the signature example in WeChat's JS-SDK documentation.
TICKET = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"


class FakeWeChat(ThreadingHTTPServer):
    """Answers /cgi-bin/token and /cgi-bin/ticket/getticket; records every call."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeWeChatHandler)
        self.calls = []
        self.token_error = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class FakeWeChatHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        params = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.server.calls.append((url.path, params))
        if url.path == "/cgi-bin/token":
            if self.server.token_error:
                body = self.server.token_error
            elif params == {"grant_type": "client_credential", "appid": APP_ID, "secret": SECRET}:
                body = {"access_token": f"TOKEN{len(self.server.calls)}", "expires_in": 7200}
            else:
                body = {"errcode": 40013, "errmsg": "invalid appid"}
        elif url.path == "/cgi-bin/ticket/getticket" and params.get("type") == "jsapi":
            body = {"errcode": 0, "errmsg": "ok", "ticket": TICKET, "expires_in": 7200}
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_wechat(settings):
    """The stand-in, running; the portal's settings point at it with a configured secret."""
    server = FakeWeChat()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WECHAT_API_BASE = server.base_url
    settings.WECHAT_APP_SECRET = SECRET
    yield server
    server.shutdown()
    server.server_close()
