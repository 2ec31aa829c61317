"""Each drawn entity's result and its publication.

Results public within 20 working days of the check (“谁检查、谁录入、谁公开”, on 国家企业
信用信息公示系统; rules.md §6): the clock ``inspections.publication`` starts when the
result is first recorded, from the check date. Publishing after the due date is allowed
only with the reason, and stays flagged late (publish_due_on < published_on). A follow-up
enforcement case is linked by its 案号, checked through ``enforcement.interface`` (it exists,
a responsible department of the task handles it, it was filed on or after the check), and
kept as that reference (no foreign key across modules).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.enforcement.interface import case_by_number

from ..deadlines import PUBLICATION
from ..models import DrawnEntity, InspectionTask
from .common import need_change, past, record, required

WHAT = "本单位牵头的抽查任务的检查结果"
OPEN_STATES = (InspectionTask.State.DRAWN, InspectionTask.State.CHECKING)


def _need_change(actor, drawn: DrawnEntity) -> None:
    """The lead department, or any responsible department of a joint task (谁检查、谁录入、
    谁公开: each department records what its inspectors checked)."""
    if actor is None or access.can(actor, "change", drawn.unit):
        return
    if any(access.can(actor, "change", d) for d in drawn.task.departments.all()):
        return
    need_change(actor, drawn.unit, WHAT)


def _lock(drawn: DrawnEntity) -> DrawnEntity:
    return (
        DrawnEntity.objects.select_for_update()
        .select_related("task", "unit", "entity")
        .get(pk=drawn.pk)
    )


@transaction.atomic
def record_result(
    drawn: DrawnEntity, *, outcome: str, checked_on: dt.date, actor, note: str = ""
) -> DrawnEntity:
    """The check's outcome (the lead department records it; a correction before
    publication is allowed, with the same check date)."""
    drawn = _lock(drawn)
    task = drawn.task
    _need_change(actor, drawn)
    if task.state not in OPEN_STATES:
        raise ValidationError(f"抽查任务{task.get_state_display()}，不能登记检查结果")
    if drawn.published_on:
        raise ValidationError("检查结果已经公示，不能修改")
    if outcome not in DrawnEntity.Outcome.values or not outcome:
        raise ValidationError("请选择检查结果")
    checked_on = past(checked_on, "检查日期")
    if not task.starts_on <= checked_on <= task.ends_on:
        raise ValidationError(
            f"检查日期应在任务的检查期间内（{task.starts_on:%Y-%m-%d}至{task.ends_on:%Y-%m-%d}）"
        )
    if drawn.checked_on and drawn.checked_on != checked_on:
        raise ValidationError(f"检查日期已登记为{drawn.checked_on:%Y-%m-%d}，不能更改")
    before = {"outcome": drawn.outcome, "checked_on": drawn.checked_on, "note": drawn.note}
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError("检查情况不能超过2000字")
    first = drawn.deadline_id is None
    if first:
        dl = core.start_deadline(
            record=drawn,
            clock=PUBLICATION,
            start=checked_on,
            unit=drawn.unit,
            title=f"{drawn.entity.name}的抽查结果公示",
            url=f"/office/inspections/tasks/{task.pk}/",
            actor=actor,
        )
        drawn.deadline = dl
        drawn.publish_due_on = dl.due_date
    drawn.outcome, drawn.checked_on, drawn.note = outcome, checked_on, note
    drawn.save()
    if task.state == InspectionTask.State.DRAWN:
        task = InspectionTask.objects.select_for_update().get(pk=task.pk)
        task.state = InspectionTask.State.CHECKING
        task.save(update_fields=["state"])
        task.refresh_from_db()
        record(task, "inspections_task_checking", actor, task.unit, "抽查任务开始检查",
               before={"state": InspectionTask.State.DRAWN}, after={"state": task.state})  # fmt: skip
    record(
        drawn,
        "inspections_result_record",
        actor,
        drawn.unit,
        f"{checked_on:%Y-%m-%d}检查{drawn.entity.name}：{drawn.get_outcome_display()}"
        + (f"，应于{drawn.publish_due_on:%Y-%m-%d}前公示" if first else ""),
        before=before,
        after={"outcome": outcome, "checked_on": checked_on, "note": note},
    )
    return drawn


@transaction.atomic
def publish_results(drawn_list, *, on: dt.date, actor, late_reason: str = "") -> list[DrawnEntity]:
    """Publish recorded results (a list of drawn entities, or a task: all its recorded,
    unpublished results). One late result without a reason refuses the whole batch."""
    if isinstance(drawn_list, InspectionTask):
        pks = list(
            DrawnEntity.objects.filter(task=drawn_list, published_on=None)
            .exclude(outcome="")
            .values_list("pk", flat=True)
        )
    else:
        pks = [d.pk for d in drawn_list]
    if not pks:
        raise ValidationError("没有可以公示的检查结果")
    rows = list(
        DrawnEntity.objects.select_for_update()
        .select_related("task", "unit", "entity")
        .filter(pk__in=pks)
        .order_by("task_id", "order")
    )
    for d in rows:
        _need_change(actor, d)
    on = past(on, "公示日期")
    late_reason = (late_reason or "").strip()
    for d in rows:
        if d.task.state not in OPEN_STATES:
            raise ValidationError(f"抽查任务{d.task.get_state_display()}，不能公示检查结果")
        if not d.outcome:
            raise ValidationError(f"{d.entity.name}尚未登记检查结果，不能公示")
        if d.published_on:
            raise ValidationError(f"{d.entity.name}的检查结果已经公示")
        if on < d.checked_on:
            raise ValidationError("公示日期不能早于检查日期")
        if on > d.publish_due_on and not late_reason:
            raise ValidationError(
                f"{d.entity.name}的检查结果公示期限已于{d.publish_due_on:%Y-%m-%d}届满，"
                "逾期公示须填写逾期原因，公示将标注为逾期"
            )
    if len(late_reason) > 300:
        raise ValidationError("逾期原因不能超过300字")
    tasks = {}
    for d in rows:
        late = on > d.publish_due_on
        d.published_on = on
        d.late_reason = late_reason if late else ""
        d.save(update_fields=["published_on", "late_reason"])
        dl = Deadline.objects.filter(pk=d.deadline_id).first()
        if dl is not None and dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
            core.complete_deadline(dl, on=on, actor=actor)
        record(
            d,
            "inspections_result_publish",
            actor,
            d.unit,
            f"{on:%Y-%m-%d}公示{d.entity.name}的抽查结果"
            + (f"（逾期：{late_reason}）" if late else ""),
            after={"published_on": on, "late": late},
        )
        tasks[d.task_id] = d.task
    for task in tasks.values():
        if not DrawnEntity.objects.filter(task=task, published_on=None).exists():
            task = InspectionTask.objects.select_for_update().get(pk=task.pk)
            before = task.state
            task.state = InspectionTask.State.DONE
            task.save(update_fields=["state"])
            task.refresh_from_db()
            record(task, "inspections_task_done", actor, task.unit,
                   "抽查结果已全部公示，抽查任务完成", before={"state": before},
                   after={"state": task.state})  # fmt: skip
    return rows


@transaction.atomic
def link_case(drawn: DrawnEntity, *, case_ref: str, actor) -> DrawnEntity:
    """Link the enforcement case filed on a problem found (发现问题已立案查处)."""
    drawn = _lock(drawn)
    _need_change(actor, drawn)
    if drawn.outcome != DrawnEntity.Outcome.CASE:
        raise ValidationError("只有检查结果为“发现问题已立案查处”的，才能关联执法案件")
    case_ref = required(case_ref, "执法案件编号", 60)
    before = drawn.case_ref
    if before == case_ref:
        raise ValidationError("已经关联该执法案件")
    case = case_by_number(case_ref)
    if case is None:
        raise ValidationError(f"行政执法中没有案号为“{case_ref}”的案件，请先在行政执法中立案")
    if case.unit_id not in {d.pk for d in drawn.task.departments.all()}:
        raise ValidationError(f"案件“{case_ref}”不是本抽查任务的责任部门办理的")
    if case.filed_on < drawn.checked_on:
        raise ValidationError(
            f"案件“{case_ref}”于{case.filed_on:%Y-%m-%d}立案，早于本次检查"
            f"（{drawn.checked_on:%Y-%m-%d}），不是检查发现问题后立的案"
        )
    drawn.case_ref = case_ref
    drawn.save(update_fields=["case_ref"])
    record(
        drawn,
        "inspections_result_link_case",
        actor,
        drawn.unit,
        f"{drawn.entity.name}的抽查结果关联执法案件{case_ref}",
        before={"case_ref": before},
        after={"case_ref": case_ref},
    )
    return drawn
