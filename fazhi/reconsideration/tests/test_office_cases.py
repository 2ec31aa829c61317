"""The case screens of the 复议机构: the list (filters, export) and the case page with its
timeline, clocks (pauses and extensions shown) and actions; the respondent's clerk reads
the case against it and files the answer, nothing more; another unit gets 404; the leader
reads only. Also the 工作台's waiting items."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Attachment
from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.core.waiting import PROVIDERS

URL = "/office/reconsideration/cases/"


@pytest.fixture(autouse=True)
def _db(db):
    pass


def _text(resp) -> str:
    return resp.content.decode()


def _act(client, case, action, files=None, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    for k, v in (files or {}).items():
        data[f"{action}-{k}"] = v
    return client.post(f"{URL}{case.pk}/", data)


def _pdf(name="答复书.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 answer", "application/pdf")


def test_a_case_from_copy_to_publication_on_its_page(accepted_case, people, login, monkeypatch):
    case = accepted_case()  # received 2025-03-03, accepted 2025-03-05 (普通程序)
    freeze(monkeypatch, dt.date(2025, 3, 6))
    clerk = login(people["sfj_clerk"])
    page = _text(clerk.get(f"{URL}{case.pk}/"))
    for shown in (
        case.number,
        "王小明",
        "作出复议决定期限",
        "发送申请书副本期限",
        "届满日如何计算",
    ):
        assert shown in page, shown
    for offered in ("发送申请书副本", "听证通知", "中止审理", "延长审理期限", "作出决定"):
        assert offered in page, offered
    # Deciding before the respondent was heard: the service's reason, the input kept.
    with nothing_moved(case):
        resp = _act(clerk, case, "decide", on="2025-03-06", outcome="revoke", summary="拟撤销理由")
    assert resp.status_code == 400
    assert "尚未向被申请人发送申请书副本，不能作出复议决定" in _text(resp)
    assert "拟撤销理由" in _text(resp)
    assert _act(clerk, case, "copy", on="2025-03-06").status_code == 302
    case.refresh_from_db()
    assert case.copy_sent_on == dt.date(2025, 3, 6) and case.answer_deadline_id
    assert "被申请人答复期限" in _text(clerk.get(f"{URL}{case.pk}/"))

    # The respondent's clerk files the answer with its evidence.
    freeze(monkeypatch, dt.date(2025, 3, 12))
    resp = _act(login(people["scjg_clerk"]), case, "answer", {"attachments": _pdf()},
                on="2025-03-12", summary="事实清楚，证据确凿")  # fmt: skip
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.answered_on == dt.date(2025, 3, 12)
    assert Attachment.objects.filter(
        record_type="reconsideration.case", record_id=str(case.pk), original_name="答复书.pdf"
    ).exists()

    # 中止 pauses the decision clock; the page shows the pause, then the resumption.
    clerk = login(people["sfj_clerk"])
    resp = _act(clerk, case, "suspend", on="2025-03-12", ground="other_case", note="待法院判决")
    assert resp.status_code == 302
    text = _text(clerk.get(f"{URL}{case.pk}/"))
    assert "暂停计时" in text and "案件审理需要以其他案件的审理结果为依据" in text
    assert "恢复审理" in text
    freeze(monkeypatch, dt.date(2025, 3, 20))
    assert _act(clerk, case, "resume", on="2025-03-20").status_code == 302
    case.refresh_from_db()
    assert case.state == "review" and case.resumed_on == dt.date(2025, 3, 20)
    text = _text(clerk.get(f"{URL}{case.pk}/"))
    assert "暂停计时：2025-03-12 至 2025-03-19" in text  # the last day paused

    # 延期: more than 30 days refused with the clock's reason; 20 days approved.
    with nothing_moved(case):
        resp = _act(clerk, case, "extend", days="40", reason="案情复杂", approved_by="司法局局长",
                    approved_on="2025-03-20")  # fmt: skip
    assert resp.status_code == 400 and 'value="40"' in _text(resp)
    due = case.deadline.due_date
    resp = _act(clerk, case, "extend", days="20", reason="案情复杂", approved_by="司法局局长",
                approved_on="2025-03-20")  # fmt: skip
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.extended_days == 20 and case.deadline.due_date > due
    assert "经司法局局长批准延长20日" in _text(clerk.get(f"{URL}{case.pk}/"))

    freeze(monkeypatch, dt.date(2025, 4, 1))
    clerk = login(people["sfj_clerk"])  # a new day, a new session
    resp = _act(clerk, case, "hearing", notified_on="2025-04-01", hearing_on="2025-04-02")
    assert resp.status_code == 400 and "第五十条" in _text(resp)
    resp = _act(clerk, case, "decide", on="2025-04-01", outcome="revoke", summary="认定事实不清")
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "decided" and case.decision_number
    for action in ("serve", "publish", "superior"):
        assert _act(clerk, case, action, on="2025-04-01").status_code == 302, action
    case.refresh_from_db()
    assert case.served_on and case.published_on and case.superior_copied_on
    text = _text(clerk.get(f"{URL}{case.pk}/"))
    assert "撤销" in text and case.decision_number in text
    assert 'name="action"' not in text  # nothing left to do


def test_the_respondent_answers_but_cannot_decide(accepted_case, people, login, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    from fazhi.reconsideration.services import cases

    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    client = login(people["scjg_clerk"])
    page = client.get(f"{URL}{case.pk}/")
    text = _text(page)
    assert page.status_code == 200 and "被申请人答复" in text
    assert 'value="decide"' not in text and 'value="suspend"' not in text
    assert case.number in _text(client.get(URL))
    for action, fields in (
        ("decide", {"on": "2025-03-06", "outcome": "uphold", "summary": "维持"}),
        ("suspend", {"on": "2025-03-06", "ground": "other"}),
        ("extend", {"days": "10", "reason": "x", "approved_by": "x", "approved_on": "2025-03-06"}),
    ):
        with nothing_moved(case):
            resp = _act(client, case, action, **fields)
        assert resp.status_code == 403, action
    # An answer with a file that is not what it claims: refused, nothing stored.
    bad = SimpleUploadedFile("答复.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with nothing_moved(case):
        resp = _act(client, case, "answer", {"attachments": bad}, on="2025-03-06", summary="答复")
    assert resp.status_code == 400
    assert "文件“答复.pdf”的实际内容是" in _text(resp)  # the upload check's reason


def test_the_body_enters_an_answer_received_on_paper(accepted_case, people, login, monkeypatch):
    """The 复议机构 may enter the respondent's answer with its files (services.answer): the
    files stay with the 复议机构's unit, which may store them."""
    from fazhi.reconsideration.services import cases

    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    client = login(people["sfj_clerk"])
    resp = _act(client, case, "answer", {"attachments": _pdf("纸质答复.pdf")}, on="2025-03-06",
                summary="被申请人邮寄的书面答复")  # fmt: skip
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.answered_on == dt.date(2025, 3, 6)
    att = Attachment.objects.get(original_name="纸质答复.pdf")
    assert att.unit == people["sfj_clerk"].unit


def test_other_units_and_the_leader(accepted_case, people, login, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    client = login(people["town_clerk"])
    assert client.get(f"{URL}{case.pk}/").status_code == 404
    assert case.number not in _text(client.get(URL))
    with nothing_moved(case):
        assert _act(client, case, "copy", on="2025-03-06").status_code == 404
        assert _act(client, case, "answer", on="2025-03-06", summary="x").status_code == 404
    client = login(people["leader"])
    page = client.get(f"{URL}{case.pk}/")
    assert page.status_code == 200 and 'name="action"' not in _text(page)
    with nothing_moved(case):
        assert _act(client, case, "copy", on="2025-03-06").status_code == 403
    case.refresh_from_db()
    assert case.copy_sent_on is None


def test_the_list_filters_and_exports(accepted_case, district, people, login, monkeypatch):
    from fazhi.reconsideration.services import cases

    ordinary = accepted_case(applicant_name="甲某")
    simple = accepted_case(received_on=dt.date(2025, 3, 10), procedure="simple",
                           simple_ground="warning", applicant_name="乙某",
                           respondent=district["town"])  # fmt: skip
    old = accepted_case(received_on=dt.date(2024, 11, 4), applicant_name="丙某")
    clerk = people["sfj_clerk"]
    freeze(monkeypatch, dt.date(2024, 11, 8))
    cases.send_copy(old, on=dt.date(2024, 11, 7), actor=clerk)
    cases.answer(old, on=dt.date(2024, 11, 8), summary="答复", actor=clerk)
    cases.decide(old, on=dt.date(2024, 11, 8), outcome="uphold", summary="维持", actor=clerk)
    freeze(monkeypatch, dt.date(2025, 6, 30))  # the 2025 cases' decision clocks have run out
    client = login(clerk)

    def shown(**q):
        t = _text(client.get(URL, q))
        return {c.application.applicant_name for c in (ordinary, simple, old) if c.number in t}

    assert shown() == {"甲某", "乙某", "丙某"}
    assert shown(state="decided") == {"丙某"}
    assert shown(procedure="simple") == {"乙某"}
    assert shown(year="2024") == {"丙某"}
    assert shown(respondent=district["town"].pk) == {"乙某"}
    assert shown(overdue="1") == {"甲某", "乙某"}
    assert shown(outcome="uphold") == {"丙某"}
    assert shown(q="乙某") == {"乙某"}
    assert shown(state="bogus", year="x", respondent="y") == {"甲某", "乙某", "丙某"}
    assert "已超期" in _text(client.get(URL))
    resp = client.get(URL + "export.xlsx", {"outcome": "uphold"})
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "案号" and len(rows) == 2 and rows[1][0] == old.number


def test_waiting_items(apply_, accepted_case, people, monkeypatch):
    from fazhi.reconsideration.services import cases

    app, _ = apply_(applicant_name="待审")
    case = accepted_case(applicant_name="已受理")
    freeze(monkeypatch, dt.date(2025, 3, 6))
    body = people["sfj_clerk"]

    def titles(code, user):
        return [i.title for i in PROVIDERS[code].items(user)]

    assert any(
        app.tracking_number in t for t in titles("reconsideration.applications_review", body)
    )
    due = PROVIDERS["reconsideration.cases_due"].items(body)
    assert [i.state for i in due] == ["待发送申请书副本"]
    assert due[0].due == case.copy_deadline.due_date
    assert titles("reconsideration.answers_due", people["scjg_clerk"]) == []
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=body)
    answers = PROVIDERS["reconsideration.answers_due"].items(people["scjg_clerk"])
    assert len(answers) == 1 and answers[0].link == f"{URL}{case.pk}/"
    assert [i.state for i in PROVIDERS["reconsideration.cases_due"].items(body)] == ["待作出决定"]
    for code in ("applications_review", "cases_due", "answers_due"):
        for who in ("town_clerk", "leader"):
            assert PROVIDERS[f"reconsideration.{code}"].count(people[who]) == 0, (code, who)
    assert PROVIDERS["reconsideration.applications_review"].count(people["scjg_clerk"]) == 0


GARBAGE = ("", "x" * 6000, "2025-02-30", "-1", "99999999999999999999", "<script>", "\x00")


def test_garbage_in_every_action_is_answered_without_a_server_error(
    apply_, accepted_case, people, login, monkeypatch
):
    from fazhi.reconsideration import actions_office

    app, _ = apply_(received_on=dt.date(2025, 3, 4))
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    client = login(people["sfj_clerk"])
    targets = (
        (f"/office/reconsideration/applications/{app.pk}/", actions_office.APPLICATION_ACTIONS),
        (f"{URL}{case.pk}/", actions_office.CASE_ACTIONS),
    )
    with nothing_moved(app, case):
        for url, table in targets:
            for code, act in table.items():
                names = list(act.form(None).fields)
                for junk in GARBAGE:
                    data = {"action": code, **{f"{code}-{n}": junk for n in names}}
                    resp = client.post(url, data)
                    assert resp.status_code == 400, (code, junk[:10], resp.status_code)
        resp = client.post("/office/reconsideration/applications/new/",
                           {"channel": "oral", "received_on": "2025-02-30", "known_on": "x",
                            "applicant_id": "1" * 30, "respondent": "abc"})  # fmt: skip
        assert resp.status_code == 400


def test_the_case_page_routes_the_document_review(accepted_case, people, login, monkeypatch):
    """An application that asked for 附带审查 (第13条): its case page offers the routing to
    the documents module once; a case without such a request does not."""
    plain = accepted_case()
    case = accepted_case(document_review="请求一并审查《测试区市场经营活动管理办法》")
    freeze(monkeypatch, dt.date(2025, 3, 6))
    client = login(people["sfj_clerk"])
    assert "转规范性文件附带审查" not in _text(client.get(f"{URL}{plain.pk}/"))
    text = _text(client.get(f"{URL}{case.pk}/"))
    assert "尚未转规范性文件附带审查" in text and 'id="form-document_review"' in text
    with nothing_moved(case):
        resp = _act(login(people["scjg_clerk"]), case, "document_review", document_title="某办法")
    assert resp.status_code == 403
    client = login(people["sfj_clerk"])
    resp = _act(client, case, "document_review", document_title="测试区市场经营活动管理办法",
                document_number="测试区政规〔2023〕4号")  # fmt: skip
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.document_review_ref.startswith("documents.ancillaryreview:")
    text = _text(client.get(f"{URL}{case.pk}/"))
    assert "已转规范性文件附带审查办理" in text and 'id="form-document_review"' not in text
