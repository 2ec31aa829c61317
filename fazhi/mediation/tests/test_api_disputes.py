"""The 人民调解 API for staff: the disputes and bodies in the caller's scope with the lists'
filters, one dispute with its parties, clocks and the steps it offers, the 排查登记 and
the steps through the same forms and services; another township's clerk gets 404 and
changes nothing, the leader only reads, garbage is answered in Chinese."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.mediation.models import Dispute, MediationBody

from .fixtures_screens import *  # noqa: F403  (fixtures)
from .fixtures_screens import ID_A, parties

API = "/api/mediation/disputes"
BODIES = "/api/mediation/bodies"
D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


def _json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_lists_details_and_the_record(make_dispute, make_body, district, people, south, login, at):
    body = make_body(district["town"])
    a = make_dispute(found_on=D(2025, 9, 1))
    b = make_dispute(found_on=D(2025, 9, 2), type="family", summary="赡养费用分担",
                     parties=parties("王老汉", "王大"))  # fmt: skip
    c = make_dispute(found_on=D(2025, 9, 2), actor=south["clerk"], unit=south["unit"])
    at(D(2025, 9, 3))
    client = login(people["town_clerk"])
    items = client.get(API).json()["items"]
    assert {r["id"] for r in items} == {a.pk, b.pk}
    assert client.get(API, {"type": "family"}).json()["count"] == 1
    assert client.get(API, {"q": "王老汉"}).json()["count"] == 1
    assert client.get(API, {"month": "2025-09"}).json()["count"] == 2
    assert client.get(API, {"state": "nope"}).status_code == 422
    assert client.get(API, {"month": "九月"}).status_code == 422
    detail = client.get(f"{API}/{a.pk}").json()
    assert detail["number"] == a.number and detail["actions"] == ["accept", "conclude"]
    assert {p["name"] for p in detail["parties"]} == {"张大山", "李小河"}
    assert client.get(f"{API}/{c.pk}").status_code == 404
    # 排查登记 through the API: the form's checks, then the service's.
    data = {"unit": district["town"].pk, "found_on": "2025-09-03", "source": "hotline",
            "type": "consumer", "summary": "预付卡退费争议", "parties": parties("钱某", "某商店")}  # fmt: skip
    bad = {**data, "parties": [{**data["parties"][0], "id_number": ID_A[:-1] + "Y"}]}
    with nothing_moved():
        resp = _json(client, API, bad)
    assert resp.status_code == 400 and "身份证" in resp.json()["detail"]
    resp = _json(client, API, {**data, "parties": []})
    assert resp.status_code == 400 and "请至少填写一名当事人" in resp.json()["detail"]
    resp = _json(client, API, {**data, "unit": south["unit"].pk})
    assert resp.status_code == 400
    resp = _json(client, API, data)
    assert resp.status_code == 201, resp.content
    new = resp.json()
    assert new["state"] == "found" and new["source"] == "hotline"
    assert Dispute.objects.get(pk=new["id"]).unit == district["town"]
    # Bodies: in scope, with members and the composition check.
    rows = client.get(BODIES).json()["items"]
    assert [r["id"] for r in rows] == [body.pk]
    one = client.get(f"{BODIES}/{body.pk}").json()
    assert len(one["members"]) == 3 and one["problems"] == []
    other = login(south["clerk"])
    assert other.get(BODIES).json()["count"] == 0
    assert other.get(f"{BODIES}/{body.pk}").status_code == 404
    # The leader reads everything, with no step offered; anonymous gets nothing.
    leader = login(people["leader"])
    assert leader.get(API).json()["count"] == 4
    assert leader.get(f"{API}/{a.pk}").json()["actions"] == []
    leader.logout()
    assert leader.get(API).status_code == 401
    assert leader.get(f"{BODIES}/{body.pk}").status_code == 401


def test_steps_through_the_api(make_dispute, make_body, district, people, login, at):
    body = make_body(district["town"])
    d = make_dispute(found_on=D(2025, 9, 1))
    at(D(2025, 9, 5))
    client = login(people["town_clerk"])
    url = f"{API}/{d.pk}/actions/"
    with nothing_moved(d):
        resp = client.post(url + "accept", {"body": body.pk, "accepted_on": "9月5日",
                                            "mediators": "赵主任"})  # fmt: skip
    assert resp.status_code in (400, 422)
    resp = client.post(url + "accept", {"body": body.pk, "accepted_on": "2025-09-05",
                                        "mediators": "赵主任"})  # fmt: skip
    assert resp.status_code == 200, resp.content
    out = resp.json()
    # 30 days from 09-05 end on 10-05 (国庆), so on the next working day, 10-09.
    assert out["state"] == "mediating" and out["due"] == "2025-10-09"
    assert out["actions"] == ["session", "extend", "conclude"]
    version = out["version"]
    with nothing_moved(d):
        resp = client.post(url + "conclude", {"outcome": "failed", "concluded_on": "2025-09-05",
                                              "version": version - 1})  # fmt: skip
    assert resp.status_code == 409
    resp = client.post(url + "conclude", {"outcome": "failed", "concluded_on": "2025-09-05",
                                          "note": "双方分歧较大", "version": version})  # fmt: skip
    assert resp.status_code == 200, resp.content
    assert resp.json()["state"] == "failed" and resp.json()["actions"] == ["escalate"]
    resp = client.post(url + "escalate", {"route": "litigation", "escalated_on": "2025-09-05"})
    assert resp.status_code == 200, resp.content
    assert resp.json()["escalation_route"] == "litigation"
    assert client.post(url + "nonsense", {}).status_code == 422


def test_another_township_and_the_leader_change_nothing(
    make_dispute, make_body, district, people, south, login, at
):
    body = make_body(district["town"])
    d = make_dispute(found_on=D(2025, 9, 1))
    at(D(2025, 9, 5))
    for who, status in ((south["clerk"], 404), (people["leader"], 403)):
        client = login(who)
        with nothing_moved(d, body):
            resp = client.post(f"{API}/{d.pk}/actions/accept", {
                "body": body.pk, "accepted_on": "2025-09-05", "mediators": "某"})  # fmt: skip
            assert resp.status_code == status, who
            resp = client.post(f"{BODIES}/{body.pk}/actions/term", {"starts_on": "2025-09-05"})
            assert resp.status_code == status, who
    again = Dispute.objects.get(pk=d.pk)
    assert again.state == "found" and again.body_id is None
    assert MediationBody.objects.get(pk=body.pk).term_starts_on == D(2024, 1, 2)


def test_bodies_through_the_api(district, people, login, at):
    at(D(2025, 3, 3))
    client = login(people["town_clerk"])
    data = {"unit": district["town"].pk, "name": "城关街道物业纠纷人民调解委员会",
            "kind": "industry", "sector": "物业", "term_starts_on": "2025-03-03"}  # fmt: skip
    resp = _json(client, BODIES, data)
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["problems"]  # no members yet
    url = f"{BODIES}/{body['id']}/actions/"
    resp = client.post(url + "member", {"name": "冯委员", "gender": "female", "role": "chair",
                                        "joined_on": "2025-03-03"})  # fmt: skip
    assert resp.status_code == 200, resp.content
    assert [m["name"] for m in resp.json()["members"]] == ["冯委员"]
    resp = client.post(url + "member", {"name": "", "gender": "?", "joined_on": "2025-03-03"})
    assert resp.status_code == 400 and "姓名" in resp.json()["detail"]
    assert _json(client, BODIES, {**data, "kind": "nope"}).status_code == 422
