"""受理调解 to 调解终结: a body takes the dispute (a committee that lacks what 第九条 asks is
refused), its mediators sit with the parties (第二十一、二十二条), the parties may agree to
give it more time, and it ends: 调解成功 with an agreement (第二十八条), 调解不成 (第二十六条),
or not mediated because a party refused (第十七条). The 30-day mediation clock
(deadlines.MEDIATION) runs from acceptance; a written agreement starts the 30 days within
which the parties may apply for 司法确认 (第三十三条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing

from ... import rules
from ...deadlines import CONFIRMATION, MEDIATION
from ...models import Dispute, MediationBody, MediationSession
from ..bodies import composition_problems
from ..common import is_open, money, need_disputes, not_before, past, record, required
from .checks import agreement, body_may_take, choice, office_url, snap

S = Dispute.State


def _lock(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dispute.pk)


def start_clock(d: Dispute, clock: str, start: dt.date, field: str, title: str, actor) -> str:
    """Start one of the dispute's clocks; in a year whose calendar is not loaded the due date
    is not guessed (core refuses) and the record says so."""
    try:
        with transaction.atomic():
            deadline = core.start_deadline(
                record=d, clock=clock, start=start, unit=d.unit, title=f"{title}：{d.number}",
                url=office_url(d), actor=actor,
            )  # fmt: skip
    except CalendarMissing as e:
        return f"（期限待{e.year}年工作日历载入后计算）"
    setattr(d, field, deadline)
    d.save(update_fields=[field])
    return f"，期限至{deadline.due_date:%Y-%m-%d}"


@transaction.atomic
def accept(actor, dispute: Dispute, *, body: MediationBody, accepted_on: dt.date,
           mediators: str) -> Dispute:  # fmt: skip
    """A body takes the dispute for mediation. The body is one of the dispute's unit (or of
    a village or community under it) or a district-level one (``checks.bodies_for``); a
    人民调解委员会 must be properly composed on the day (第九条)."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if d.state != S.FOUND:
        raise ValidationError(f"该纠纷{d.get_state_display()}，不能再受理调解")
    if body is None:
        raise ValidationError("请选择调解组织")
    body = MediationBody.objects.get(pk=body.pk)
    if not body.active:
        raise ValidationError(f"“{body.name}”已停用")
    body_may_take(body, d.unit)
    accepted_on = past(accepted_on, "受理调解日期")
    not_before(accepted_on, d.found_on, "受理调解日期", "排查发现日期")
    mediators = required(mediators, "调解员", 200)
    problems = composition_problems(body, accepted_on)
    if problems:
        raise ValidationError([f"“{body.name}”组成不符合法定要求，不能受理调解：", *problems])
    before = snap(d)
    d.state, d.body, d.accepted_on, d.mediators = S.MEDIATING, body, accepted_on, mediators
    d.save()
    note = start_clock(d, MEDIATION, accepted_on, "deadline", "调解矛盾纠纷", actor)
    record(d, "mediation_dispute_accepted", actor, d.unit,
           f"“{body.name}”受理调解（{accepted_on:%Y-%m-%d}，调解员：{mediators}）{note}",
           before, snap(d))  # fmt: skip
    return d


@transaction.atomic
def add_session(actor, dispute: Dispute, *, held_on: dt.date, mediators: str, notes: str,
                place: str = "") -> MediationSession:  # fmt: skip
    """One sitting with the parties (第二十二条), recorded (第二十七条: 调解登记、调解工作记录)."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if d.state != S.MEDIATING:
        raise ValidationError(f"该纠纷{d.get_state_display()}，不能登记调解记录")
    held_on = past(held_on, "调解日期")
    not_before(held_on, d.accepted_on, "调解日期", "受理调解日期")
    session = MediationSession.objects.create(
        dispute=d, held_on=held_on, place=(place or "").strip()[:200],
        mediators=required(mediators, "调解员", 200), notes=required(notes, "调解记录", 5000),
    )  # fmt: skip
    record(d, "mediation_session_added", actor, d.unit,
           f"{held_on:%Y-%m-%d}调解（调解员：{session.mediators}）",
           after={"session": session.pk, "held_on": held_on})  # fmt: skip
    return session


@transaction.atomic
def extend_mediation(actor, dispute: Dispute, *, start: dt.date, end: dt.date,
                     reason: str) -> Dispute:  # fmt: skip
    """The parties agree to give the mediation more time (《全国人民调解工作规范》: longer by
    the parties' agreement): the days from ``start`` to ``end`` are not counted."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if d.state != S.MEDIATING:
        raise ValidationError(f"该纠纷{d.get_state_display()}，不能延长调解期限")
    reason = required(reason, "当事人同意延长的情况", 300)
    deadline = Deadline.objects.filter(pk=d.deadline_id).first()
    if not is_open(deadline) or deadline.state != Deadline.State.RUNNING:
        raise ValidationError("该纠纷的调解期限未在计算中，不能延长")
    if start is None or end is None:
        raise ValidationError("请填写延长调解的起止日期")
    if start <= d.accepted_on:
        raise ValidationError("延长调解的开始日期应晚于受理调解日期")
    if start > deadline.due_date:
        raise ValidationError(
            f"调解期限已于{deadline.due_date:%Y-%m-%d}届满，当事人同意延长应在期限届满前"
        )
    if end < start:
        raise ValidationError("延长调解的结束日期不能早于开始日期")
    if end >= _a_year_after(start):
        raise ValidationError("延长调解期限不能超过一年")
    before = snap(d)
    deadline = core.pause_deadline(
        deadline, start=start, reason=f"当事人同意延长调解期限：{reason}", actor=actor
    )
    deadline = core.resume_deadline(deadline, end=end + dt.timedelta(days=1), actor=actor)
    record(d, "mediation_extended", actor, d.unit,
           f"当事人同意延长调解期限：{start:%Y-%m-%d}至{end:%Y-%m-%d}不计入（{reason}），"
           f"期限至{deadline.due_date:%Y-%m-%d}", before, snap(d))  # fmt: skip
    return d


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28) + dt.timedelta(days=1)


OUTCOME_STATE = {"success": S.SETTLED, "failed": S.FAILED, "refused": S.REFUSED}


@transaction.atomic
def conclude(
    actor, dispute: Dispute, *, outcome: str, concluded_on: dt.date, note: str = "",
    agreement_form: str = "", agreement_number: str = "", agreement_terms: str = "",
    agreement_amount=None,
) -> Dispute:  # fmt: skip
    """End the mediation. A party may refuse mediation before or during it (第十七条); only
    a mediation that took place succeeds or fails. Success needs the agreement (第二十八条:
    written, with its number, or oral); a written one starts the 30 days for 司法确认
    (第三十三条) from the day it takes effect (第二十九条: when signed, taken as
    ``concluded_on``)."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    choice(outcome, rules.OUTCOMES, "调解结果")
    if outcome == "refused":
        if d.state not in (S.FOUND, S.MEDIATING):
            raise ValidationError(f"该纠纷{d.get_state_display()}，不能再登记结果")
    elif d.state != S.MEDIATING:
        raise ValidationError(
            f"该纠纷{d.get_state_display()}，只有正在调解的纠纷才能登记调解成功或调解不成"
        )
    concluded_on = past(concluded_on, "调解终结日期")
    if d.accepted_on:
        not_before(concluded_on, d.accepted_on, "调解终结日期", "受理调解日期")
    else:
        not_before(concluded_on, d.found_on, "调解终结日期", "排查发现日期")
    form = (agreement_form or "").strip()
    number = (agreement_number or "").strip()
    terms = (agreement_terms or "").strip()
    agreement(outcome, form, number, terms)
    if len(number) > 60:
        raise ValidationError("调解协议书编号不能超过60字")
    amount = money(agreement_amount, "协议涉及金额")
    if amount is not None and outcome != "success":
        raise ValidationError("只有调解成功的纠纷才有协议涉及金额")
    note = (note or "").strip()
    if outcome == "refused" and not note:
        raise ValidationError("请填写当事人拒绝调解的情况（《人民调解法》第十七条）")
    if outcome == "failed" and not note:
        raise ValidationError("请填写调解不成的原因")
    if number and Dispute.objects.filter(agreement_number=number).exclude(pk=d.pk).exists():
        raise ValidationError(f"调解协议书编号“{number}”已被其他纠纷使用")
    before = snap(d)
    d.state, d.outcome, d.concluded_on, d.outcome_note = OUTCOME_STATE[outcome], outcome, \
        concluded_on, note[:2000]  # fmt: skip
    d.agreement_form, d.agreement_number, d.agreement_terms = form, number, terms[:5000]
    d.agreement_amount = amount
    d.save()
    deadline = Deadline.objects.filter(pk=d.deadline_id).first()
    late = ""
    if is_open(deadline):
        deadline = core.complete_deadline(deadline, on=concluded_on, actor=actor)
        if deadline.due_date and concluded_on > deadline.due_date:
            late = f"（超过调解期限{deadline.due_date:%Y-%m-%d}）"
    clock = ""
    if outcome == "success" and form == "written":
        clock = "；申请司法确认" + start_clock(
            d, CONFIRMATION, concluded_on, "confirmation_deadline", "申请司法确认", actor
        ).lstrip("，")
    what = {"success": f"调解成功，达成{d.get_agreement_form_display()}"
            + (f"（{number}）" if number else ""),
            "failed": f"调解不成：{note}", "refused": f"当事人拒绝调解：{note}"}[outcome]  # fmt: skip
    record(d, "mediation_dispute_concluded", actor, d.unit,
           f"{concluded_on:%Y-%m-%d}{what}{late}{clock}", before, snap(d))  # fmt: skip
    return d
