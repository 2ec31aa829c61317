"""A stub 政务即时通讯 robot on 127.0.0.1 for the notification tests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Robot:
    def __init__(self):
        self.calls: list[dict] = []
        self.status = 200
        self.answer = {"errcode": 0, "errmsg": "ok"}


@pytest.fixture
def robot(settings):
    """A webhook receiver; ``robot.calls`` holds the JSON bodies it got. Set
    ``robot.status``/``robot.answer`` to make it fail."""
    state = _Robot()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.calls.append(json.loads(raw.decode()))
            body = json.dumps(state.answer).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FAZHI_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/robot/send"
    settings.FAZHI_WEBHOOK_TIMEOUT = 2
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def mail_on(settings, people):
    """The mail channel on (Django's test runner keeps mail in ``mail.outbox``), and every
    persona with an address."""
    settings.FAZHI_NOTIFY_EMAIL = True
    for user in people.values():
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    return people
