"""Back-office and portal pages: they render for their users, refuse others clearly,
keep bad input, never answer 500, carry security headers and reference no CDN."""

import re
from pathlib import Path

import pytest

import fazhi

pytestmark = pytest.mark.today(2025, 11, 10)

OFFICE_PAGES = [
    "/office/",
    "/office/units/",
    "/office/units/D23/",
    "/office/units/new/",
    "/office/units/import/",
    "/office/users/",
    "/office/users/new/",
    "/office/calendar/",
    "/office/calendar/2025/",
    "/office/workdays/",
    "/office/records/",
    "/office/tokens/",
]


def test_office_pages_render_for_admin(people, login):
    client = login(people["admin"])
    for url in OFFICE_PAGES:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "法治政府建设工作平台" in resp.content.decode()


def test_office_needs_login(client, db):
    resp = client.get("/office/")
    assert resp.status_code == 302 and "/office/login/" in resp["Location"]


def test_clerk_refused_admin_pages(people, login):
    client = login(people["sfj_clerk"])
    for url in ["/office/users/", "/office/units/new/", "/office/units/import/"]:
        resp = client.get(url)
        assert resp.status_code == 403
        assert "无权" in resp.content.decode() or "只有" in resp.content.decode()


def test_portal_pages(client, district):
    for url in ["/", "/units/", "/workdays/"]:
        resp = client.get(url)
        assert resp.status_code == 200
        assert "测试区人民政府" in resp.content.decode()
    body = client.get("/units/").content.decode()
    assert "测试区市场监督管理局" in body and "城关街道东门社区" in body


def test_portal_workdays_calculator(client, db):
    body = client.get(
        "/workdays/", {"start": "2025-09-26", "length": "10", "unit": "working"}
    ).content.decode()
    assert 'id="due-date">2025-10-16<' in body and "国庆" in body
    body = client.get(
        "/workdays/", {"start": "2027-01-05", "length": "3", "unit": "working"}
    ).content.decode()
    assert "2027年" in body and "尚未载入" in body


@pytest.mark.parametrize(
    "params",
    [
        {"start": "not-a-date", "length": "3", "unit": "working"},
        {"start": "2025-01-01", "length": "-4", "unit": "working"},
        {"start": "2025-01-01", "length": "9999999999999", "unit": "calendar"},
        {"start": "2025-01-01", "length": "3", "unit": "lunar"},
    ],
)
def test_bad_input_is_not_500(client, db, params):
    resp = client.get("/workdays/", params)
    assert resp.status_code == 200
    assert "invalid-feedback" in resp.content.decode()


def test_unknown_pages_are_chinese_404(client, db):
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404 and "页面不存在" in resp.content.decode()


def test_security_headers(client, db):
    resp = client.get("/")
    assert "default-src 'self'" in resp["Content-Security-Policy"]
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["X-Content-Type-Options"] == "nosniff"


def test_cookies_secure_over_https(people, client):
    resp = client.post(
        "/office/login/", {"username": "sfj_clerk", "password": "Test#pass-2025"}, secure=True
    )
    assert resp.status_code == 302
    assert resp.cookies["sessionid"]["secure"] is True


def test_login_throttled_after_repeated_failures(people, client, settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        resp = client.post("/office/login/", {"username": "sfj_clerk", "password": "wrong"})
        assert resp.status_code == 200
        assert "用户名或密码不正确" in resp.content.decode()
    resp = client.post("/office/login/", {"username": "sfj_clerk", "password": "Test#pass-2025"})
    body = resp.content.decode()
    assert resp.status_code == 429 and "登录失败次数过多" in body
    assert 'value="sfj_clerk"' in body  # the typed name is kept
    # Another account from elsewhere is not affected.
    ok = client.post(
        "/office/login/",
        {"username": "scjg_clerk", "password": "Test#pass-2025"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert ok.status_code == 302


def test_no_cdn_in_templates():
    root = Path(fazhi.__file__).parent
    pattern = re.compile(r"""(src|href)\s*=\s*["'](https?:)?//""", re.I)
    offenders = [str(p) for p in root.rglob("*.html") if pattern.search(p.read_text())]
    assert offenders == []


def test_user_admin_creates_account_with_roles(people, login, district):
    client = login(people["admin"])
    resp = client.post(
        "/office/users/new/",
        {
            "username": "new_clerk",
            "full_name": "新经办人",
            "unit": district["scjg"].pk,
            "roles": ["clerk", "reviewer"],
            "password": "Another#pass1",
            "is_active": "on",
        },
    )
    assert resp.status_code == 302
    from fazhi.core.models import User

    u = User.objects.get(username="new_clerk")
    assert u.role_codes == {"clerk", "reviewer"} and u.check_password("Another#pass1")
    resp = client.post(
        "/office/users/new/",
        {"username": "x", "roles": ["clerk"], "password": "short", "is_active": "on"},
    )
    assert resp.status_code == 400 and "密码至少8位" in resp.content.decode()
