"""A decision's procedures before the collective decision: start from a catalogue item, draft,
public participation or its exemption (第14–15条), expert review (第19条), risk assessment
(第22–24条), legality review (第25–28条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import locking
from fazhi.core import services as core
from fazhi.core.models import OrgUnit

from ..models import (
    CatalogItem,
    DecisionCatalog,
    ExpertReview,
    MajorDecision,
    RiskAssessment,
)
from .common import (
    KIND,
    _attach,
    _check_before_decision,
    _check_change,
    _check_decision,
    _dstate,
    _lock,
    _log,
    _past,
    _require,
    _text,
    comment_days,
    consultation,
    decision_url,
    legal,
)


@transaction.atomic
def start_decision(
    item: CatalogItem, *, actor, title: str = "", draft: str = "", explanation: str = "", files=()
) -> MajorDecision:
    """Start the procedure for a catalogue item (决策启动, 条例第9–13条)."""
    item = CatalogItem.objects.select_related("catalog__unit", "unit").get(pk=item.pk)
    _check_change(actor, item.unit, "只有承办单位可以启动该事项的决策程序")
    if (
        item.state != CatalogItem.State.INCLUDED
        or item.catalog.state != DecisionCatalog.State.PUBLISHED
    ):
        raise ValidationError(
            "只有列入已公布的决策事项目录的事项才能启动重大行政决策程序（条例第3条第3款）"
        )
    if MajorDecision.objects.filter(item=item).exists():
        raise ValidationError("该事项已启动决策程序")
    decision = MajorDecision.objects.create(
        item=item,
        unit=item.unit,
        body=item.catalog.unit,
        year=item.catalog.year,
        title=(_text(title) or item.title)[:200],
        draft=_text(draft),
        explanation=_text(explanation),
        created_by=actor,
    )
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="决策草案")
    _log(
        decision,
        "decision_start",
        actor,
        f"启动重大行政决策程序：{decision.title}（目录{item.catalog.year}年第{item.number}项）",
        after=_dstate(decision),
        attachments=hashes,
    )
    return decision


@transaction.atomic
def update_draft(
    decision: MajorDecision,
    *,
    title: str,
    draft: str,
    explanation: str,
    actor,
    files=(),
    version=None,
) -> MajorDecision:
    """``version``: what the edit form was opened at (``locking.claim``)."""
    decision = _lock(decision)
    locking.claim(decision, version)
    _check_decision(actor, decision)
    if decision.state != MajorDecision.State.DRAFTING:
        raise ValidationError("决策草案已提请合法性审查，不能再修改")
    before = {"title": decision.title, "draft": decision.draft, "explanation": decision.explanation}
    decision.title = _require(title, "请填写决策名称")[:200]
    decision.draft = _text(draft)
    decision.explanation = _text(explanation)
    decision.save(update_fields=["title", "draft", "explanation"])
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="决策草案")
    _log(
        decision,
        "draft_update",
        actor,
        "修改决策草案及起草说明",
        before=before,
        after={
            "title": decision.title,
            "draft": decision.draft,
            "explanation": decision.explanation,
        },
        attachments=hashes,
    )
    return decision


def _check_participation_open(decision: MajorDecision) -> None:
    _check_before_decision(decision)
    if decision.state != MajorDecision.State.DRAFTING:
        raise ValidationError("决策草案已提请合法性审查，不能再变更公众参与方式")
    if decision.participation:
        # A consultation closed before the statutory period does not count (consultation
        # .services.cut_short): the unit may consult again or record an exemption.
        if (
            decision.participation == MajorDecision.Participation.CONSULTATION
            and consultation().cut_short(decision)
        ):
            return
        raise ValidationError(f"已登记公众参与方式：{decision.get_participation_display()}")


@transaction.atomic
def open_consultation(
    decision: MajorDecision,
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    actor,
    urgent_reason: str = "",
    opener=None,
):
    """公开征求意见 on the portal (条例第14–15条) through the consultation app.

    The period counts as the consultation app counts it: the opening day is not counted
    (民法典第201条), so 30 days opened on 11-01 close on 12-01 at the earliest. ``opener``
    replaces ``consultation.interface.open_consultation`` (the demo back-dates with it)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_participation_open(decision)
    if not decision.draft or not decision.explanation:
        raise ValidationError(
            "公开征求意见须公布决策草案及其说明（条例第14条），请先填写决策草案和起草说明"
        )
    if opens_on is None or closes_on is None or closes_on <= opens_on:
        raise ValidationError("截止日期应晚于开始日期")
    days = (closes_on - opens_on).days
    urgent_reason = _text(urgent_reason)
    if days < comment_days() and not urgent_reason:
        raise ValidationError(
            f"公开征求意见的期限一般不少于{comment_days()}日（条例第15条），本次仅{days}日；"
            "因情况紧急等原因需要缩短期限的，请在“缩短期限的理由”中予以说明"
        )
    cons = (opener or consultation().open_consultation)(
        subject=decision,
        kind=KIND,
        unit=decision.unit,
        title=decision.title,
        draft=decision.draft,
        explanation=decision.explanation,
        opens_on=opens_on,
        closes_on=closes_on,
        actor=actor,
        subject_url=decision_url(decision),
        urgent_reason=urgent_reason,
    )
    before = _dstate(decision)
    decision.participation = MajorDecision.Participation.CONSULTATION
    decision.save(update_fields=["participation"])
    _log(
        decision,
        "consultation_open",
        actor,
        f"公开征求意见：{opens_on:%Y-%m-%d}至{closes_on:%Y-%m-%d}（{days}日）"
        + (f"；缩短期限的理由：{urgent_reason}" if days < comment_days() else ""),
        before=before,
        after=_dstate(decision),
    )
    return cons


@transaction.atomic
def record_exemption(decision: MajorDecision, *, reason: str, approved_by: str, actor):
    """依法不予公开的决策事项 are not put out for public comment (条例第14条); the reason and
    who approved it are recorded."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_participation_open(decision)
    reason = _require(
        reason, "请写明不公开征求意见的理由（条例第14条：依法不予公开的决策事项除外）"
    )
    approved_by = _require(approved_by, "请填写批准不公开征求意见的负责人或会议")
    result = consultation().record_exemption(
        subject=decision, reason=reason, approved_by=approved_by, actor=actor
    )
    before = _dstate(decision)
    decision.participation = MajorDecision.Participation.EXEMPTION
    decision.save(update_fields=["participation"])
    _log(
        decision,
        "participation_exempt",
        actor,
        f"不公开征求意见（经{approved_by}批准）：{reason}",
        before=before,
        after=_dstate(decision),
    )
    return result


def participation_status(decision: MajorDecision) -> tuple[bool, str]:
    """(done, Chinese explanation) for the public-participation step."""
    if decision.participation == MajorDecision.Participation.EXEMPTION:
        return True, "已登记依法不公开征求意见的理由"
    if decision.participation == MajorDecision.Participation.CONSULTATION:
        done, message = consultation().participation_done(decision)
        return bool(done), message or ("已公开征求意见并公布意见采纳情况" if done else "")
    return False, (
        "尚未开展公众参与：请先公开征求意见，或登记依法不公开征求意见的理由（条例第14–15条）"
    )


@transaction.atomic
def record_expert_review(
    decision: MajorDecision,
    *,
    held_on: dt.date,
    form: str,
    organizer: str,
    experts: str,
    opinions: str,
    adoption: str,
    actor,
    files=(),
) -> ExpertReview:
    """专家论证 (条例第19–21条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    _past(held_on, "论证日期")
    review = ExpertReview.objects.create(
        decision=decision,
        held_on=held_on,
        form=_require(form, "请填写论证方式")[:50],
        organizer=_require(organizer, "请填写组织或承担论证的单位")[:100],
        experts=_require(experts, "请填写参加论证的专家"),
        opinions=_require(opinions, "请填写专家论证意见"),
        adoption=_require(adoption, "请说明专家意见的采纳情况（条例第21条）"),
        created_by=actor,
    )
    if decision.expert_not_required:
        decision.expert_not_required = ""
        decision.save(update_fields=["expert_not_required"])
    hashes = _attach(review, files, actor=actor, unit=decision.unit, description="专家论证意见")
    _log(
        decision,
        "expert_review",
        actor,
        f"{held_on:%Y-%m-%d}专家论证（{review.form}，{review.organizer}组织）",
        after={"expert_review": review.pk},
        attachments=hashes,
    )
    return review


@transaction.atomic
def waive_step(decision: MajorDecision, *, step: str, reason: str, actor) -> MajorDecision:
    """State why expert review (step "expert", 条例第19条: 专业性、技术性较强的) or risk
    assessment (step "risk", 第22条: 可能对社会稳定、公共安全等造成不利影响的) is not
    needed for this matter."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    if step == "expert":
        if decision.expert_reviews.exists():
            raise ValidationError("已开展专家论证，无需说明不论证的理由")
        reason = _require(reason, "请说明不需要专家论证的理由（条例第19条）")
        decision.expert_not_required = reason[:500]
        decision.save(update_fields=["expert_not_required"])
        summary = f"不需专家论证：{reason}"
    elif step == "risk":
        if decision.risk_assessments.exists():
            raise ValidationError("已开展风险评估，无需说明不评估的理由")
        reason = _require(reason, "请说明不需要风险评估的理由（条例第22条）")
        decision.risk_not_required = reason[:500]
        decision.save(update_fields=["risk_not_required"])
        summary = f"不需风险评估：{reason}"
    else:
        raise ValueError(step)
    _log(decision, f"{step}_waive", actor, summary)
    return decision


@transaction.atomic
def record_risk_assessment(
    decision: MajorDecision,
    *,
    assessed_on: dt.date,
    assessor: str,
    method: str,
    level: str,
    conclusion: str,
    measures: str = "",
    actor,
    files=(),
) -> RiskAssessment:
    """风险评估 (条例第22–24条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    _past(assessed_on, "评估日期")
    if level not in RiskAssessment.Level.values:
        raise ValidationError("请选择风险等级（低、中、高）")
    if level == RiskAssessment.Level.HIGH and not _text(measures):
        raise ValidationError(
            "风险等级为高的，须写明防范、化解风险的措施；风险不可控的，应调整决策草案等确保风险可控后"
            "方可决策（条例第24条）"
        )
    ra = RiskAssessment.objects.create(
        decision=decision,
        assessed_on=assessed_on,
        assessor=_require(assessor, "请填写承担评估的单位")[:100],
        method=_require(method, "请填写评估方式")[:200],
        level=level,
        conclusion=_require(conclusion, "请填写评估结论"),
        measures=_text(measures),
        created_by=actor,
    )
    if decision.risk_not_required:
        decision.risk_not_required = ""
        decision.save(update_fields=["risk_not_required"])
    hashes = _attach(ra, files, actor=actor, unit=decision.unit, description="风险评估报告")
    _log(
        decision,
        "risk_assessment",
        actor,
        f"{assessed_on:%Y-%m-%d}风险评估（{ra.assessor}）：风险等级{ra.get_level_display()}",
        after={"risk_assessment": ra.pk, "level": level},
        attachments=hashes,
    )
    return ra


def expert_status(decision: MajorDecision) -> tuple[bool, str]:
    if decision.expert_reviews.exists():
        return True, "已开展专家论证"
    if decision.expert_not_required:
        return True, f"不需专家论证：{decision.expert_not_required}"
    return False, "请先登记专家论证情况，或说明不需要专家论证的理由（条例第19条）"


def risk_status(decision: MajorDecision) -> tuple[bool, str]:
    latest = decision.risk_assessments.order_by("-assessed_on", "-pk").first()
    if latest is not None:
        return True, f"风险等级{latest.get_level_display()}"
    if decision.risk_not_required:
        return True, f"不需风险评估：{decision.risk_not_required}"
    return False, "请先登记风险评估情况，或说明不需要风险评估的理由（条例第22条）"


def _check_preliminary(decision: MajorDecision) -> None:
    """The three steps before the legality review are done (条例第26条)."""
    problems = []
    done, msg = participation_status(decision)
    if not done:
        problems.append(f"公众参与尚未完成：{msg}")
    for ok, msg in (expert_status(decision), risk_status(decision)):
        if not ok:
            problems.append(msg)
    if problems:
        raise ValidationError(problems)


def legality_status(decision: MajorDecision) -> tuple[bool, str]:
    if decision.legality_requested_on is None:
        return False, "尚未提请合法性审查"
    passed = legal().review_passed(decision)
    summary = legal().review_summary(decision) or ""
    return bool(passed), summary or ("已通过" if passed else "审查中")


@transaction.atomic
def request_legality_review(
    decision: MajorDecision,
    *,
    actor,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
    requester=None,
):
    """送请合法性审查 (条例第25–26条): the draft, its explanation and the participation,
    expert and risk materials go to the legality reviewer. ``materials`` are uploaded files
    the legal app stores with the request. ``requester`` replaces
    ``legal.interface.request_review`` (the demo back-dates with it)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    if not decision.draft or not decision.explanation:
        raise ValidationError("送请合法性审查须提供决策草案和起草说明（条例第26条）")
    _check_preliminary(decision)
    if decision.legality_requested_on is not None and legal().review_passed(decision):
        raise ValidationError("合法性审查已经通过，无需再次提请")
    review = (requester or legal().request_review)(
        subject=decision,
        kind=KIND,
        unit=decision.unit,
        title=decision.title,
        url=decision_url(decision),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=tuple(materials),
    )
    before = _dstate(decision)
    decision.state = MajorDecision.State.UNDER_REVIEW
    decision.legality_requested_on = on or core.today()
    decision.save(update_fields=["state", "legality_requested_on"])
    _log(
        decision,
        "legality_request",
        actor,
        "提请合法性审查" + (f"（审查单位：{reviewer_unit.name}）" if reviewer_unit else ""),
        before=before,
        after=_dstate(decision),
    )
    return review
