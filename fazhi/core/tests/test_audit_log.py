"""The security audit log (issue 11 point 6): logins, failures, refusals and logouts, and
every change of who may do what, appended and never changed; administrators read it in
the office with filters; an account's change is in the full-process record too."""

import pytest
from django.test import Client

from fazhi.core import services
from fazhi.core.models import AuditEntry, Event, User

PASSWORD = "Test#pass-2025"  # the personas' password (conftest.py)

K = AuditEntry.Kind


def kinds(username):
    return list(
        AuditEntry.objects.filter(username=username).order_by("id").values_list("kind", flat=True)
    )


def test_logins_failures_refusals_and_logouts_are_logged(people):
    client = Client(REMOTE_ADDR="10.2.0.1")
    for _ in range(6):
        client.post("/office/login/", {"username": "sfj_clerk", "password": "wrong"})
    other = Client(REMOTE_ADDR="10.2.0.2")
    other.post("/office/login/", {"username": "sfj_clerk", "password": PASSWORD})
    other.post("/office/logout/")
    assert kinds("sfj_clerk")[-8:] == [K.LOGIN_FAILED] * 5 + [K.LOGIN_REFUSED, K.LOGIN, K.LOGOUT]
    ok = AuditEntry.objects.get(username="sfj_clerk", kind=K.LOGIN)
    assert ok.ip == "10.2.0.2" and ok.user == people["sfj_clerk"]


def test_permission_changes_are_logged_with_before_and_after(people, district):
    admin = people["admin"]
    user = User.objects.get(username="scjg_clerk")
    user.unit = district["town"]
    user.is_staff = True
    services.save_user(user, ["clerk", "reviewer"], admin)
    user.is_active = False
    services.save_user(user, ["clerk", "reviewer"], admin)
    entries = {e.kind: e for e in AuditEntry.objects.filter(username="scjg_clerk")}
    assert entries[K.ROLES_CHANGED].summary == "角色：经办人 → 经办人、审核人"
    assert entries[K.ROLES_CHANGED].before == {"roles": ["clerk"]}
    assert entries[K.ROLES_CHANGED].after == {"roles": ["clerk", "reviewer"]}
    assert "城关街道" in entries[K.UNIT_CHANGED].summary
    assert entries[K.ADMIN_FLAGS_CHANGED].after == {"superuser": False, "staff": True}
    assert entries[K.ACTIVATION_CHANGED].summary == "停用账号"
    assert entries[K.ACCOUNT_CREATED].actor_name == "系统"  # the fixture, no actor
    assert {e.actor_name for k, e in entries.items() if k != K.ACCOUNT_CREATED} == {"admin"}
    # The full-process record has the same change, roles before and after explicit.
    ev = Event.objects.filter(record_type="core.user", record_id=str(user.pk)).order_by("seq")
    first = ev.filter(action="update").first()
    assert first.before["roles"] == ["clerk"] and first.after["roles"] == ["clerk", "reviewer"]
    assert "角色" in first.summary


def test_tokens_issued_and_revoked_are_logged(people):
    token, _ = services.issue_token(people["sfj_clerk"], "省平台对接")
    services.revoke_token(token, people["admin"])
    assert kinds("sfj_clerk")[-2:] == [K.TOKEN_ISSUED, K.TOKEN_REVOKED]


def test_changes_in_django_admin_are_logged(people, client, district):
    client.force_login(people["admin"])
    user = people["town_clerk"]
    resp = client.get(f"/admin/core/user/{user.pk}/change/")
    form = resp.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "roles": [r.pk for r in user.roles.all()],
            "unit": district["scjg"].pk,
            "is_superuser": "on",
            "is_active": "on",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "00:00:00",
            "groups": [],
            "user_permissions": [],
            "last_login_0": "",
            "last_login_1": "",
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, bool)}
    data["is_active"] = "on"
    data["is_superuser"] = "on"
    resp = client.post(f"/admin/core/user/{user.pk}/change/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    got = set(kinds("town_clerk"))
    assert {K.UNIT_CHANGED, K.ADMIN_FLAGS_CHANGED} <= got


def test_log_is_append_only(people):
    entry = AuditEntry.objects.filter(username="sfj_clerk").first()
    entry.summary = "改写"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_admins_read_it_with_filters(people, login):
    Client(REMOTE_ADDR="10.3.0.1").post(
        "/office/login/", {"username": "leader", "password": "wrong"}
    )
    client = login(people["admin"])
    body = client.get("/office/audit/").content.decode()
    assert "安全审计日志" in body and "leader" in body and "<td>新建账号</td>" in body
    body = client.get("/office/audit/", {"kind": "login_failed"}).content.decode()
    assert "leader" in body and "<td>新建账号</td>" not in body
    body = client.get("/office/audit/", {"ip": "10.3.0.1"}).content.decode()
    assert "<td>登录失败</td>" in body
    assert (
        "<td>登录失败</td>" not in client.get("/office/audit/", {"ip": "10.9.9.9"}).content.decode()
    )
    assert client.get("/office/audit/", {"since": "9999-99-99"}).status_code == 400
    assert client.get("/office/audit/", {"since": "2000-01-01", "page": "x"}).status_code == 200
    for persona in ("coordinator", "sfj_clerk", "leader"):
        assert login(people[persona]).get("/office/audit/").status_code == 403
