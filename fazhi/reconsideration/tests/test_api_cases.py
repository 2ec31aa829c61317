"""The 行政复议 API: applications and cases in the caller's scope, one record with the
actions it offers the caller, the actions through the same services; another unit gets 404
and changes nothing, the respondent answers but cannot decide, the leader only reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.reconsideration.models import Case

API = "/api/reconsideration/"


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_lists_and_details_in_scope(apply_, accepted_case, district, people, login, monkeypatch):
    app, _ = apply_(applicant_name="张申请", received_on=dt.date(2025, 3, 4))
    case = accepted_case(applicant_name="李案件")
    freeze(monkeypatch, dt.date(2025, 3, 6))
    client = login(people["sfj_clerk"])
    body = client.get(API + "applications").json()
    assert {r["applicant_name"] for r in body["items"]} == {"张申请", "李案件"}
    row = next(r for r in body["items"] if r["applicant_name"] == "张申请")
    assert row["clock_due"] == str(app.review_deadline.due_date)
    assert client.get(API + "applications", {"state": "accepted"}).json()["count"] == 1
    assert client.get(API + "applications", {"q": "张申"}).json()["count"] == 1
    assert client.get(API + "applications", {"late": "true"}).json()["count"] == 0
    assert client.get(API + "applications", {"state": "nope"}).status_code == 422
    detail = client.get(f"{API}applications/{app.pk}").json()
    assert detail["tracking_number"] == app.tracking_number
    assert detail["actions"] == ["correction", "accept", "reject", "refer", "withdraw"]
    assert "在申请期限内" in detail["period_note"]
    cases = client.get(API + "cases").json()
    assert [r["number"] for r in cases["items"]] == [case.number]
    detail = client.get(f"{API}cases/{case.pk}").json()
    assert detail["decision_due"] == str(case.deadline.due_date)
    assert "copy" in detail["actions"] and "decide" in detail["actions"]
    assert client.get(API + "cases", {"procedure": "simple"}).json()["count"] == 0
    assert client.get(API + "cases", {"respondent": district["scjg"].pk}).json()["count"] == 1
    # Another unit's clerk: nothing listed, 404 on the records.
    other = login(people["town_clerk"])
    assert other.get(API + "applications").json()["count"] == 0
    assert other.get(API + "cases").json()["count"] == 0
    assert other.get(f"{API}applications/{app.pk}").status_code == 404
    assert other.get(f"{API}cases/{case.pk}").status_code == 404
    # The respondent reads what is against it, with no review action offered.
    resp_clerk = login(people["scjg_clerk"])
    assert resp_clerk.get(API + "applications").json()["count"] == 2
    assert resp_clerk.get(f"{API}applications/{app.pk}").json()["actions"] == []
    assert resp_clerk.get(f"{API}cases/{case.pk}").json()["actions"] == []


def test_actions_through_the_api(apply_, people, login, monkeypatch):
    app, _ = apply_()
    freeze(monkeypatch, dt.date(2025, 3, 4))
    client = login(people["sfj_clerk"])
    url = f"{API}applications/{app.pk}/actions/"
    resp = client.post(url + "accept", {"on": "2025-03-04", "procedure": "simple",
                                        "simple_ground": "amount", "amount": "9000"})  # fmt: skip
    assert resp.status_code == 400 and "不能以款额为由适用简易程序" in resp.json()["detail"]
    resp = client.post(url + "accept", {"on": "2025-03-04", "procedure": "ordinary"})
    assert resp.status_code == 200, resp.content
    assert resp.json()["state"] == "accepted" and resp.json()["case_id"]
    case = Case.objects.get(pk=resp.json()["case_id"])
    curl = f"{API}cases/{case.pk}/actions/"
    assert client.post(curl + "copy", {"on": "2025-03-04"}).json()["copy_sent_on"] == "2025-03-04"
    assert client.post(curl + "copy", {"on": "2025-03-04"}).status_code == 400  # already sent
    assert client.post(curl + "copy", {"on": "2025-13-45"}).status_code in (400, 422)

    # The respondent files its answer with a file; it cannot decide.
    freeze(monkeypatch, dt.date(2025, 3, 10))
    respondent = login(people["scjg_clerk"])
    assert respondent.get(f"{API}cases/{case.pk}").json()["actions"] == ["answer"]
    with nothing_moved(case):
        resp = respondent.post(curl + "decide", {"on": "2025-03-10", "outcome": "uphold",
                                                 "summary": "维持"})  # fmt: skip
    assert resp.status_code == 403
    pdf = SimpleUploadedFile("答复.pdf", b"%PDF-1.4 x", "application/pdf")
    resp = respondent.post(curl + "answer", {"on": "2025-03-10", "summary": "证据确凿",
                                             "attachments": pdf})  # fmt: skip
    assert resp.status_code == 200 and resp.json()["answered_on"] == "2025-03-10"
    client = login(people["sfj_clerk"])
    resp = client.post(curl + "suspend", {"on": "2025-03-10", "ground": "other_case"})
    assert resp.status_code == 200 and resp.json()["decision_due"] is None  # paused
    assert client.post(curl + "suspend", {"on": "2025-03-10", "ground": "nope"}).status_code == 400
    resp = client.post(curl + "resume", {"on": "2025-03-10"})
    assert resp.status_code == 400  # the day after the suspension at the earliest
    freeze(monkeypatch, dt.date(2025, 3, 14))
    client = login(people["sfj_clerk"])
    assert client.post(curl + "resume", {"on": "2025-03-14"}).status_code == 200
    resp = client.post(curl + "decide", {"on": "2025-03-14", "outcome": "revoke",
                                         "summary": "撤销"})  # fmt: skip
    assert resp.status_code == 200 and resp.json()["state"] == "decided"
    assert client.post(curl + "nonsense", {"on": "2025-03-14"}).status_code == 422


def test_outsiders_and_the_leader_change_nothing(apply_, accepted_case, people, login, monkeypatch):
    app, _ = apply_(received_on=dt.date(2025, 3, 4))
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    for who, code in (("town_clerk", 404), ("leader", 403), ("scjg_clerk", 403)):
        client = login(people[who])
        with nothing_moved(app, case):
            resp = client.post(f"{API}applications/{app.pk}/actions/reject",
                               {"on": "2025-03-06", "reason": "x"})  # fmt: skip
            assert resp.status_code == code, who
            resp = client.post(f"{API}cases/{case.pk}/actions/copy", {"on": "2025-03-06"})
            assert resp.status_code == code, who
    app.refresh_from_db()
    case.refresh_from_db()
    assert app.state == "received" and case.copy_sent_on is None
