"""延期 (信访工作条例 第三十四条): a complex 申诉求决 petition's 60 days extended, with the
approval of the agency's head, by no more than 30 days in all; the petitioner told why."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core

from ... import conf
from ...models import Petition
from .common import ST, after, is_open, lock, need_handling, record, required, snap


@transaction.atomic
def extend(
    p: Petition, *, days: int, approved_by: str, reason: str, approved_on: dt.date, actor
) -> Petition:
    p = lock(p)
    need_handling(actor, p)
    if p.state != ST.HANDLING or p.category != "claim" or not is_open(p.deadline):
        raise ValidationError("只有办理中的申诉求决类信访事项可以延长办理期限")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError("延长天数应为正整数") from None
    if days < 1:
        raise ValidationError("延长天数应为正整数")
    most = conf.petition_extension_days()
    left = most - p.extension_days
    if days > left:
        raise ValidationError(
            f"办理期限最多延长{most}日，已延长{p.extension_days}日，还能延长{left}日"
        )
    approved_by = required(approved_by, "批准人（本机关负责人）", 50)
    reason = required(reason, "延期理由", 300)
    approved_on = after(approved_on, p.accepted_on, "批准延期日期", "受理日期")
    if p.deadline.due_date and approved_on > p.deadline.due_date:
        raise ValidationError(f"延期应在办理期限届满（{p.deadline.due_date:%Y-%m-%d}）前批准")
    before = snap(p)
    p.deadline = core.extend_deadline(
        p.deadline, days=days, reason=reason, approved_by=approved_by, approved_on=approved_on,
        actor=actor,
    )  # fmt: skip
    p.extension_days += days
    p.extension_approved_by, p.extension_reason = approved_by, reason
    p.save()
    record(p, "petition_extended", actor, p.handling_unit,
           f"经{approved_by}批准延长办理期限{days}日，至{p.deadline.due_date:%Y-%m-%d}，"
           f"并告知信访人延期理由：{reason}", before, snap(p))  # fmt: skip
    return p
