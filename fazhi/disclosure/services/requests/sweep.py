"""What the passing of time decides, recorded by the daily job the day after."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ...models import ThirdPartyConsultation
from .base import (
    ST,
    R,
    fee_deadline,
    lock,
)
from .consultation import record_answer
from .reply import _close


def sweep(day: dt.date) -> dict:
    """What the passing of time decides, recorded the day after (the daily job): no
    supplement in time → no longer handled (第三十条); fee not paid in time → no longer
    handled (国办函〔2020〕109号); a consultation past its 15 working days → recorded as
    silence and the reply clock runs again (第三十二条、第三十四条)."""
    counts = {"no_correction": 0, "no_fee": 0, "silent_consultations": 0}
    for req in R.objects.filter(state=ST.CORRECTION, correction_deadline__due_date__lt=day):
        with transaction.atomic():
            req = lock(req)
            last = req.correction_deadline.due_date
            _close(req, last + dt.timedelta(days=1), "other_no_correction",
                   f"申请人在补正期限（{last:%Y-%m-%d}届满）内无正当理由未补正，该申请不再处理"
                   "（《政府信息公开条例》第三十条）", None)  # fmt: skip
        counts["no_correction"] += 1
    for req in R.objects.filter(state=ST.FEE):
        clock = fee_deadline(req)
        if clock is None or clock.due_date is None or clock.due_date >= day:
            continue
        with transaction.atomic():
            req = lock(req)
            _close(req, clock.due_date + dt.timedelta(days=1), "other_no_fee",
                   f"申请人逾期（{clock.due_date:%Y-%m-%d}届满）未缴纳信息处理费，该申请不再处理",
                   None)  # fmt: skip
        counts["no_fee"] += 1
    late = ThirdPartyConsultation.objects.filter(
        answered_on=None, deadline__due_date__lt=day, request__state=ST.CONSULTING
    ).select_related("deadline", "request")
    for c in late:
        due = c.deadline.due_date
        record_answer(c, answer="none", on=due + dt.timedelta(days=1), actor=None)
        counts["silent_consultations"] += 1
    return counts
