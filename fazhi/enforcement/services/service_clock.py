"""The 送达 clock of a penalty decision (行政处罚法 第61条: 当场交付, or served within 7 days
when the party is not present; "七日" is working days, 第85条).

The clock starts with every ordinary-procedure penalty decision and is completed by the
送达 stage. No new field is needed: the 送达 stage already records its date (``served_on``
and the 送达回证), and a decision handed over on the spot is served the day it is made,
which completes the clock on time that day; what stays running is a decision whose service
has not been recorded, and it turns overdue after the seventh working day. The clock is
found by its code and the case, as the withdrawal clock is. 简易程序 decisions are served on
the spot when they are made (第52条) and get no clock.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core import events
from fazhi.core import services as core
from fazhi.core.models import Deadline

from ..deadlines import SERVICE
from ..models import Case, CaseKind


def find(case: Case) -> Deadline | None:
    record_type, record_id = events.record_ref(case)
    return (
        Deadline.objects.filter(clock=SERVICE, record_type=record_type, record_id=record_id)
        .order_by("-pk")
        .first()
    )


def start(case: Case, *, actor) -> Deadline | None:
    """Called inside the decision's transaction, once ``decided_on`` is set."""
    if case.kind != CaseKind.PENALTY or case.procedure != Case.Procedure.ORDINARY:
        return None
    return core.start_deadline(
        record=case,
        clock=SERVICE,
        start=case.decided_on,
        unit=case.unit,
        title=f"{case.number} 决定书送达",
        url=case.get_absolute_url(),
        actor=actor,
    )


def finish(case: Case, on: dt.date, *, actor) -> Deadline | None:
    """Called inside the 送达 stage's transaction: completed on the service date, late or
    not (core flags it 逾期办结 when after the due date)."""
    dl = find(case)
    if dl is None or dl.state in (Deadline.State.DONE, Deadline.State.CANCELLED):
        return dl
    return core.complete_deadline(dl, on=on, actor=actor)
