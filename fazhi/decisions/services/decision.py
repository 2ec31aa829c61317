"""The collective decision (第30条), the report to the Party committee (第31条) and
publication (第32条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import events
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing

from ..deadlines import PUBLISH_CLOCK
from ..models import (
    CollectiveDecision,
    MajorDecision,
)
from .common import (
    _attach,
    _check_before_decision,
    _check_decision,
    _dstate,
    _lock,
    _log,
    _past,
    _require,
    _text,
    decision_url,
    legal,
)
from .procedures import _check_preliminary


@transaction.atomic
def record_collective_decision(
    decision: MajorDecision,
    *,
    meeting_kind: str,
    meeting_name: str,
    meeting_on: dt.date,
    attendees: int,
    outcome: str,
    dissent: str,
    head_decision: str,
    actor,
    head_departs: bool = False,
    head_reason: str = "",
    files=(),
) -> CollectiveDecision:
    """集体讨论决定 (条例第30条). Refused before a passed legality review (第25条) and before
    the public participation is complete or exempted (第14–15条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    passed = decision.legality_requested_on is not None and legal().review_passed(decision)
    if not passed:
        raise ValidationError(
            "未经合法性审查或者经审查不合法的，不得提交集体讨论（条例第25条）；"
            "公开征求意见、专家论证不能代替合法性审查"
        )
    _check_preliminary(decision)
    if meeting_kind not in CollectiveDecision.MeetingKind.values:
        raise ValidationError("重大行政决策应当经决策机关常务会议或者全体会议讨论（条例第30条）")
    if outcome not in CollectiveDecision.Outcome.values:
        raise ValidationError("请选择决定结果")
    _past(meeting_on, "会议日期")
    if decision.legality_requested_on and meeting_on < decision.legality_requested_on:
        raise ValidationError("会议日期不能早于提请合法性审查的日期")
    opinion_on = legal().review_passed_on(decision)
    if opinion_on and meeting_on < opinion_on:
        raise ValidationError(
            f"会议日期不能早于合法性审查意见的出具日期（{opinion_on:%Y-%m-%d}）："
            "未经合法性审查的，不得提交集体讨论（条例第25条）"
        )
    if not attendees or attendees < 1:
        raise ValidationError("请填写出席会议的组成人员人数")
    meeting_name = _require(meeting_name, "请填写会议名称（如：区政府第35次常务会议）")
    dissent = _require(
        dissent, "集体讨论中的不同意见应当如实载明（条例第30条）；没有不同意见的请填写“无”"
    )
    head_decision = _require(
        head_decision, "请记录行政首长在集体讨论基础上最后作出的决定（条例第30条）"
    )
    if head_departs and not _text(head_reason):
        raise ValidationError(
            "行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由（条例第30条）"
        )
    meeting = CollectiveDecision.objects.create(
        decision=decision,
        meeting_kind=meeting_kind,
        meeting_name=meeting_name[:100],
        meeting_on=meeting_on,
        attendees=attendees,
        outcome=outcome,
        dissent=dissent,
        head_decision=head_decision,
        head_departs=bool(head_departs),
        head_reason=_text(head_reason),
        created_by=actor,
    )
    before = _dstate(decision)
    fields = ["state"]
    if outcome == CollectiveDecision.Outcome.APPROVED:
        decision.state = MajorDecision.State.DECIDED
        decision.decided_on = meeting_on
        decision.legality_passed = True
        decision.legality_summary = (legal().review_summary(decision) or "合法性审查通过")[:500]
        fields += ["decided_on", "legality_passed", "legality_summary"]
    elif outcome == CollectiveDecision.Outcome.REJECTED:
        decision.state = MajorDecision.State.REJECTED
    else:
        decision.state = MajorDecision.State.DEFERRED
    decision.save(update_fields=fields)
    hashes = _attach(meeting, files, actor=actor, unit=decision.unit, description="会议纪要")
    _log(
        decision,
        "collective_decision",
        actor,
        f"{meeting_on:%Y-%m-%d}{meeting.meeting_name}集体讨论（出席{attendees}人）："
        f"{meeting.get_outcome_display()}；不同意见：{dissent}",
        before=before,
        after=_dstate(decision) | {"meeting": meeting.pk},
        attachments=hashes,
    )
    if outcome == CollectiveDecision.Outcome.APPROVED:
        try:
            core.start_deadline(
                record=decision,
                clock=PUBLISH_CLOCK,
                start=meeting_on,
                unit=decision.unit,
                title=f"公布重大行政决策：{decision.title}",
                url=decision_url(decision) + "publish/",
                actor=actor,
            )
        except CalendarMissing as exc:
            # A missing calendar year must not block recording the decision itself; the
            # record says why the clock is not on the board.
            _log(decision, "deadline_missing", actor, f"未能开始计算公布期限：{exc}")
    return meeting


@transaction.atomic
def record_party_report(
    decision: MajorDecision, *, reported_on: dt.date, document: str, actor, note: str = "", files=()
) -> MajorDecision:
    """重大行政决策出台前应当按照规定向同级党委请示报告 (条例第31条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state == MajorDecision.State.PUBLISHED:
        raise ValidationError("决策已经公布，请示报告应在出台前进行（条例第31条）")
    if decision.state != MajorDecision.State.DECIDED:
        raise ValidationError("决策尚未经集体讨论决定通过，暂不能登记出台前的请示报告")
    _past(reported_on, "请示报告日期")
    if decision.decided_on and reported_on < decision.decided_on:
        raise ValidationError("请示报告日期不能早于集体讨论决定的日期")
    document = _require(document, "请填写请示报告的文件（如：关于……的请示）")
    before = {"party_reported_on": decision.party_reported_on}
    decision.party_reported_on = reported_on
    decision.party_report_document = document[:200]
    decision.party_report_note = _text(note)[:500]
    decision.save(update_fields=["party_reported_on", "party_report_document", "party_report_note"])
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="请示报告")
    _log(
        decision,
        "party_report",
        actor,
        f"{reported_on:%Y-%m-%d}向同级党委请示报告（{document}）"
        + (f"：{decision.party_report_note}" if decision.party_report_note else ""),
        before=before,
        after={"party_reported_on": reported_on, "document": document},
        attachments=hashes,
    )
    return decision


@transaction.atomic
def publish_decision(
    decision: MajorDecision,
    *,
    published_on: dt.date,
    channel: str,
    published_text: str,
    actor,
    document_number: str = "",
    adoption_note: str = "",
    files=(),
) -> MajorDecision:
    """公布 (条例第32条): only an approved decision, after the report to the Party committee."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state == MajorDecision.State.PUBLISHED:
        raise ValidationError("该决策已经公布")
    if decision.state == MajorDecision.State.REJECTED:
        raise ValidationError("该决策草案未获集体讨论通过，不能公布")
    if decision.state != MajorDecision.State.DECIDED:
        raise ValidationError("决策尚未经集体讨论决定通过，不得公布（条例第30条、第32条）")
    if decision.party_reported_on is None:
        raise ValidationError(
            "重大行政决策出台前应当按照规定向同级党委请示报告（条例第31条），请先登记请示报告情况"
        )
    _past(published_on, "公布日期")
    if published_on < decision.decided_on or published_on < decision.party_reported_on:
        raise ValidationError("公布日期不能早于决定日期和向党委请示报告的日期")
    channel = _require(channel, "请填写公布渠道（政府公报、政府网站或本地报刊等，条例第32条）")
    published_text = _require(published_text, "请填写公布的决策文本")
    needs_note = (
        decision.participation == MajorDecision.Participation.CONSULTATION
        or decision.expert_reviews.exists()
    )
    if needs_note and not _text(adoption_note):
        raise ValidationError("请说明公众意见、专家论证意见的采纳情况（条例第32条）")
    before = _dstate(decision)
    decision.state = MajorDecision.State.PUBLISHED
    decision.published_on = published_on
    decision.publication_channel = channel[:100]
    decision.document_number = _text(document_number)[:100]
    decision.published_text = published_text
    decision.adoption_note = _text(adoption_note)
    decision.save(
        update_fields=[
            "state",
            "published_on",
            "publication_channel",
            "document_number",
            "published_text",
            "adoption_note",
        ]
    )
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="公布文本")
    _log(
        decision,
        "publish",
        actor,
        f"{published_on:%Y-%m-%d}通过{channel}公布"
        + (f"（{decision.document_number}）" if decision.document_number else ""),
        before=before,
        after=_dstate(decision),
        attachments=hashes,
    )
    rt, rid = events.record_ref(decision)
    for d in Deadline.objects.filter(
        record_type=rt, record_id=rid, clock=PUBLISH_CLOCK, state=Deadline.State.RUNNING
    ):
        core.complete_deadline(d, on=published_on, actor=None)
    return decision
