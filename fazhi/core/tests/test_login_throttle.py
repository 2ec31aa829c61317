"""Login throttling (issue 18 points 5 and 6): a guesser at one address locks only that
address for the account, not the owner elsewhere; many addresses slow one account but
never lock it out; the Django admin's login goes through the same throttle; and parallel
wrong attempts cannot all pass the check before any is counted."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client

from fazhi.core import audit, throttle
from fazhi.core.models import AuditEntry

PASSWORD = "Test#pass-2025"  # the personas' password (conftest.py)

T0 = dt.datetime(2025, 10, 9, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for the throttle: ``clock.now`` is what it reads."""

    class Clock:
        now = T0

        def advance(self, **kw):
            self.now += dt.timedelta(**kw)

    c = Clock()
    monkeypatch.setattr(throttle, "_now", lambda: c.now)
    return c


def _post(url, username, password, ip):
    return Client(REMOTE_ADDR=ip).post(url, {"username": username, "password": password})


def _logged_in(resp) -> bool:
    return resp.status_code == 302 and "_auth_user_id" in resp.client.session


def test_guesser_at_one_address_does_not_lock_the_owner_elsewhere(people, clock):
    for _ in range(5):
        assert _post("/office/login/", "coordinator", "wrong", "10.0.0.1").status_code == 200
    # Address A is locked for this account, even with the right password …
    resp = _post("/office/login/", "coordinator", PASSWORD, "10.0.0.1")
    assert resp.status_code == 429 and "登录失败次数过多" in resp.content.decode()
    # … the owner at address B logs in.
    assert _logged_in(_post("/office/login/", "coordinator", PASSWORD, "10.0.0.2"))
    # After the window, address A may try again.
    clock.advance(minutes=16)
    assert _logged_in(_post("/office/login/", "coordinator", PASSWORD, "10.0.0.1"))


def test_one_address_guessing_many_accounts_is_locked(people, clock):
    for i in range(20):
        _post("/office/login/", f"nobody{i}", "wrong", "10.0.0.9")
    resp = _post("/office/login/", "sfj_clerk", PASSWORD, "10.0.0.9")
    assert resp.status_code == 429
    assert _logged_in(_post("/office/login/", "sfj_clerk", PASSWORD, "10.0.0.10"))


def test_many_addresses_slow_the_account_but_never_lock_it(people, clock):
    refused = 0
    for i in range(100):
        clock.advance(seconds=5)
        resp = _post("/office/login/", "coordinator", "wrong", f"10.1.{i // 200}.{i % 200 + 1}")
        refused += resp.status_code == 429
    assert refused > 50  # slowed: most of the hundred never reached the password check
    # Right after the last attempt the owner is asked to wait (in seconds, not locked) …
    resp = _post("/office/login/", "coordinator", PASSWORD, "10.9.9.9")
    assert resp.status_code == 429 and "秒后再试" in resp.content.decode()
    # … and once the wait has passed, the right password logs in.
    clock.advance(seconds=121)
    assert _logged_in(_post("/office/login/", "coordinator", PASSWORD, "10.9.9.9"))


def test_delay_grows_and_is_capped(settings):
    settings.FAZHI_LOGIN_ACCOUNT_SLOW_AFTER = 10
    settings.FAZHI_LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 120
    delays = [throttle.account_delay(n) for n in (9, 10, 11, 12, 16, 100)]
    assert delays == [0, 1, 2, 4, 64, 120]


def test_admin_login_is_throttled(people, clock):
    for _ in range(12):
        resp = _post("/admin/login/", "admin", "wrong", "10.0.0.5")
        assert resp.status_code in (200, 429)
        assert "_auth_user_id" not in resp.client.session
    resp = _post("/admin/login/", "admin", PASSWORD, "10.0.0.5")
    assert resp.status_code == 429 and not _logged_in(resp)
    failed = AuditEntry.objects.filter(username="admin", kind=audit.Kind.LOGIN_FAILED).count()
    assert failed == 5
    assert AuditEntry.objects.filter(username="admin", kind=audit.Kind.LOGIN_REFUSED).count() == 8
    # Once the window has passed, the admin logs in there and reaches the admin.
    clock.advance(minutes=16)
    client = Client(REMOTE_ADDR="10.0.0.5")
    resp = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD})
    assert resp.status_code == 302 and resp["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_login_sends_non_staff_to_the_office(people, login):
    resp = login(people["sfj_clerk"]).get("/admin/login/")
    assert resp.status_code == 302 and resp["Location"] == "/office/"


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_attempts_are_counted_before_they_are_checked(clock):
    """Twenty threads at once, all wrong: at most the limit get past the check."""
    allowed = []

    def one():
        try:
            allowed.append(throttle.attempt("coordinator", "10.0.0.7") is None)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 20 and sum(allowed) == 5
