"""The case routes of the JSON API: scoped like the pages, stage actions through the same
forms and services (today fixed)."""

from __future__ import annotations

import pytest

from fazhi.core.tests.refusal import nothing_moved

from . import cases_flow as flow
from .conftest import PERSON, doc

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.mark.django_db
def test_list_and_read_in_scope(enf, people, open_penalty, client):
    case = flow.decided(open_penalty, enf, people["scjg_clerk"], party=PERSON)
    client.force_login(people["scjg_clerk"])
    items = client.get("/api/enforcement/cases?q=王小明").json()["items"]
    assert [c["number"] for c in items] == [case.number]
    assert client.get("/api/enforcement/cases?kind=license").json()["items"] == []
    body = client.get(f"/api/enforcement/cases/{case.pk}").json()
    assert body["decision_number"] == case.decision_number
    assert body["parties"][0]["id_number"] == PERSON["id_number"]
    assert [s["stage"] for s in body["steps"]] == ["filed", "investigated", "notified", "decided"]
    assert body["publication"]["published_on"] is None
    assert "serve" in body["actions"] and "publish" in body["actions"]
    client.force_login(people["town_clerk"])
    assert client.get("/api/enforcement/cases").json()["items"] == []
    assert client.get(f"/api/enforcement/cases/{case.pk}").status_code == 404


@pytest.mark.django_db
def test_stage_actions(enf, people, open_penalty, client):
    case = open_penalty(flow.FILED)
    client.force_login(people["scjg_clerk"])
    url = f"/api/enforcement/cases/{case.pk}/actions/investigate"
    data = {"on": "2025-09-10", "officers": [enf["o1"].pk, enf["o2"].pk]}
    with nothing_moved(case):
        resp = client.post(url, {**data, "调查询问笔录": doc("调查询问笔录")})
    assert resp.status_code == 400
    assert "缺少文书：现场检查（勘验）笔录、调查终结报告" in resp.json()["detail"]
    files = {n: doc(n) for n in ("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告")}
    resp = client.post(url, {**data, **files})
    assert resp.status_code == 200, resp.content
    assert resp.json()["stage"] == "investigated"
    resp = client.post(
        f"/api/enforcement/cases/{case.pk}/actions/terminate",
        {"on": "2025-11-01", "reason": "违法事实不能成立"},
    )
    assert resp.status_code == 200 and resp.json()["stage"] == "terminated"
    # A form error is a Chinese 400, not a 500.
    resp = client.post(f"/api/enforcement/cases/{case.pk}/actions/revoke", {"reason": "x"})
    assert resp.status_code == 400 and "日期" in resp.json()["detail"]
    # The leader reads, but cannot act.
    client.force_login(people["leader"])
    with nothing_moved(case):
        resp = client.post(
            f"/api/enforcement/cases/{case.pk}/actions/revoke",
            {"on": "2025-11-02", "reason": "复议撤销"},
        )
    assert resp.status_code == 403
