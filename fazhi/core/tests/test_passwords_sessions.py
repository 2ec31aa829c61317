"""Weak passwords are refused, idle sessions end, and a session ends with the browser
unless “记住我” was ticked (issue 18 point 9)."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from fazhi.core import sessions
from fazhi.core.models import User

pytestmark = pytest.mark.today(2025, 11, 10)

PASSWORD = "Test#pass-2025"  # the personas' password (conftest.py)


@pytest.mark.parametrize(
    "password, username, full_name, words",
    [
        ("zjj_clerk1", "zjj_clerk", "张静静", "账号"),
        ("wuchunmei", "wcm01", "吴春梅", "姓名拼音"),
        ("Chunmei.Wu88", "wcm01", "吴春梅", "姓名拼音"),
        ("fazhi2025", "someone", "李四", "常见单词"),
        ("20252025", "someone", "李四", "全部是数字"),
    ],
)
def test_weak_passwords_refused_in_chinese(password, username, full_name, words):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, User(username=username, full_name=full_name))
    assert any(words in m for m in exc.value.messages), exc.value.messages


@pytest.mark.parametrize(
    "password", [PASSWORD, "Another#pass1", "春风十里#Lawful-gov", "correct horse battery staple"]
)
def test_good_passphrases_accepted(password):
    validate_password(password, User(username="wcm01", full_name="吴春梅"))


def test_user_form_refuses_the_name_in_pinyin(people, login, district):
    resp = login(people["admin"]).post(
        "/office/users/new/",
        {
            "username": "wcm01",
            "full_name": "吴春梅",
            "unit": district["sfj"].pk,
            "roles": ["clerk"],
            "password": "wuchunmei",
            "is_active": "on",
        },
    )
    assert resp.status_code == 400 and "姓名拼音" in resp.content.decode()
    assert not User.objects.filter(username="wcm01").exists()


def _login(client, remember=False):
    data = {"username": "sfj_clerk", "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    resp = client.post("/office/login/", data)
    assert resp.status_code == 302
    return resp


def test_session_ends_with_the_browser_unless_remembered(people, settings):
    client = Client()
    _login(client)
    assert client.session.get_expire_at_browser_close()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    client = Client()
    _login(client, remember=True)
    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 14 * 24 * 3600
    assert int(client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 14 * 24 * 3600


def test_idle_session_is_logged_out(people, settings, monkeypatch):
    settings.FAZHI_SESSION_IDLE_MINUTES = 120
    start = time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: start)
    client = Client()
    _login(client, remember=True)
    assert client.get("/office/").status_code == 200
    monkeypatch.setattr(sessions.time, "time", lambda: start + 119 * 60)
    assert client.get("/office/").status_code == 200  # active: the idle time starts again
    monkeypatch.setattr(sessions.time, "time", lambda: start + 119 * 60 + 121 * 60)
    resp = client.get("/office/")
    assert resp.status_code == 302 and "/office/login/" in resp["Location"]
    assert "_auth_user_id" not in client.session
    body = client.get(resp["Location"]).content.decode()
    assert "分钟未操作，已自动退出" in body
