"""How far away a due date is, said the same way on every page, and what 即将到期 means.

One wording everywhere (the 工作台, a clock's page, a legality review, a consultation):
"还剩3个工作日", "今日到期", "已超期2个工作日". Statutory periods count 工作日 on the
official calendar (行政许可法 第82条, 政府信息公开条例 第33条), so remaining time is
counted in working days too; a period the law counts in calendar days (a consultation's
"不少于30日") is said in 天 with the same words (``unit=DAYS``).

即将到期 is one horizon for every kind of clock: due within ``FAZHI_DUE_SOON_WORKDAYS``
working days (default 10) on the working-day calendar, so across 国庆 a clock due ten
calendar days away may well be due soon, and one due ten working days away is too.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from .workdays import CalendarMissing

WORKDAYS = "workdays"
DAYS = "days"


def horizon_days() -> int:
    return settings.FAZHI_DUE_SOON_WORKDAYS


def far_days() -> int:
    return settings.FAZHI_BOARD_FAR_DAYS


def _weekdays_ahead(today: dt.date, n: int) -> dt.date:
    """Monday to Friday only: the fallback when the calendar of a year is not loaded."""
    d = today
    while n > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


class Remaining:
    """For one ``today``: the horizon's last day and the wording of any due date. Built once
    per page (the calendar is read once), then called per row."""

    def __init__(self, today: dt.date, cal=None):
        self.today = today
        self._cal = cal
        self._horizon: dt.date | None = None

    @property
    def cal(self):
        if self._cal is None:
            from .calendar import calendar

            self._cal = calendar()
        return self._cal

    @property
    def horizon_end(self) -> dt.date:
        """The last day of 即将到期: ``FAZHI_DUE_SOON_WORKDAYS`` working days after today."""
        if self._horizon is None:
            n = horizon_days()
            try:
                self._horizon = self.cal.add_working_days(self.today, n).due
            except CalendarMissing:
                self._horizon = _weekdays_ahead(self.today, n)
        return self._horizon

    @property
    def far_after(self) -> dt.date:
        """Clocks due after this day are "years ahead": not in the default view."""
        return self.today + dt.timedelta(days=far_days())

    def due_soon(self, due: dt.date | None) -> bool:
        return due is not None and self.today <= due <= self.horizon_end

    def text(self, due: dt.date | None, unit: str = WORKDAYS) -> str:
        return self(due, unit)[1]

    def __call__(self, due: dt.date | None, unit: str = WORKDAYS) -> tuple[str, str]:
        """(css class, Chinese wording) of a due date seen from today."""
        if due is None:
            return ("info", "暂停计时")
        today = self.today
        if due == today:
            return ("warning", "今日到期")
        if unit == DAYS:
            n, word = abs((due - today).days), "天"
        else:
            word = "个工作日"
            try:
                n = abs(self.cal.working_days_between(today, due))
            except CalendarMissing:
                # A year whose 放假通知 is not loaded: say the date, never guess the count.
                state = "danger" if due < today else "success"
                return (state, f"{due.year}年{due.month}月{due.day}日到期")
        if due < today:
            return ("danger", f"已超期{n}{word}" if n else f"已超期不足1{word}")
        css = "warning" if self.due_soon(due) else "success"
        return (css, f"还剩{n}{word}" if n else f"还剩不足1{word}")


def remaining(due: dt.date | None, today: dt.date, unit: str = WORKDAYS) -> str:
    """The wording alone, for a single date on a page."""
    return Remaining(today).text(due, unit)
