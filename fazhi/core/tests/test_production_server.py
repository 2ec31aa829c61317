"""The production server end to end: `fazhi serve` (gunicorn) in its own process, DEBUG off,
static files collected into a fresh folder, on the test database (PostgreSQL in the
PostgreSQL run of the suite, the SQLite file in the other). Log in through it, see the board,
fetch a hashed static file with a far-future Cache-Control, read the JSON access log, and
restart gracefully with HUP."""

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from django.db import connection
from django.test import override_settings

from conftest import PASSWORD
from fazhi.core.models import CalendarYear
from fazhi.testing import database_url

START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, what, server=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            break
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what() if callable(what) else what} within {timeout} s")


def access_log(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(ln) for ln in lines if ln.startswith("{")]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_log_in_through_gunicorn_and_get_cached_static_files(people, tmp_path):
    user = people["coordinator"]
    # The server uses the production password hasher, not the tests' fast one.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    # /healthz wants this year's calendar. The server is a separate process whose date the
    # test cannot freeze, and a made-up calendar year is not allowed (clock_guard): past the
    # years the package provides, this test waits for the year's official notice.
    if not CalendarYear.objects.filter(year=dt.date.fromtimestamp(time.time()).year).exists():
        pytest.skip("the real year has no calendar (load the official notice)")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DEBUG"))}
    env.update(
        DATABASE_URL=database_url(connection),
        FAZHI_VAR=str(tmp_path / "var"),
        SECRET_KEY="x" * 20 + "production-server-test-key" + "y" * 20,
        FAZHI_WORKERS="1",
        FAZHI_THREADS="2",
    )
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "fazhi", "serve", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(
            lambda: requests.get(f"{base}/healthz", timeout=5).status_code == 200,
            START_TIMEOUT,
            lambda: f"server did not answer /healthz with 200:\n{log.read_text()}\n",
            server,
        )
        health = requests.get(f"{base}/healthz", timeout=5).json()
        assert health["status"] == "ok", health

        web = requests.Session()
        page = web.get(f"{base}/office/login/", timeout=10)
        assert page.status_code == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        board = web.post(
            f"{base}/office/login/",
            data={"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            timeout=20,
        )
        assert board.status_code == 200 and board.url == f"{base}/office/", board.text[:500]
        assert '<h1 class="h4">工作台' in board.text
        assert "Server Error" not in board.text

        # Hashed static names (ManifestStaticFilesStorage), served by WhiteNoise for years.
        css = re.search(r'href="(/static/fazhi/app\.[0-9a-f]{12}\.css)"', board.text)
        assert css, "stylesheet link is not hashed"
        static = web.get(base + css.group(1), timeout=10)
        assert static.status_code == 200 and "text/css" in static.headers["Content-Type"]
        cache = static.headers["Cache-Control"]
        max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
        assert max_age >= 365 * 24 * 3600 and "immutable" in cache

        # One JSON object per request on stdout.
        wait_until(lambda: any(r["path"] == css.group(1) for r in access_log(log)), 5, "access log")
        records = access_log(log)
        login_post = [r for r in records if r["path"] == "/office/login/" and r["method"] == "POST"]
        assert login_post and login_post[0]["status"] == 302
        assert {"time", "remote", "bytes", "duration_ms", "user_agent", "pid"} <= set(login_post[0])
        old_workers = {r["pid"] for r in records}

        # Graceful restart: new workers take over, the session survives.
        os.kill(server.pid, signal.SIGHUP)

        def served_by_new_worker():
            assert web.get(f"{base}/office/", timeout=10).status_code == 200
            last = [r for r in access_log(log) if r["path"] == "/office/"][-1]
            return last["pid"] not in old_workers

        wait_until(served_by_new_worker, START_TIMEOUT, "no new worker after HUP")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0, log.read_text()
