"""The case screens: the list, the case page with its action forms, the new case and 当场
处罚 forms, scoped to the case's unit (today fixed: 2025-11-10)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.core.models import Event
from fazhi.core.tests.refusal import nothing_moved
from fazhi.enforcement.models import Case

from . import cases_flow as flow
from .conftest import PERSON, SHOP, doc

pytestmark = pytest.mark.today(2025, 11, 10)


def _files(prefix, *names):
    return {f"{prefix}-doc_{i}": doc(n) for i, n in enumerate(names)}


def _text(resp) -> str:
    return resp.content.decode()


@pytest.mark.django_db
def test_the_case_page_shows_the_case_to_its_unit(enf, people, open_penalty, login):
    case = flow.decided(open_penalty, enf, people["scjg_clerk"], party=PERSON,
                        title="王小明无照经营案")  # fmt: skip
    for who in ("scjg_clerk", "coordinator", "leader"):
        resp = login(people[who]).get(f"/office/enforcement/cases/{case.pk}/")
        assert resp.status_code == 200, who
        text = _text(resp)
        for shown in (
            case.number,
            case.decision_number,
            "王小明",
            "110105199003071239",  # the unit's staff see the party's full data
            "李执法",
            "ZF2301002",
            "调查询问笔录",
            "行政处罚决定书",
            "办理期限（作出决定）",
            "按期办结",
            "决定公示期限",
            "已超期",  # the publication was due in October
            "未送法制审核",
            "立案：",  # the full-process record
        ):
            assert shown in text, (who, shown)
    # The stage documents link to their attachments, which the unit's clerk can open.
    step = case.steps.get(stage="investigated")
    att = step.documents[0]["attachment"]
    assert f"/office/attachments/{att}/" in text
    clerk = login(people["scjg_clerk"])
    assert clerk.get(f"/office/attachments/{att}/").status_code == 200
    # The clerk is offered the stage's actions; the leader (read-only) none.
    assert 'value="serve"' in _text(clerk.get(f"/office/enforcement/cases/{case.pk}/"))
    leader_page = _text(login(people["leader"]).get(f"/office/enforcement/cases/{case.pk}/"))
    assert 'name="action"' not in leader_page


@pytest.mark.django_db
def test_another_units_clerk_neither_reads_nor_changes(enf, people, open_penalty, client):
    case = open_penalty(flow.FILED)
    events = Event.objects.filter(record_type="enforcement.case", record_id=str(case.pk))
    n = events.count()
    for who in ("town_clerk", "sfj_clerk"):
        client.force_login(people[who])
        with nothing_moved(case):
            assert client.get(f"/office/enforcement/cases/{case.pk}/").status_code == 404
            assert client.get(f"/office/enforcement/cases/{case.pk}/filing.docx").status_code == 404
            resp = client.post(
                f"/office/enforcement/cases/{case.pk}/",
                {"action": "terminate", "terminate-on": "2025-11-01", "terminate-reason": "x"},
            )
            assert resp.status_code == 404
            assert client.get(f"/api/enforcement/cases/{case.pk}").status_code == 404
            resp = client.post(
                f"/api/enforcement/cases/{case.pk}/actions/terminate",
                {"on": "2025-11-01", "reason": "违法事实不能成立"},
            )
            assert resp.status_code == 404
            assert case.number not in _text(client.get("/office/enforcement/cases/"))
            api = client.get("/api/enforcement/cases").json()
            assert case.pk not in [c["id"] for c in api["items"]]
        case.refresh_from_db()
        assert case.stage == "filed" and not case.terminated_reason
        assert events.count() == n
    # The leader reads but cannot act.
    client.force_login(people["leader"])
    with nothing_moved(case):
        resp = client.post(
            f"/office/enforcement/cases/{case.pk}/",
            {
                "action": "terminate",
                "terminate-on": "2025-11-01",
                "terminate-reason": "违法事实不能成立",
            },
        )
        assert resp.status_code == 403


@pytest.mark.django_db
def test_a_refusal_keeps_what_was_typed_and_says_why(enf, people, open_penalty, login):
    case = open_penalty(flow.FILED)
    flow.investigate(case, enf, people["scjg_clerk"])
    flow.notify(case, people["scjg_clerk"])
    band = enf["standard"].bands.get(circumstance="general")
    client = login(people["scjg_clerk"])
    with nothing_moved(case):
        resp = client.post(
            f"/office/enforcement/cases/{case.pk}/",
            {
                "action": "decide",
                "decide-on": "2025-09-22",
                "decide-outcome": "penalty",
                "decide-fine": "7654",
                "decide-band": band.pk,
                **_files("decide", "行政处罚决定书"),
            },
        )
    assert resp.status_code == 400
    text = _text(resp)
    assert "超出所选裁量阶次" in text and "应当说明理由" in text
    assert 'value="7654"' in text and 'value="2025-09-22"' in text
    # A stage without its documents: the service's message names them.
    with nothing_moved(case):
        resp = client.post(
            f"/office/enforcement/cases/{case.pk}/",
            {"action": "terminate", "terminate-on": "2025-11-01", "terminate-reason": ""},
        )
    assert resp.status_code == 400
    # The new case form: one officer on site is refused, the typed values stay.
    n = Case.objects.count()
    resp = client.post(
        "/office/enforcement/cases/new/",
        {
            "agency": enf["scjg"].pk,
            "kind": "penalty",
            "power": enf["power"].pk,
            "title": "某某超市无照经营案",
            "filed_on": "2025-11-03",
            "on_site": "on",
            "officers": [enf["o1"].pk],
            "party0-kind": "organisation",
            "party0-name": "某某超市",
            "party0-uscc": SHOP["uscc"],
            "doc_0": doc("立案审批表"),
        },
    )
    assert resp.status_code == 400
    text = _text(resp)
    assert "应当由两名以上持有有效执法证件的执法人员实施" in text
    assert "某某超市无照经营案" in text and SHOP["uscc"] in text
    assert Case.objects.count() == n


@pytest.mark.django_db
def test_a_case_runs_from_filing_to_publication_on_its_page(enf, people, login):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/enforcement/cases/new/",
        {
            "agency": enf["scjg"].pk,
            "kind": "penalty",
            "power": enf["power"].pk,
            "title": "测试区好邻居便利店无照经营案",
            "filed_on": "2025-09-01",
            "on_site": "on",
            "officers": [enf["o1"].pk, enf["o2"].pk],
            "party0-kind": "organisation",
            "party0-name": SHOP["name"],
            "party0-uscc": SHOP["uscc"],
            "party0-phone": "13800138000",
            "doc_0": doc("立案审批表"),
        },
    )
    assert resp.status_code == 302, _text(resp)
    case = Case.objects.get(title="测试区好邻居便利店无照经营案")
    page = f"/office/enforcement/cases/{case.pk}/"
    band = enf["standard"].bands.get(circumstance="general")
    steps = [
        ("investigate", {"on": "2025-09-10", "officers": [enf["o1"].pk, enf["o2"].pk]},
         ("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告")),
        ("notify", {"on": "2025-09-15", "proposed_fine": "3000"}, ("行政处罚告知书",)),
        ("decide", {"on": "2025-09-22", "outcome": "penalty", "fine": "3000", "band": band.pk},
         ("行政处罚决定书",)),
        ("serve", {"on": "2025-09-23"}, ("送达回证",)),
        ("execute", {"on": "2025-10-09"}, ("执行情况记录",)),
        ("close", {"on": "2025-10-10"}, ("结案审批表",)),
        ("publish", {"on": "2025-11-03", "late_reason": "系统故障未及时公示"}, ()),
    ]  # fmt: skip
    for action, fields, names in steps:
        data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
        resp = client.post(page, {**data, **_files(action, *names)})
        assert resp.status_code == 302, (action, _text(resp))
    case.refresh_from_db()
    assert case.stage == "closed" and case.decision_number and case.fine == 3000
    assert case.publication.late and case.publication.published_on == dt.date(2025, 11, 3)
    text = _text(client.get(page))
    assert "已于2025-11-03公示（逾期公示）" in text
    assert [s.stage for s in case.steps.all()] == [
        "filed", "investigated", "notified", "decided", "served", "executed", "closed"
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_list_filters_sorts_by_deadline_and_exports(enf, people, open_penalty, login):
    from openpyxl import load_workbook

    late = open_penalty(dt.date(2025, 7, 1), title="甲商店无照经营案")
    soon = open_penalty(dt.date(2025, 8, 20), title="乙商店无照经营案", party=PERSON)
    later = open_penalty(dt.date(2025, 10, 20), title='=HYPERLINK("x")丙商店无照经营案')
    client = login(people["scjg_clerk"])
    text = _text(client.get("/office/enforcement/cases/"))
    # By the decision clock: 2025-09-29, 2025-11-18, 2026-01-18.
    assert text.index(late.number) < text.index(soon.number) < text.index(later.number)
    assert "已超期" in text and "还剩" in text
    overdue = _text(client.get("/office/enforcement/cases/?clock=overdue"))
    assert late.number in overdue and soon.number not in overdue
    due_soon = _text(client.get("/office/enforcement/cases/?clock=soon"))
    assert soon.number in due_soon and late.number not in due_soon
    found = _text(client.get("/office/enforcement/cases/?q=王小明"))
    assert soon.number in found and late.number not in found
    assert later.number not in _text(client.get("/office/enforcement/cases/?year=2024"))
    resp = client.get("/office/enforcement/cases/export.xlsx?clock=open&q=商店")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [late.number, soon.number, later.number]
    assert rows[1][5] == "王小明" and rows[0][9].startswith("已超期")
    # Typed text is never a formula in the workbook.
    assert ws.cell(row=4, column=2).data_type == "s"
    # Another unit's clerk exports nothing of it.
    resp = login(people["town_clerk"]).get("/office/enforcement/cases/export.xlsx")
    assert list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(min_row=2)) == []


@pytest.mark.django_db
def test_summary_penalty_form(enf, people, login):
    client = login(people["scjg_clerk"])
    data = {
        "agency": enf["scjg"].pk,
        "title": "王小明占道经营案",
        "on": "2025-11-05",
        "place": "测试区人民路与解放路交叉口",
        "fine": "500",
        "officers": [enf["o1"].pk, enf["o2"].pk],
        "party0-kind": "person",
        "party0-name": PERSON["name"],
        "party0-id_number": PERSON["id_number"],
        "doc_0": doc("当场处罚决定书"),
    }
    resp = client.post("/office/enforcement/cases/summary/", data)
    assert resp.status_code == 400
    text = _text(resp)
    assert "简易程序只能对公民处以200元以下罚款或者警告" in text and 'value="500"' in text
    data["fine"], data["doc_0"] = "100", doc("当场处罚决定书")
    resp = client.post("/office/enforcement/cases/summary/", data)
    assert resp.status_code == 302, _text(resp)
    case = Case.objects.get(procedure="summary")
    assert case.fine == 100 and case.stage == "served"
    assert "王小明" in _text(client.get(resp["Location"]))


@pytest.mark.django_db
def test_hearing_and_review_forms_follow_the_case(enf, people, open_penalty, login):
    """A fine with a hearing right: the 听证告知书 is asked for; then the party's request and
    the hearing; a major case offers 法制审核 and is refused a decision before it."""
    case = open_penalty(flow.FILED)
    flow.investigate(case, enf, people["scjg_clerk"])
    client = login(people["scjg_clerk"])
    page = f"/office/enforcement/cases/{case.pk}/"
    data = {"action": "notify", "notify-on": "2025-09-15", "notify-proposed_fine": "120000"}
    resp = client.post(page, {**data, **_files("notify", "行政处罚告知书")})
    assert resp.status_code == 400
    assert "请上传听证告知书" in _text(resp)
    resp = client.post(page, {**data, **_files("notify", "行政处罚告知书", "听证告知书")})
    assert resp.status_code == 302
    assert 'value="request_hearing"' in _text(client.get(page))
    resp = client.post(page, {"action": "request_hearing", "request_hearing-on": "2025-09-17"})
    assert resp.status_code == 302
    resp = client.post(
        page,
        {
            "action": "hearing",
            "hearing-notice_on": "2025-09-18",
            "hearing-on": "2025-09-29",  # 7 working days after 09-18 (09-28 worked)
            **_files("hearing", "听证通知书", "听证笔录"),
        },
    )
    assert resp.status_code == 302, _text(resp)
    resp = client.post(
        page,
        {
            "action": "decide",
            "decide-on": "2025-10-10",
            "decide-outcome": "penalty",
            "decide-fine": "120000",
            "decide-outside_band_reason": "情节特别严重",
            **_files("decide", "行政处罚决定书"),
        },
    )
    assert resp.status_code == 400
    assert "法制审核通过前不能作出决定" in _text(resp)
    resp = client.post(
        page, {"action": "review", "review-on": "2025-09-29", "review-fine": "120000"}
    )
    assert resp.status_code == 302, _text(resp)
    case.refresh_from_db()
    assert case.stage == "legal_review" and case.major
    # The agency's own 法制审核人员 concludes favourably; the decision then goes through.
    from fazhi.core import services as core
    from fazhi.core.models import User
    from fazhi.legal import interface
    from fazhi.legal import services as legal

    reviewer = core.save_user(
        User(username="scjg_legal", full_name="钱法制", unit=case.unit), ["legal_reviewer"], None
    )
    legal.conclude(
        interface.latest_review(case),
        opinion="lawful",
        reasons="事实清楚，证据确凿，程序合法",
        actor=reviewer,
        on=dt.date(2025, 10, 13),
    )
    text = _text(client.get(page))
    assert "审查结论：合法" in text
    review_url = f"/office/legal/reviews/{interface.latest_review(case).pk}/"
    assert review_url in text and client.get(review_url).status_code == 200
    resp = client.post(
        page,
        {
            "action": "decide",
            "decide-on": "2025-10-14",
            "decide-outcome": "penalty",
            "decide-fine": "120000",
            **_files("decide", "行政处罚决定书"),
        },
    )
    assert resp.status_code == 302, _text(resp)
    case.refresh_from_db()
    assert case.stage == "decided" and case.reviewed_on == dt.date(2025, 10, 13)
    assert "审核通过日期：2025-10-13" in _text(client.get(page))


@pytest.mark.django_db
def test_extend_revoke_withdraw_and_withhold_on_the_page(enf, people, open_penalty, login):
    client = login(people["scjg_clerk"])
    open_case = open_penalty(flow.FILED)
    page = f"/office/enforcement/cases/{open_case.pk}/"
    due = open_case.deadline.due_date
    data = {
        "action": "extend",
        "extend-days": "30",
        "extend-reason": "案情复杂需补充鉴定",
        "extend-approved_by": "局长张三",
        "extend-approved_on": "2025-11-05",
        "extend-evidence": doc("延期审批表"),
    }
    assert client.post(page, data).status_code == 302
    open_case.refresh_from_db()
    assert open_case.extended_days == 30
    assert (due, open_case.deadline.due_date) == (dt.date(2025, 12, 1), dt.date(2025, 12, 30))
    # Past the clock's maximum: refused with the rule, the typed reason kept.
    data["extend-evidence"] = doc("延期审批表")
    resp = client.post(page, {**data, "extend-reason": "再次延长"})
    assert resp.status_code == 400
    assert "最多延长30" in _text(resp) and 'value="再次延长"' in _text(resp)

    case = flow.decided(open_penalty, enf, people["scjg_clerk"])
    page = f"/office/enforcement/cases/{case.pk}/"
    for action, fields in (
        ("publish", {"on": "2025-09-25"}),
        ("revoke", {"on": "2025-11-03", "reason": "经行政复议撤销"}),
        ("withdraw", {"on": "2025-11-04", "reason": "该决定经行政复议被撤销"}),
    ):
        data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
        resp = client.post(page, data)
        assert resp.status_code == 302, (action, _text(resp))
    text = _text(client.get(page))
    assert "已于2025-11-04撤回公示" in text and "撤回说明：该决定经行政复议被撤销" in text
    assert "撤回公示期限" in text

    other = flow.decided(open_penalty, enf, people["scjg_clerk"])
    page = f"/office/enforcement/cases/{other.pk}/"
    data = {"action": "withhold", "withhold-on": "2025-09-24", "withhold-reason": "涉及国家秘密"}
    assert client.post(page, data).status_code == 302
    text = _text(client.get(page))
    assert "不予公开：涉及国家秘密" in text and 'value="publish"' not in text


@pytest.mark.django_db
def test_the_new_case_forms_offer_only_the_units_certified_officers(enf, people, login):
    text = _text(login(people["scjg_clerk"]).get("/office/enforcement/cases/new/"))
    assert "立案审批表" in text and "身份证号（自然人）" in text
    for shown in ("李执法", "赵执法", "钱审核", "对无照经营行为的处罚"):
        assert shown in text
    for hidden in ("孙过期", "周暂扣", "吴街道"):  # expired, suspended, another unit's
        assert hidden not in text
    text = _text(login(people["town_clerk"]).get("/office/enforcement/cases/summary/"))
    assert "当场处罚决定书" in text and "吴街道" in text and "李执法" not in text
    # A unit without an enforcement agency cannot open cases.
    assert login(people["sfj_clerk"]).get("/office/enforcement/cases/new/").status_code == 403
