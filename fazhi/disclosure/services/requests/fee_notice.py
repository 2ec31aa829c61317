"""信息处理费 (第四十二条; 国办函〔2020〕109号): the notice, the stopped clock, the payment."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core

from ... import conf
from ...deadlines import FEE
from ...models import DisclosureRequest
from .. import fees
from ..common import (
    need_change,
    past,
    record,
)
from .base import (
    ST,
    R,
    _after,
    _finish,
    _in_progress,
    _pause,
    _resume,
    fee_deadline,
    lock,
    office_url,
    snap,
)


def month_rank(req: DisclosureRequest) -> int:
    """Which of the applicant's requests to this agency in the calendar month this is."""
    mine = R.objects.filter(unit=req.unit, applicant_id=req.applicant_id)
    first = req.received_on.replace(day=1)
    earlier = mine.filter(received_on__gte=first, received_on__lt=req.received_on).count()
    same_day = mine.filter(received_on=req.received_on, pk__lte=req.pk).count()
    return earlier + same_day


@transaction.atomic
def notify_fee(
    req: DisclosureRequest, *, method: str, on: dt.date, pages: int = 0, actor
) -> DisclosureRequest:
    """第四十二条 and 国办函〔2020〕109号: a fee only when the request exceeds the free
    amount (the 11th request of the month, or more than 30 pages); one scale per request.
    The reply clock stops until the fee is paid."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED)
    if req.fee_notified_on is not None:
        raise ValidationError("该申请已发出过收费通知")
    if method not in dict(fees.METHODS):
        raise ValidationError("请选择计费方式（按件或按量，只能选择一种）")
    if method == fees.PER_PAGE and (pages or 0) < 1:
        raise ValidationError("按量计收请填写提供信息的页数")
    amount = fees.fee(method, nth=month_rank(req), pages=int(pages or 0))
    if amount <= 0:
        if method == fees.PER_REQUEST:
            raise ValidationError(
                f"该申请是申请人本月向本机关提出的第{month_rank(req)}件申请，"
                f"未超过{conf.PER_REQUEST_FREE}件，不收费"
            )
        raise ValidationError("30页以下（含）不收费")
    on = _after(req, on, "收费通知日期")
    before = snap(req)
    _pause(req, on, "申请人缴纳信息处理费", actor)
    req.fee_method, req.fee_amount, req.fee_notified_on = method, amount, on
    req.state = ST.FEE
    fee_clock = core.start_deadline(
        record=req, clock=FEE, start=on, unit=req.unit,
        title=f"申请人缴纳信息处理费：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    req.save()
    record(req, "disclosure_fee_notified", actor, req.unit,
           f"发出收费通知（{dict(fees.METHODS)[method]}），信息处理费{amount}元，"
           f"申请人应在{fee_clock.due_date:%Y-%m-%d}前缴纳", before, snap(req))  # fmt: skip
    return req


@transaction.atomic
def fee_paid(req: DisclosureRequest, *, on: dt.date, actor) -> DisclosureRequest:
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.FEE)
    on = past(on, "缴费日期")
    if on < req.fee_notified_on:
        raise ValidationError("缴费日期不能早于收费通知日期")
    clock = fee_deadline(req)
    if clock is not None and clock.due_date and on > clock.due_date:
        raise ValidationError(f"缴费期限已于{clock.due_date:%Y-%m-%d}届满，申请不再处理")
    before = snap(req)
    _finish(clock, on, actor)
    _resume(req, on, actor)
    req.fee_paid_on = on
    req.state = ST.RECEIVED
    req.save()
    record(req, "disclosure_fee_paid", actor, req.unit,
           f"申请人已缴纳信息处理费{req.fee_amount}元，答复期限恢复计算", before, snap(req))  # fmt: skip
    return req
