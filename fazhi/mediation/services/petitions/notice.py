"""告知 (信访工作条例 第二十三条、第三十二条): the handling unit tells the petitioner in
writing, within 15 days of receiving the petition (or the transfer), whether it accepts it;
a notice after that day is still given, flagged late. An accepted 申诉求决 petition starts
the 60-day handling clock (第三十四条); 建议意见类 and 检举控告类 are handled and answered
with a reply (第二十九、三十条), without a 处理意见书 and so without 复查."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ...deadlines import HANDLING
from ...models import Petition
from .common import ST, after, finish, lock, need_handling, office_url, record, snap, start_clock
from .registration import REFUSED_AFTER_RE_REVIEW, reviewed_repeat
from .routing import wrong_agency_deadline


@transaction.atomic
def notify(
    p: Petition, *, accepted: bool, notified_on: dt.date, ground: str = "",
    accepted_on: dt.date | None = None, actor,
) -> Petition:  # fmt: skip
    """The written notice: accepted (from ``accepted_on``, default the notice day) or not,
    with a ground of 第二十二、三十一、三十六条."""
    p = lock(p)
    need_handling(actor, p)
    if p.state != ST.ROUTED:
        raise ValidationError(f"该信访事项当前{p.get_state_display()}，不能再告知是否受理")
    notified_on = after(notified_on, p.handling_received_on, "书面告知日期", "收到信访事项日期")
    before = snap(p)
    if accepted:
        if reviewed_repeat(p) is not None:
            raise ValidationError(REFUSED_AFTER_RE_REVIEW)
        accepted_on = after(accepted_on or notified_on, p.handling_received_on, "受理日期",
                            "收到信访事项日期")  # fmt: skip
        if accepted_on > notified_on:
            raise ValidationError("受理日期不能晚于书面告知日期")
        p.accepted, p.accepted_on, p.not_accepted_ground = True, accepted_on, ""
        p.state = ST.HANDLING
    else:
        if ground not in Petition.NotAcceptedGround.values:
            raise ValidationError("请选择不予受理的理由")
        p.accepted, p.not_accepted_ground = False, ground
        p.state = ST.NOT_ACCEPTED
    p.notified_on = notified_on
    late = finish(p.notice_deadline, notified_on, actor)
    finish(wrong_agency_deadline(p), notified_on, actor)
    if accepted and p.category == "claim":
        p.deadline = start_clock(
            p, clock=HANDLING, start=p.accepted_on, unit=p.handling_unit,
            title=f"办结申诉求决类信访事项：{p.number}", url=office_url(p), actor=actor,
        )  # fmt: skip
    p.save()
    if accepted:
        words = f"{notified_on:%Y-%m-%d}书面告知受理（{p.accepted_on:%Y-%m-%d}受理）"
        if p.deadline_id:
            words += f"，应于{p.deadline.due_date:%Y-%m-%d}前办结并出具处理意见书"
    else:
        words = f"{notified_on:%Y-%m-%d}书面告知不予受理：{p.get_not_accepted_ground_display()}"
    if late:
        words += "（超过15日告知期限）"
    record(p, "petition_notified", actor, p.handling_unit, words, before, snap(p))
    return p
