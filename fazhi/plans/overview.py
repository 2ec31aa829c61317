"""The progress matrix (tasks × responsible units for one reporting period) and what hangs
off it: each unit's progress and evidence, and the review ledger.

Everything here reads through ``core.access``: a unit sees its own column, the lead unit
its participants' reports on the tasks it leads, coordinators and leaders everything (the
same rule as the task page; ``Assignment``/``Progress.scope_extra``). The page and its
XLSX exports share ``build_matrix`` so the spreadsheet says what the page says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from fazhi.core import access
from fazhi.core.models import Attachment, Event, OrgUnit

from .models import Assignment, Period, Plan, Progress, Task

# State of one unit's report on one task for one period: key -> (css class, label, mark).
# The mark repeats the colour's meaning in text, so the matrix does not rely on colour
# alone (WCAG 2.1 SC 1.4.1); the css colours are in core's app.css (AA contrast, tested).
CELL = {
    "none": ("fz-cell-none", "未报送", "○"),
    "late": ("fz-cell-late", "逾期未报", "!"),
    Progress.State.SUBMITTED.value: ("fz-cell-submitted", "待审核", "…"),
    Progress.State.ACCEPTED.value: ("fz-cell-accepted", "已通过", "✓"),
    Progress.State.RETURNED.value: ("fz-cell-returned", "已退回", "↩"),
}

REVIEW_ACTIONS = {"progress_accept": "通过", "progress_return": "退回"}


class Cell:
    """One unit's report state on one task: plain attributes, computed once, because a
    district plan's matrix has a thousand cells and the template reads each several times."""

    __slots__ = ("css", "key", "label", "lead", "mark", "name", "task", "unit", "url")

    def __init__(self, task: Task, unit: OrgUnit, lead: bool, key: str, query: str):
        self.task, self.unit, self.key, self.lead = task, unit, key, lead
        self.css, self.label, mark = CELL[key]
        self.mark = mark + ("★" if self.lead else "")
        self.name = f"{unit.display_name}：{self.label}" + ("（牵头）" if self.lead else "")
        # plans:assignment is tasks/<task>/units/<code>/ (urls.py), built from the task's URL.
        self.url = f"{task.unit_prefix}{unit.code}/{query}"


@dataclass
class Matrix:
    plan: Plan
    period: Period | None
    units: list[OrgUnit]
    rows: list[tuple[Task, list[Cell | None]]]
    counts: dict[str, int] = field(default_factory=dict)
    # unit pk -> {"total": responsible tasks, "reported": reports in, "accepted": ...}
    unit_counts: dict[int, dict[str, int]] = field(default_factory=dict)

    def cells(self, key: str | None = None) -> list[Cell]:
        return [c for _, cells in self.rows for c in cells if c and (key is None or c.key == key)]


def plans_for(user):
    """Coordinators and leaders see every plan; a unit sees plans it has tasks in."""
    if access.is_global(user, "view"):
        return Plan.objects.all()
    task_plans = access.restrict(Task.objects.all(), user, "view").values("plan_id")
    return Plan.objects.filter(pk__in=task_plans)


def plan_or_404(user, pk: int) -> Plan:
    plan = plans_for(user).filter(pk=pk).first()
    if plan is None:
        raise Http404("计划不存在或无权访问")
    return plan


def chosen_period(plan: Plan, raw: str | None) -> Period | None:
    """The period asked for (?period=), else the latest one; None before any is opened."""
    periods = list(plan.periods.all())
    return next((p for p in periods if str(p.pk) == (raw or "")), periods[-1] if periods else None)


def build_matrix(plan: Plan, user, period: Period | None) -> Matrix:
    """Tasks × units for one period, each cell the state of that unit's report."""
    tasks = list(access.restrict(plan.tasks.all(), user, "view"))
    # Assignments as plain values (a thousand in a district plan; model objects cost more
    # than the rest of the page): task -> unit -> (assignment id, is lead).
    visible = access.restrict(
        Assignment.objects.filter(task_id__in=[t.pk for t in tasks]), user, "view"
    )
    by_task: dict[int, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for a_pk, task_id, unit_id, lead in visible.values_list("pk", "task_id", "unit_id", "is_lead"):
        by_task[task_id][unit_id] = (a_pk, lead)
    unit_ids = {u for by_unit in by_task.values() for u in by_unit}
    units = list(OrgUnit.objects.filter(pk__in=unit_ids).order_by("sort_order", "code"))
    states: dict[int, str] = {}
    if period:
        states = dict(
            access.restrict(
                Progress.objects.filter(period=period, assignment__task__plan=plan), user, "view"
            ).values_list("assignment_id", "state")
        )
    late = period is not None and timezone.localdate() > period.report_due
    counts: dict[str, int] = defaultdict(int)
    unit_counts = {u.pk: {"total": 0, "reported": 0, "accepted": 0} for u in units}
    rows = []
    query = f"?period={period.pk}" if period else ""
    for t in tasks:
        t.unit_prefix = reverse("plans:task", args=[t.pk]) + "units/"
        by_unit = by_task.get(t.pk, {})
        cells: list[Cell | None] = []
        for u in units:
            if u.pk not in by_unit:
                cells.append(None)
                continue
            a_pk, lead = by_unit[u.pk]
            key = states.get(a_pk) or ("late" if late else "none")
            counts[key] += 1
            uc = unit_counts[u.pk]
            uc["total"] += 1
            uc["reported"] += a_pk in states
            uc["accepted"] += key == Progress.State.ACCEPTED
            cells.append(Cell(t, u, lead, key, query))
        rows.append((t, cells))
    return Matrix(plan, period, units, rows, dict(counts), unit_counts)


def row_html(cells: list[Cell | None]) -> SafeString:
    """One row's cells as HTML, joined here rather than by the template: a district plan's
    matrix has about a thousand cells, and rendering each through template tags (an if and
    four variables) took most of the page's time (0.2—0.6 s on the demo)."""
    out = []
    for c in cells:
        if c is None:
            out.append("<td></td>")
            continue
        out.append(
            f'<td class="{c.css}"><a href="{escape(c.url)}"><span aria-hidden="true">'
            f'{escape(c.mark)}</span><span class="visually-hidden">{escape(c.name)}</span></a></td>'
        )
    return mark_safe("".join(out))  # every value above is escaped (html.escape, quotes too)


@login_required
def matrix(request, pk: int):
    """Tasks × units for one period, coloured by the state of each unit's report; every
    cell and count links to the unit's progress and evidence."""
    plan = plan_or_404(request.user, pk)
    period = chosen_period(plan, request.GET.get("period"))
    m = build_matrix(plan, request.user, period)
    state = request.GET.get("state")
    state = state if state in CELL else None
    legend = [
        (key, css, label, mark, m.counts.get(key, 0)) for key, (css, label, mark) in CELL.items()
    ]
    # plans:unit_progress is <plan>/units/<code>/ (urls.py), built from the plan's part.
    unit_prefix = reverse("plans:unit_progress", args=[plan.pk, "X"])[:-2]
    return render(
        request,
        "plans/matrix.html",
        {
            "plan": plan,
            "period": period,
            "periods": list(plan.periods.all()),
            "m": m,
            "rows": [(t, row_html(cells)) for t, cells in m.rows],
            # Each unit's page URL built once (it is linked from its header and its count).
            "units": [
                (
                    u,
                    m.unit_counts[u.pk],
                    unit_page_allowed(request.user, u),
                    f"{unit_prefix}{u.code}/?period={period.pk if period else ''}",
                )
                for u in m.units
            ],
            "legend": legend,
            "state": state,
            "state_label": CELL[state][1] if state else "",
            "state_cells": m.cells(state) if state else [],
        },
    )


def _reviews(progress_ids) -> dict[int, list[dict]]:
    """Every accept/return of the given reports, from the full-process record (a report
    returned and resubmitted has several), oldest first."""
    wanted = {str(i) for i in progress_ids}
    out: dict[int, list[dict]] = defaultdict(list)
    events = Event.objects.filter(
        record_type="plans.progress", action__in=list(REVIEW_ACTIONS)
    ).order_by("seq")
    if len(wanted) < 500:
        events = events.filter(record_id__in=wanted)
    for seq, at, who, action, rid, after in events.values_list(
        "seq", "at", "actor_name", "action", "record_id", "after"
    ):
        if rid not in wanted:
            continue
        out[int(rid)].append(
            {
                "seq": seq,
                "at": at,
                "who": who,
                "result": REVIEW_ACTIONS[action],
                "comment": (after or {}).get("reason", ""),
            }
        )
    return out


def _progress_page(request, plan: Plan, assignments, *, task: Task | None, unit: OrgUnit):
    assignments = list(assignments.select_related("task", "task__section", "unit"))
    if not assignments:
        raise Http404("该单位没有您可查看的任务进展")
    periods = list(plan.periods.all())
    progress = {
        (p.assignment_id, p.period_id): p
        for p in access.restrict(
            Progress.objects.filter(assignment__in=assignments), request.user, "view"
        ).select_related("submitted_by", "reviewed_by")
    }
    ids = [p.pk for p in progress.values()]
    atts: dict[int, list[Attachment]] = defaultdict(list)
    for att in Attachment.objects.filter(
        record_type="plans.progress", record_id__in=[str(i) for i in ids]
    ):
        atts[int(att.record_id)].append(att)
    reviews = _reviews(ids)
    chosen = request.GET.get("period", "")
    blocks = []
    for a in sorted(assignments, key=lambda a: a.task.number):
        entries = []
        for per in reversed(periods):
            p = progress.get((a.pk, per.pk))
            entries.append(
                {
                    "period": per,
                    "progress": p,
                    "attachments": atts.get(p.pk, []) if p else [],
                    "reviews": reviews.get(p.pk, []) if p else [],
                    "chosen": str(per.pk) == chosen,
                    "late": p is None and timezone.localdate() > per.report_due,
                }
            )
        blocks.append((a, entries))
    return render(
        request,
        "plans/unit_progress.html",
        {
            "plan": plan,
            "task": task,
            "unit": unit,
            "blocks": blocks,
            "n_reports": len(ids),
            "n_attachments": sum(len(v) for v in atts.values()),
        },
    )


def unit_page_allowed(user, unit: OrgUnit) -> bool:
    """A unit's plan-wide page is read by the unit itself (and the units above it) and by
    district-wide viewers; a lead unit reads its participants' reports task by task (the
    cells), never a participant's whole plan."""
    return access.can(user, "view", unit)


def _unit_or_404(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise Http404("单位不存在")
    return unit


@login_required
def unit_progress(request, pk: int, code: str):
    """One unit's progress reports and evidence on every task of a plan it is responsible
    for (what a column count of the matrix opens)."""
    plan = plan_or_404(request.user, pk)
    unit = _unit_or_404(code)
    if not unit_page_allowed(request.user, unit):
        raise Http404("该单位没有您可查看的任务进展")
    qs = access.restrict(
        Assignment.objects.filter(task__plan=plan, unit=unit), request.user, "view"
    )
    return _progress_page(request, plan, qs, task=None, unit=unit)


@login_required
def assignment_progress(request, pk: int, code: str):
    """One unit's progress reports and evidence on one task (what a matrix cell opens)."""
    task = access.get_for(request.user, Task.objects.select_related("plan"), "view", pk=pk)
    unit = _unit_or_404(code)
    qs = access.restrict(Assignment.objects.filter(task=task, unit=unit), request.user, "view")
    return _progress_page(request, task.plan, qs, task=task, unit=unit)
