"""The 依申请公开 API for staff: the requests in the caller's scope with the list's filters,
one request with its clocks and the steps it offers, the steps through the same forms and
services; another unit's clerk gets 404 and changes nothing, the leader only reads, a step
on an old version is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.disclosure.models import DisclosureRequest

from .conftest import SHOP_USCC

API = "/api/disclosure/requests"
D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_lists_and_details_in_scope(make_request, district, people, login, at):
    a, _ = make_request(received_on=D(2025, 3, 3), applicant_name="张自然人")
    b, _ = make_request(received_on=D(2025, 3, 4), applicant_name="某商贸公司",
                        applicant_kind="commercial", applicant_id=SHOP_USCC,
                        description="本局2024年度部门决算")  # fmt: skip
    t, _ = make_request(received_on=D(2025, 3, 3), unit="town", actor="town_clerk")
    at(D(2025, 3, 5))
    client = login(people["scjg_clerk"])
    body = client.get(API).json()
    assert {r["applicant_name"] for r in body["items"]} == {"张自然人", "某商贸公司"}
    row = next(r for r in body["items"] if r["applicant_name"] == "张自然人")
    assert row["reply_due"] == "2025-03-31" and row["unit_code"] == district["scjg"].code
    assert client.get(API, {"kind": "commercial"}).json()["count"] == 1
    assert client.get(API, {"q": "部门决算"}).json()["count"] == 1
    assert client.get(API, {"state": "replied"}).json()["count"] == 0
    assert client.get(API, {"state": "nope"}).status_code == 422
    figure = {"figure": "disclosure.requests", "year": 2025, "unit": district["scjg"].pk}
    assert client.get(API, figure).json()["count"] == 2
    detail = client.get(f"{API}/{a.pk}").json()
    assert detail["tracking_number"] == a.tracking_number
    assert detail["applicant_id"] == a.applicant_id
    assert detail["actions"] == ["correction", "consult", "extend", "fee", "reply", "withdraw"]
    clocks = {c["clock"]: c for c in detail["clocks"]}
    assert clocks["disclosure.reply"]["due_date"] == "2025-03-31"
    assert clocks["disclosure.correction_notice"]["due_date"] == "2025-03-12"
    # Another unit's clerk: nothing listed, 404 on the record.
    other = login(people["town_clerk"])
    assert {r["id"] for r in other.get(API).json()["items"]} == {t.pk}
    assert other.get(f"{API}/{a.pk}").status_code == 404
    # The leader reads everything, with no step offered.
    leader = login(people["leader"])
    assert leader.get(API).json()["count"] == 3
    assert leader.get(f"{API}/{b.pk}").json()["actions"] == []
    # Staff only: an anonymous caller gets nothing.
    leader.logout()
    assert leader.get(API).status_code == 401
    assert leader.get(f"{API}/{a.pk}").status_code == 401


def test_steps_through_the_api(make_request, people, login, at):
    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    client = login(people["scjg_clerk"])
    url = f"{API}/{req.pk}/actions/"
    resp = client.post(url + "consult", {"kind": "agency", "party": "区财政局",
                                         "sent_on": "2025-03-05"})  # fmt: skip
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["state"] == "consulting" and body["consultations"][0]["party"] == "区财政局"
    assert body["reply_due"] is None  # the clock stands still
    c = body["consultations"][0]["id"]
    resp = client.post(url + "answer", {"consultation": c, "answer": "consent",
                                        "on": "2025-03-05"})  # fmt: skip
    assert resp.status_code == 200 and resp.json()["state"] == "received"
    # A refused step: a Chinese message, 400, nothing moved.
    with nothing_moved(req):
        resp = client.post(url + "reply", {"reply_type": "partial", "on": "2025-03-05",
                                           "text": "部分公开。"})  # fmt: skip
    assert resp.status_code == 400 and "选择理由" in resp.json()["detail"]
    with nothing_moved(req):
        resp = client.post(url + "reply", {"reply_type": "", "on": "2025-03-05", "text": "x"})
    assert resp.status_code == 400 and "答复类型" in resp.json()["detail"]
    # A step on an old version: 409 with who changed what, nothing moved.
    version = DisclosureRequest.objects.get(pk=req.pk).version
    with nothing_moved(req):
        resp = client.post(url + "reply", {"reply_type": "provide", "on": "2025-03-05",
                                           "text": "现提供。", "version": version - 1})  # fmt: skip
    assert resp.status_code == 409 and resp.json()["version"] == version
    resp = client.post(url + "reply", {"reply_type": "partial", "ground": "internal",
                                       "on": "2025-03-05", "text": "部分公开。",
                                       "version": version})  # fmt: skip
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["state"] == "replied" and body["result"] == "partial" and body["actions"] == []
    assert client.post(url + "nonsense", {"on": "2025-03-05"}).status_code == 422


def test_another_unit_and_the_leader_change_nothing(make_request, people, login, at):
    req, _ = make_request(received_on=D(2025, 3, 3), today=D(2025, 3, 4))
    url = f"{API}/{req.pk}/actions/"
    for who, status in (("town_clerk", 404), ("leader", 403)):
        client = login(people[who])
        with nothing_moved(req):
            resp = client.post(url + "withdraw", {"on": "2025-03-04", "reason": "撤回"})
        assert resp.status_code == status, who
        with nothing_moved(req):
            resp = client.post(url + "reply", {"reply_type": "provide", "on": "2025-03-04",
                                               "text": "现提供。"})  # fmt: skip
        assert resp.status_code == status, who
    again = DisclosureRequest.objects.get(pk=req.pk)
    assert again.state == "received" and again.replied_on is None
