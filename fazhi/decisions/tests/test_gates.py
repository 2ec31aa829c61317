"""Every gate of 重大行政决策程序暂行条例 tries to be skipped and is refused in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.decisions import services
from fazhi.decisions.models import CatalogItem, MajorDecision

from .conftest import approve, decided, pass_review, prepare, published

# A fixed today: a decision made on it is published within 20 working days across 国庆.
pytestmark = pytest.mark.today(2025, 9, 22)

TODAY = timezone.localdate


# --- the catalogue (第3条第3款) ------------------------------------------------------------


def test_item_of_unpublished_catalogue_cannot_start(people, district):
    c = services.create_catalog(year=2026, unit=district["gov"], actor=people["coordinator"])
    item = services.propose_item(
        c, unit=district["sfj"], title="某事项", category="policy", actor=people["sfj_clerk"]
    )
    services.settle_item(item, include=True, actor=people["coordinator"])
    with pytest.raises(ValidationError, match="只有列入已公布的决策事项目录的事项"):
        services.start_decision(item, actor=people["sfj_clerk"])


def test_catalogue_needs_party_agreement_before_publication(people, district):
    coord = people["coordinator"]
    c = services.create_catalog(year=2026, unit=district["gov"], actor=coord)
    item = services.propose_item(
        c, unit=district["sfj"], title="某事项", category="policy", actor=people["sfj_clerk"]
    )
    with pytest.raises(ValidationError, match="须经同级党委同意后方可向社会公布"):
        services.publish_catalog(c, published_on=dt.date(2026, 3, 1), channel="网站", actor=coord)
    with pytest.raises(ValidationError, match="还有1项申报事项未审定"):
        services.approve_catalog(
            c, party_agreed_on=dt.date(2026, 2, 1), party_document="纪要", actor=coord
        )
    services.settle_item(item, include=True, actor=coord)
    with pytest.raises(ValidationError, match="须经同级党委同意后向社会公布"):
        services.approve_catalog(
            c, party_agreed_on=dt.date(2026, 2, 1), party_document="", actor=coord
        )


def test_proposals_closed_after_agreement_and_only_for_own_unit(catalog, people, district):
    with pytest.raises(ValidationError, match="不再征集事项"):
        services.propose_item(
            catalog,
            unit=district["sfj"],
            title="新事项",
            category="policy",
            actor=people["sfj_clerk"],
        )
    c = services.create_catalog(year=2026, unit=district["gov"], actor=people["coordinator"])
    with pytest.raises(PermissionDenied, match="只能为本单位"):
        services.propose_item(
            c, unit=district["sfj"], title="新事项", category="policy", actor=people["scjg_clerk"]
        )


def test_only_the_decision_body_settles_items(people, district):
    c = services.create_catalog(year=2026, unit=district["gov"], actor=people["coordinator"])
    item = services.propose_item(
        c, unit=district["sfj"], title="新事项", category="policy", actor=people["sfj_clerk"]
    )
    with pytest.raises(PermissionDenied, match="只有决策机关"):
        services.settle_item(item, include=True, actor=people["sfj_clerk"])
    with pytest.raises(ValidationError, match="不列入目录的理由"):
        services.settle_item(item, include=False, actor=people["coordinator"])


def test_item_with_a_decision_cannot_be_removed(decision, people):
    with pytest.raises(ValidationError, match="已启动决策程序"):
        services.adjust_remove(
            decision.item,
            reason="不再需要",
            decided_on=dt.date(2025, 6, 1),
            actor=people["coordinator"],
        )


def test_adjustment_needs_reason_and_republication_needs_agreement(catalog, people, district):
    coord = people["coordinator"]
    item = catalog.items.get(unit__code="D23")
    with pytest.raises(ValidationError, match="调整的理由"):
        services.adjust_remove(item, reason=" ", decided_on=dt.date(2025, 6, 1), actor=coord)
    with pytest.raises(ValidationError, match="没有待公布的目录调整"):
        services.republish_catalog(
            catalog,
            published_on=dt.date(2025, 6, 5),
            channel="网站",
            party_agreed_on=dt.date(2025, 6, 3),
            party_document="纪要",
            actor=coord,
        )
    services.adjust_remove(item, reason="上级政策调整", decided_on=dt.date(2025, 6, 1), actor=coord)
    with pytest.raises(ValidationError, match="同样须经同级党委同意"):
        services.republish_catalog(
            catalog,
            published_on=dt.date(2025, 6, 5),
            channel="网站",
            party_agreed_on=None,
            party_document="",
            actor=coord,
        )


# --- public participation (第14–15条) ---------------------------------------------------------


def test_consultation_shorter_than_30_days_needs_urgent_reason(decision, people):
    today = TODAY()
    with pytest.raises(ValidationError, match="不少于30日"):
        services.open_consultation(
            decision,
            opens_on=today,
            closes_on=today + dt.timedelta(days=20),
            actor=people["sfj_clerk"],
        )
    assert services.consultation().consultation_for(decision) is None
    services.open_consultation(
        decision,
        opens_on=today,
        closes_on=today + dt.timedelta(days=20),
        urgent_reason="汛期临近，需在汛前出台",
        actor=people["sfj_clerk"],
    )
    decision.refresh_from_db()
    assert decision.participation == MajorDecision.Participation.CONSULTATION
    assert services.consultation().consultation_for(decision).urgent_reason


def test_consultation_needs_draft_and_explanation(catalog, people):
    d = services.start_decision(catalog.items.get(unit__code="D08"), actor=people["sfj_clerk"])
    today = TODAY()
    with pytest.raises(ValidationError, match="决策草案及其说明"):
        services.open_consultation(
            d, opens_on=today, closes_on=today + dt.timedelta(days=30), actor=people["sfj_clerk"]
        )


def test_exemption_needs_reason(decision, people):
    with pytest.raises(ValidationError, match="不公开征求意见的理由"):
        services.record_exemption(
            decision, reason="", approved_by="副区长", actor=people["sfj_clerk"]
        )


# --- expert review and risk assessment (第19、22–24条) -------------------------------------


def test_high_risk_needs_measures(decision, people):
    with pytest.raises(ValidationError, match="防范、化解风险的措施"):
        services.record_risk_assessment(
            decision,
            assessed_on=dt.date(2025, 4, 1),
            assessor="评估中心",
            method="问卷",
            level="high",
            conclusion="风险较高",
            actor=people["sfj_clerk"],
        )


def test_waiver_needs_reason(decision, people):
    with pytest.raises(ValidationError, match="不需要专家论证的理由"):
        services.waive_step(decision, step="expert", reason="", actor=people["sfj_clerk"])


# --- legality review (第25–26条) ------------------------------------------------------------


def test_legality_review_refused_before_participation_expert_and_risk(decision, people):
    with pytest.raises(ValidationError) as e:
        services.request_legality_review(decision, actor=people["sfj_clerk"])
    text = "；".join(e.value.messages)
    assert "公众参与尚未完成" in text and "专家论证" in text and "风险评估" in text
    assert services.legal().latest_review(decision) is None


def test_legality_review_refused_while_consultation_open(decision, people):
    today = TODAY()
    services.open_consultation(
        decision, opens_on=today, closes_on=today + dt.timedelta(days=30), actor=people["sfj_clerk"]
    )
    prepare(decision, people, exempt=False)
    with pytest.raises(ValidationError, match="公众参与尚未完成：正在公开征求意见"):
        services.request_legality_review(decision, actor=people["sfj_clerk"])


def test_collective_decision_refused_without_passed_review(decision, people, adviser):
    prepare(decision, people)
    with pytest.raises(ValidationError, match="不得提交集体讨论（条例第25条）"):
        approve(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    with pytest.raises(ValidationError, match="不得提交集体讨论"):
        approve(decision, people)  # requested, not concluded
    pass_review(decision, people, adviser, opinion="unlawful")
    with pytest.raises(ValidationError, match="不得提交集体讨论"):
        approve(decision, people)  # concluded 不合法
    assert not decision.meetings.exists()
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.UNDER_REVIEW


def test_collective_decision_refused_while_participation_incomplete(decision, people, monkeypatch):
    """Defence in depth: even were a review passed, an open consultation blocks the meeting."""
    today = TODAY()
    services.open_consultation(
        decision, opens_on=today, closes_on=today + dt.timedelta(days=30), actor=people["sfj_clerk"]
    )
    prepare(decision, people, exempt=False)
    MajorDecision.objects.filter(pk=decision.pk).update(
        legality_requested_on=today, state=MajorDecision.State.UNDER_REVIEW
    )
    monkeypatch.setattr(services.legal(), "review_passed", lambda subject: True)
    with pytest.raises(ValidationError, match="公众参与尚未完成"):
        approve(decision, people)


def test_meeting_records_dissent_and_the_heads_reasons(decision, people, adviser):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    base = dict(
        meeting_kind="executive",
        meeting_name="第35次常务会议",
        meeting_on=TODAY(),
        attendees=11,
        outcome="approved",
        dissent="无",
        head_decision="同意",
        actor=people["sfj_clerk"],
    )
    with pytest.raises(ValidationError, match="常务会议或者全体会议"):
        services.record_collective_decision(decision, **{**base, "meeting_kind": "office"})
    with pytest.raises(ValidationError, match="不同意见应当如实载明"):
        services.record_collective_decision(decision, **{**base, "dissent": ""})
    with pytest.raises(ValidationError, match="最后作出的决定"):
        services.record_collective_decision(decision, **{**base, "head_decision": ""})
    with pytest.raises(ValidationError, match="应当在会上说明理由"):
        services.record_collective_decision(decision, **{**base, "head_departs": True})
    services.record_collective_decision(
        decision,
        **{
            **base,
            "head_departs": True,
            "head_reason": "财政承受能力",
            "dissent": "两位同志建议暂缓",
        },
    )
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DECIDED and decision.legality_passed


# --- party report, publication (第31–32条) ---------------------------------------------------


def test_publication_refused_before_decision(decision, people):
    with pytest.raises(ValidationError, match="尚未经集体讨论决定通过，不得公布"):
        services.publish_decision(
            decision,
            published_on=TODAY(),
            channel="网站",
            published_text="全文",
            actor=people["sfj_clerk"],
        )
    with pytest.raises(ValidationError, match="尚未经集体讨论决定通过"):
        services.record_party_report(
            decision, reported_on=TODAY(), document="请示", actor=people["sfj_clerk"]
        )


def test_publication_refused_without_party_report(decision, people, adviser):
    decided(decision, people, adviser)
    with pytest.raises(ValidationError, match="向同级党委请示报告（条例第31条）"):
        services.publish_decision(
            decision,
            published_on=TODAY(),
            channel="网站",
            published_text="全文",
            adoption_note="已采纳",
            actor=people["sfj_clerk"],
        )
    services.record_party_report(
        decision, reported_on=TODAY(), document="请示", actor=people["sfj_clerk"]
    )
    with pytest.raises(ValidationError, match="采纳情况（条例第32条）"):
        services.publish_decision(
            decision,
            published_on=TODAY(),
            channel="网站",
            published_text="全文",
            actor=people["sfj_clerk"],
        )


def test_rejected_decision_cannot_be_published(decision, people, adviser):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    services.record_collective_decision(
        decision,
        meeting_kind="plenary",
        meeting_name="区政府全体会议",
        meeting_on=TODAY(),
        attendees=20,
        outcome="rejected",
        dissent="多数意见认为条件尚不成熟",
        head_decision="不予通过",
        actor=people["sfj_clerk"],
    )
    with pytest.raises(ValidationError, match="未获集体讨论通过，不能公布"):
        services.publish_decision(
            decision,
            published_on=TODAY(),
            channel="网站",
            published_text="全文",
            actor=people["sfj_clerk"],
        )
    with pytest.raises(ValidationError, match="程序已终结"):
        services.record_expert_review(
            decision,
            held_on=TODAY(),
            form="会",
            organizer="某院",
            experts="甲",
            opinions="意见",
            adoption="采纳",
            actor=people["sfj_clerk"],
        )


def test_publication_starts_and_completes_the_clock(decision, people, adviser):
    from fazhi.core.models import Deadline

    published(decision, people, adviser)
    d = Deadline.objects.filter(record_type="decisions.majordecision", record_id=str(decision.pk))
    assert d.count() == 1 and d.get().state == Deadline.State.DONE


# --- execution, evaluation, archive (第33–36条) ------------------------------------------------


def test_evaluation_refused_before_publication_and_to_the_pre_decision_assessor(
    decision, people, adviser
):
    kw = dict(
        trigger="complaints",
        trigger_detail="群众意见较多",
        started_on=TODAY(),
        actor=people["sfj_clerk"],
    )
    with pytest.raises(ValidationError, match="尚未公布"):
        services.start_evaluation(decision, evaluator="某研究中心", **kw)
    published(decision, people, adviser)
    with pytest.raises(ValidationError, match="不得承担决策后评估（条例第36条）"):
        services.start_evaluation(
            decision, evaluator="测试社会稳定风险评估中心", third_party=True, **kw
        )
    with pytest.raises(ValidationError, match="不得承担决策后评估"):
        services.start_evaluation(decision, evaluator=" 测试学院 法学院", third_party=True, **kw)
    with pytest.raises(ValidationError, match="启动决策后评估的情形"):
        services.start_evaluation(decision, evaluator="某研究中心", **{**kw, "trigger": "whim"})
    ev = services.start_evaluation(decision, evaluator="某研究中心", third_party=True, **kw)
    with pytest.raises(ValidationError, match="上一次决策后评估尚未完成"):
        services.start_evaluation(decision, evaluator="另一中心", **kw)
    with pytest.raises(ValidationError, match="评估建议"):
        services.finish_evaluation(
            ev,
            finished_on=TODAY(),
            result="基本达到预期",
            recommendation="",
            actor=people["sfj_clerk"],
        )
    services.finish_evaluation(
        ev,
        finished_on=TODAY(),
        result="基本达到预期",
        recommendation="continue",
        actor=people["sfj_clerk"],
    )


def test_execution_and_archive_refused_before_publication(decision, people):
    with pytest.raises(ValidationError, match="尚未公布"):
        services.add_execution_note(
            decision, on=TODAY(), unit=decision.unit, note="推进中", actor=people["sfj_clerk"]
        )
    with pytest.raises(ValidationError, match="暂不能归档"):
        services.archive_decision(
            decision, archived_on=TODAY(), reference="A-1", actor=people["sfj_clerk"]
        )


def test_other_unit_and_leader_cannot_act(decision, people):
    for who in ("scjg_clerk", "leader"):
        with pytest.raises(PermissionDenied):
            services.record_exemption(
                decision, reason="理由", approved_by="副区长", actor=people[who]
            )
    decision.refresh_from_db()
    assert decision.participation == ""


def _consult(decision, clerk, start, days=30):
    """A consultation of ``decision`` opened on the past day ``start`` for ``days`` days
    (the consultation interface takes no date; the demo back-dates the same way)."""
    from fazhi.consultation import services as consultation

    def opener(**kw):
        draft = consultation.create_draft(**kw)
        return consultation.open_draft(draft, actor=kw["actor"], today=start)

    return services.open_consultation(
        decision,
        opens_on=start,
        closes_on=start + dt.timedelta(days=days),
        actor=clerk,
        opener=opener,
    )


def _comment_and_summarize(c, clerk, *, closed_on, reason=""):
    from fazhi.consultation import services as consultation

    x = consultation.submit_comment(
        c,
        body="建议明确辅助人员的培训要求。",
        client_address="192.0.2.1",
        now=timezone.make_aware(dt.datetime.combine(c.opens_on, dt.time(10))),
    )
    consultation.moderate(x, publish=True, actor=clerk)
    consultation.respond(x, response="adopted", reason="", actor=clerk)
    consultation.close(c, actor=clerk, reason=reason, today=closed_on)
    consultation.generate_summary(c, actor=clerk)
    consultation.publish_summary(c, actor=clerk)


def test_full_procedure_with_online_consultation(decision, people, adviser):
    """The consultation route end to end: comment, answer, summary, then the review."""
    clerk = people["sfj_clerk"]
    start = TODAY() - dt.timedelta(days=40)
    c = _consult(decision, clerk, start)
    prepare(decision, people, exempt=False)
    _comment_and_summarize(c, clerk, closed_on=start + dt.timedelta(days=31))
    decision.refresh_from_db()
    assert services.participation_status(decision)[0]
    services.request_legality_review(decision, actor=clerk)
    pass_review(decision, people, adviser)
    approve(decision, people)
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DECIDED
    assert decision.participation == "consultation"
    assert services.consultation().comment_counts(decision)["adopted"] == 1
    assert CatalogItem.objects.get(pk=decision.item_id).state == "included"


def test_consultation_closed_early_is_not_public_participation(decision, people, adviser):
    """条例第15条: a period under 30 days must be explained when the consultation opens.
    Announced for 30 days and closed after 10, it does not count: the review is refused
    until the draft has been put out for comment again (or exempted)."""
    clerk = people["sfj_clerk"]
    start = TODAY() - dt.timedelta(days=60)
    c = _consult(decision, clerk, start)
    prepare(decision, people, exempt=False)
    _comment_and_summarize(
        c, clerk, closed_on=start + dt.timedelta(days=10), reason="上级要求提前报送"
    )
    decision.refresh_from_db()
    done, why = services.participation_status(decision)
    assert not done and "提前结束" in why and "实际只征求意见10日" in why
    with pytest.raises(ValidationError, match="提前结束"):
        services.request_legality_review(decision, actor=clerk)
    # Put out for comment again, for the full period: now it counts.
    again = _consult(decision, clerk, start + dt.timedelta(days=12))
    _comment_and_summarize(again, clerk, closed_on=start + dt.timedelta(days=43))
    decision.refresh_from_db()
    assert services.participation_status(decision)[0]
    services.request_legality_review(decision, actor=clerk)


def test_execution_report_clock(decision, people, adviser, district):
    from fazhi.core.models import Deadline

    published(decision, people, adviser)
    due = TODAY() + dt.timedelta(days=30)
    with pytest.raises(ValidationError, match="不能早于决策公布日期"):
        services.schedule_execution_report(
            decision,
            due=TODAY() - dt.timedelta(days=400),
            unit=district["town"],
            actor=people["sfj_clerk"],
        )
    d = services.schedule_execution_report(
        decision, due=due, unit=district["town"], actor=people["sfj_clerk"]
    )
    assert d.due_date == due and d.clock == "decisions.execution_report"
    # The executing unit (a township) reports; its clock is done.
    services.add_execution_note(
        decision,
        on=TODAY(),
        unit=district["town"],
        note="已完成入户宣传",
        actor=people["town_clerk"],
    )
    d.refresh_from_db()
    assert d.state == Deadline.State.DONE
    with pytest.raises(PermissionDenied, match="承办单位或执行单位"):
        services.add_execution_note(
            decision, on=TODAY(), unit=district["town"], note="代报", actor=people["scjg_clerk"]
        )


def test_acts_cannot_be_recorded_ahead_of_today(decision, people, adviser):
    """A meeting, a report to the Party committee or a publication is recorded on the day
    it happened: a date after today (e.g. a mistyped year) is refused, and nothing moves."""
    tomorrow = TODAY() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="论证日期不能晚于今天"):
        services.record_expert_review(
            decision,
            held_on=dt.date(9999, 12, 31),
            form="论证会",
            organizer="某学院",
            experts="甲",
            opinions="可行",
            adoption="采纳",
            actor=people["sfj_clerk"],
        )
    decided(decision, people, adviser)
    with pytest.raises(ValidationError, match="请示报告日期不能晚于今天"):
        services.record_party_report(
            decision, reported_on=tomorrow, document="请示", actor=people["sfj_clerk"]
        )
    services.record_party_report(
        decision, reported_on=TODAY(), document="请示", actor=people["sfj_clerk"]
    )
    with pytest.raises(ValidationError, match="公布日期不能晚于今天"):
        services.publish_decision(
            decision,
            published_on=tomorrow,
            channel="门户网站",
            published_text="全文",
            adoption_note="已采纳",
            actor=people["sfj_clerk"],
        )
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DECIDED
    assert not decision.expert_reviews.filter(held_on__year=9999).exists()


def test_meeting_cannot_be_recorded_ahead_of_today(decision, people, adviser):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    with pytest.raises(ValidationError, match="会议日期不能晚于今天"):
        approve(decision, people, on=TODAY() + dt.timedelta(days=7))
    assert not decision.meetings.exists()
