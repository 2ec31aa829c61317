"""Audit of the 重大行政决策 gates (issue 5): each gate the services enforce but no earlier
test tried to skip (or tried without checking the Chinese message), and the order of the
recorded dates: a collective decision dated before the legality opinion was given is a
decision taken before a concluded legality review (条例第25条)."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.decisions import services
from fazhi.decisions.models import DecisionCatalog, MajorDecision

from .conftest import approve, decided, pass_review, prepare, published

# A fixed today after the 2026 catalogue dates the tests record.
TODAY = dt.date(2026, 6, 15)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def _msg(excinfo) -> str:
    value = excinfo.value
    if isinstance(value, ValidationError):
        return "；".join(value.messages)
    return str(value)


def today() -> dt.date:
    return TODAY


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def _request_on(decision, people, day: dt.date):
    """Legality review requested (in both apps) on the past day ``day``."""
    from fazhi.legal import services as legal

    return services.request_legality_review(
        decision,
        actor=people["sfj_clerk"],
        on=day,
        requester=functools.partial(legal.request_review, on=day),
    )


def _conclude_on(decision, people, adviser, day: dt.date, opinion="lawful"):
    from fazhi.legal import services as legal

    return legal.conclude(
        services.legal().latest_review(decision),
        opinion=opinion,
        reasons="" if opinion == "lawful" else "第三条不符合上位法规定",
        actor=people["legal"],
        on=day,
        early_reason="测试：提前出具",
        adviser=adviser,
    )


def _decided_earlier(decision, people, adviser, meeting_on: dt.date):
    """Requested 20 days ago, opinion 10 days ago, meeting on ``meeting_on``."""
    prepare(decision, people)
    _request_on(decision, people, ago(20))
    _conclude_on(decision, people, adviser, ago(10))
    approve(decision, people, on=meeting_on)
    decision.refresh_from_db()
    return decision


# --- the catalogue ------------------------------------------------------------------------------


def test_catalogue_body_and_year(people, district, catalog):
    coord = people["coordinator"]
    with pytest.raises(ValidationError) as e:
        services.create_catalog(year=2025, unit=district["community"], actor=coord)
    assert "村（社区）不是重大行政决策的决策机关" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.create_catalog(year=2025, unit=district["gov"], actor=coord)
    assert "测试区人民政府2025年度的决策事项目录已经建立" in _msg(e)
    with pytest.raises(PermissionDenied) as e:
        services.create_catalog(year=2026, unit=district["gov"], actor=people["scjg_clerk"])
    assert "无权为该单位建立决策事项目录" in _msg(e)
    assert DecisionCatalog.objects.count() == 1


def test_proposal_unit_and_category(people, district):
    c = services.create_catalog(year=2026, unit=district["town"], actor=people["coordinator"])
    with pytest.raises(ValidationError) as e:
        services.propose_item(
            c, unit=district["scjg"], title="某事项", category="policy", actor=people["scjg_clerk"]
        )
    assert "承办单位应为城关街道或其所属单位" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.propose_item(
            c, unit=district["town"], title="某事项", category="whim", actor=people["town_clerk"]
        )
    assert "请选择事项类别" in _msg(e)
    assert not c.items.exists()


def test_settling_closed_after_agreement_and_empty_catalogue_not_approved(
    people, district, catalog
):
    coord = people["coordinator"]
    item = catalog.items.first()
    with pytest.raises(ValidationError) as e:
        services.settle_item(item, include=False, reason="改主意", actor=coord)
    assert "目录已经党委同意，不能再审定申报事项" in _msg(e)
    item.refresh_from_db()
    assert item.state == "included"
    c = services.create_catalog(year=2026, unit=district["gov"], actor=coord)
    only = services.propose_item(
        c, unit=district["sfj"], title="某事项", category="policy", actor=people["sfj_clerk"]
    )
    services.settle_item(only, include=False, reason="不属于重大行政决策", actor=coord)
    with pytest.raises(ValidationError) as e:
        services.approve_catalog(
            c, party_agreed_on=dt.date(2026, 2, 1), party_document="纪要", actor=coord
        )
    assert "目录中还没有列入任何决策事项" in _msg(e)


def test_publication_of_the_catalogue_dates_and_channel(people, district, catalog):
    coord = people["coordinator"]
    with pytest.raises(ValidationError) as e:
        services.publish_catalog(
            catalog, published_on=dt.date(2025, 3, 1), channel="网站", actor=coord
        )
    assert "该目录已经公布" in _msg(e)
    c = services.create_catalog(year=2026, unit=district["gov"], actor=coord)
    item = services.propose_item(
        c, unit=district["sfj"], title="某事项", category="policy", actor=people["sfj_clerk"]
    )
    services.settle_item(item, include=True, actor=coord)
    with pytest.raises(ValidationError) as e:
        services.approve_catalog(
            c, party_agreed_on=today() + dt.timedelta(days=1), party_document="纪要", actor=coord
        )
    assert "党委同意日期不能晚于今天" in _msg(e)
    services.approve_catalog(
        c, party_agreed_on=dt.date(2026, 2, 10), party_document="纪要", actor=coord
    )
    with pytest.raises(ValidationError) as e:
        services.publish_catalog(c, published_on=dt.date(2026, 2, 1), channel="网站", actor=coord)
    assert "公布日期不能早于党委同意日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_catalog(c, published_on=dt.date(2026, 2, 20), channel=" ", actor=coord)
    assert "请填写公布渠道" in _msg(e)
    c.refresh_from_db()
    assert c.state == "approved" and c.version == 0


def test_adjustments_only_after_publication_and_republished_after_them(people, district, catalog):
    coord = people["coordinator"]
    c = services.create_catalog(year=2026, unit=district["gov"], actor=coord)
    with pytest.raises(ValidationError) as e:
        services.adjust_add(
            c,
            unit=district["sfj"],
            title="增补事项",
            category="policy",
            reason="需要",
            decided_on=dt.date(2026, 3, 1),
            actor=coord,
        )
    assert "目录尚未公布，征集阶段直接增减申报事项即可" in _msg(e)
    services.adjust_remove(
        catalog.items.get(unit__code="D23"),
        reason="上级政策调整",
        decided_on=dt.date(2025, 6, 10),
        actor=coord,
    )
    with pytest.raises(ValidationError) as e:
        services.republish_catalog(
            catalog,
            published_on=dt.date(2025, 6, 5),
            channel="网站",
            party_agreed_on=dt.date(2025, 6, 3),
            party_document="纪要",
            actor=coord,
        )
    assert "公布日期不能早于调整日期和党委同意日期" in _msg(e)
    catalog.refresh_from_db()
    assert catalog.version == 1


# --- starting and drafting ------------------------------------------------------------------


def test_start_only_by_the_unit_and_once(catalog, people, decision):
    other = catalog.items.get(unit__code="D23")
    with pytest.raises(PermissionDenied) as e:
        services.start_decision(other, actor=people["sfj_clerk"])
    assert "只有承办单位可以启动该事项的决策程序" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.start_decision(decision.item, actor=people["sfj_clerk"])
    assert "该事项已启动决策程序" in _msg(e)
    assert MajorDecision.objects.count() == 1


def test_draft_frozen_once_sent_for_review(decision, people):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    with pytest.raises(ValidationError) as e:
        services.update_draft(
            decision, title="改标题", draft="改", explanation="改", actor=people["sfj_clerk"]
        )
    assert "决策草案已提请合法性审查，不能再修改" in _msg(e)
    decision.refresh_from_db()
    assert decision.title == "测试区行政执法辅助人员管理办法"


# --- public participation -------------------------------------------------------------------


def test_consultation_minimum_follows_the_setting(decision, people, settings):
    settings.FAZHI_CONSULTATION_MIN_DAYS = {"major_decision": 45}
    with pytest.raises(ValidationError) as e:
        services.open_consultation(
            decision,
            opens_on=today(),
            closes_on=today() + dt.timedelta(days=30),
            actor=people["sfj_clerk"],
        )
    assert "不少于45日" in _msg(e) and "本次仅30日" in _msg(e)
    assert services.consultation().consultation_for(decision) is None


def test_consultation_dates_in_order(decision, people):
    with pytest.raises(ValidationError) as e:
        services.open_consultation(
            decision, opens_on=today(), closes_on=today(), actor=people["sfj_clerk"]
        )
    assert "截止日期应晚于开始日期" in _msg(e)
    decision.refresh_from_db()
    assert decision.participation == ""


def test_one_participation_route_only(decision, people):
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError) as e:
        services.record_exemption(decision, reason="涉密", approved_by=" ", actor=clerk)
    assert "请填写批准不公开征求意见的负责人或会议" in _msg(e)
    services.record_exemption(decision, reason="涉密事项", approved_by="副区长", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.open_consultation(
            decision, opens_on=today(), closes_on=today() + dt.timedelta(days=30), actor=clerk
        )
    assert "已登记公众参与方式：依法不公开征求意见" in _msg(e)
    assert services.consultation().consultation_for(decision) is None


def test_other_unit_and_leader_refused_with_the_reason(decision, people):
    for who in ("scjg_clerk", "leader"):
        with pytest.raises(PermissionDenied) as e:
            services.record_exemption(
                decision, reason="理由", approved_by="副区长", actor=people[who]
            )
        assert "无权办理该单位的重大行政决策事项" in _msg(e)


# --- expert review and risk assessment ------------------------------------------------------


def test_waiver_refused_once_the_step_was_done_and_step_fields(decision, people):
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError) as e:
        services.record_risk_assessment(
            decision,
            assessed_on=dt.date(2025, 4, 1),
            assessor="评估中心",
            method="问卷",
            level="extreme",
            conclusion="可控",
            actor=clerk,
        )
    assert "请选择风险等级（低、中、高）" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_expert_review(
            decision,
            held_on=dt.date(2025, 4, 1),
            form="论证会",
            organizer="某学院",
            experts="甲",
            opinions="可行",
            adoption=" ",
            actor=clerk,
        )
    assert "请说明专家意见的采纳情况（条例第21条）" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.waive_step(decision, step="risk", reason=" ", actor=clerk)
    assert "请说明不需要风险评估的理由（条例第22条）" in _msg(e)
    prepare(decision, people)
    with pytest.raises(ValidationError) as e:
        services.waive_step(decision, step="expert", reason="不需要", actor=clerk)
    assert "已开展专家论证，无需说明不论证的理由" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.waive_step(decision, step="risk", reason="不需要", actor=clerk)
    assert "已开展风险评估，无需说明不评估的理由" in _msg(e)
    decision.refresh_from_db()
    assert decision.expert_not_required == "" and decision.risk_not_required == ""


# --- legality review ------------------------------------------------------------------------


def test_legality_review_needs_the_draft(catalog, people):
    clerk = people["sfj_clerk"]
    d = services.start_decision(catalog.items.get(unit__code="D08"), actor=clerk)
    services.record_exemption(d, reason="涉密事项", approved_by="副区长", actor=clerk)
    services.waive_step(d, step="expert", reason="不涉及专业问题", actor=clerk)
    services.waive_step(d, step="risk", reason="不涉及社会稳定", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.request_legality_review(d, actor=clerk)
    assert "送请合法性审查须提供决策草案和起草说明（条例第26条）" in _msg(e)
    assert services.legal().latest_review(d) is None


def test_legality_review_not_requested_twice(decision, people, adviser):
    clerk = people["sfj_clerk"]
    prepare(decision, people)
    services.request_legality_review(decision, actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.request_legality_review(decision, actor=clerk)
    assert "请等待审查意见或先撤回后再送审" in _msg(e)
    pass_review(decision, people, adviser)
    with pytest.raises(ValidationError) as e:
        services.request_legality_review(decision, actor=clerk)
    assert "合法性审查已经通过，无需再次提请" in _msg(e)


# --- collective decision --------------------------------------------------------------------


def test_meeting_needs_attendees_and_not_before_the_request(decision, people, adviser):
    prepare(decision, people)
    _request_on(decision, people, ago(10))
    pass_review(decision, people, adviser)
    base = dict(
        meeting_kind="executive",
        meeting_name="区政府第35次常务会议",
        meeting_on=today(),
        attendees=0,
        outcome="approved",
        dissent="无",
        head_decision="同意",
        actor=people["sfj_clerk"],
    )
    with pytest.raises(ValidationError) as e:
        services.record_collective_decision(decision, **base)
    assert "请填写出席会议的组成人员人数" in _msg(e)
    # A negative count is no attendance either (found by the mutation run: “or” read as
    # “and” let it through).
    with pytest.raises(ValidationError) as e:
        services.record_collective_decision(decision, **{**base, "attendees": -3})
    assert "请填写出席会议的组成人员人数" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_collective_decision(
            decision, **{**base, "attendees": 11, "meeting_on": ago(11)}
        )
    assert "会议日期不能早于提请合法性审查的日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_collective_decision(decision, **{**base, "attendees": 11, "outcome": "?"})
    assert "请选择决定结果" in _msg(e)
    assert not decision.meetings.exists()


def test_meeting_dated_before_the_legality_opinion_refused(decision, people, adviser):
    """No collective decision before a concluded legality review: requested 20 days ago,
    the opinion given 5 days ago — a meeting recorded as held 10 days ago took the decision
    before the review concluded, and must be refused."""
    prepare(decision, people)
    _request_on(decision, people, ago(20))
    _conclude_on(decision, people, adviser, ago(5))
    with pytest.raises(ValidationError) as e:
        approve(decision, people, on=ago(10))
    assert "合法性审查" in _msg(e)
    assert not decision.meetings.exists()
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.UNDER_REVIEW


def test_deferred_decision_is_not_published(decision, people, adviser):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    services.record_collective_decision(
        decision,
        meeting_kind="executive",
        meeting_name="区政府第36次常务会议",
        meeting_on=today(),
        attendees=11,
        outcome="deferred",
        dissent="多数意见建议进一步论证",
        head_decision="暂缓决策",
        actor=people["sfj_clerk"],
    )
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DEFERRED
    with pytest.raises(ValidationError) as e:
        services.record_party_report(
            decision, reported_on=today(), document="请示", actor=people["sfj_clerk"]
        )
    assert "决策尚未经集体讨论决定通过" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_decision(
            decision,
            published_on=today(),
            channel="网站",
            published_text="全文",
            actor=people["sfj_clerk"],
        )
    assert "尚未经集体讨论决定通过，不得公布" in _msg(e)


# --- party report and publication -----------------------------------------------------------


def test_party_report_and_publication_dates(decision, people, adviser):
    clerk = people["sfj_clerk"]
    _decided_earlier(decision, people, adviser, meeting_on=ago(5))
    with pytest.raises(ValidationError) as e:
        services.record_party_report(decision, reported_on=ago(6), document="请示", actor=clerk)
    assert "请示报告日期不能早于集体讨论决定的日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_party_report(decision, reported_on=ago(3), document=" ", actor=clerk)
    assert "请填写请示报告的文件" in _msg(e)
    services.record_party_report(decision, reported_on=ago(3), document="请示", actor=clerk)
    kw = dict(channel="区政府门户网站", published_text="全文", adoption_note="已采纳", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.publish_decision(decision, published_on=ago(4), **kw)
    assert "公布日期不能早于决定日期和向党委请示报告的日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_decision(decision, published_on=today(), **{**kw, "channel": ""})
    assert "请填写公布渠道" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_decision(decision, published_on=today(), **{**kw, "published_text": ""})
    assert "请填写公布的决策文本" in _msg(e)
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DECIDED and decision.published_on is None
    services.publish_decision(decision, published_on=today(), **kw)
    with pytest.raises(ValidationError) as e:
        services.publish_decision(decision, published_on=today(), **kw)
    assert "该决策已经公布" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_party_report(decision, reported_on=today(), document="请示", actor=clerk)
    assert "请示报告应在出台前进行（条例第31条）" in _msg(e)


# --- evaluation and archive -----------------------------------------------------------------


def test_evaluation_and_archive_dates_and_repetition(decision, people, adviser):
    clerk = people["sfj_clerk"]
    published(decision, people, adviser)
    kw = dict(trigger="necessary", trigger_detail="年度评估", evaluator="某研究中心", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.start_evaluation(decision, started_on=ago(1), **kw)
    assert "评估启动日期不能早于决策公布日期" in _msg(e)
    ev = services.start_evaluation(decision, started_on=today(), **kw)
    with pytest.raises(ValidationError) as e:
        services.finish_evaluation(
            ev, finished_on=ago(1), result="达到预期", recommendation="continue", actor=clerk
        )
    assert "完成日期不能早于启动日期" in _msg(e)
    services.finish_evaluation(
        ev, finished_on=today(), result="达到预期", recommendation="continue", actor=clerk
    )
    with pytest.raises(ValidationError) as e:
        services.finish_evaluation(
            ev, finished_on=today(), result="再次", recommendation="continue", actor=clerk
        )
    assert "该次决策后评估已经完成" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.archive_decision(decision, archived_on=ago(1), reference="A-1", actor=clerk)
    assert "归档日期不能早于公布日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.archive_decision(decision, archived_on=today(), reference=" ", actor=clerk)
    assert "请填写档号" in _msg(e)
    services.archive_decision(decision, archived_on=today(), reference="A-1", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.archive_decision(decision, archived_on=today(), reference="A-2", actor=clerk)
    assert "该决策已经归档" in _msg(e)
    decision.refresh_from_db()
    assert decision.archive_reference == "A-1"


# --- scoping: changes by page (POST) from another unit ----------------------------------------


def test_other_units_clerk_cannot_change_a_draft_by_post(decision, people, login):
    client = login(people["scjg_clerk"])
    base = f"/office/decisions/{decision.pk}/"
    r = client.post(
        base + "participation/",
        {"action": "exempt", "exempt-reason": "越权", "exempt-approved_by": "某人"},
    )
    assert r.status_code == 404
    r = client.post(base + "expert/", {"action": "waive", "waive-reason": "越权"})
    assert r.status_code == 404
    r = client.post(base + "legality/", {"action": "request"})
    assert r.status_code == 404
    decision.refresh_from_db()
    assert decision.participation == "" and decision.expert_not_required == ""
    assert decision.state == MajorDecision.State.DRAFTING


def test_control_opinion_then_meeting_is_accepted(decision, people, adviser):
    """Control: the ordinary path (opinion and meeting today) is not refused."""
    decided(decision, people, adviser)
    assert decision.state == MajorDecision.State.DECIDED
