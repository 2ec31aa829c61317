"""司法建议 (from a court) and 检察建议 (from a procuratorate) received by the government.

Registered with the unit that must act on it and the reply date the letter states; when it
states none, the configured period applies (conf.suggestion_reply_days: 检察建议 two months,
人民检察院检察建议工作规定 第19条). The reply clock is FIXED on that date, on the assigned
unit's board; reassigning it moves the clock to the new unit's board (a new clock, the old
one cancelled with the reason). The reply closes it and says whether it was in time — the
numerator of 按期办复率.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from .. import conf
from ..deadlines import SUGGESTION_REPLY
from ..models import Suggestion
from .common import need_change, past, record, required

K = Suggestion.Kind
SNAPSHOT = ("unit_id", "kind", "received_on", "reply_due_on", "replied_on", "replied_in_time")
WHAT = "交由本单位办理的司法建议、检察建议"


def snap(s: Suggestion) -> dict:
    return {f: getattr(s, f) for f in SNAPSHOT}


def lock(s: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().select_related("unit").get(pk=s.pk)


def office_url(s: Suggestion) -> str:
    return f"/office/reconsideration/suggestions/{s.pk}/"


def _running(d: Deadline | None) -> bool:
    return d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED)


def default_due(kind: str, received_on: dt.date) -> dt.date:
    return received_on + dt.timedelta(days=conf.suggestion_reply_days(kind))


def _clock(s: Suggestion, unit: OrgUnit, actor) -> Deadline:
    return core.start_deadline(
        # FIXED: the due date is the letter's (start = due date).
        record=s, clock=SUGGESTION_REPLY, start=s.reply_due_on, unit=unit,
        title=f"回复{s.get_kind_display()}：{s.number}（{s.subject}）", url=office_url(s),
        actor=actor,
    )  # fmt: skip


@transaction.atomic
def register(
    *,
    unit: OrgUnit,
    kind: str,
    issuer: str,
    number: str,
    received_on: dt.date,
    subject: str,
    content: str,
    actor,
    reply_due_on: dt.date | None = None,
) -> Suggestion:
    """登记收到的建议书, assigned to ``unit``; the reply clock starts on its board."""
    if unit is None:
        raise ValidationError("请选择承办单位")
    need_change(actor, unit, WHAT)
    if kind not in K.values:
        raise ValidationError("请选择类别（司法建议或检察建议）")
    issuer = required(issuer, "制发机关", 100)
    number = required(number, "文号", 80)
    subject = required(subject, "事由", 200)
    content = required(content, "建议内容", 5000)
    received_on = past(received_on, "收到日期")
    if Suggestion.objects.filter(number=number).exists():
        raise ValidationError(f"文号“{number}”已登记，请勿重复登记")
    if reply_due_on is None:
        reply_due_on = default_due(kind, received_on)
        source = f"建议书未载明回复期限，按{conf.suggestion_reply_days(kind)}日计算"
    else:
        if reply_due_on < received_on:
            raise ValidationError("回复期限不能早于收到日期")
        source = "建议书载明的回复期限"
    s = Suggestion.objects.create(
        unit=unit,
        kind=kind,
        issuer=issuer,
        number=number,
        received_on=received_on,
        subject=subject,
        content=content,
        reply_due_on=reply_due_on,
    )
    s.deadline = _clock(s, unit, actor)
    s.save(update_fields=["deadline"])
    record(s, "suggestion_registered", actor, unit,
           f"登记{s.get_kind_display()}{number}（{issuer}，事由：{subject}），交{unit.name}办理，"
           f"{reply_due_on:%Y-%m-%d}前回复（{source}）", after=snap(s))  # fmt: skip
    return s


@transaction.atomic
def reassign(s: Suggestion, *, unit: OrgUnit, reason: str, actor) -> Suggestion:
    """改由另一单位办理: by the coordinator or the unit it was assigned to. The reply date
    stays the letter's; the clock moves to the new unit's board."""
    s = lock(s)
    need_change(actor, s.unit, WHAT)
    if s.replied_on:
        raise ValidationError("该建议已回复，不能改交其他单位办理")
    if unit is None:
        raise ValidationError("请选择改由哪个单位办理")
    if unit.pk == s.unit_id:
        raise ValidationError(f"该建议已由{unit.name}办理")
    if not unit.active:
        raise ValidationError(f"{unit.name}已停用，不能交其办理")
    why = required(reason, "改交办理的理由", 300)
    before = snap(s)
    old = s.unit
    if _running(s.deadline):
        core.cancel_deadline(s.deadline, reason=f"改由{unit.name}办理", actor=actor)
    s.unit = unit
    s.deadline = _clock(s, unit, actor)
    s.save()
    record(s, "suggestion_reassigned", actor, old,
           f"由{old.name}改交{unit.name}办理：{why}", before, snap(s))  # fmt: skip
    return s


@transaction.atomic
def reply(s: Suggestion, *, on: dt.date, text: str, actor, attachment=None) -> Suggestion:
    """回复 with what was done; in time when on or before the reply date."""
    s = lock(s)
    need_change(actor, s.unit, WHAT)
    if s.replied_on:
        raise ValidationError(f"已于{s.replied_on:%Y-%m-%d}回复")
    on = past(on, "回复日期")
    if on < s.received_on:
        raise ValidationError(f"回复日期不能早于收到日期{s.received_on:%Y-%m-%d}")
    body = required(text, "办理和回复情况", 5000)
    hashes = []
    if attachment is not None:
        hashes.append(
            core.attach(s, attachment, actor=actor, unit=s.unit, description="回复函").sha256
        )
    before = snap(s)
    s.replied_on = on
    s.reply = body
    s.replied_in_time = on <= s.reply_due_on
    if _running(s.deadline):
        core.complete_deadline(s.deadline, on=on, actor=actor)
    s.save()
    how = "按期" if s.replied_in_time else f"逾期（期限{s.reply_due_on:%Y-%m-%d}）"
    record(s, "suggestion_replied", actor, s.unit, f"{on:%Y-%m-%d}{how}回复：{body[:200]}",
           before, snap(s), attachments=hashes)  # fmt: skip
    return s
