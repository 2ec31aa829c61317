"""Runs every registered demo step, in order, into the configured database.

Deterministic: one seeded random generator, fixed names and dates, so two builds on the
same day give the same district (apart from the full-process record's timestamps). The
demo year's records have fixed dates; what is still open (reviews in progress, contract
milestones, a running consultation) is dated back from the demo's "today" (``demo_today``),
so the deadline board shows current work rather than items a whole year stale.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from fazhi.core.models import CalendarYear, OrgUnit, User
from fazhi.core.registry import DEMO

SEED = 20250101
YEAR = 2025


@dataclass
class DemoContext:
    """What steps share: the generator, the demo year, and what earlier steps made."""

    rng: random.Random
    year: int
    today: dt.date
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)


def demo_today(year: int) -> dt.date:
    """The real date, kept between 1 March of the next year (the demo year's fixed history
    ends in February: year-end reports, the indicator round, the cleanup's publication) and
    30 days before the end of the last year the working-day calendar holds (a clock started
    "today" must end in known days). What happens after 1 March follows this date: the
    annual report is published only once its publication day has come, and the current
    year's catalogue and reporting period are those of this date's year."""
    earliest = dt.date(year + 1, 3, 1)
    last = CalendarYear.objects.aggregate(m=Max("year"))["m"]
    latest = dt.date(last, 12, 31) - dt.timedelta(days=30) if last else earliest
    return max(earliest, min(timezone.localdate(), latest))


def already_built() -> bool:
    return OrgUnit.objects.filter(code="G00").exists()


def build(
    seed: int = SEED, year: int = YEAR, today: dt.date | None = None, out=None
) -> DemoContext:
    ctx = DemoContext(rng=random.Random(seed), year=year, today=today or demo_today(year))
    # No transaction around a step: each service call is its own transaction, as in real
    # use (thousands of savepoints inside one transaction slow PostgreSQL down badly).
    for step in DEMO:
        step.build(ctx)
        if out is not None:
            out.write(f"  ✓ {step.name}")
    return ctx
