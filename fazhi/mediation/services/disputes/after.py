"""After the mediation: 司法确认 of a written agreement (人民调解法 第三十三条: the parties
apply jointly within 30 days of the agreement taking effect), the follow-up visit that
checks the agreement is performed (回访, 第三十一条: the parties perform the agreement and
the committee supervises its performance), and the legal route a dispute mediation did not
settle is pointed to (第二十六条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing

from ... import conf, rules
from ...models import Dispute
from ..common import is_open, need_disputes, not_before, past, record, required
from .checks import choice, snap
from .mediating import _lock

S = Dispute.State


def confirmation_due(d: Dispute) -> dt.date:
    """The last day to apply for 司法确认: the running clock's due date, or counted from the
    agreement's day (a calendar year not loaded is said, not guessed)."""
    deadline = Deadline.objects.filter(pk=d.confirmation_deadline_id).first()
    if deadline is not None and deadline.due_date:
        return deadline.due_date
    try:
        return calendar().add_calendar_days(d.concluded_on, conf.judicial_confirmation_days()).due
    except CalendarMissing as e:
        raise ValidationError(f"{e.year}年的工作日历尚未载入，无法计算申请司法确认的期限") from None


def check_confirmation(d: Dispute, applied_on: dt.date) -> None:
    if d.state != S.SETTLED or d.agreement_form != "written":
        raise ValidationError("只有调解成功并达成书面调解协议的纠纷才能申请司法确认")
    if d.confirmation_applied_on:
        raise ValidationError(f"已于{d.confirmation_applied_on:%Y-%m-%d}申请司法确认")
    not_before(applied_on, d.concluded_on, "申请司法确认日期", "调解协议生效日期")
    days = conf.judicial_confirmation_days()
    if applied_on <= d.concluded_on + dt.timedelta(days=days):
        return  # within the bare 30 days: in time whatever the holidays (they only add days)
    due = confirmation_due(d)
    if applied_on > due:
        raise ValidationError(
            f"申请司法确认应当自调解协议生效之日起{days}日内提出"
            f"（至{due:%Y-%m-%d}），已超过期限（《人民调解法》第三十三条）"
        )


@transaction.atomic
def apply_confirmation(actor, dispute: Dispute, *, applied_on: dt.date, court: str) -> Dispute:
    """The parties' joint application to the court (第三十三条), recorded by the body."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    applied_on = past(applied_on, "申请司法确认日期")
    check_confirmation(d, applied_on)
    court = required(court, "受理法院", 100)
    before = snap(d)
    d.confirmation_applied_on, d.confirmation_court = applied_on, court
    d.save()
    deadline = Deadline.objects.filter(pk=d.confirmation_deadline_id).first()
    if is_open(deadline):
        core.complete_deadline(deadline, on=applied_on, actor=actor)
    record(d, "mediation_confirmation_applied", actor, d.unit,
           f"当事人于{applied_on:%Y-%m-%d}共同向{court}申请司法确认", before, snap(d))  # fmt: skip
    return d


@transaction.atomic
def record_confirmation(actor, dispute: Dispute, *, result: str, confirmed_on: dt.date) -> Dispute:
    """The court's ruling (第三十三条: 确认有效 — enforceable; 驳回 — the parties may change the
    agreement by mediation or go to court)."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if not d.confirmation_applied_on:
        raise ValidationError("尚未申请司法确认，不能登记裁定结果")
    if d.confirmation_result:
        raise ValidationError(f"已登记司法确认结果：{d.get_confirmation_result_display()}")
    choice(result, rules.CONFIRMATION_RESULTS, "司法确认结果")
    confirmed_on = past(confirmed_on, "裁定日期")
    not_before(confirmed_on, d.confirmation_applied_on, "裁定日期", "申请司法确认日期")
    before = snap(d)
    d.confirmation_result, d.confirmed_on = result, confirmed_on
    d.save()
    record(d, "mediation_confirmation_ruled", actor, d.unit,
           f"{d.confirmation_court}于{confirmed_on:%Y-%m-%d}{d.get_confirmation_result_display()}",
           before, snap(d))  # fmt: skip
    return d


@transaction.atomic
def follow_up(actor, dispute: Dispute, *, followed_up_on: dt.date, performed: bool,
              note: str) -> Dispute:  # fmt: skip
    """回访: whether the agreement is being performed (第三十一条). A later visit replaces the
    last one on the record; the history keeps both."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if d.state != S.SETTLED:
        raise ValidationError("只有调解成功的纠纷才回访协议履行情况")
    followed_up_on = past(followed_up_on, "回访日期")
    not_before(followed_up_on, d.concluded_on, "回访日期", "调解终结日期")
    not_before(followed_up_on, d.followed_up_on, "回访日期", "上一次回访日期")
    if performed is None:
        raise ValidationError("请选择协议是否已履行")
    note = required(note, "回访情况", 2000)
    before = snap(d)
    d.followed_up_on, d.performed, d.follow_up_note = followed_up_on, bool(performed), note
    d.save()
    record(d, "mediation_followed_up", actor, d.unit,
           f"{followed_up_on:%Y-%m-%d}回访：协议{'已履行' if performed else '未履行'}，{note}",
           before, snap(d))  # fmt: skip
    return d


@transaction.atomic
def escalate(actor, dispute: Dispute, *, route: str, escalated_on: dt.date,
             note: str = "") -> Dispute:  # fmt: skip
    """Point the parties to a legal route (第二十六条: 调解不成的，应当终止调解，并依据有关
    法律、法规的规定，告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利)."""
    d = _lock(dispute)
    need_disputes(actor, d.unit)
    if d.state not in (S.FAILED, S.REFUSED):
        raise ValidationError("只有调解不成或当事人拒绝调解的纠纷才导入法定途径")
    choice(route, rules.ESCALATION_ROUTES, "导入途径")
    escalated_on = past(escalated_on, "导入日期")
    not_before(escalated_on, d.concluded_on, "导入日期", "调解终结日期")
    before = snap(d)
    d.state, d.escalation_route, d.escalated_on = S.ESCALATED, route, escalated_on
    note = (note or "").strip()
    if note:
        d.outcome_note = (d.outcome_note + "\n" + note).strip()[:2000]
    d.save()
    record(d, "mediation_dispute_escalated", actor, d.unit,
           f"{escalated_on:%Y-%m-%d}告知当事人通过{d.get_escalation_route_display()}途径解决"
           + (f"：{note}" if note else ""), before, snap(d))  # fmt: skip
    return d
