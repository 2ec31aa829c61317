"""The 行政应诉 and 司法/检察建议 routes of the JSON API: scoped like the pages, registration
and actions through the same forms and services (today fixed)."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.reconsideration.models import Litigation, Suggestion

from .lit_fixtures import court_case, pdf, suggestion

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 10)
API = "/api/reconsideration"


def test_litigation_list_detail_create_and_actions(district, people, client, monkeypatch):
    lit = court_case(monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 9, 1),
                     plaintiff_name="某某食品公司")  # fmt: skip
    freeze(monkeypatch, TODAY)
    client.force_login(people["scjg_clerk"])
    items = client.get(f"{API}/litigation?q=食品").json()["items"]
    assert [c["number"] for c in items] == [lit.number]
    assert client.get(f"{API}/litigation?result=lost").json()["items"] == []
    body = client.get(f"{API}/litigation/{lit.pk}").json()
    assert body["answer_due_on"] == "2025-09-16" and body["actions"] == [
        "answer",
        "hearing",
        "result",
    ]
    # Create.
    data = {"unit": district["scjg"].pk, "court": "示范区人民法院", "number": "（2025）示0105行初9号",
            "instance": "first", "plaintiff_kind": "organisation", "plaintiff_name": "乙公司",
            "cause": "行政许可", "act": "不予许可决定", "served_on": "2025-11-03"}  # fmt: skip
    resp = client.post(f"{API}/litigation", {**data, "served_on": "2025-12-03"})
    assert resp.status_code == 400 and "不能晚于今天" in resp.json()["detail"]
    resp = client.post(f"{API}/litigation", data)
    assert resp.status_code == 201, resp.content
    assert resp.json()["answer_due_on"] == "2025-11-18"
    # Actions: the answer (late: due 2025-09-16), a hearing without the head, the result.
    url = f"{API}/litigation/{lit.pk}/actions"
    resp = client.post(f"{url}/answer", {"on": "2025-09-20", "files": [pdf()]})
    assert resp.status_code == 200, resp.content
    assert resp.json()["answered_late"] is True
    with nothing_moved(lit):
        resp = client.post(f"{url}/hearing", {"held_on": "2025-10-10", "lawyer_names": "赵律师"})
    assert resp.status_code == 400 and "不得仅委托律师出庭" in resp.json()["detail"]
    resp = client.post(f"{url}/hearing", {"held_on": "2025-10-10", "staff_names": "李科长",
                                          "excuse_kind": "force_majeure", "excuse": "暴雨封路",
                                          "explanation": pdf("说明.pdf")})  # fmt: skip
    assert resp.status_code == 200, resp.content
    assert resp.json()["hearings"][0]["excuse"] == "不可抗力：暴雨封路"
    resp = client.post(
        f"{url}/result", {"on": "2025-11-01", "result": "lost", "reasons": "认定事实不清。"}
    )
    assert resp.status_code == 200 and resp.json()["result"] == "lost"
    assert resp.json()["actions"] == []


def test_api_scoping(district, people, client, monkeypatch):
    lit = court_case(
        monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 9, 1)
    )
    sug = suggestion(
        monkeypatch, district["scjg"], people["scjg_clerk"], received_on=dt.date(2025, 9, 1)
    )
    freeze(monkeypatch, TODAY)
    client.force_login(people["town_clerk"])
    with nothing_moved(lit, sug):
        assert client.get(f"{API}/litigation").json()["items"] == []
        assert client.get(f"{API}/litigation/{lit.pk}").status_code == 404
        resp = client.post(f"{API}/litigation/{lit.pk}/actions/result",
                           {"on": "2025-11-01", "result": "won", "reasons": "x"})  # fmt: skip
        assert resp.status_code == 404
        assert client.get(f"{API}/suggestions").json()["items"] == []
        assert client.get(f"{API}/suggestions/{sug.pk}").status_code == 404
        resp = client.post(
            f"{API}/suggestions/{sug.pk}/actions/reply", {"on": "2025-11-01", "text": "x"}
        )
        assert resp.status_code == 404
        # Registering for another unit is refused.
        resp = client.post(f"{API}/suggestions", {
            "unit": district["scjg"].pk, "kind": "judicial", "issuer": "法院", "number": "N1",
            "received_on": "2025-11-01", "subject": "s", "content": "c"})  # fmt: skip
        assert resp.status_code == 400
    lit.refresh_from_db()
    sug.refresh_from_db()
    assert lit.result == "" and sug.replied_on is None
    assert Litigation.objects.count() == 1 and Suggestion.objects.count() == 1
    client.force_login(people["leader"])
    with nothing_moved(lit):
        resp = client.post(f"{API}/litigation/{lit.pk}/actions/result",
                           {"on": "2025-11-01", "result": "won", "reasons": "x"})  # fmt: skip
        assert resp.status_code == 403


def test_suggestion_routes(district, people, client, monkeypatch):
    freeze(monkeypatch, TODAY)
    client.force_login(people["scjg_clerk"])
    resp = client.post(f"{API}/suggestions", {
        "unit": district["scjg"].pk, "kind": "procuratorial", "issuer": "示范区人民检察院",
        "number": "示检行建〔2025〕7号", "received_on": "2025-11-03", "subject": "加油站安全监管",
        "content": "建议加强检查。", "reply_due_on": "2025-12-03"})  # fmt: skip
    assert resp.status_code == 201, resp.content
    s = resp.json()
    assert s["reply_due_on"] == "2025-12-03" and s["actions"] == ["reply", "reassign"]
    items = client.get(f"{API}/suggestions?kind=procuratorial&state=open").json()["items"]
    assert [i["number"] for i in items] == ["示检行建〔2025〕7号"]
    resp = client.post(
        f"{API}/suggestions/{s['id']}/actions/reply", {"on": "2025-11-08", "text": "已检查。"}
    )
    assert resp.status_code == 200 and resp.json()["replied_in_time"] is True
    resp = client.post(f"{API}/suggestions/{s['id']}/actions/reassign",
                       {"unit": district["town"].pk, "reason": "x"})  # fmt: skip
    assert resp.status_code == 400 and "已回复" in resp.json()["detail"]
