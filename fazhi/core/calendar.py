"""The working-day calendar as data: loaded from the database, seeded from the package.

The 调休 days are set every year by a 国务院办公厅 notice, so the table is editable per
year in the back office; ``chinese_calendar`` (maintained, data 2004–2026) seeds it.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models import Count, Max

from .models import CalendarYear, SpecialDay
from .workdays import PACKAGE_YEARS, WorkCalendar, special_days_from_package
from .workdays import SpecialDay as SpecialDayData

_lock = threading.Lock()
_cache: dict[str, object] = {"key": None, "calendar": None}

PACKAGE_SOURCE = "chinesecalendar 1.11.0（国务院办公厅历年放假通知）"


def calendar() -> WorkCalendar:
    """The current calendar; rebuilt only when the table changed (one cheap query)."""
    stamp = CalendarYear.objects.aggregate(n=Count("year"), t=Max("updated_at"))
    key = (stamp["n"], stamp["t"], SpecialDay.objects.count())
    with _lock:
        if _cache["key"] != key:
            years = list(CalendarYear.objects.values_list("year", flat=True))
            days = [
                SpecialDayData(date=d, kind=k, name=n)
                for d, k, n in SpecialDay.objects.values_list("date", "kind", "name")
            ]
            _cache["calendar"] = WorkCalendar(years, days)
            _cache["key"] = key
        return _cache["calendar"]  # type: ignore[return-value]


@transaction.atomic
def seed_from_package(years=PACKAGE_YEARS) -> int:
    """Load the package's years that are not in the table yet; returns how many."""
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    todo = [y for y in years if y not in existing]
    if not todo:
        return 0
    for y in todo:
        CalendarYear.objects.create(year=y, source=PACKAGE_SOURCE)
    rows = [
        SpecialDay(date=d.date, kind=d.kind, name=d.name, year_id=d.date.year)
        for d in special_days_from_package(todo)
    ]
    SpecialDay.objects.bulk_create(rows, batch_size=500)
    return len(todo)
