"""Plans in the demo district: the 2021—2025 implementation plan with two 2025 reporting
periods and every responsible unit's reports (the leads' and a share of the others' with
evidence files), and the 2026 work points (工作要点).

The leads' texts (demo_data/progress_2025.json) state the same figures as the 2025
indicator values (indicators/demo.py VALUES, or the figure a module computes from its
records): the annual report quotes both, so a number changed in one must change in the
other."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from pathlib import Path

from fazhi.core.demo import evidence_pdf, unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import Assignment, Plan, Progress

DATA = Path(__file__).parent / "demo_data"


def _day(ctx, start: dt.date, spread: int) -> dt.date:
    return start + dt.timedelta(days=ctx.rng.randrange(spread))


# A participating unit's evidence, by what its report says it did (else a work report).
PARTICIPANT_EVIDENCE = [
    ("专题学习", "专题学习会议记录"),
    ("联合检查", "联合检查问题整改台账"),
    ("推进会", "推进会议落实事项清单"),
    ("梳理", "本领域事项梳理清单"),
]


def _participant_shares(task_number: int, unit_code: str, key: str) -> bool:
    """About one in four participants' accepted reports carries evidence. Fixed by task,
    unit and period rather than drawn, so the random stream later steps use is unchanged."""
    return zlib.crc32(f"{task_number}:{unit_code}:{key}".encode()) % 4 == 0


def _evidence(a: Assignment, period, body: str, names: list[str]) -> list:
    """Evidence files (PDF) for one progress report: the lead's named documents, or one
    document a participant would attach."""
    unit, task = a.unit, a.task
    if not names:
        word = next((n for w, n in PARTICIPANT_EVIDENCE if w in body), "")
        names = [f"{unit.display_name}{word or f'关于{task.title}工作情况的报告'}.pdf"]
    return [
        evidence_pdf(
            name,
            name.removesuffix(".pdf"),
            [
                f"报送单位：{unit.name}",
                f"对应任务：{task.number}.{task.title}（{period.name}）",
                f"主要内容：{body}",
                "",
                "本文件为示范区演示数据中的佐证材料，单位、文号和数字均为虚构。",
            ],
        )
        for name in names
    ]


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
            elif key == "h1":
                body, status = ctx.rng.choice(generic["h1"]), "on_track"
            else:
                # The text fits the status: a unit still at work does not say it is done.
                pick = ctx.rng.randrange(len(generic["full"]["done"]))
                status = "done" if ctx.rng.random() < 0.7 else "on_track"
                pool = generic["full"][status]
                body = pool[pick % len(pool)]
            on = _day(ctx, start, 14)
            accept = ctx.rng.random() < 0.93 or a.is_lead
            # Evidence (佐证材料): every lead's year report, the lead's half-year report where
            # it names documents, a share of the participants' accepted reports (never the
            # one returned below for missing evidence).
            names = task_texts[f"evidence_{key}"] if a.is_lead else []
            files = []
            if names or (
                not a.is_lead and accept and _participant_shares(a.task.number, a.unit.code, key)
            ):
                files = _evidence(a, period, body, names)
            clerk = unit_clerk(ctx, a.unit.code)
            p = services.submit_progress(
                a, period, text=body, status=status, actor=clerk, on=on, files=files
            )
            if accept:
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
    points = services.import_plan(
        work_points, kind=Plan.Kind.ANNUAL, start_year=2026, end_year=2026, actor=coord
    )
    _current_period(ctx, points, coord)


def _current_period(ctx, points: Plan, coord) -> None:
    """The reporting period open on the demo's "today": the half year it falls in, on the
    work points of its year (reports due 10 days after a half year ends, or 15 January
    for the whole year, as for 2025)."""
    year = ctx.today.year
    if not points.covers(year):
        ctx.log.append(f"没有{year}年工作要点，未开启当年报送周期")
        return
    if ctx.today <= dt.date(year, 6, 30):
        name, end, due = f"{year}年上半年", dt.date(year, 6, 30), dt.date(year, 7, 10)
    else:
        name, end, due = f"{year}年全年", dt.date(year, 12, 31), dt.date(year + 1, 1, 15)
    services.open_period(
        points,
        name=name,
        year=year,
        start=dt.date(year, 1, 1),
        end=end,
        report_due=due,
        actor=coord,
    )
    ctx.log.append(f"{year}年工作要点：报送周期“{name}”，报送期限{due:%Y-%m-%d}")
