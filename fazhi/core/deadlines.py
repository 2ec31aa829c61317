"""The deadline registry: each module declares its statutory clocks here.

A clock says how long, in working or calendar days, from what, on what legal basis, and
whether it may pause (补正, third-party consultation) or be extended and by how much.
A running instance is a ``Deadline`` row; ``services`` starts, pauses, resumes, extends,
restarts and completes it, and every module gets due dates, overdue flags, "due within N
days" and the deadline board for free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .calendar import calendar
from .models import Deadline
from .remaining import Remaining
from .workdays import Computation

WORKING = "working"
CALENDAR = "calendar"
# A date set by a plan, a reporting round or a rectification order rather than by a
# statutory period: the Deadline's start_date *is* the due date.
FIXED = "fixed"


@dataclass(frozen=True)
class Clock:
    code: str
    name: str
    basis: str
    length: int
    unit: str = WORKING
    start: str = "材料齐全、受理之日"
    roll_forward: bool = True
    pausable: bool = False
    pause_reasons: tuple[str, ...] = ()
    extension_max: int = 0
    extension_approver: str = ""
    warn_days: int = 5
    module: str = ""

    @property
    def unit_label(self) -> str:
        return "个工作日" if self.unit == WORKING else "日"

    def describe(self) -> str:
        if self.unit == FIXED:
            return f"{self.name}：{self.start}（{self.basis}）"
        text = f"{self.name}：自{self.start}起{self.length}{self.unit_label}（{self.basis}）"
        if self.extension_max:
            text += f"；经{self.extension_approver or '批准'}可延长不超过{self.extension_max}{self.unit_label}"
        if self.pausable:
            text += "；" + "、".join(self.pause_reasons or ("法定情形",)) + "期间不计入"
        return text


CLOCKS: dict[str, Clock] = {}


def register_clock(clock: Clock) -> Clock:
    if clock.unit not in (WORKING, CALENDAR, FIXED):
        raise ValueError(f"clock {clock.code}: unit must be working, calendar or fixed")
    if clock.code in CLOCKS and CLOCKS[clock.code] != clock:
        raise ValueError(f"clock {clock.code} registered twice with different rules")
    CLOCKS[clock.code] = clock
    return clock


def get_clock(code: str) -> Clock:
    try:
        return CLOCKS[code]
    except KeyError:
        raise KeyError(f"未登记的期限类型：{code}") from None


def compute(deadline: Deadline) -> Computation | None:
    """How the due date follows from start, pauses and extensions; None while paused."""
    clock = get_clock(deadline.clock)
    pauses = [(p.start, p.end) for p in deadline.pauses.all()]
    if any(end is None for _, end in pauses):
        return None
    length = clock.length + sum(e.days for e in deadline.extensions.all())
    if clock.unit == FIXED:
        due = deadline.start_date + dt.timedelta(days=length)
        return Computation(start=deadline.start_date, length=length, unit=FIXED, due=due)
    cal = calendar()
    if clock.unit == WORKING:
        return cal.add_working_days(deadline.start_date, length, pauses=pauses)
    return cal.add_calendar_days(
        deadline.start_date, length, roll_forward=clock.roll_forward, pauses=pauses
    )


def due_soon_q(today: dt.date, face: Remaining | None = None) -> Q:
    """Running deadlines due today or within the 即将到期 horizon
    (``FAZHI_DUE_SOON_WORKDAYS`` working days, whatever the clock's kind; core/remaining.py)."""
    end = (face or Remaining(today)).horizon_end
    return Q(state=Deadline.State.RUNNING, due_date__gte=today, due_date__lte=end)


def board(qs: QuerySet, user, today: dt.date, everything: bool = False) -> dict[str, QuerySet]:
    """The three lists of the deadline board over an already restricted queryset.

    "mine" is what the user or their unit must act on; for coordinators and leaders
    (``everything``) it is every open item in the scope they are looking at.
    """
    face = Remaining(today)
    open_qs = qs.filter(state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED])
    mine = open_qs
    if not everything and user.unit_id is not None:
        mine = open_qs.filter(Q(assignee=user) | Q(unit_id=user.unit_id, assignee=None))
    return {
        "mine": mine.select_related("unit", "assignee"),
        "due_soon": qs.filter(due_soon_q(today, face)).select_related("unit", "assignee"),
        "overdue": qs.filter(state=Deadline.State.RUNNING, due_date__lt=today).select_related(
            "unit", "assignee"
        ),
    }


def status_of(deadline: Deadline, today: dt.date, face: Remaining | None = None) -> tuple[str, str]:
    """(css class, Chinese label) for display, in the one wording of core/remaining.py."""
    if deadline.state == Deadline.State.DONE:
        late = (
            deadline.due_date
            and deadline.completed_on
            and deadline.completed_on > deadline.due_date
        )
        return ("secondary", "逾期办结" if late else "按期办结")
    if deadline.state == Deadline.State.CANCELLED:
        return ("secondary", "已撤销")
    if deadline.state == Deadline.State.PAUSED or deadline.due_date is None:
        return ("info", "暂停计时")
    return (face or Remaining(today))(deadline.due_date)
