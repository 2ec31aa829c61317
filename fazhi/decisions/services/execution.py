"""After publication: execution reports (第34–35条), post-decision evaluation by someone other
than the pre-decision assessors (第36条), archiving (第33条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from ..deadlines import EXECUTION_CLOCK
from ..models import (
    ExecutionNote,
    MajorDecision,
    PostEvaluation,
)
from .common import (
    _attach,
    _check_decision,
    _dstate,
    _lock,
    _log,
    _norm,
    _past,
    _require,
    _text,
    decision_url,
)


def _check_published(decision: MajorDecision) -> None:
    if decision.state != MajorDecision.State.PUBLISHED:
        raise ValidationError("决策尚未公布，还不能登记执行情况和决策后评估")


@transaction.atomic
def schedule_execution_report(
    decision: MajorDecision, *, due: dt.date, unit: OrgUnit, actor
) -> Deadline:
    """The decision body sets when the executing unit next reports (条例第34–35条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_published(decision)
    if due is None or due < decision.published_on:
        raise ValidationError("报告日期不能早于决策公布日期")
    if due > core.today() + dt.timedelta(days=5 * 366):
        raise ValidationError("报告日期不能晚于五年以后，请检查填写的日期")
    deadline = core.start_deadline(
        record=decision,
        clock=EXECUTION_CLOCK,
        start=due,
        unit=unit,
        title=f"报告决策执行情况：{decision.title}",
        url=decision_url(decision) + "execution/",
        actor=actor,
    )
    _log(decision, "execution_schedule", actor, f"要求{unit.name}于{due:%Y-%m-%d}前报告执行情况")
    return deadline


@transaction.atomic
def add_execution_note(
    decision: MajorDecision,
    *,
    on: dt.date,
    unit: OrgUnit,
    note: str,
    actor,
    problems: str = "",
    files=(),
) -> ExecutionNote:
    """决策执行情况 (条例第34–35条): the executing unit reports progress and problems."""
    decision = _lock(decision)
    if actor is not None and not (
        access.can(actor, "change", decision.unit) or access.can(actor, "change", unit)
    ):
        raise PermissionDenied("只有承办单位或执行单位可以登记执行情况")
    _check_published(decision)
    if _past(on, "执行情况日期") < decision.published_on:
        raise ValidationError("执行情况日期不能早于决策公布日期")
    row = ExecutionNote.objects.create(
        decision=decision,
        on=on,
        unit=unit,
        note=_require(note, "请填写执行情况"),
        problems=_text(problems),
        created_by=actor,
    )
    hashes = _attach(row, files, actor=actor, unit=unit, description="执行情况材料")
    _log(
        decision,
        "execution_note",
        actor,
        f"{on:%Y-%m-%d}{unit.name}报告执行情况",
        after={"execution_note": row.pk},
        attachments=hashes,
    )
    rt, rid = events.record_ref(decision)
    due = (
        Deadline.objects.filter(
            record_type=rt,
            record_id=rid,
            clock=EXECUTION_CLOCK,
            unit=unit,
            state=Deadline.State.RUNNING,
        )
        .order_by("due_date")
        .first()
    )
    if due is not None:
        core.complete_deadline(due, on=on, actor=None)
    return row


def pre_decision_assessors(decision: MajorDecision) -> set[str]:
    """The units that did the main assessment before the decision (条例第36条)."""
    names = set(decision.risk_assessments.values_list("assessor", flat=True))
    names |= set(decision.expert_reviews.values_list("organizer", flat=True))
    return {n for n in names if _norm(n)}


@transaction.atomic
def start_evaluation(
    decision: MajorDecision,
    *,
    trigger: str,
    trigger_detail: str,
    evaluator: str,
    started_on: dt.date,
    actor,
    third_party: bool = False,
) -> PostEvaluation:
    """决策后评估 (条例第36条): on one of its three triggers; a third party may evaluate,
    except the unit that did the main pre-decision assessment."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_published(decision)
    if trigger not in PostEvaluation.Trigger.values:
        raise ValidationError(
            "请选择启动决策后评估的情形（条例第36条：明显未达到预期效果、公众提出较多意见、"
            "决策机关认为有必要）"
        )
    trigger_detail = _require(trigger_detail, "请写明启动决策后评估的具体理由")
    evaluator = _require(evaluator, "请填写承担评估的单位")
    conflict = next(
        (n for n in pre_decision_assessors(decision) if _norm(n) == _norm(evaluator)), None
    )
    if conflict:
        raise ValidationError(
            f"“{conflict}”在决策作出前承担了主要论证评估工作，不得承担决策后评估（条例第36条）"
        )
    if _past(started_on, "评估启动日期") < decision.published_on:
        raise ValidationError("评估启动日期不能早于决策公布日期")
    if decision.evaluations.filter(finished_on=None).exists():
        raise ValidationError("上一次决策后评估尚未完成")
    ev = PostEvaluation.objects.create(
        decision=decision,
        trigger=trigger,
        trigger_detail=trigger_detail,
        evaluator=evaluator[:100],
        third_party=bool(third_party),
        started_on=started_on,
        created_by=actor,
    )
    _log(
        decision,
        "evaluation_start",
        actor,
        f"{started_on:%Y-%m-%d}启动决策后评估（{ev.get_trigger_display()}）："
        f"{'委托第三方' if third_party else ''}{evaluator}承担",
        after={"evaluation": ev.pk},
    )
    return ev


@transaction.atomic
def finish_evaluation(
    evaluation: PostEvaluation,
    *,
    finished_on: dt.date,
    result: str,
    recommendation: str,
    actor,
    files=(),
) -> PostEvaluation:
    evaluation = PostEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    decision = _lock(evaluation.decision)
    _check_decision(actor, decision)
    if evaluation.finished_on is not None:
        raise ValidationError("该次决策后评估已经完成")
    if _past(finished_on, "完成日期") < evaluation.started_on:
        raise ValidationError("完成日期不能早于启动日期")
    if recommendation not in PostEvaluation.Recommendation.values:
        raise ValidationError("请选择评估建议（继续执行、调整完善或停止执行）")
    evaluation.result = _require(result, "请填写评估结果")
    evaluation.finished_on = finished_on
    evaluation.recommendation = recommendation
    evaluation.save(update_fields=["result", "finished_on", "recommendation"])
    hashes = _attach(evaluation, files, actor=actor, unit=decision.unit, description="评估报告")
    _log(
        decision,
        "evaluation_finish",
        actor,
        f"{finished_on:%Y-%m-%d}完成决策后评估：{evaluation.get_recommendation_display()}",
        after={"evaluation": evaluation.pk, "recommendation": recommendation},
        attachments=hashes,
    )
    return evaluation


@transaction.atomic
def archive_decision(
    decision: MajorDecision, *, archived_on: dt.date, reference: str, actor
) -> MajorDecision:
    """归档 (条例第33条): the process record and materials filed completely."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state not in (MajorDecision.State.PUBLISHED, MajorDecision.State.REJECTED):
        raise ValidationError("决策尚未公布（或经集体讨论未获通过），暂不能归档")
    if decision.archived_on is not None:
        raise ValidationError("该决策已经归档")
    _past(archived_on, "归档日期")
    if decision.published_on and archived_on < decision.published_on:
        raise ValidationError("归档日期不能早于公布日期")
    decision.archived_on = archived_on
    decision.archive_reference = _require(reference, "请填写档号")[:100]
    decision.save(update_fields=["archived_on", "archive_reference"])
    _log(
        decision,
        "archive",
        actor,
        f"{archived_on:%Y-%m-%d}立卷归档（档号{decision.archive_reference}）",
        after=_dstate(decision),
    )
    return decision
