"""The 行政应诉 and 司法/检察建议 office screens: lists with filters, figure links and XLSX,
registration forms that keep what was typed, record pages with their action forms, scoped
to the unit (another unit's clerk gets 404 and changes nothing)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.reconsideration.models import Hearing, Litigation, Suggestion

from .lit_fixtures import court_case, hearing, pdf, result, suggestion

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 10)


def _text(resp) -> str:
    return resp.content.decode()


@pytest.fixture
def lit(district, people, monkeypatch):
    c = court_case(monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 9, 1),
                   plaintiff_name="某某食品公司", cause="行政处罚")  # fmt: skip
    freeze(monkeypatch, TODAY)
    return c


@pytest.fixture
def sug(district, people, monkeypatch):
    s = suggestion(monkeypatch, district["scjg"], people["scjg_clerk"], received_on=dt.date(2025, 9, 1),
                   subject="校园周边食品安全监管")  # fmt: skip
    freeze(monkeypatch, TODAY)
    return s


def test_litigation_page_shows_the_case_and_its_clock(lit, people, login):
    for who in ("scjg_clerk", "coordinator", "leader"):
        resp = login(people[who]).get(f"/office/reconsideration/litigation/{lit.pk}/")
        assert resp.status_code == 200, who
        text = _text(resp)
        for shown in (
            lit.number,
            "某某食品公司",
            "答辩期限",
            "2025-09-16",
            "全过程记录",
            "登记一审应诉案件",
        ):
            assert shown in text, (who, shown)
    assert "登记开庭和出庭应诉情况" in _text(
        login(people["scjg_clerk"]).get(f"/office/reconsideration/litigation/{lit.pk}/")
    )
    assert "登记开庭和出庭应诉情况" not in _text(
        login(people["leader"]).get(f"/office/reconsideration/litigation/{lit.pk}/")
    )


def test_another_units_clerk_neither_reads_nor_changes(lit, sug, people, client):
    client.force_login(people["town_clerk"])
    with nothing_moved(lit, sug):
        assert client.get(f"/office/reconsideration/litigation/{lit.pk}/").status_code == 404
        resp = client.post(
            f"/office/reconsideration/litigation/{lit.pk}/",
            {
                "action": "result",
                "result-result": "won",
                "result-on": "2025-11-01",
                "result-reasons": "x",
            },
        )
        assert resp.status_code == 404
        assert client.get(f"/office/reconsideration/suggestions/{sug.pk}/").status_code == 404
        resp = client.post(
            f"/office/reconsideration/suggestions/{sug.pk}/",
            {"action": "reply", "reply-on": "2025-11-01", "reply-text": "x"},
        )
        assert resp.status_code == 404
        assert lit.number not in _text(client.get("/office/reconsideration/litigation/"))
        assert sug.number not in _text(client.get("/office/reconsideration/suggestions/"))
    lit.refresh_from_db()
    sug.refresh_from_db()
    assert lit.result == "" and sug.replied_on is None
    # The leader reads but cannot change.
    client.force_login(people["leader"])
    with nothing_moved(lit):
        resp = client.post(
            f"/office/reconsideration/litigation/{lit.pk}/",
            {
                "action": "result",
                "result-result": "won",
                "result-on": "2025-11-01",
                "result-reasons": "x",
            },
        )
        assert resp.status_code == 403


def test_hearing_refusal_keeps_what_was_typed(lit, people, login):
    c = login(people["scjg_clerk"])
    with nothing_moved(lit):
        resp = c.post(
            f"/office/reconsideration/litigation/{lit.pk}/",
            {
                "action": "hearing",
                "hearing-held_on": "2025-10-20",
                "hearing-lawyer_names": "赵大律师",
            },
        )
    assert resp.status_code == 400
    text = _text(resp)
    assert "不得仅委托律师出庭" in text
    assert 'value="赵大律师"' in text
    assert not Hearing.objects.exists()


def test_litigation_runs_on_its_page(lit, people, login):
    c = login(people["scjg_clerk"])
    url = f"/office/reconsideration/litigation/{lit.pk}/"
    resp = c.post(
        url,
        {"action": "answer", "answer-on": "2025-09-12", "answer-files": [pdf(), pdf("证据.pdf")]},
    )
    assert resp.status_code == 302, _text(resp)
    resp = c.post(url, {
        "action": "hearing", "hearing-held_on": "2025-10-20", "hearing-staff_names": "李科长",
        "hearing-excuse_kind": "accident", "hearing-excuse": "途中车辆故障",
        "hearing-explanation": pdf("情况说明.pdf"),
    })  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    resp = c.post(url, {
        "action": "hearing", "hearing-held_on": "2025-10-28", "hearing-head_appeared": "on",
        "hearing-head_name": "张伟", "hearing-head_role": "in_charge",
    })  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    resp = c.post(url, {"action": "result", "result-result": "won", "result-on": "2025-11-05",
                        "result-reasons": "驳回原告的诉讼请求。"})  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    lit.refresh_from_db()
    assert lit.result == "won" and lit.answer_filed_on == dt.date(2025, 9, 12)
    assert [h.head_appeared for h in lit.hearings.all()] == [False, True]
    text = _text(c.get(url))
    assert "意外事件：途中车辆故障" in text and "张伟（分管被诉行为的负责人）" in text
    assert (
        Event.objects.filter(
            record_id=str(lit.pk), record_type="reconsideration.litigation"
        ).count()
        >= 5
    )


def test_new_litigation_form_keeps_what_was_typed(district, people, login, monkeypatch):
    freeze(monkeypatch, TODAY)
    c = login(people["scjg_clerk"])
    data = {"unit": district["scjg"].pk, "court": "示范区人民法院", "number": "（2025）示0105行初88号",
            "instance": "first", "plaintiff_kind": "person", "plaintiff_name": "李四", "cause": "政府信息公开",
            "act": "政府信息公开答复", "served_on": "2025-11-03"}  # fmt: skip
    resp = c.post("/office/reconsideration/litigation/new/", {**data, "served_on": "2025-12-01"})
    assert resp.status_code == 400
    assert "不能晚于今天" in _text(resp) and 'value="李四"' in _text(resp)
    assert not Litigation.objects.exists()
    resp = c.post("/office/reconsideration/litigation/new/", data)
    assert resp.status_code == 302
    lit = Litigation.objects.get()
    assert lit.answer_deadline.due_date == dt.date(2025, 11, 18)
    # Another unit is not offered, and posting it is refused by the form.
    resp = c.post("/office/reconsideration/litigation/new/", {**data, "unit": district["town"].pk,
                                                             "number": "X1", "instance": "first"})  # fmt: skip
    assert resp.status_code == 400 and Litigation.objects.count() == 1


def test_list_filters_figure_link_and_export(district, people, login, monkeypatch):
    sc = people["scjg_clerk"]
    a = court_case(
        monkeypatch, district["scjg"], sc, served_on=dt.date(2025, 3, 3), plaintiff_name="甲公司"
    )
    hearing(monkeypatch, a, sc, dt.date(2025, 4, 1), head=False)
    hearing(monkeypatch, a, sc, dt.date(2025, 5, 1), head=True)
    b = court_case(
        monkeypatch, district["scjg"], sc, served_on=dt.date(2025, 3, 10), plaintiff_name="乙公司"
    )
    hearing(monkeypatch, b, sc, dt.date(2025, 4, 2), head=False)
    result(monkeypatch, b, sc, dt.date(2025, 6, 2), "lost")
    court_case(monkeypatch, district["town"], people["town_clerk"], served_on=dt.date(2024, 5, 1),
               plaintiff_name="丙村民")  # fmt: skip
    freeze(monkeypatch, TODAY)
    c = login(people["coordinator"])
    base = "/office/reconsideration/litigation/"
    text = _text(c.get(base + "?year=2025"))
    assert "甲公司" in text and "乙公司" in text and "丙村民" not in text
    text = _text(c.get(base + "?result=lost"))
    assert "乙公司" in text and "甲公司" not in text
    text = _text(c.get(base + "?q=丙村"))
    assert "丙村民" in text and "甲公司" not in text
    text = _text(c.get(base + f"?unit={district['town'].pk}"))
    assert "丙村民" in text and "甲公司" not in text
    text = _text(c.get(base + "?figure=litigation.head_appearances&year=2025"))
    assert "甲公司" in text and "乙公司" not in text and "“负责人出庭应诉”计入的应诉案件" in text
    resp = c.get(base + "export.xlsx?year=2025")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "法院案号" and len(rows) == 3
    assert {r[4] for r in rows[1:]} == {"甲公司", "乙公司"}
    # Figures point at these lists.
    from fazhi.indicators.registry import COMPUTED

    assert COMPUTED["litigation.head_appearances"].records_url(None, 2025) == (
        base + "?figure=litigation.head_appearances&year=2025"
    )
    assert c.get(base + "?page=abc&year=abc&unit=99999999999999999999").status_code == 200


def test_suggestion_pages(district, people, login, sug, monkeypatch):
    c = login(people["scjg_clerk"])
    url = f"/office/reconsideration/suggestions/{sug.pk}/"
    text = _text(c.get(url))
    assert "校园周边食品安全监管" in text and "2025-10-31" in text and "回复期限" in text
    with nothing_moved(sug):
        resp = c.post(url, {"action": "reply", "reply-on": "2025-11-01", "reply-text": ""})
    assert resp.status_code == 400
    resp = c.post(url, {"action": "reply", "reply-on": "2025-11-03", "reply-text": "已开展专项整治。",
                        "reply-attachment": pdf("回复函.pdf")})  # fmt: skip
    assert resp.status_code == 302
    sug.refresh_from_db()
    assert sug.replied_in_time is False  # due 2025-10-31
    text = _text(
        login(people["coordinator"]).get("/office/reconsideration/suggestions/?state=late")
    )
    assert sug.number in text
    resp = c.get("/office/reconsideration/suggestions/export.xlsx")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")


def test_new_suggestion_and_reassign(district, people, login, monkeypatch):
    freeze(monkeypatch, TODAY)
    c = login(people["scjg_clerk"])
    data = {"unit": district["scjg"].pk, "kind": "judicial", "issuer": "示范区人民法院",
            "number": "示法建〔2025〕3号", "received_on": "2025-11-03", "subject": "规范行政处罚程序",
            "content": "建议规范送达程序。"}  # fmt: skip
    resp = c.post(
        "/office/reconsideration/suggestions/new/", {**data, "reply_due_on": "2025-11-01"}
    )
    assert resp.status_code == 400 and "回复期限不能早于收到日期" in _text(resp)
    assert 'value="示法建〔2025〕3号"' in _text(resp)
    resp = c.post("/office/reconsideration/suggestions/new/", data)
    assert resp.status_code == 302
    s = Suggestion.objects.get()
    assert s.reply_due_on == dt.date(2026, 1, 2)
    resp = c.post(f"/office/reconsideration/suggestions/{s.pk}/",
                  {"action": "reassign", "reassign-unit": district["town"].pk, "reassign-reason": "属街道职责"})  # fmt: skip
    assert resp.status_code == 302 and resp["Location"] == "/office/reconsideration/suggestions/"
    s.refresh_from_db()
    assert s.unit == district["town"]
    assert c.get(f"/office/reconsideration/suggestions/{s.pk}/").status_code == 404


def test_what_waits_for_the_units_clerk(lit, sug, people):
    from fazhi.core.waiting import PROVIDERS

    answers, replies = PROVIDERS["litigation.answer_due"], PROVIDERS["suggestion.reply_due"]
    items = answers.items(people["scjg_clerk"])
    assert [(i.state, i.due) for i in items] == [("待提交答辩状", dt.date(2025, 9, 16))]
    assert [i.title for i in replies.items(people["scjg_clerk"])] == [
        f"{sug.number} 校园周边食品安全监管"
    ]
    assert answers.count(people["town_clerk"]) == 0 and replies.count(people["town_clerk"]) == 0
    assert answers.count(people["leader"]) == 0
