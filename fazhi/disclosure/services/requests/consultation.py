"""征求意见 of a third party (第三十二条) or a co-author agency (第三十四条): 15 working days,
not counted in the reply period (第三十三条第三款)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core

from ... import conf
from ...deadlines import CONSULTATION
from ...models import DisclosureRequest, ThirdPartyConsultation
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
    _resume,
    lock,
    office_url,
    snap,
)


@transaction.atomic
def consult(
    req: DisclosureRequest, *, kind: str, party: str, sent_on: dt.date, actor
) -> ThirdPartyConsultation:
    """第三十二条 / 第三十四条: a letter asking a third party or a co-author agency; the
    reply clock stops while the letters are out (第三十三条第三款)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED, ST.CONSULTING)
    if kind not in ThirdPartyConsultation.Kind.values:
        raise ValidationError("请选择征求意见的对象类别（第三方或其他机关）")
    party = required(party, "征求意见对象", 200)
    sent_on = _after(req, sent_on, "发出征求意见函日期")
    if req.corrected_on and sent_on < req.corrected_on:
        raise ValidationError("征求意见日期不能早于收到补正申请的日期")
    before = snap(req)
    _pause(req, sent_on, "征求第三方或其他机关意见", actor)
    c = ThirdPartyConsultation.objects.create(request=req, kind=kind, party=party, sent_on=sent_on)
    c.deadline = core.start_deadline(
        record=req, clock=CONSULTATION, start=sent_on, unit=req.unit,
        title=f"{party}提出意见：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    c.save(update_fields=["deadline"])
    req.state = ST.CONSULTING
    req.save()
    record(req, "disclosure_consulted", actor, req.unit,
           f"向{party}发出征求意见函（{ThirdPartyConsultation.Kind(kind).label}），"
           f"{conf.consultation_working_days()}个工作日内（至{c.deadline.due_date:%Y-%m-%d}）提出意见，"
           "征求意见期间不计入答复期限", before, snap(req))  # fmt: skip
    return c


@transaction.atomic
def record_answer(
    consultation: ThirdPartyConsultation, *, answer: str, on: dt.date, note: str = "", actor
) -> ThirdPartyConsultation:
    """The party's view (or its silence when the 15 days ran out). When no letter is out any
    more, the reply clock runs again from the next day."""
    req = lock(consultation.request)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    c = ThirdPartyConsultation.objects.select_for_update().get(pk=consultation.pk)
    if c.answered_on is not None:
        raise ValidationError("该征求意见已登记过意见")
    if answer not in ThirdPartyConsultation.Answer.values:
        raise ValidationError("请选择对方的意见")
    on = past(on, "收到意见日期")
    if on < c.sent_on:
        raise ValidationError("收到意见的日期不能早于发出征求意见函的日期")
    due = c.deadline.due_date if c.deadline else None
    if answer == ThirdPartyConsultation.Answer.NONE and due is not None and on <= due:
        raise ValidationError(f"征求意见期限至{due:%Y-%m-%d}届满，届满前不能登记为逾期未提出意见")
    before = snap(req)
    c.answer, c.answered_on, c.answer_note = answer, on, (note or "").strip()[:2000]
    c.save(update_fields=["answer", "answered_on", "answer_note"])
    _finish(c.deadline, min(on, due) if due and answer == "none" else on, actor)
    if not req.consultations.filter(answered_on=None).exists():
        _resume(req, on, actor)
        req.state = ST.RECEIVED
        req.save()
    words = {"consent": "同意公开", "object": "不同意公开", "none": "逾期未提出意见"}[answer]
    if answer == "none":
        words += (
            "（第三方逾期未提出意见的，由行政机关依法决定；其他机关逾期未提出意见的，视为同意公开）"
        )
    record(req, "disclosure_consultation_answer", actor, req.unit,
           f"{c.party}：{words}" + (f"。{c.answer_note}" if c.answer_note else ""),
           before, snap(req))  # fmt: skip
    return c
