"""What every step of a request shares: its snapshot, lock and wording, the clocks it
starts, stops and finishes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing

from ...deadlines import CORRECTION_NOTICE, FEE, REPLY
from ...models import DisclosureRequest
from ..common import (
    is_open,
    past,
)

R = DisclosureRequest
ST = R.State
SNAPSHOT = (
    "state", "received_on", "correction_notified_on", "corrected_on", "extension_days",
    "fee_amount", "fee_notified_on", "fee_paid_on", "reply_type", "ground", "result",
    "replied_on", "late",
)  # fmt: skip


def snap(req: DisclosureRequest) -> dict:
    return {f: getattr(req, f) for f in SNAPSHOT}


def lock(req: DisclosureRequest) -> DisclosureRequest:
    return R.objects.select_for_update(of=("self",)).get(pk=req.pk)


def office_url(req: DisclosureRequest) -> str:
    return f"/office/disclosure/requests/{req.pk}/"


def state_words(req: DisclosureRequest) -> str:
    return f"该申请{req.get_state_display()}"


def _start_clocks(req: DisclosureRequest, actor) -> str:
    """Start the reply clock and the 补正-notice clock. When the period runs into a year
    whose holiday notice is not loaded yet (from early December), the request is still
    received — the applicant's right does not wait for our calendar — and the daily job
    starts its clocks the day the calendar is loaded. Returns what to tell, or ""."""
    start = req.corrected_on or req.received_on
    try:
        with transaction.atomic():
            req.deadline = core.start_deadline(
                record=req, clock=REPLY, start=start, unit=req.unit,
                title=f"答复政府信息公开申请：{req.tracking_number}", url=office_url(req),
                actor=actor,
            )  # fmt: skip
            if req.corrected_on is None and req.correction_notified_on is None:
                req.correction_deadline = core.start_deadline(
                    record=req, clock=CORRECTION_NOTICE, start=start, unit=req.unit,
                    title=f"审查申请内容、需要补正的一次性告知：{req.tracking_number}",
                    url=office_url(req), actor=actor,
                )  # fmt: skip
    except CalendarMissing as e:
        req.deadline = None
        req.correction_deadline = None
        req.save(update_fields=["deadline", "correction_deadline"])
        return f"答复期限待{e.year}年工作日历（节假日安排）载入后自动计算"
    req.save(update_fields=["deadline", "correction_deadline"])
    return ""


def _in_progress(req: DisclosureRequest, *allowed: str) -> None:
    if req.state not in allowed:
        if req.state in (ST.REPLIED, ST.CLOSED):
            raise ValidationError(f"{state_words(req)}，不能再办理")
        raise ValidationError(f"该申请当前{req.get_state_display()}，不能办理此项")


def _after(req: DisclosureRequest, on: dt.date, label: str) -> dt.date:
    on = past(on, label)
    if on < req.received_on:
        raise ValidationError(f"{label}不能早于收到申请日期（{req.received_on:%Y-%m-%d}）")
    return on


def _pause(req: DisclosureRequest, on: dt.date, reason: str, actor) -> None:
    """Stop the reply clock from ``on`` (the day of receipt is never counted, so a step
    taken that day stops it from the next day)."""
    d = req.deadline
    if d is None or d.state != Deadline.State.RUNNING:
        return
    start = max(on, d.start_date + dt.timedelta(days=1))
    last = d.pauses.exclude(end=None).order_by("-end").first()
    if last is not None and start <= last.end:
        start = last.end + dt.timedelta(days=1)
    req.deadline = core.pause_deadline(d, start=start, reason=reason, actor=actor)


def _resume(req: DisclosureRequest, on: dt.date, actor) -> None:
    """Start the reply clock again the day after ``on`` (the day the answer or payment
    came in is still not counted)."""
    if req.deadline_id is None:
        return
    d = Deadline.objects.get(pk=req.deadline_id)
    if d.state != Deadline.State.PAUSED:
        return
    pause = d.pauses.get(end=None)
    req.deadline = core.resume_deadline(
        d, end=max(on + dt.timedelta(days=1), pause.start + dt.timedelta(days=1)), actor=actor
    )


def _finish(deadline: Deadline | None, on: dt.date, actor) -> None:
    if is_open(deadline):
        core.complete_deadline(deadline, on=on, actor=actor)


def fee_deadline(req: DisclosureRequest) -> Deadline | None:
    return (
        Deadline.objects.filter(
            clock=FEE, record_type="disclosure.disclosurerequest", record_id=str(req.pk)
        )
        .order_by("-id")
        .first()
    )


def due_on(req: DisclosureRequest) -> dt.date | None:
    """The reply's due day as of now (None while the clock is stopped or not started)."""
    d = req.deadline
    return d.due_date if d is not None else None
