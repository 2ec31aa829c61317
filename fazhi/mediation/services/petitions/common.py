"""What every step of a 信访事项 shares: its snapshot, lock and wording, who may act on
which step, the clocks it starts and finishes, and the petitioner's own 30-day limits."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.models import Deadline
from fazhi.core.rule_checks import need_change, past, record, required, today
from fazhi.core.workdays import CalendarMissing

from ...access_petitions import HANDLE
from ...models import Petition

__all__ = [
    "HANDLE",
    "ST",
    "P",
    "after",
    "finish",
    "is_open",
    "last_day",
    "lock",
    "need_change",
    "need_handling",
    "need_registering",
    "office_url",
    "past",
    "record",
    "required",
    "snap",
    "start_clock",
    "today",
]  # fmt: skip

P = Petition
ST = Petition.State
SNAPSHOT = (
    "state", "route", "routed_on", "handling_unit_id", "handling_received_on", "accepted",
    "not_accepted_ground", "notified_on", "accepted_on", "extension_days", "result",
    "opinion_number", "concluded_on", "opinion_served_on", "late", "same_as_id",
)  # fmt: skip


def snap(p: Petition) -> dict:
    return {f: getattr(p, f) for f in SNAPSHOT}


def lock(p: Petition) -> Petition:
    return P.objects.select_for_update(of=("self",)).get(pk=p.pk)


def office_url(p: Petition) -> str:
    return f"/office/mediation/petitions/{p.pk}/"


def need_registering(actor, p: Petition) -> None:
    """登记、转送交办、复查复核的登记: the registering unit (its 信访部门)."""
    need_change(actor, p.unit, "本单位登记的信访事项")


def need_handling(actor, p: Petition) -> None:
    """告知、办理、延期、办结、异议: the unit the petition was routed to."""
    if p.handling_unit_id is None:
        raise ValidationError("该信访事项尚未转送交办，没有办理单位")
    if actor is not None and not access.can(actor, HANDLE, p.handling_unit):
        raise PermissionDenied("只能办理转送交办给本单位的信访事项")


def after(day: dt.date | None, earliest: dt.date, label: str, earlier_label: str) -> dt.date:
    day = past(day, label)
    if day < earliest:
        raise ValidationError(f"{label}不能早于{earlier_label}（{earliest:%Y-%m-%d}）")
    return day


def is_open(d: Deadline | None) -> bool:
    return d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED)


def finish(d: Deadline | None, on: dt.date, actor) -> bool:
    """Complete the clock on ``on``; True when that is after its due day (late)."""
    if not is_open(d):
        return False
    core.complete_deadline(d, on=on, actor=actor)
    d.refresh_from_db()
    return bool(d.due_date and on > d.due_date)


def start_clock(p: Petition, *, clock: str, start: dt.date, unit, title: str, url: str,
                actor) -> Deadline | None:  # fmt: skip
    """Start a clock of the petition; None when its period runs into a year whose holiday
    notice is not loaded yet: the petitioner's matter is still registered and handled (their
    right does not wait for our calendar), the step's event says so and the period is shown
    once the calendar is loaded (a due date is never guessed)."""
    try:
        with transaction.atomic():
            return core.start_deadline(record=p, clock=clock, start=start, unit=unit,
                                       title=title, url=url, actor=actor)  # fmt: skip
    except CalendarMissing:
        return None


def last_day(start: dt.date, days: int) -> dt.date:
    """The petitioner's last day to ask for 复查/复核: ``days`` calendar days after
    ``start`` (not counted), a last day on a rest day or holiday moving to the next working
    day (民事诉讼法 第八十五条, as conf.py). Without the year's calendar, the plain count."""
    try:
        return calendar().add_calendar_days(start, days).due
    except CalendarMissing:
        return start + dt.timedelta(days=days)
