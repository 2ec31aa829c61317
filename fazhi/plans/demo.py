"""Plans in the demo district: the 2021—2025 implementation plan with two 2025 reporting
periods and every responsible unit's reports, and the 2026 work points (工作要点)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from fazhi.core.demo import unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import Assignment, Plan, Progress

DATA = Path(__file__).parent / "demo_data"


def _day(ctx, start: dt.date, spread: int) -> dt.date:
    return start + dt.timedelta(days=ctx.rng.randrange(spread))


@register_demo("plans", order=20)
def build(ctx) -> None:
    coord = ctx.users["coordinator"]
    text = (DATA / "plan_2021_2025.txt").read_text(encoding="utf-8")
    plan = services.import_plan(
        text, kind=Plan.Kind.IMPLEMENTATION, start_year=2021, end_year=2025, actor=coord
    )
    ctx.plan = plan
    h1 = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    full = services.open_period(
        plan,
        name="2025年全年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        report_due=dt.date(2026, 1, 15),
        actor=coord,
    )
    texts = json.loads((DATA / "progress_2025.json").read_text(encoding="utf-8"))
    generic = texts["participants"]
    assignments = list(
        Assignment.objects.filter(task__plan=plan)
        .select_related("task", "unit")
        .order_by("task__number", "-is_lead", "order", "unit__code")
    )
    for period, key, start in (
        (h1, "h1", dt.date(2025, 7, 1)),
        (full, "full", dt.date(2026, 1, 5)),
    ):
        for a in assignments:
            # A handful of units never report: they stay overdue on the board and in the matrix.
            if not a.is_lead and ctx.rng.random() < 0.04:
                continue
            task_texts = texts[str(a.task.number)]
            if a.is_lead:
                body, status = task_texts[key], task_texts[f"status_{key}"]
            else:
                body = ctx.rng.choice(generic[key])
                status = "done" if key == "full" and ctx.rng.random() < 0.7 else "on_track"
            on = _day(ctx, start, 14)
            clerk = unit_clerk(ctx, a.unit.code)
            p = services.submit_progress(a, period, text=body, status=status, actor=clerk, on=on)
            if ctx.rng.random() < 0.93 or a.is_lead:
                services.accept_progress(
                    p,
                    coord,
                    when=dt.datetime.combine(on + dt.timedelta(days=3), dt.time(16), tzinfo=dt.UTC),
                )
    # One report returned for more detail, waiting to be resubmitted.
    pending = (
        Progress.objects.filter(
            period=full, state=Progress.State.SUBMITTED, assignment__is_lead=False
        )
        .order_by("pk")
        .first()
    )
    if pending is not None:
        services.return_progress(
            pending, reason="请补充具体举措、制度文件名称和佐证材料", actor=coord
        )
    work_points = (DATA / "plan_2026.txt").read_text(encoding="utf-8")
    services.import_plan(
        work_points, kind=Plan.Kind.ANNUAL, start_year=2026, end_year=2026, actor=coord
    )
