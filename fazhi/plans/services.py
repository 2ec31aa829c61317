"""Plan state changes: import, resolving names by hand, tasks by hand, reporting periods,
progress reports and their review. Each writes the full-process record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from .models import Assignment, Period, Plan, Progress, Section, Task
from .parsing import ParsedPlan, parse_plan
from .resolve import Resolution, UnitRef, resolve_names

REPORT_CLOCK = "plans.progress_report"
RESUBMIT_CLOCK = "plans.progress_resubmit"
EXTERNAL = "external"


def unit_refs() -> list[UnitRef]:
    return [
        UnitRef(
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            aliases=tuple(u.alias_list()),
            kind=u.kind,
            is_enforcement_agency=u.is_enforcement_agency,
        )
        for u in OrgUnit.objects.filter(active=True)
    ]


def place_names() -> tuple[str, ...]:
    """The government's name without its suffix (示范区人民政府 → 示范区) is a place prefix."""
    gov = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
    if gov is None:
        return ()
    name = gov.name.replace("人民政府", "")
    return (name,) if name else ()


def analyse(text: str) -> tuple[ParsedPlan, dict[str, Resolution]]:
    """Parse a plan text and resolve every listed name against the org units."""
    parsed = parse_plan(text)
    names = list(dict.fromkeys(n for t in parsed.tasks for n in t.responsible))
    resolutions = resolve_names(names, unit_refs(), place_names()) if names else []
    return parsed, {r.name: r for r in resolutions}


def _check_coordinator(actor) -> None:
    if actor is not None and not access.is_global(actor, "change"):
        raise PermissionDenied("只有统筹协调人员可以导入和维护计划")


@transaction.atomic
def import_plan(
    text: str,
    *,
    title: str = "",
    kind: str,
    start_year: int,
    end_year: int,
    actor,
    manual: dict[str, list[str] | str] | None = None,
) -> Plan:
    """Create a plan from its text. ``manual`` maps a name the resolver could not match to
    unit codes or "external" (the coordinator's choices on the review list); names still
    unmatched are kept on their tasks for later resolution, never dropped."""
    _check_coordinator(actor)
    parsed, resolutions = analyse(text)
    if parsed.errors:
        raise ValidationError([e.message for e in parsed.errors])
    if start_year > end_year:
        raise ValidationError("起始年度不能晚于截止年度")
    manual = manual or {}
    gov = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
    if gov is None:
        raise ValidationError("尚未建立区（县）人民政府单位，请先维护组织机构")
    plan = Plan.objects.create(
        title=(title or parsed.title or "未命名计划")[:200],
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        unit=gov,
        source_text=text,
        created_by=actor,
    )
    units = {u.code: u for u in OrgUnit.objects.all()}
    sections = {}
    for i, s in enumerate(parsed.sections):
        sections[s.number] = Section.objects.create(
            plan=plan, number=s.number, title=s.title, order=i, area=None
        )
    for t in parsed.tasks:
        task = Task.objects.create(
            plan=plan,
            section=sections[t.section],
            number=t.number,
            title=t.title[:300],
            body=t.body,
            responsible_text="、".join(t.responsible)[:500],
        )
        created = _assign(task, t.responsible, resolutions, manual, units)
        # Each task and assignment starts its own full-process record, so that the record
        # check can tell a row created here from one slipped in by SQL.
        events.append(
            action="task_import",
            record=task,
            actor=actor,
            unit=gov,
            summary=f"导入任务{task.number}：{task.title}",
        )
        _assignment_events(created, actor)
    events.append(
        action="plan_import",
        record=plan,
        actor=actor,
        unit=gov,
        summary=f"导入计划“{plan.title}”：{len(parsed.sections)}个部分、{len(parsed.tasks)}项任务",
        after={"sections": len(parsed.sections), "tasks": len(parsed.tasks)},
    )
    return plan


def _assignment_events(assignments: list[Assignment], actor) -> None:
    for a in assignments:
        events.append(
            action="assignment_create",
            record=a,
            actor=actor,
            unit=a.unit,
            summary=f"任务{a.task.number}分解至{a.unit.name}" + ("（牵头）" if a.is_lead else ""),
        )


def _assign(
    task: Task,
    names: list[str],
    resolutions: dict[str, Resolution],
    manual: dict,
    units: dict[str, OrgUnit],
) -> list[Assignment]:
    """Assign the task to the units the names resolve to; returns the new assignments."""
    order = 0
    new = []
    external, unmatched = [], []
    # A task keeps one lead: a unit added later (a name resolved by hand) is a participant.
    lead = task.lead_unit if task.pk else None
    for name in names:
        choice = manual.get(name)
        res = resolutions.get(name)
        if choice == EXTERNAL:
            external.append(name)
            continue
        if choice:
            codes, status = list(choice), "matched"
        elif res is None or res.status == "unmatched":
            unmatched.append(name)
            continue
        elif res.status == "external":
            external.append(name)
            continue
        else:
            codes, status = res.codes, res.status
        for code in codes:
            unit = units[code]
            is_lead = lead is None and status == "matched" and len(codes) == 1
            a, created = Assignment.objects.get_or_create(
                task=task,
                unit=unit,
                defaults={"is_lead": is_lead, "order": order, "listed_as": name[:100]},
            )
            if created:
                new.append(a)
                order += 1
                if is_lead:
                    lead = unit
    task.lead_unit = lead
    task.external_participants = external
    task.unmatched_names = unmatched
    task.save(update_fields=["lead_unit", "external_participants", "unmatched_names"])
    return new


@transaction.atomic
def resolve_name(task: Task, name: str, choice: list[str] | str, actor) -> Task:
    """The coordinator settles one unmatched name on a task (units or external)."""
    _check_coordinator(actor)
    if name not in task.unmatched_names:
        raise ValidationError(f"任务{task.number}没有待确认的单位名称“{name}”")
    units = {u.code: u for u in OrgUnit.objects.all()}
    if choice != EXTERNAL:
        missing = [c for c in choice if c not in units]
        if missing or not choice:
            raise ValidationError("请选择至少一个有效单位，或标记为政府系统外单位")
    names = [name]
    remaining = [n for n in task.unmatched_names if n != name]
    before = {"unmatched": task.unmatched_names}
    ext = list(task.external_participants)
    lead = task.lead_unit
    created = _assign(task, names, {}, {name: choice}, units)
    task.external_participants = ext + task.external_participants
    task.unmatched_names = remaining
    if lead is not None:
        task.lead_unit = lead
    task.save(update_fields=["external_participants", "unmatched_names", "lead_unit"])
    _assignment_events(created, actor)
    if period_ids := list(task.plan.periods.values_list("pk", flat=True)):
        for period in Period.objects.filter(
            pk__in=period_ids, report_due__gte=timezone.localdate()
        ):
            _open_deadlines(period, task.assignments.all(), actor)
    events.append(
        action="plan_resolve",
        record=task,
        actor=actor,
        unit=task.plan.unit,
        summary=f"任务{task.number}：“{name}”确认为"
        + ("政府系统外单位" if choice == EXTERNAL else "、".join(units[c].name for c in choice)),
        before=before,
        after={"unmatched": remaining},
    )
    return task


@transaction.atomic
def create_task(
    plan: Plan, *, section: Section, title: str, body: str, unit_codes: list[str], actor
) -> Task:
    """A task added by hand; the first unit leads."""
    _check_coordinator(actor)
    if not title.strip():
        raise ValidationError("请填写任务名称")
    if not unit_codes:
        raise ValidationError("请至少选择一个责任单位")
    if section.plan_id != plan.pk:
        raise ValidationError("所选部分不属于该计划")
    number = (plan.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    task = Task.objects.create(
        plan=plan, section=section, number=number, title=title.strip()[:300], body=body.strip()
    )
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=unit_codes)}
    created = []
    for i, code in enumerate(unit_codes):
        if code not in units:
            raise ValidationError(f"单位编码{code}不存在")
        created.append(
            Assignment.objects.create(task=task, unit=units[code], is_lead=i == 0, order=i)
        )
    task.lead_unit = units[unit_codes[0]]
    task.save(update_fields=["lead_unit"])
    _assignment_events(created, actor)
    for period in plan.periods.filter(report_due__gte=timezone.localdate()):
        _open_deadlines(period, task.assignments.all(), actor)
    events.append(
        action="task_create",
        record=task,
        actor=actor,
        unit=plan.unit,
        summary=f"新增任务{number}：{task.title}",
        after={"units": unit_codes},
    )
    return task


def _open_deadlines(period: Period, assignments, actor) -> None:
    for a in assignments.select_related("task", "unit"):
        exists = Deadline.objects.filter(
            clock=REPORT_CLOCK,
            record_type="plans.assignment",
            record_id=str(a.pk),
            start_date=period.report_due,
        ).exists()
        if exists or Progress.objects.filter(assignment=a, period=period).exists():
            continue
        core.start_deadline(
            record_type="plans.assignment",
            record_id=str(a.pk),
            clock=REPORT_CLOCK,
            start=period.report_due,
            unit=a.unit,
            title=f"报送{period.name}进展：任务{a.task.number} {a.task.title}"[:300],
            url=f"/office/plans/tasks/{a.task_id}/",
            actor=actor,
        )


@transaction.atomic
def open_period(
    plan: Plan, *, name: str, year: int, start: dt.date, end: dt.date, report_due: dt.date, actor
) -> Period:
    """A reporting period; every responsible unit gets a deadline for each of its tasks."""
    _check_coordinator(actor)
    if not name.strip():
        raise ValidationError("请填写报送周期名称")
    if end < start:
        raise ValidationError("截止日不能早于起始日")
    if report_due < start:
        raise ValidationError("报送期限不能早于周期起始日")
    if not plan.covers(year):
        raise ValidationError(f"计划覆盖{plan.start_year}—{plan.end_year}年，不含{year}年")
    if plan.periods.filter(name=name.strip()).exists():
        raise ValidationError(f"已存在名为“{name.strip()}”的报送周期")
    period = Period.objects.create(
        plan=plan, name=name.strip(), year=year, start=start, end=end, report_due=report_due
    )
    _open_deadlines(period, Assignment.objects.filter(task__plan=plan), actor)
    events.append(
        action="period_open",
        record=period,
        actor=actor,
        unit=plan.unit,
        summary=f"开启报送周期“{period.name}”，报送期限{report_due:%Y-%m-%d}",
        after={"start": start, "end": end, "due": report_due},
    )
    return period


def _close_deadlines(assignment: Assignment, on: dt.date, actor) -> bool:
    """Complete the open report/resubmission deadlines; True if all were met on time."""
    on_time = True
    for d in Deadline.objects.filter(
        record_type="plans.assignment",
        record_id=str(assignment.pk),
        state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED],
    ):
        if d.due_date and on > d.due_date:
            on_time = False
        core.complete_deadline(
            d, on=max(on, d.start_date) if d.clock == RESUBMIT_CLOCK else on, actor=actor
        )
    return on_time


@transaction.atomic
def submit_progress(
    assignment: Assignment,
    period: Period,
    *,
    text: str,
    status: str,
    actor,
    files=(),
    on: dt.date | None = None,
) -> Progress:
    """A responsible unit reports (or re-reports after a return) its progress on a task."""
    if not access.can(actor, "change", assignment.unit):
        raise PermissionDenied("只能报送本单位负责的任务进展")
    if period.plan_id != assignment.task.plan_id:
        raise ValidationError("报送周期与任务不属于同一计划")
    if not text.strip():
        raise ValidationError("请填写工作进展")
    if status not in Progress.Status.values:
        raise ValidationError("请选择完成情况")
    on = on or timezone.localdate()
    progress = Progress.objects.filter(assignment=assignment, period=period).first()
    if progress and progress.state == Progress.State.ACCEPTED:
        raise ValidationError("该进展已审核通过，不能再修改")
    if progress and progress.state == Progress.State.SUBMITTED:
        raise ValidationError("该进展已报送、正在审核，审核退回后才能修改")
    before = None
    if progress is None:
        progress = Progress(assignment=assignment, period=period)
    else:
        before = {"text": progress.text, "status": progress.status, "state": progress.state}
    progress.text, progress.status = text.strip(), status
    progress.state = Progress.State.SUBMITTED
    progress.submitted_at = (
        timezone.now()
        if on == timezone.localdate()
        else timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)))
    )
    progress.submitted_by = actor
    progress.return_reason = ""
    on_time = _close_deadlines(assignment, on, actor)
    if before is None:
        progress.on_time = on_time and on <= period.report_due
    progress.save()
    hashes = [
        core.attach(progress, f, actor=actor, unit=assignment.unit, description="佐证材料").sha256
        for f in files
    ]
    events.append(
        action="progress_submit",
        record=progress,
        actor=actor,
        unit=assignment.unit,
        summary=f"报送任务{assignment.task.number}的{period.name}进展"
        f"（{progress.get_status_display()}）",
        before=before,
        after={"text": progress.text, "status": status, "state": progress.state},
        attachments=hashes,
    )
    return progress


def can_review(actor, progress: Progress) -> bool:
    """The coordinator, or a reviewer of the task's lead unit."""
    task = progress.assignment.task
    if access.is_global(actor, "review"):
        return True
    return task.lead_unit is not None and access.can(actor, "review", task.lead_unit)


@transaction.atomic
def accept_progress(progress: Progress, actor, when=None) -> Progress:
    progress = Progress.objects.select_for_update().get(pk=progress.pk)
    if not can_review(actor, progress):
        raise PermissionDenied("只有统筹协调人员或牵头单位审核人可以审核进展")
    if progress.state != Progress.State.SUBMITTED:
        raise ValidationError("只能审核已报送的进展")
    progress.state = Progress.State.ACCEPTED
    progress.reviewed_at, progress.reviewed_by = when or timezone.now(), actor
    progress.save()
    events.append(
        action="progress_accept",
        record=progress,
        actor=actor,
        unit=progress.assignment.unit,
        summary=f"审核通过任务{progress.assignment.task.number}的进展",
        after={"state": progress.state},
    )
    return progress


@transaction.atomic
def return_progress(progress: Progress, *, reason: str, actor) -> Progress:
    """Return with a reason; the unit gets a resubmission deadline."""
    progress = Progress.objects.select_for_update().get(pk=progress.pk)
    if not can_review(actor, progress):
        raise PermissionDenied("只有统筹协调人员或牵头单位审核人可以退回进展")
    if progress.state != Progress.State.SUBMITTED:
        raise ValidationError("只能退回已报送的进展")
    if not reason.strip():
        raise ValidationError("退回时须说明理由")
    progress.state = Progress.State.RETURNED
    progress.return_reason = reason.strip()[:300]
    progress.reviewed_at, progress.reviewed_by = timezone.now(), actor
    progress.save()
    a = progress.assignment
    core.start_deadline(
        record_type="plans.assignment",
        record_id=str(a.pk),
        clock=RESUBMIT_CLOCK,
        start=timezone.localdate(),
        unit=a.unit,
        title=f"重新报送{progress.period.name}进展：任务{a.task.number} {a.task.title}"[:300],
        url=f"/office/plans/tasks/{a.task_id}/",
        actor=actor,
    )
    events.append(
        action="progress_return",
        record=progress,
        actor=actor,
        unit=a.unit,
        summary=f"退回任务{a.task.number}的进展：{progress.return_reason}",
        after={"state": progress.state, "reason": progress.return_reason},
    )
    return progress
