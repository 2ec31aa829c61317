"""延期 (第三十三条第二款): up to 20 working days, approved and told to the applicant."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline

from ...models import DisclosureRequest
from ..common import (
    need_change,
    record,
)
from .base import (
    ST,
    _after,
    _in_progress,
    lock,
    snap,
)


@transaction.atomic
def extend(
    req: DisclosureRequest, *, days: int, reason: str, approved_by: str, approved_on: dt.date,
    actor,
) -> DisclosureRequest:  # fmt: skip
    """第三十三条第二款: up to 20 more working days, approved by the head of the
    政府信息公开工作机构 and told to the applicant (the 延期答复告知书)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED, ST.CONSULTING, ST.FEE)
    approved_on = _after(req, approved_on, "批准延期日期")
    if req.deadline_id is None:
        raise ValidationError("答复期限尚未计算（工作日历未载入），暂不能办理延期")
    before = snap(req)
    req.deadline = core.extend_deadline(
        Deadline.objects.get(pk=req.deadline_id), days=int(days or 0), reason=reason or "",
        approved_by=approved_by or "", approved_on=approved_on, actor=actor,
    )  # fmt: skip
    req.extension_days += int(days)
    req.extension_approved_by = approved_by.strip()[:50]
    req.extension_approved_on = approved_on
    req.extension_reason = reason.strip()[:300]
    req.save()
    due = req.deadline.due_date
    record(req, "disclosure_extended", actor, req.unit,
           f"经{req.extension_approved_by}批准延长答复期限{days}个工作日"
           + (f"，至{due:%Y-%m-%d}" if due else "") + f"，并告知申请人：{req.extension_reason}",
           before, snap(req))  # fmt: skip
    return req
