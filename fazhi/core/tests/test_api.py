"""The JSON API: OpenAPI schema, session and token auth, Chinese errors."""

import pytest

from fazhi.core import services


def test_openapi_schema(client, db):
    resp = client.get("/api/openapi.json")
    assert resp.status_code == 200
    paths = resp.json()["paths"]
    assert "/api/deadlines" in paths and "/api/workdays/add" in paths


def test_needs_auth(client, db):
    resp = client.get("/api/deadlines")
    assert resp.status_code == 401 and "登录" in resp.json()["detail"]


def test_token_auth_and_revocation(people, client):
    token, key = services.issue_token(people["scjg_clerk"], "省平台对接")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    me = client.get("/api/me", **auth).json()
    assert me["username"] == "scjg_clerk" and me["unit"]["code"] == "D23"
    services.revoke_token(token, people["scjg_clerk"])
    assert client.get("/api/me", **auth).status_code == 401


def test_public_workday_routes(client, db):
    r = client.get("/api/workdays/add", {"start": "2025-09-26", "days": 10})
    assert r.status_code == 200 and r.json()["due"] == "2025-10-16"
    r = client.get("/api/workdays/between", {"start": "2025-09-26", "end": "2025-10-16"})
    assert r.json()["working_days"] == 10
    r = client.get("/api/workdays/add", {"start": "2027-02-01", "days": 5})
    assert r.status_code == 400 and "2027" in r.json()["detail"]
    r = client.get("/api/workdays/add", {"start": "tomorrow", "days": 5})
    assert r.status_code == 422 and "参数" in r.json()["detail"]


@pytest.mark.django_db
def test_generic_deadline_actions_are_gone(people, district, clocks, client):
    """Issue 18 point 13: every clock belongs to a module, so the API offers no generic
    complete/pause (they could never succeed); the schema lists none."""
    import datetime as dt

    d = services.start_deadline(
        record_type="t",
        record_id="1",
        clock="test.reply",
        start=dt.date(2025, 9, 26),
        unit=district["sfj"],
        title="申请",
    )
    client.force_login(people["sfj_clerk"])
    for action, body in (("complete", {"on": "2025-10-09"}), ("pause", {"start": "2025-10-09"})):
        resp = client.post(f"/api/deadlines/{d.pk}/{action}", body, content_type="application/json")
        assert resp.status_code == 404
    d.refresh_from_db()
    assert d.state == "running"
    paths = client.get("/api/openapi.json").json()["paths"]
    assert not [p for p in paths if p.endswith(("/complete", "/pause"))]
