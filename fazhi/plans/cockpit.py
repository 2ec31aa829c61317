"""What plans shows on the 驾驶舱: how far the year's plan has got, by part and by unit, and
which units lag (with 催报). Each figure is one grouped query over the plan's assignments.

The plan is the one in force for the year (the year's 工作要点 before the multi-year
实施方案, as the annual report takes it); the period is the latest of the year whose
reports are already due (the latest word each unit owes), else the started period whose
reports come in next."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q
from django.urls import reverse

from fazhi.core import access
from fazhi.core.cockpit import Chart, Figure, Link, register_figure, register_year_hint, short

from .models import Assignment, Period, Plan
from .urge import REPORTED, urged_today

# Each unit's word on each task, in the order the charts stack them.
CATEGORIES = [
    ("done", "已完成", 1),
    ("on_track", "按计划推进", 0),
    ("not_started", "未启动", 4),
    ("behind", "进度滞后", 3),
    ("missing", "未报送", 6),
]


def plan_for(year: int) -> Plan | None:
    return (
        Plan.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("kind", "-start_year")
        .first()
    )


def period_for(plan: Plan, year: int, today: dt.date) -> Period | None:
    started = plan.periods.filter(year=year, start__lte=today)
    due = started.filter(report_due__lte=today).order_by("-report_due", "-end").first()
    return due or started.order_by("report_due", "end").first()


@register_year_hint
def latest_year(today: dt.date) -> int | None:
    return Period.objects.filter(start__lte=today).aggregate(y=Max("year"))["y"]


def _counts(qs, period: Period):
    """Per group: assignments, and how many reported each status for the period (a
    returned report counts as not reported: the unit owes it again)."""
    seen = Q(progress__period=period, progress__state__in=REPORTED)
    return qs.annotate(
        total=Count("pk", distinct=True),
        **{
            code: Count("progress", filter=seen & Q(progress__status=code))
            for code, _, _ in CATEGORIES
            if code != "missing"
        },
    )


def _missing(r) -> int:
    return r["total"] - sum(r[c] for c, _, _ in CATEGORIES if c != "missing")


def _rate(done: int, total: int):
    return round(done * 100 / total, 1) if total else None


def _context(user, today: dt.date, year: int):
    plan = plan_for(year)
    if plan is None:
        return None, None
    return plan, period_for(plan, year, today)


def _stack(labels, rows) -> Chart:
    return Chart(
        "bar",
        labels,
        [
            {
                "label": name,
                "data": [(_missing(r) if code == "missing" else r[code]) for r in rows],
                "color": colour,
            }
            for code, name, colour in CATEGORIES
        ],
        horizontal=True,
        stacked=True,
        suffix="项",
    )


def _columns(first: str) -> list[str]:
    return [first, "任务数（项）"] + [f"{n}（项）" for _, n, _ in CATEGORIES] + ["完成率（%）"]


def _row(head, r) -> list:
    return (
        [head, r["total"]]
        + [(_missing(r) if c == "missing" else r[c]) for c, _, _ in CATEGORIES]
        + [_rate(r["done"], r["total"])]
    )


def _no_plan(code: str, title: str, year: int, plan) -> Figure:
    what = f"{year}年没有在用的实施方案或工作要点" if plan is None else "本年度尚未开启报送周期"
    return Figure(code=code, title=title, columns=[], rows=[], empty=what)


@register_figure("plan_parts", "计划完成情况（按部分）", order=10)
def by_part(user, today: dt.date, year: int) -> Figure:
    title = "计划完成情况（按部分）"
    plan, period = _context(user, today, year)
    if period is None:
        return _no_plan("plan_parts", title, year, plan)
    rows = list(
        _counts(
            access.restrict(Assignment.objects.filter(task__plan=plan), user, "view")
            .values("task__section__number", "task__section__title", "task__section__order")
            .order_by("task__section__order"),
            period,
        )
    )
    names = [f"{r['task__section__number']}、{r['task__section__title']}" for r in rows]
    return Figure(
        code="plan_parts",
        title=title,
        columns=_columns("部分"),
        rows=[_row(n, r) for n, r in zip(names, rows, strict=True)],
        chart=_stack([short(n, 14) for n in names], rows) if rows else None,
        note=f"《{plan.title}》，“{period.name}”各责任单位报送的完成情况"
        f"（一项任务有几个责任单位就计几次；退回未重报的计为未报送）。",
        links=[
            Link("进度总览矩阵", reverse("plans:matrix", args=[plan.pk]) + f"?period={period.pk}")
        ],
    )


@register_figure("plan_units", "计划完成情况（按单位）", order=20)
def by_unit(user, today: dt.date, year: int) -> Figure:
    title = "计划完成情况（按单位）"
    plan, period = _context(user, today, year)
    if period is None:
        return _no_plan("plan_units", title, year, plan)
    rows = list(
        _counts(
            access.restrict(Assignment.objects.filter(task__plan=plan), user, "view")
            .values("unit__code", "unit__name", "unit__short_name", "unit__sort_order")
            .order_by("unit__sort_order", "unit__code"),
            period,
        )
    )
    return Figure(
        code="plan_units",
        title=title,
        columns=_columns("单位"),
        rows=[
            _row(Link(r["unit__name"], reverse("core:unit", args=[r["unit__code"]])), r)
            for r in rows
        ],
        chart=_stack([short(r["unit__short_name"] or r["unit__name"]) for r in rows], rows)
        if rows
        else None,
        note=f"《{plan.title}》，“{period.name}”（报送期限{period.report_due:%Y年%m月%d日}）。",
    )


@register_figure("lagging", "滞后单位与催报", order=30)
def lagging(user, today: dt.date, year: int) -> Figure:
    """A unit lags when a report of the period is overdue and not in, or when it reported a
    task 进度滞后 or 未启动. Sorted worst first."""
    title = "滞后单位与催报"
    plan, period = _context(user, today, year)
    if period is None:
        return _no_plan("lagging", title, year, plan)
    overdue = period.report_due < today
    rows = []
    for r in _counts(
        access.restrict(Assignment.objects.filter(task__plan=plan), user, "view")
        .values("unit__pk", "unit__code", "unit__name", "unit__short_name", "unit__sort_order")
        .order_by("unit__sort_order", "unit__code"),
        period,
    ):
        late = _missing(r) if overdue else 0
        behind = r["behind"] + r["not_started"]
        if late or behind:
            rows.append((r, late, behind))
    rows.sort(key=lambda x: (-x[1], -x[2], x[0]["unit__sort_order"], x[0]["unit__code"]))
    # Units urged today (one query over today's 催报 events, by the unit they were written
    # under).
    urged = set(urged_today(today).values_list("unit_code", flat=True).distinct())
    return Figure(
        code="lagging",
        title=title,
        columns=["单位", "逾期未报送（项）", "自报滞后或未启动（项）", "今日已催报"],
        rows=[
            [
                Link(r["unit__name"], reverse("core:unit", args=[r["unit__code"]])),
                late,
                behind,
                r["unit__code"] in urged,
            ]
            for r, late, behind in rows
        ],
        chart=Chart(
            "bar",
            [short(r["unit__short_name"] or r["unit__name"]) for r, _, _ in rows],
            [
                {"label": "逾期未报送", "data": [x[1] for x in rows], "color": 3},
                {"label": "自报滞后或未启动", "data": [x[2] for x in rows], "color": 4},
            ],
            horizontal=True,
            stacked=True,
            suffix="项",
        )
        if rows
        else None,
        note=f"“{period.name}”报送期限{period.report_due:%Y年%m月%d日}"
        + ("，已过期限仍未报送的计为逾期。" if overdue else "，尚未到期。"),
        empty="没有滞后的单位",
        template="plans/_cockpit_urge.html",
        extra={
            "period": period,
            "can_urge": overdue and access.can(user, "urge"),
            "units": [
                {
                    "code": r["unit__code"],
                    "name": r["unit__name"],
                    "late": late,
                    "urged": r["unit__code"] in urged,
                }
                for r, late, _ in rows
                if late
            ],
        },
    )
