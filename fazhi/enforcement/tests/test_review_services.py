"""案卷评查 and supervision: the draw is repeatable, the scoring rules, supervision clocks and
closure, complaint periods on the real calendar, the annual data's 31 January boundary, and
each figure against a hand count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.enforcement import indicators_review as ind
from fazhi.enforcement import services as s
from fazhi.enforcement.models import (
    AnnualDataPublication,
    Case,
    CaseFileReview,
    ReviewCampaign,
    SupervisionCheck,
)
from fazhi.enforcement.services import casefile_review as cr
from fazhi.enforcement.services import supervision as sv

from .conftest import PERSON, SHOP, docs

D = dt.date
TODAY = D(2026, 3, 20)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze(monkeypatch, TODAY)


def refused(fn, message, *args, exc=ValidationError, **kw):
    with pytest.raises(exc) as e:
        fn(*args, **kw)
    text = " ".join(e.value.messages) if isinstance(e.value, ValidationError) else str(e.value)
    assert message in text, text


def closed_case(enf, people, on, *, agency="scjg", fine=100, party=None, close=True):
    """A 简易程序 penalty decided on ``on``, executed and closed the same day (services)."""
    agency_obj = enf[agency]
    officers = enf["officers"] if agency == "scjg" else [enf["t1"], enf["t2"]]
    actor = people["scjg_clerk"] if agency == "scjg" else people["town_clerk"]
    case = s.summary_penalty(
        agency=agency_obj,
        title="未按规定公示营业执照",
        on=on,
        party=party or SHOP,
        officers=officers,
        documents=docs("当场处罚决定书"),
        actor=actor,
        fine=fine,
    )
    if close:
        case = s.execute(case, on=on, documents=docs("执行情况记录"), actor=actor)
        case = s.close(case, on=on, documents=docs("结案审批表"), actor=actor)
    return case


@pytest.fixture
def pool(enf, people):
    """市场监管局: 8 closed cases decided in 2025, one closed in 2026 (outside the period),
    one decided in 2025 but not closed; 城关街道: 3 closed in 2025."""
    scjg = [closed_case(enf, people, D(2025, 3, 1) + dt.timedelta(days=20 * i)) for i in range(8)]
    later = closed_case(enf, people, D(2026, 1, 5))
    open_ = closed_case(enf, people, D(2025, 6, 6), close=False)
    town = [closed_case(enf, people, D(2025, 5, 1 + i), agency="town") for i in range(3)]
    return {"scjg": scjg, "later": later, "open": open_, "town": town}


@pytest.fixture
def sheet(district, people):
    return s.default_sheet(unit=district["sfj"], actor=people["coordinator"])


def campaign(enf, people, sheet, **kw):
    kw.setdefault("per_agency", 3)
    return s.create_campaign(
        year=2026,
        title="2026年度行政执法案卷评查",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        agencies=[enf["scjg"], enf["town"]],
        sheet=sheet,
        actor=people["coordinator"],
        **kw,
    )


def files_of(c):
    return sorted(CaseFileReview.objects.filter(campaign=c).values_list("case_id", flat=True))


def full_marks(sheet):
    return {i.pk: (i.weight, "") for i in sheet.items.all()}


# --- the draw -------------------------------------------------------------------------------


def test_default_sheet_is_100_points_pass_80(sheet):
    assert sum(i.weight for i in sheet.items.all()) == 100
    assert sheet.pass_mark == 80


def test_the_draw_takes_closed_cases_decided_in_the_period_per_agency(enf, people, sheet, pool):
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="2026-a", actor=people["coordinator"])
    drawn = set(files_of(c))
    scjg = {x.pk for x in pool["scjg"]}
    town = {x.pk for x in pool["town"]}
    assert len(drawn & scjg) == 3 and len(drawn & town) == 3 and len(drawn) == 6
    assert pool["later"].pk not in drawn and pool["open"].pk not in drawn
    # The snapshot is stored: every candidate, and only them.
    assert sorted(c.candidates[str(enf["scjg"].pk)]) == sorted(scjg)
    assert sorted(c.candidates[str(enf["town"].pk)]) == sorted(town)
    assert c.seed == "2026-a" and len(c.candidates_hash) == 64
    assert s.verify_draw(c)[0]


def test_the_same_seed_draws_the_same_files_and_another_seed_another_draw(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    first = files_of(s.draw(campaign(enf, people, sheet), on=TODAY, seed="x1", actor=coordinator))
    # Another campaign on the same snapshot, same seed: the same files.
    again = files_of(s.draw(campaign(enf, people, sheet), on=TODAY, seed="x1", actor=coordinator))
    assert again == first
    # Redrawing with another seed (nothing scored yet) draws differently.
    c = campaign(enf, people, sheet)
    other = files_of(s.draw(c, on=TODAY, seed="x2", actor=coordinator))
    assert other != first
    c.refresh_from_db()
    assert c.seed == "x2" and s.verify_draw(c)[0]


def test_a_tampered_draw_fails_verification(enf, people, sheet, pool):
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="v", actor=people["coordinator"])
    f = CaseFileReview.objects.filter(campaign=c, agency=enf["scjg"]).first()
    spare = next(x for x in pool["scjg"] if x.pk not in files_of(c))
    CaseFileReview.objects.filter(pk=f.pk).update(case=spare)
    assert not s.verify_draw(c)[0]


def test_ratio_draws_rounded_up_share_of_each_agency(enf, people, sheet, pool):
    c = s.draw(
        campaign(enf, people, sheet, per_agency=None, ratio=25),
        on=TODAY,
        seed="r",
        actor=people["coordinator"],
    )
    # 25% of 8 = 2; 25% of 3 = 0.75 → 1.
    assert CaseFileReview.objects.filter(campaign=c, agency=enf["scjg"]).count() == 2
    assert CaseFileReview.objects.filter(campaign=c, agency=enf["town"]).count() == 1


def test_redraw_after_scoring_started_is_refused(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="s1", actor=coordinator)
    before = files_of(c)
    s.score_file(c.files.first(), scores=full_marks(sheet), on=TODAY, actor=coordinator)
    refused(s.draw, "不能重新抽取", c, on=TODAY, seed="s2", actor=coordinator)
    c.refresh_from_db()
    assert files_of(c) == before and c.seed == "s1"


def test_only_the_coordinator_organises_a_review(enf, people, sheet, pool):
    refused(
        campaign, "司法行政部门", enf, {"coordinator": people["scjg_clerk"]}, sheet,
        exc=PermissionDenied,
    )  # fmt: skip
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="p", actor=people["coordinator"])
    f = c.files.filter(agency=enf["scjg"]).first()
    refused(
        s.score_file, "司法行政部门", f, scores=full_marks(sheet), on=TODAY,
        actor=people["scjg_clerk"], exc=PermissionDenied,
    )  # fmt: skip
    f.refresh_from_db()
    assert f.scored_on is None


# --- scoring --------------------------------------------------------------------------------


def test_scoring_adds_the_items_and_applies_the_pass_mark(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="k", actor=coordinator)
    items = list(sheet.items.all())  # 10, 25, 15, 25, 10, 15
    a, b = list(c.files.all()[:2])
    scores = full_marks(sheet)
    scores[items[1].pk] = (Decimal("15"), "证据不充分")  # 100 - 10 = 90 → pass
    a = s.score_file(a, scores=scores, on=TODAY, actor=coordinator, comment="基本规范")
    assert a.total == 90 and a.passed is True
    scores[items[3].pk] = (Decimal("14.5"), "未告知听证权利")  # 90 - 10.5 = 79.5 → fail
    b = s.score_file(b, scores=scores, on=TODAY, actor=coordinator)
    assert b.total == Decimal("79.5") and b.passed is False
    # Exactly at the pass mark passes.
    scores[items[3].pk] = (Decimal("15"), "未告知听证权利")
    assert s.score_file(b, scores=scores, on=TODAY, actor=coordinator).passed is True


def test_scoring_refusals(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="m", actor=coordinator)
    f = c.files.first()
    items = list(sheet.items.all())
    missing = full_marks(sheet)
    del missing[items[2].pk]
    refused(s.score_file, "尚未评分：法律适用", f, scores=missing, on=TODAY, actor=coordinator)
    over = full_marks(sheet)
    over[items[0].pk] = (Decimal("11"), "x")
    refused(s.score_file, "应在0至10", f, scores=over, on=TODAY, actor=coordinator)
    silent = full_marks(sheet)
    silent[items[0].pk] = (Decimal("8"), "")
    refused(s.score_file, "扣分理由", f, scores=silent, on=TODAY, actor=coordinator)
    f.refresh_from_db()
    assert f.scored_on is None and f.total is None and not f.scores.exists()


def test_a_sheet_weights_and_pass_mark_are_data(people, district):
    coordinator = people["coordinator"]
    refused(
        s.save_sheet, "不超过总分", name="x", pass_mark=61, items=[("甲", 30), ("乙", 30)],
        actor=coordinator,
    )  # fmt: skip
    refused(s.save_sheet, "至少应有一个", name="x", pass_mark=1, items=[], actor=coordinator)
    sheet = s.save_sheet(
        name="简表", pass_mark=45, items=[("甲", 30, ""), ("乙", 30, "")], actor=coordinator
    )
    assert [i.weight for i in sheet.items.all()] == [30, 30] and sheet.pass_mark == 45


def test_a_sheet_used_for_scoring_cannot_change(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="q", actor=coordinator)
    s.score_file(c.files.first(), scores=full_marks(sheet), on=TODAY, actor=coordinator)
    refused(
        s.save_sheet, "不能修改", sheet=sheet, name="改", pass_mark=60, items=[("甲", 100)],
        actor=coordinator,
    )  # fmt: skip
    assert sheet.items.count() == 6


def test_results_per_agency_equal_a_hand_count(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="h", actor=coordinator)
    items = list(sheet.items.all())
    fail = full_marks(sheet)
    fail[items[1].pk] = (Decimal(0), "无证据")
    scjg = list(c.files.filter(agency=enf["scjg"]))
    town = list(c.files.filter(agency=enf["town"]))
    s.score_file(scjg[0], scores=full_marks(sheet), on=TODAY, actor=coordinator)  # 100
    s.score_file(scjg[1], scores=fail, on=TODAY, actor=coordinator)  # 75
    s.score_file(town[0], scores=full_marks(sheet), on=TODAY, actor=coordinator)  # 100
    rows = {r["agency"]: r for r in cr.results(c.files.all())}
    assert rows["测试区市场监督管理局"]["drawn"] == 3
    assert rows["测试区市场监督管理局"]["scored"] == 2
    assert rows["测试区市场监督管理局"]["passed"] == 1
    assert rows["测试区市场监督管理局"]["rate"] == Decimal("50.0")
    assert rows["测试区市场监督管理局"]["average"] == Decimal("87.5")
    assert rows["城关街道办事处"]["rate"] == Decimal("100.0")
    # The figures: 3 files scored in 2026, 2 passed (66.7%), by the agencies' units.
    gov, scjg_unit, town_unit = (
        enf["scjg"].unit.parent_id,
        enf["scjg"].unit_id,
        enf["town"].unit_id,
    )
    assert ind.case_files_reviewed(2026) == {scjg_unit: 2, town_unit: 1, gov: 3}
    assert ind.case_file_pass_rate(2026) == {
        scjg_unit: Decimal("50.0"),
        town_unit: Decimal("100.0"),
        gov: Decimal("66.7"),
    }
    assert ind.case_files_reviewed(2025) == {gov: 0}


def test_closing_a_campaign_needs_every_file_scored(enf, people, sheet, pool):
    coordinator = people["coordinator"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="c", actor=coordinator)
    refused(s.close_campaign, "未评分", c, on=TODAY, actor=coordinator)
    for f in c.files.all():
        s.score_file(f, scores=full_marks(sheet), on=TODAY, actor=coordinator)
    assert s.close_campaign(c, on=TODAY, actor=coordinator).state == ReviewCampaign.State.CLOSED


# --- supervision ----------------------------------------------------------------------------


def test_findings_are_fixed_clocks_and_closure_waits_for_rectification(enf, people, district):
    coordinator, clerk = people["coordinator"], people["scjg_clerk"]
    check = s.record_check(
        agency=enf["scjg"],
        checked_on=D(2026, 3, 2),
        subject="行政处罚案件办理情况",
        actor=coordinator,
        findings=[("未按期公示处罚决定", D(2026, 4, 30)), ("证件管理不规范", D(2026, 5, 4))],
    )
    assert check.checker_unit == district["sfj"] and check.unit == district["scjg"]
    f1, f2 = list(check.findings.all())
    dl = Deadline.objects.get(pk=f1.deadline_id)
    # FIXED: due on the day the checker set, even a holiday (5月4日 is in the 劳动节 break).
    assert dl.clock == "enforcement.rectification" and dl.due_date == D(2026, 4, 30)
    assert Deadline.objects.get(pk=f2.deadline_id).due_date == D(2026, 5, 4)
    assert dl.unit == district["scjg"]
    s.report_rectification(f1, on=D(2026, 3, 15), rectification="已补公示", actor=clerk)
    refused(s.close_check, "1个问题未报告整改", check, on=TODAY, note="", actor=coordinator)
    check.refresh_from_db()
    assert check.state == SupervisionCheck.State.OPEN and check.closed_on is None
    assert Deadline.objects.get(pk=f1.deadline_id).state == Deadline.State.DONE
    s.report_rectification(f2, on=D(2026, 3, 18), rectification="已建立台账", actor=clerk)
    check = s.close_check(check, on=TODAY, note="整改到位", actor=coordinator)
    assert check.state == SupervisionCheck.State.CLOSED


def test_another_unit_cannot_report_rectification_or_record_checks(enf, people):
    check = s.record_check(
        agency=enf["scjg"],
        checked_on=D(2026, 3, 2),
        subject="检查",
        actor=people["coordinator"],
        findings=[("问题", D(2026, 4, 30))],
    )
    f = check.findings.get()
    refused(
        s.report_rectification, "只能办理", f, on=TODAY, rectification="x",
        actor=people["town_clerk"], exc=PermissionDenied,
    )  # fmt: skip
    f.refresh_from_db()
    assert f.rectified_on is None
    refused(
        s.record_check, "司法行政部门", agency=enf["scjg"], checked_on=TODAY, subject="x",
        actor=people["scjg_clerk"], exc=PermissionDenied,
    )  # fmt: skip


def test_complaint_period_is_60_days_on_the_real_calendar(enf, people):
    # 2025-08-03 + 60 days = 2025-10-02, inside the 国庆 holiday (10月1日—8日): rolls to
    # 10月9日 (民事诉讼法 第85条, core's calendar periods).
    c = s.receive_complaint(
        agency=enf["scjg"],
        received_on=D(2025, 8, 3),
        matter="执法人员未出示证件",
        complainant="张某",
        actor=people["scjg_clerk"],
    )
    dl = Deadline.objects.get(pk=c.deadline_id)
    assert c.period_days == 60
    assert dl.clock == "enforcement.complaint" and dl.due_date == D(2025, 10, 9)
    c = s.reply_complaint(
        c, on=D(2025, 10, 9), reply="经核查，已责令整改", actor=people["scjg_clerk"]
    )
    assert c.state == "replied"
    assert Deadline.objects.get(pk=c.deadline_id).state == Deadline.State.DONE


def test_complaint_handling_period_is_configurable(enf, people, settings):
    settings.FAZHI_ENFORCEMENT_COMPLAINT_DAYS = 30
    c = s.receive_complaint(
        agency=enf["scjg"], received_on=D(2026, 3, 2), matter="x", actor=people["scjg_clerk"]
    )
    assert c.period_days == 30


def test_supervisor_roster(people):
    p = s.appoint_supervisor(
        name="陈监督",
        work_unit="区人大代表",
        term_start=D(2025, 1, 1),
        term_end=D(2027, 12, 31),
        actor=people["coordinator"],
    )
    refused(
        s.appoint_supervisor, "聘期结束", name="x", work_unit="y", term_start=D(2025, 1, 1),
        term_end=D(2024, 1, 1), actor=people["coordinator"],
    )  # fmt: skip
    assert not s.dismiss_supervisor(p, reason="任期内调离", actor=people["coordinator"]).active


# --- annual 行政执法数据 ---------------------------------------------------------------------


def test_annual_figures_equal_a_hand_count(enf, people, pool):
    closed_case(enf, people, D(2025, 9, 9), fine=150, party=PERSON)
    fig = sv.annual_figures(2025)
    # 市场监管局 2025: 8 closed + 1 decided not closed + the one above = 10 penalties;
    # fines 100 × 9 + 150.
    assert fig[enf["scjg"].pk] == {"by_kind": {"penalty": 10}, "total": 10, "fines": "1050.00"}
    assert fig[enf["town"].pk] == {"by_kind": {"penalty": 3}, "total": 3, "fines": "300.00"}
    assert sv.annual_figures(2026)[enf["scjg"].pk]["total"] == 1


@pytest.mark.parametrize("on,late", [(D(2026, 1, 31), False), (D(2026, 2, 1), True)])
def test_annual_data_is_late_after_31_january(enf, people, pool, on, late):
    pub = s.publish_annual_data(enf["scjg"], year=2025, on=on, actor=people["scjg_clerk"])
    assert pub.due_on == D(2026, 1, 31) and pub.late is late
    assert pub.figures["total"] == 9 and pub.figures["fines"] == "900.00"
    refused(
        s.publish_annual_data, "已经公开", enf["scjg"], year=2025, on=on,
        actor=people["scjg_clerk"],
    )  # fmt: skip


def test_annual_data_of_another_unit_is_refused(enf, people):
    refused(
        s.publish_annual_data, "只能办理", enf["scjg"], year=2025, on=D(2026, 1, 20),
        actor=people["town_clerk"], exc=PermissionDenied,
    )  # fmt: skip
    assert not AnnualDataPublication.objects.exists()


def test_supervision_checks_figure_equals_a_hand_count(enf, people):
    for day, agency in ((D(2025, 5, 1), "scjg"), (D(2026, 1, 5), "scjg"), (D(2026, 2, 5), "town")):
        s.record_check(
            agency=enf[agency], checked_on=day, subject="检查", actor=people["coordinator"]
        )
    gov = enf["scjg"].unit.parent_id
    assert ind.supervision_checks(2026) == {enf["scjg"].unit_id: 1, enf["town"].unit_id: 1, gov: 2}
    assert Case.objects.count() == 0


def test_every_change_is_sealed_by_its_event(enf, people, sheet, pool):
    """The full-process record check finds each record as its last event left it."""
    from fazhi.core import events

    coordinator, clerk = people["coordinator"], people["scjg_clerk"]
    c = s.draw(campaign(enf, people, sheet), on=TODAY, seed="e", actor=coordinator)
    s.draw(c, on=TODAY, seed="e2", actor=coordinator)
    for f in c.files.all():
        s.score_file(f, scores=full_marks(sheet), on=TODAY, actor=coordinator)
    s.close_campaign(c, on=TODAY, actor=coordinator)
    check = s.record_check(
        agency=enf["scjg"], checked_on=D(2026, 3, 2), subject="检查", actor=coordinator,
        findings=[("问题", D(2026, 4, 30))],
    )  # fmt: skip
    s.report_rectification(check.findings.get(), on=TODAY, rectification="已整改", actor=clerk)
    s.close_check(check, on=TODAY, note="", actor=coordinator)
    complaint = s.receive_complaint(
        agency=enf["scjg"], received_on=D(2026, 3, 2), matter="x", actor=clerk
    )
    s.reply_complaint(complaint, on=TODAY, reply="已答复", actor=clerk)
    p = s.appoint_supervisor(
        name="陈监督", work_unit="区人大代表", term_start=D(2025, 1, 1), term_end=D(2027, 12, 31),
        actor=coordinator,
    )  # fmt: skip
    s.dismiss_supervisor(p, reason="调离", actor=coordinator)
    s.publish_annual_data(enf["scjg"], year=2025, on=D(2026, 1, 30), actor=clerk)
    mine = (
        "scoringsheet", "reviewcampaign", "casefilereview", "supervisioncheck",
        "enforcementcomplaint", "specialsupervisor", "annualdatapublication",
    )  # fmt: skip
    problems = [
        p.message
        for p in events.verify_states()
        if any(f"enforcement.{m}:" in p.message for m in mine)
    ]
    assert not problems, problems


def test_annual_data_publication_is_on_the_board_until_published(enf, people):
    from fazhi.core.jobs import JOBS

    assert JOBS["enforcement.annual_data"].fn(D(2026, 1, 5)) == {"started": 2}
    assert JOBS["enforcement.annual_data"].fn(D(2026, 1, 6)) == {"started": 0}
    board = Deadline.objects.filter(clock="enforcement.annual_data")
    assert {d.due_date for d in board} == {D(2026, 1, 31)}
    assert {d.unit_id for d in board} == {enf["scjg"].unit_id, enf["town"].unit_id}
    s.publish_annual_data(enf["scjg"], year=2025, on=D(2026, 2, 3), actor=people["scjg_clerk"])
    dl = board.get(unit=enf["scjg"].unit)
    assert dl.state == Deadline.State.DONE and dl.completed_on == D(2026, 2, 3)
    assert board.get(unit=enf["town"].unit).state != Deadline.State.DONE
