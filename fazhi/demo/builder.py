"""Runs every registered demo step, in order, into the configured database.

Deterministic: one seeded random generator, fixed names and dates, so two builds give
the same district (apart from the full-process record's timestamps).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from fazhi.core.models import OrgUnit, User
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


def already_built() -> bool:
    return OrgUnit.objects.filter(code="G00").exists()


def build(
    seed: int = SEED, year: int = YEAR, today: dt.date | None = None, out=None
) -> DemoContext:
    ctx = DemoContext(rng=random.Random(seed), year=year, today=today or dt.date(year + 1, 3, 20))
    # No transaction around a step: each service call is its own transaction, as in real
    # use (thousands of savepoints inside one transaction slow PostgreSQL down badly).
    for step in DEMO:
        step.build(ctx)
        if out is not None:
            out.write(f"  ✓ {step.name}")
    return ctx
