"""The demo district's 政府信息公开工作年度报告 for the demo year: the government's
(published in March), two departments' (one on time, one after 31 January, flagged late),
and one still being written (overdue on the board). Each is computed from the records the
other demo steps built, with the narrative drafted from its own figures; publication runs
the form's check, so a demo year that does not add up stops the build."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.demo import unit_clerk
from fazhi.core.registry import register_demo

from .annual import services, tables

# (unit code, 行政事业性收费 万元, publication day or None for a draft)
REPORTS = (
    ("D23", Decimal("0"), (1, 26)),
    ("D13", Decimal("12.35"), (2, 5)),  # after 31 January: late
    ("D19", Decimal("3.2"), None),
    ("G00", Decimal("15.55"), (3, 25)),
)


@register_demo("disclosure_annual", order=90)
def build(ctx) -> None:
    year = ctx.year
    if ctx.today <= dt.date(year, 12, 31):
        return
    for code, fee, day in REPORTS:
        unit = ctx.units[code]
        actor = ctx.users["coordinator"] if code == "G00" else unit_clerk(ctx, code)
        report = services.create(unit=unit, year=year, actor=actor)
        draft = services.draft(tables.compute(year, unit, fee))
        report = services.edit(report, **draft, fee_income=fee, actor=actor)
        on = dt.date(year + 1, *day) if day else None
        if on is not None and on <= ctx.today:
            services.publish(report, on=on, actor=actor)
