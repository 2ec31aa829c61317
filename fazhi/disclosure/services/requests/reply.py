"""The 答复 (第三十六、三十七条), or the end of a request without one."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline

from ... import rules
from ...models import DisclosureRequest
from ..common import (
    is_open,
    need_change,
    past,
    record,
    required,
)
from .base import (
    ST,
    R,
    _after,
    _finish,
    _in_progress,
    fee_deadline,
    lock,
    snap,
)


@transaction.atomic
def reply(
    req: DisclosureRequest, *, reply_type: str, on: dt.date, text: str, ground: str = "",
    other_agency: str = "", actor, attachments=(),
) -> DisclosureRequest:  # fmt: skip
    """The 答复 (第三十六条, 第三十七条). Its template row follows from type and ground
    (rules.template_row); a reply after the due day is flagged late."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    if req.state == ST.CONSULTING:
        raise ValidationError("征求意见尚未结束，请先登记对方的意见（或期满未提出意见）")
    if req.state == ST.CORRECTION:
        raise ValidationError("申请人正在补正，请在收到补正申请后答复，或待补正期限届满")
    if req.state == ST.FEE:
        raise ValidationError("申请人尚未缴纳信息处理费，缴费后才能提供信息")
    _in_progress(req, ST.RECEIVED)
    try:
        row = rules.template_row(reply_type, (ground or "").strip())
    except ValueError as e:
        raise ValidationError(str(e)) from None
    on = past(on, "答复日期")
    start = req.corrected_on or req.received_on
    if on < start:
        raise ValidationError(f"答复日期不能早于收到申请（补正申请）的日期（{start:%Y-%m-%d}）")
    if req.fee_paid_on and on < req.fee_paid_on:
        raise ValidationError("答复日期不能早于缴费日期")
    text = required(text, "答复内容", 20000)
    other = (other_agency or "").strip()[:200]
    if reply_type == "not_this_agency" and not other:
        raise ValidationError(
            "能够确定负责公开的机关的，请填写该机关的名称和联系方式（第三十六条第五项）"
        )
    before = snap(req)
    d = Deadline.objects.filter(pk=req.deadline_id).first()
    due = d.due_date if d is not None else None
    req.late = bool(due and on > due)
    _finish(d, on, actor)
    _finish(req.correction_deadline, on, actor)
    req.reply_type, req.ground, req.result = reply_type, (ground or "").strip(), row
    req.reply_text, req.other_agency, req.replied_on = text, other, on
    req.state = ST.REPLIED
    req.save()
    hashes = [
        core.attach(req, f, actor=actor, unit=req.unit, description="答复材料").sha256
        for f in attachments
    ]
    record(req, "disclosure_replied", actor, req.unit,
           f"作出答复：{rules.REPLY_LABELS[reply_type]}"
           + (f"（{dict(rules.grounds_for(reply_type))[req.ground]}）" if req.ground else "")
           + (f"；逾期答复（期限至{due:%Y-%m-%d}）" if req.late else "；按期答复"),
           before, snap(req), attachments=hashes)  # fmt: skip
    return req


@transaction.atomic
def withdraw(req: DisclosureRequest, *, on: dt.date, reason: str, actor) -> DisclosureRequest:
    """The applicant withdraws: counted under （六）其他处理 3.其他."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, *R.OPEN_STATES)
    on = _after(req, on, "撤回日期")
    reason = required(reason, "撤回情况", 500)
    return _close(req, on, "other", f"申请人撤回申请：{reason}", actor)


def _close(req, on, row, summary, actor):
    before = snap(req)
    for c in req.consultations.filter(answered_on=None):
        _finish(c.deadline, on, actor)
    _finish(fee_deadline(req), on, actor)
    _finish(req.correction_deadline, on, actor)
    if req.deadline_id and is_open(req.deadline):
        core.cancel_deadline(
            Deadline.objects.get(pk=req.deadline_id), reason=summary[:200], actor=actor
        )
    req.state, req.result, req.replied_on = ST.CLOSED, row, on
    req.save()
    record(req, "disclosure_closed", actor, req.unit, summary, before, snap(req))
    return req
