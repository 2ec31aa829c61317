"""Each official's 学法 hours in a year, and who is under the district's minimum.

Hours = the sessions attended as present (the session's hours) + training attendance (the
hours each earned; a course counts in the year it ended) + 旁听庭审 (the observation's
hours) + other credited hours (网上学法平台 and the like). One grouped query per source for
all the officials asked about, never one per official. The minimum is the district's
(conf.minimum_hours(); leaders: conf.minimum_hours_leaders()); no national rule sets one.
An official who left during the year is shown but not flagged (the year's minimum is not
theirs to reach)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from . import conf, rules
from .models import (
    CourtObservation,
    LearningCredit,
    Official,
    SessionAttendance,
    TrainingAttendance,
)

ZERO = Decimal("0")


@dataclass
class HoursRow:
    official: Official
    sessions: Decimal = ZERO
    trainings: Decimal = ZERO
    court: Decimal = ZERO
    credits: Decimal = ZERO
    minimum: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.sessions + self.trainings + self.court + self.credits

    @property
    def left(self) -> bool:
        return self.official.left_on is not None

    @property
    def under(self) -> bool:
        """Flagged: in service and below the minimum."""
        return not self.left and self.total < self.minimum

    @property
    def short_by(self) -> Decimal:
        return max(self.minimum - self.total, ZERO)


def minimum_for(official: Official) -> Decimal:
    if official.level in rules.LEADER_LEVELS:
        return Decimal(str(conf.minimum_hours_leaders()))
    return Decimal(str(conf.minimum_hours()))


def in_service(year: int) -> Q:
    """Officials on the directory at some time in ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (Q(joined_on=None) | Q(joined_on__lte=last)) & (Q(left_on=None) | Q(left_on__gte=first))


def _sums(qs, key: str, value: str) -> dict[int, Decimal]:
    return {r[key]: r["h"] or ZERO for r in qs.order_by().values(key).annotate(h=Sum(value))}


def sources(official_ids, year: int) -> dict[str, dict[int, Decimal]]:
    """{source: {official id: hours}} for the year: four grouped queries."""
    ids = official_ids
    return {
        "sessions": _sums(
            SessionAttendance.objects.filter(
                official_id__in=ids, status="present", session__held_on__year=year
            ),
            "official_id", "session__hours",
        ),
        "trainings": _sums(
            TrainingAttendance.objects.filter(official_id__in=ids, training__ends_on__year=year),
            "official_id", "hours",
        ),
        "court": _sums(
            CourtObservation.attendees.through.objects.filter(
                official_id__in=ids, courtobservation__held_on__year=year
            ),
            "official_id", "courtobservation__hours",
        ),
        "credits": _sums(
            LearningCredit.objects.filter(official_id__in=ids, earned_on__year=year),
            "official_id", "hours",
        ),
    }  # fmt: skip


def year_rows(officials, year: int) -> list[HoursRow]:
    """One row per official of the queryset in service during ``year``, in its order."""
    people = list(officials.filter(in_service(year)).select_related("unit"))
    ids = officials.filter(in_service(year)).values("pk")
    found = sources(ids, year)
    rows = []
    for o in people:
        rows.append(
            HoursRow(
                official=o,
                sessions=found["sessions"].get(o.pk, ZERO),
                trainings=found["trainings"].get(o.pk, ZERO),
                court=found["court"].get(o.pk, ZERO),
                credits=found["credits"].get(o.pk, ZERO),
                minimum=minimum_for(o),
            )
        )
    return rows


def official_hours(official: Official, year: int) -> HoursRow:
    """One official's hours in ``year`` (zero when not in service that year)."""
    rows = year_rows(Official.objects.filter(pk=official.pk), year)
    return rows[0] if rows else HoursRow(official=official, minimum=minimum_for(official))
