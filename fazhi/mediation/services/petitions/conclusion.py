"""办结 (信访工作条例 第三十四条): a 申诉求决 petition with its 信访处理意见书 (number, result,
opinion), on or before the due day (a later one recorded, flagged late); a 建议意见类 or
检举控告类 petition with its reply (第二十九、三十条). The day the petitioner received the
意见书 starts their 30 days to ask for 复查 (第三十五条)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ...models import Petition
from .common import ST, after, finish, lock, need_handling, record, required, snap


@transaction.atomic
def conclude(
    p: Petition, *, concluded_on: dt.date, opinion: str, result: str = "",
    opinion_number: str = "", served_on: dt.date | None = None,
    satisfied: bool | None = None, actor,
) -> Petition:  # fmt: skip
    p = lock(p)
    need_handling(actor, p)
    if p.state != ST.HANDLING:
        raise ValidationError(f"该信访事项当前{p.get_state_display()}，不能办结")
    concluded_on = after(concluded_on, p.accepted_on, "办结日期", "受理日期")
    if p.category == "claim":
        if result not in Petition.Result.values:
            raise ValidationError("请选择处理结果")
        opinion_number = required(opinion_number, "处理意见书文号", 80)
        opinion = required(opinion, "处理意见", 5000)
    else:
        result, opinion_number = "", (opinion_number or "").strip()[:80]
        opinion = required(opinion, "答复内容", 5000)
    before = snap(p)
    p.result, p.opinion_number, p.opinion = result, opinion_number, opinion
    p.concluded_on = concluded_on
    if served_on is not None:
        p.opinion_served_on = after(served_on, concluded_on, "信访人收到日期", "办结日期")
    p.satisfied = satisfied
    p.late = finish(p.deadline, concluded_on, actor)
    p.state = ST.CONCLUDED
    p.save()
    if p.category == "claim":
        words = (
            f"{concluded_on:%Y-%m-%d}出具信访处理意见书{opinion_number}：{p.get_result_display()}"
        )
    else:
        words = f"{concluded_on:%Y-%m-%d}办结并答复信访人"
    if p.late:
        words += "（逾期办结）"
    if p.opinion_served_on:
        words += f"；信访人于{p.opinion_served_on:%Y-%m-%d}收到"
    record(p, "petition_concluded", actor, p.handling_unit, words, before, snap(p))
    return p


@transaction.atomic
def serve(p: Petition, *, served_on: dt.date, actor) -> Petition:
    """The day the petitioner received the 处理意见书 (送达), when it was not known at
    conclusion."""
    p = lock(p)
    need_handling(actor, p)
    if p.state != ST.CONCLUDED or p.category != "claim":
        raise ValidationError("只有已办结的申诉求决类信访事项可以登记处理意见书送达")
    if p.opinion_served_on is not None:
        raise ValidationError("已登记信访人收到处理意见书的日期")
    before = snap(p)
    p.opinion_served_on = after(served_on, p.concluded_on, "信访人收到日期", "办结日期")
    p.save()
    record(p, "petition_served", actor, p.handling_unit,
           f"信访人于{p.opinion_served_on:%Y-%m-%d}收到处理意见书", before, snap(p))  # fmt: skip
    return p
