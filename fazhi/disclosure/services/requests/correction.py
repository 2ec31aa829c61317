"""补正 (第三十条): one notice within 7 working days; the reply period starts again from the
supplement."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing

from ... import conf
from ...deadlines import CORRECTION
from ...models import DisclosureRequest
from ..common import (
    need_change,
    past,
    record,
    required,
)
from .base import (
    ST,
    _after,
    _finish,
    _in_progress,
    _pause,
    _start_clocks,
    lock,
    office_url,
    snap,
)


@transaction.atomic
def request_correction(
    req: DisclosureRequest, *, items: str, on: dt.date, actor
) -> DisclosureRequest:
    """第三十条: the notice goes once, within 7 working days of receipt, and lists every
    point to supplement and the period (conf.correction_working_days)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    if req.correction_notified_on is not None:
        raise ValidationError(
            "补正只能一次性告知，该申请已经告知过补正（《政府信息公开条例》第三十条）"
        )
    _in_progress(req, ST.RECEIVED)
    items = required(items, "需要补正的事项", 2000)
    on = _after(req, on, "补正告知日期")
    notice = req.correction_deadline
    if notice is not None and notice.due_date and on > notice.due_date:
        raise ValidationError(
            f"补正应在收到申请之日起{conf.correction_notice_working_days()}个工作日内告知"
            f"（{notice.due_date:%Y-%m-%d}前），已超过告知期限，应按现有内容答复"
        )
    before = snap(req)
    _finish(notice, on, actor)
    _pause(req, on, "告知申请人补正", actor)
    req.state = ST.CORRECTION
    req.correction_items = items
    req.correction_notified_on = on
    req.correction_deadline = core.start_deadline(
        record=req, clock=CORRECTION, start=on, unit=req.unit,
        title=f"申请人补正：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    req.save()
    record(req, "disclosure_correction", actor, req.unit,
           f"一次性告知申请人补正，补正期限至{req.correction_deadline.due_date:%Y-%m-%d}：{items}",
           before, snap(req))  # fmt: skip
    return req


@transaction.atomic
def supplement(
    req: DisclosureRequest, *, on: dt.date, description: str = "", actor, attachments=()
) -> DisclosureRequest:
    """The supplemented request arrives: the reply period runs again from that day
    (第三十条). ``description`` replaces the original one when the applicant restated it."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.CORRECTION)
    on = past(on, "收到补正申请日期")
    if on < req.correction_notified_on:
        raise ValidationError("收到补正的日期不能早于补正告知日期")
    due = req.correction_deadline.due_date if req.correction_deadline else None
    if due is not None and on > due:
        raise ValidationError(
            f"补正期限已于{due:%Y-%m-%d}届满，申请人逾期未补正的，该申请不再处理；如有正当理由，请在办理记录中说明后重新登记申请"
        )
    before = snap(req)
    _finish(req.correction_deadline, on, actor)
    if req.deadline_id is not None:
        old = Deadline.objects.get(pk=req.deadline_id)
        try:
            with transaction.atomic():
                req.deadline = core.restart_deadline(
                    old, start=on, reason="收到申请人补正后的申请", actor=actor
                )
        except CalendarMissing:
            core.cancel_deadline(old, reason="补正后重新起算，待工作日历载入后计算", actor=actor)
            req.deadline = None
    text = (description or "").strip()
    if text:
        req.description = required(text, "补正后的申请内容", 5000)
    req.corrected_on = on
    req.state = ST.RECEIVED
    req.save()
    waiting = "" if req.deadline_id else _start_clocks(req, actor)
    hashes = [
        core.attach(req, f, actor=actor, unit=req.unit, description="补正材料").sha256
        for f in attachments
    ]
    record(req, "disclosure_supplemented", actor, req.unit,
           f"收到补正后的申请，答复期限自{on:%Y-%m-%d}重新计算，"
           + (waiting or f"至{req.deadline.due_date:%Y-%m-%d}"),
           before, snap(req), attachments=hashes)  # fmt: skip
    return req
