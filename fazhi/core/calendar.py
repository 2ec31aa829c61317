"""The working-day calendar as data: loaded from the database, seeded from the package.

The 调休 days are set every year by a 国务院办公厅 notice, so the table is editable per
year in the back office; ``chinese_calendar`` (maintained, data 2004–2026) seeds it.
"""

from __future__ import annotations

import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F

from . import access, events
from .holiday_notice import HolidayNotice
from .models import CalendarYear, SpecialDay
from .workdays import PACKAGE_YEARS, WorkCalendar, special_days_from_package
from .workdays import SpecialDay as SpecialDayData

_lock = threading.Lock()
_cache: dict[str, object] = {"key": None, "calendar": None}

PACKAGE_SOURCE = "chinesecalendar 1.11.0（国务院办公厅历年放假通知）"


def _stamp() -> tuple:
    """What changes when the calendar tables do: their row counts and the years' last
    update, in one statement (every deadline computation asks; ORM aggregates took a third
    of the time of a computation)."""
    years = connection.ops.quote_name(CalendarYear._meta.db_table)
    days = connection.ops.quote_name(SpecialDay._meta.db_table)
    updated = connection.ops.quote_name(CalendarYear._meta.get_field("updated_at").column)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT (SELECT COUNT(*) FROM {years}), (SELECT MAX({updated}) FROM {years}),"
            f" (SELECT COUNT(*) FROM {days})"
        )
        return tuple(cur.fetchone())


def calendar() -> WorkCalendar:
    """The current calendar; rebuilt only when the table changed (one cheap query)."""
    key = _stamp()
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


NOTICE_SOURCE = "国务院办公厅放假通知（导入）"


class YearAlreadyLoaded(ValidationError):
    """The year has a calendar already; loading the notice needs an explicit replace."""

    def __init__(self, obj: CalendarYear):
        self.calendar_year = obj
        super().__init__(
            f"{obj.year}年工作日历已载入（来源：{obj.source}），未作改动。"
            "如需以本通知替换，请选择“替换已载入的安排”后再确认。"
        )


def _rows(qs) -> list[list[str]]:
    return sorted([str(d), k, n] for d, k, n in qs.values_list("date", "kind", "name"))


@transaction.atomic
def load_notice(notice: HolidayNotice, actor, *, replace: bool = False) -> CalendarYear:
    """Load a parsed 放假通知 as the calendar of its year, in one transaction with its event.

    The year's entries are replaced, except December days after the notice's last date:
    those are the next year's 元旦 (e.g. 2023-12-30/31 come from the 2024 notice). Days of
    the notice in December of the year before (2022-12-31 in the 2023 notice) are written
    into that year, which must be loaded already — a year is loaded whole or not at all.
    """
    if actor is not None and not access.can(actor, "manage_calendar"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以维护工作日历")
    year = notice.year
    days = notice.special_days()
    if not any(d.date.year == year for d in days):
        raise ValidationError(f"通知中没有{year}年的放假日期，未载入。")
    obj = CalendarYear.objects.select_for_update().filter(year=year).first()
    if obj is not None and not replace:
        raise YearAlreadyLoaded(obj)
    other_years = sorted({d.date.year for d in days} - {year})
    loaded = set(CalendarYear.objects.filter(year__in=other_years).values_list("year", flat=True))
    for y in other_years:
        if y not in loaded:
            dates = "、".join(f"{d.date:%Y-%m-%d}" for d in days if d.date.year == y)
            raise ValidationError(
                f"通知中的{dates}属于{y}年，但{y}年工作日历尚未载入。请先载入{y}年，再导入本通知。"
            )
    last = max(d.date for d in days)
    created = obj is None
    mine = SpecialDay.objects.filter(year_id=year)
    kept = list(mine.filter(date__month=12, date__gt=last).values_list("pk", flat=True))
    outside = SpecialDay.objects.filter(date__in=[d.date for d in days if d.date.year != year])
    before = None if created else _rows(mine) + _rows(outside)
    if created:
        obj = CalendarYear(year=year)
    obj.source, obj.notice = NOTICE_SOURCE, notice.reference
    obj.save()
    mine.exclude(pk__in=kept).delete()
    outside.delete()
    SpecialDay.objects.bulk_create(
        [SpecialDay(date=d.date, kind=d.kind, name=d.name, year_id=d.date.year) for d in days]
    )
    # Their special days changed too: move their version on (optimistic locking).
    CalendarYear.objects.filter(year__in=other_years).update(
        updated_at=obj.updated_at, version=F("version") + 1
    )
    n_hol = sum(1 for d in days if d.kind == SpecialDay.Kind.HOLIDAY)
    events.append(
        action="calendar_notice_import",
        record=obj,
        actor=actor,
        summary=(
            f"依据{notice.reference}{'载入' if created else '替换'}{year}年工作日历"
            f"（放假{n_hol}天、调休上班{len(days) - n_hol}天）"
        ),
        before=before,
        after=sorted([str(d.date), d.kind, d.name] for d in days),
    )
    return obj
