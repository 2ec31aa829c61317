"""The case procedure's rules: each refusal with nothing moved, and the full path of a
penalty case through hearing, 法制审核 and publication. Fixed dates in 2025–2026."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline, Event
from fazhi.enforcement import services as s
from fazhi.enforcement.models import Case, CaseStep, Publication

from .conftest import PERSON, SHOP, docs

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 4, 15)]
D = dt.date
MARCH_2 = D(2026, 3, 2)
MARCH_10 = D(2026, 3, 10)
MARCH_30 = D(2026, 3, 30)


def refused(fn, message, *args, **kw):
    with pytest.raises((ValidationError, PermissionDenied)) as e:
        fn(*args, **kw)
    text = " ".join(e.value.messages) if hasattr(e.value, "messages") else str(e.value)
    assert message in text, text
    return text


def _investigated(open_penalty, enf, people, filed=MARCH_2, on=MARCH_10, **kw):
    case = open_penalty(filed, **kw)
    return s.investigate(
        case,
        on=on,
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=enf["officers"],
        actor=people["scjg_clerk"],
    )


@pytest.fixture
def scjg_legal(district):
    from fazhi.core import services
    from fazhi.core.models import User

    return services.save_user(
        User(username="scjg_legal", full_name="钱法制", unit=district["scjg"]),
        ["legal_reviewer"],
        None,
    )


# --- 立案 ---------------------------------------------------------------------------------


def test_open_case_records_parties_officers_documents_and_the_90_day_clock(open_penalty, enf):
    case = open_penalty(D(2026, 3, 2))
    assert case.number == "区市场监管局罚立〔2026〕1号"
    assert case.stage == "filed"
    assert [p.name for p in case.parties.all()] == ["测试区好邻居便利店"]
    assert {a.officer.name for a in case.assignments.all()} == {"李执法", "赵执法"}
    step = case.steps.get()
    assert [d["name"] for d in step.documents] == ["立案审批表"]
    # 90 calendar days from 2026-03-02: 2026-05-31 is a Sunday → 2026-06-01 (民事诉讼法 第85条).
    assert case.deadline.due_date == D(2026, 6, 1)
    assert (
        Event.objects.filter(record_type="enforcement.case", action="enforcement_case_open").count()
        == 1
    )


def test_a_single_officer_on_an_on_site_act_is_refused(open_penalty, enf):
    refused(open_penalty, "两名以上", D(2026, 3, 2), officers=[enf["o1"]])
    assert Case.objects.count() == 0


def test_one_officer_is_enough_off_site(open_penalty, enf):
    case = open_penalty(D(2026, 3, 2), officers=[enf["o1"]], on_site=False)
    assert case.assignments.count() == 1


def test_an_officer_with_an_expired_certificate_is_refused(open_penalty, enf):
    text = refused(
        open_penalty, "已于2025-02-28过期", D(2026, 3, 2), officers=[enf["o1"], enf["expired"]]
    )
    assert "孙过期" in text
    assert Case.objects.count() == 0


def test_the_certificate_counts_on_the_day_of_the_act(open_penalty, enf):
    """On its last valid day the certificate is good; the case filed then stands."""
    case = open_penalty(D(2025, 2, 28), officers=[enf["o1"], enf["expired"]])
    assert case.filed_on == D(2025, 2, 28)


def test_a_suspended_officer_cannot_act(open_penalty, enf):
    refused(open_penalty, "暂扣", D(2026, 3, 2), officers=[enf["o1"], enf["suspended"]])
    assert Case.objects.count() == 0


def test_an_officer_of_another_agency_cannot_act_on_its_case(open_penalty, enf):
    refused(
        open_penalty,
        "不是测试区市场监督管理局的执法人员",
        D(2026, 3, 2),
        officers=[enf["o1"], enf["t1"]],
    )


def test_filing_without_the_filing_form_is_refused(open_penalty):
    refused(open_penalty, "缺少文书：立案审批表", D(2026, 3, 2), documents={})
    assert Case.objects.count() == 0


def test_party_identifiers_are_validated(open_penalty):
    refused(
        open_penalty, "身份证", D(2026, 3, 2), party={**PERSON, "id_number": "110105199003071234"}
    )
    refused(
        open_penalty,
        "统一社会信用代码",
        D(2026, 3, 2),
        party={**SHOP, "uscc": "91110105MA01234561"},
    )
    refused(
        open_penalty,
        "请填写当事人王小明的身份证号",
        D(2026, 3, 2),
        party={**PERSON, "id_number": ""},
    )
    assert Case.objects.count() == 0


def test_a_power_outside_the_agency_list_is_refused_unless_delegated(enf, people, district):
    kw = dict(
        agency=enf["town"],
        kind="penalty",
        title="占道经营案",
        filed_on=D(2026, 3, 2),
        parties=[SHOP],
        officers=[enf["t1"], enf["t2"]],
        documents=docs("立案审批表"),
        power=enf["power"],
    )
    refused(s.open_case, "不在城关街道办事处的权责清单内", actor=people["town_clerk"], **kw)
    s.delegate(
        power=enf["power"],
        to_agency=enf["town"],
        document_title="关于赋予乡镇（街道）部分行政执法事项的决定",
        delegated_on=D(2026, 1, 5),
        actor=people["scjg_clerk"],
    )
    kw["documents"] = docs("立案审批表")
    case = s.open_case(actor=people["town_clerk"], **kw)
    assert case.unit == district["town"]


def test_a_clerk_cannot_open_or_move_another_units_case(open_penalty, enf, people):
    refused(open_penalty, "只能办理", D(2026, 3, 2), actor=people["town_clerk"])
    case = open_penalty(D(2026, 3, 2))
    refused(
        s.investigate,
        "只能办理",
        case,
        on=D(2026, 3, 10),
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=enf["officers"],
        actor=people["town_clerk"],
    )
    case.refresh_from_db()
    assert case.stage == "filed" and case.steps.count() == 1


# --- stages and their documents ----------------------------------------------------------


def test_moving_a_stage_without_its_required_documents_is_refused(open_penalty, enf, people):
    case = open_penalty(D(2026, 3, 2))
    text = refused(
        s.investigate,
        "缺少文书",
        case,
        on=D(2026, 3, 10),
        documents=docs("现场检查（勘验）笔录", "调查询问笔录"),
        officers=enf["officers"],
        actor=people["scjg_clerk"],
    )
    assert "调查终结报告" in text
    case.refresh_from_db()
    assert case.stage == "filed"
    assert CaseStep.objects.filter(case=case).count() == 1


def test_stages_cannot_be_skipped_or_dated_backwards(open_penalty, enf, people):
    case = open_penalty(D(2026, 3, 2))
    refused(
        s.notify,
        "调查取证终结之后",
        case,
        on=D(2026, 3, 5),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
    )
    refused(
        s.investigate,
        "不能早于上一环节的日期",
        case,
        on=D(2026, 3, 1),
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=enf["officers"],
        actor=people["scjg_clerk"],
    )
    refused(
        s.decide,
        "调查取证终结后",
        case,
        on=D(2026, 3, 5),
        outcome="penalty",
        fine=1000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    case.refresh_from_db()
    assert case.stage == "filed"


def test_a_penalty_needs_the_notice_of_the_proposed_penalty(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    refused(
        s.decide,
        "第四十四条",
        case,
        on=D(2026, 3, 20),
        outcome="penalty",
        fine=2000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    # 不予处罚 needs no notice of a penalty.
    case = s.decide(
        case,
        on=D(2026, 3, 20),
        outcome="no_penalty",
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    assert case.outcome == "no_penalty" and case.fine == 0


def test_no_penalty_outcomes_carry_no_fine(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    refused(
        s.decide,
        "首违不罚”不能同时处以罚没",
        case,
        on=D(2026, 3, 20),
        outcome="first_violation_exempt",
        fine=500,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )


# --- 听证 ---------------------------------------------------------------------------------


def test_hearing_request_period_runs_5_working_days_across_guoqing(open_penalty, enf, people):
    """Told on 2025-09-30: 10-01..08 are 国庆/中秋 holidays and 10-11 (Saturday) a 调休
    working day, so the 5 working days are 10-09, 10-10, 10-11, 10-13, 10-14."""
    case = _investigated(open_penalty, enf, people, filed=D(2025, 9, 1), on=D(2025, 9, 20))
    s.notify(
        case,
        on=D(2025, 9, 30),
        documents=docs("行政处罚告知书", "听证告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=150000,
    )
    case.refresh_from_db()
    assert case.hearing_deadline.due_date == D(2025, 10, 14)
    refused(
        s.request_hearing, "2025-10-14届满", case, on=D(2025, 10, 15), actor=people["scjg_clerk"]
    )
    case.refresh_from_db()
    assert case.hearing_requested_on is None
    s.request_hearing(case, on=D(2025, 10, 14), actor=people["scjg_clerk"])
    case.refresh_from_db()
    assert case.hearing_requested_on == D(2025, 10, 14)
    assert Deadline.objects.get(pk=case.hearing_deadline_id).state == "done"


def test_a_hearing_right_needs_its_notice_document(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    refused(
        s.notify,
        "听证告知书",
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=100000,
    )
    case.refresh_from_db()
    assert case.stage == "investigated" and case.hearing_notified_on is None


def test_hearing_notice_must_come_7_days_before(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书", "听证告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=100000,
    )
    s.request_hearing(case, on=D(2026, 3, 13), actor=people["scjg_clerk"])
    # “七日” are working days (第85条): notice on Monday 3-16 → 17, 18, 19, 20, 23, 24, 25:
    # the hearing is on 3-25 at the earliest; 3-24 (a week and a day later) is too soon.
    refused(
        s.hold_hearing,
        "应当在举行听证的7个工作日前通知当事人（《行政处罚法》第六十四条、第八十五条），"
        "2026-03-16通知的，听证最早于2026-03-25举行",
        case,
        notice_on=D(2026, 3, 16),
        held_on=D(2026, 3, 24),
        documents=docs("听证通知书", "听证笔录"),
        actor=people["scjg_clerk"],
    )
    s.hold_hearing(
        case,
        notice_on=D(2026, 3, 16),
        held_on=D(2026, 3, 25),
        documents=docs("听证通知书", "听证笔录"),
        actor=people["scjg_clerk"],
    )
    case.refresh_from_db()
    assert case.hearing_on == D(2026, 3, 25) and case.stage == "hearing"


def test_no_decision_while_the_hearing_request_period_runs(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书", "听证告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=20000,
        proposed_revocation=True,
    )
    refused(
        s.decide,
        "2026-03-19届满",
        case,
        on=D(2026, 3, 19),
        outcome="penalty",
        fine=20000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    case.refresh_from_db()
    assert case.decided_on is None


# --- 法制审核 and 集体讨论 --------------------------------------------------------------


def test_a_major_decision_waits_for_a_favourable_legal_review(
    open_penalty, enf, people, scjg_legal
):
    from fazhi.legal import services as legal

    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=60000,
    )
    decide = dict(
        on=D(2026, 3, 30),
        outcome="penalty",
        fine=60000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    text = refused(s.decide, "法制审核通过前不能作出决定", case, **decide)
    assert "罚款数额达到50000元" in text
    case.refresh_from_db()
    assert case.decided_on is None and Publication.objects.count() == 0

    review = s.send_for_review(
        case,
        on=D(2026, 3, 18),
        fine=60000,
        actor=people["scjg_clerk"],
        materials=[docs("案件审核材料")["案件审核材料"]],
    )
    assert review.reviewer_unit == case.unit
    case.refresh_from_db()
    assert case.major and case.stage == "legal_review"
    # Still refused while the review is open, and after an unfavourable opinion.
    decide["documents"] = docs("行政处罚决定书")
    refused(s.decide, "法制审核通过前", case, **decide)
    legal.conclude(
        review,
        opinion="unlawful",
        reasons="证据不足，认定事实不清",
        actor=scjg_legal,
        on=D(2026, 3, 25),
    )
    decide["documents"] = docs("行政处罚决定书")
    refused(s.decide, "法制审核通过前", case, **decide)

    review = s.send_for_review(
        case,
        on=D(2026, 3, 26),
        fine=60000,
        actor=people["scjg_clerk"],
        materials=[docs("补充证据")["补充证据"]],
    )
    legal.conclude(
        review,
        opinion="lawful",
        reasons="事实清楚，证据确凿，程序合法",
        actor=scjg_legal,
        on=D(2026, 4, 3),
    )
    decide["documents"] = docs("行政处罚决定书")
    refused(
        s.decide,
        "不能早于法制审核意见的日期（2026-04-03）",
        case,
        **{**decide, "on": D(2026, 3, 30)},
    )
    decide["documents"] = docs("行政处罚决定书")
    case = s.decide(case, **{**decide, "on": D(2026, 4, 7)})
    assert case.decision_number == "区市场监管局罚决〔2026〕1号"
    assert case.major_reasons == ["罚款数额达到50000元"]
    assert case.reviewed_on == D(2026, 4, 3)


def test_the_review_catalogue_and_revocation_make_a_decision_major(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people, power=enf["listed"])
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=1000,
    )
    text = refused(
        s.decide,
        "列入法制审核目录",
        case,
        on=D(2026, 3, 30),
        outcome="penalty",
        fine=1000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    assert "第五十八条" in text


def test_below_every_criterion_the_decision_needs_no_review(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=49999,
    )
    case = s.decide(
        case,
        on=D(2026, 3, 30),
        outcome="penalty",
        fine=Decimal("49999"),
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    assert not case.major


def test_a_complex_case_needs_collective_discussion(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people, complex_case=True)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=3000,
    )
    args = dict(on=D(2026, 3, 30), outcome="penalty", fine=3000, actor=people["scjg_clerk"])
    refused(s.decide, "集体讨论决定", case, documents=docs("行政处罚决定书"), **args)
    s.discuss(case, on=D(2026, 3, 25), documents=docs("集体讨论记录"), actor=people["scjg_clerk"])
    case = s.decide(case, documents=docs("行政处罚决定书"), **args)
    assert case.stage == "decided"


# --- 裁量基准 -----------------------------------------------------------------------------


def test_a_fine_outside_its_band_needs_a_justification(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=6000,
    )
    general = enf["standard"].bands.get(circumstance="general")
    args = dict(on=D(2026, 3, 30), outcome="penalty", actor=people["scjg_clerk"], band=general)
    refused(s.decide, "超出所选裁量阶次", case, fine=6000, documents=docs("行政处罚决定书"), **args)
    case.refresh_from_db()
    assert case.decided_on is None
    # At the band's upper bound it is inside.
    case = s.decide(case, fine=5000, documents=docs("行政处罚决定书"), **args)
    assert case.band == general and case.outside_band_reason == ""


def test_outside_the_band_with_a_reason_is_recorded(open_penalty, enf, people):
    case = _investigated(open_penalty, enf, people)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=800,
    )
    general = enf["standard"].bands.get(circumstance="general")
    case = s.decide(
        case,
        on=D(2026, 3, 30),
        outcome="light_penalty",
        fine=800,
        band=general,
        outside_band_reason="主动消除违法行为危害后果，依法减轻处罚（《行政处罚法》第三十二条）",
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )
    assert "第三十二条" in case.outside_band_reason


# --- 简易程序 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "fine", "ok"),
    [
        (PERSON, 200, True),
        (PERSON, 201, False),
        (SHOP, 3000, True),
        (SHOP, Decimal("3000.01"), False),
    ],
)
def test_summary_procedure_limits(enf, people, party, fine, ok):
    kw = dict(
        agency=enf["scjg"],
        title="未按规定公示营业执照",
        on=D(2026, 4, 10),
        party=party,
        officers=enf["officers"],
        documents=docs("当场处罚决定书"),
        actor=people["scjg_clerk"],
        fine=fine,
    )
    if ok:
        case = s.summary_penalty(**kw)
        assert case.procedure == "summary" and case.decided_on == D(2026, 4, 10)
        assert not Publication.objects.filter(case=case).exists()
    else:
        refused(s.summary_penalty, "应当适用普通程序", **kw)
        assert Case.objects.count() == 0


def test_summary_procedure_needs_two_certified_officers(enf, people):
    refused(
        s.summary_penalty,
        "两名以上",
        agency=enf["scjg"],
        title="未按规定公示营业执照",
        on=D(2026, 4, 10),
        party=PERSON,
        officers=[enf["o1"]],
        documents=docs("当场处罚决定书"),
        actor=people["scjg_clerk"],
        fine=50,
    )


# --- 公示 --------------------------------------------------------------------------------


def _decided(open_penalty, enf, people, decided=MARCH_30, **kw):
    case = _investigated(open_penalty, enf, people, **kw)
    s.notify(
        case,
        on=D(2026, 3, 12),
        documents=docs("行政处罚告知书"),
        actor=people["scjg_clerk"],
        proposed_fine=3000,
    )
    return s.decide(
        case,
        on=decided,
        outcome="penalty",
        fine=3000,
        documents=docs("行政处罚决定书"),
        actor=people["scjg_clerk"],
    )


def test_publication_due_7_working_days_across_qingming(open_penalty, enf, people):
    """Decided 2026-03-30: 04-04..06 are 清明 holidays (no 调休), so the 7 working days end
    on 2026-04-09 (03-31, 04-01, 04-02, 04-03, 04-07, 04-08, 04-09)."""
    case = _decided(open_penalty, enf, people)
    assert case.publication.due_on == D(2026, 4, 9)


def test_publishing_past_the_period_is_flagged_and_needs_a_reason(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people)
    refused(
        s.publish, "逾期公示须填写逾期原因", case, on=D(2026, 4, 10), actor=people["scjg_clerk"]
    )
    pub = Publication.objects.get(case=case)
    assert pub.published_on is None and not pub.late
    pub = s.publish(
        case, on=D(2026, 4, 10), late_reason="系统故障，延迟一日", actor=people["scjg_clerk"]
    )
    assert pub.late and pub.late_reason == "系统故障，延迟一日"
    assert Deadline.objects.get(pk=pub.deadline_id).state == "done"


def test_publishing_on_the_last_day_is_on_time(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people)
    pub = s.publish(case, on=D(2026, 4, 9), actor=people["scjg_clerk"])
    assert not pub.late


def test_published_text_is_masked(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people, party=PERSON, title="王小明未取得营业执照从事经营案")
    pub = s.publish(case, on=D(2026, 4, 2), actor=people["scjg_clerk"])
    assert "王小明" not in pub.content and "王**" in pub.content
    assert PERSON["id_number"] not in pub.content
    assert "区市场监管局罚决〔2026〕1号" in pub.content and "罚款3000元" in pub.content


def test_a_minor_party_is_never_published(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people, party={**PERSON, "minor": True})
    refused(s.publish, "未成年人", case, on=D(2026, 4, 2), actor=people["scjg_clerk"])
    pub = s.withhold(case, reason="当事人为未成年人", on=D(2026, 4, 2), actor=people["scjg_clerk"])
    assert pub.published_on is None and pub.withheld_reason


def test_a_revoked_published_decision_is_withdrawn_within_3_working_days(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people)
    s.publish(case, on=D(2026, 4, 2), actor=people["scjg_clerk"])
    refused(
        s.withdraw,
        "只有被变更、撤销",
        case,
        on=D(2026, 4, 8),
        reason="x",
        actor=people["scjg_clerk"],
    )
    s.revoke(case, on=D(2026, 4, 8), reason="行政复议决定撤销", actor=people["scjg_clerk"])
    pub = Publication.objects.get(case=case)
    # 04-08 (Wed) + 3 working days: 04-09, 04-10, 04-13.
    assert pub.withdraw_due_on == D(2026, 4, 13)
    refused(s.publish, "已经公示", case, on=D(2026, 4, 9), actor=people["scjg_clerk"])
    pub = s.withdraw(
        case, on=D(2026, 4, 9), reason="该决定已被行政复议机关撤销", actor=people["scjg_clerk"]
    )
    assert pub.withdrawn_on == D(2026, 4, 9)


# --- 送达 to 结案, extension, termination ------------------------------------------------


def test_the_case_runs_to_closure_and_cannot_close_before_execution(open_penalty, enf, people):
    case = _decided(open_penalty, enf, people)
    refused(
        s.close,
        "案件处于",
        case,
        on=D(2026, 4, 1),
        documents=docs("结案审批表"),
        actor=people["scjg_clerk"],
    )
    s.serve(case, on=D(2026, 3, 31), documents=docs("送达回证"), actor=people["scjg_clerk"])
    refused(
        s.close,
        "尚未执行完毕",
        case,
        on=D(2026, 4, 1),
        documents=docs("结案审批表"),
        actor=people["scjg_clerk"],
    )
    s.execute(case, on=D(2026, 4, 10), documents=docs("执行情况记录"), actor=people["scjg_clerk"])
    case = s.close(
        case, on=D(2026, 4, 13), documents=docs("结案审批表"), actor=people["scjg_clerk"]
    )
    assert case.stage == "closed" and case.closed_on == D(2026, 4, 13)
    assert list(case.steps.values_list("stage", flat=True)) == [
        "filed",
        "investigated",
        "notified",
        "decided",
        "served",
        "executed",
        "closed",
    ]


def test_extension_needs_approval_and_stays_within_the_maximum(open_penalty, enf, people):
    case = open_penalty(D(2026, 3, 2))
    refused(
        s.extend,
        "批准人",
        case,
        days=30,
        reason="案情复杂",
        approved_by=" ",
        approved_on=D(2026, 4, 1),
        actor=people["scjg_clerk"],
    )
    refused(
        s.extend,
        "最多延长30日",
        case,
        days=31,
        reason="案情复杂",
        approved_by="局长",
        approved_on=D(2026, 4, 1),
        actor=people["scjg_clerk"],
    )
    dl = s.extend(
        case,
        days=30,
        reason="案情复杂",
        approved_by="局长",
        approved_on=D(2026, 4, 1),
        actor=people["scjg_clerk"],
    )
    # 2026-06-01 (rolled) was the due date; 90 + 30 days from 03-02 = 06-30 (Tuesday).
    assert dl.due_date == D(2026, 6, 30)
    case.refresh_from_db()
    assert case.extended_days == 30


def test_termination_cancels_the_clock(open_penalty, people):
    case = open_penalty(D(2026, 3, 2))
    refused(s.terminate, "终止理由", case, on=D(2026, 3, 5), reason="", actor=people["scjg_clerk"])
    case = s.terminate(
        case, on=D(2026, 3, 5), reason="违法事实不能成立", actor=people["scjg_clerk"]
    )
    assert case.stage == "terminated"
    assert Deadline.objects.get(pk=case.deadline_id).state == "cancelled"
    refused(
        s.terminate, "不能再办理", case, on=D(2026, 3, 6), reason="重复", actor=people["scjg_clerk"]
    )


# --- clocks on the real calendar ----------------------------------------------------------


def test_the_90_day_clock_across_chunjie_ends_on_the_first_working_day(open_penalty):
    """Filed 2025-11-20: day 90 is 2026-02-18, inside the 春节 holiday (02-15..23), so the
    period ends on 2026-02-24 (民事诉讼法 第85条)."""
    case = open_penalty(D(2025, 11, 20))
    assert case.deadline.due_date == D(2026, 2, 24)


def test_licence_clock_20_working_days_across_chunjie(enf, people):
    """Accepted 2026-02-06 (Friday): working days skip 02-15..23 and count 02-14 and 02-28
    (调休 Saturdays): 02-09..14 are 1–6, 02-24..28 are 7–11, the 20th is 2026-03-12."""
    case = s.open_case(
        agency=enf["scjg"],
        kind="license",
        title="食品经营许可申请",
        filed_on=D(2026, 2, 6),
        parties=[SHOP],
        officers=[enf["o1"]],
        on_site=False,
        documents=docs("立案审批表"),
        actor=people["scjg_clerk"],
        power=enf["license"],
    )
    assert case.deadline.due_date == D(2026, 3, 12)


@pytest.mark.today(2026, 11, 20)
def test_a_clock_into_a_year_without_calendar_is_refused(open_penalty):
    from fazhi.core.workdays import CalendarMissing

    with pytest.raises(CalendarMissing):
        open_penalty(D(2026, 11, 20))
    assert Case.objects.count() == 0


def test_every_enforcement_record_matches_its_last_event(open_penalty, enf, people):
    """Each service writes before it records: the record check finds nothing to report,
    for a case left at 立案, one taken to 结案 and published, and the officers."""
    from fazhi.core import events

    open_penalty(D(2026, 3, 2))
    case = _decided(open_penalty, enf, people)
    s.publish(case, on=D(2026, 4, 2), actor=people["scjg_clerk"])
    s.renew_certificate(
        enf["o1"], valid_until=D(2031, 1, 9), issued_on=D(2026, 4, 1), actor=people["scjg_clerk"]
    )
    problems = [p.message for p in events.verify_states() if "enforcement." in p.message]
    assert problems == []
