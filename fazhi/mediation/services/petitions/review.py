"""复查 (信访工作条例 第三十五条) and 复核 (第三十六条) of a 申诉求决 petition's 处理意见书.

The petitioner asks for 复查 within 30 days of receiving the 处理意见书, the agency one level
up answers within 30 days; then 复核, asked within 30 days of receiving the 复查意见书 and
answered within 30 days, a hearing (听证) not counted. Each happens once; after 复核 the same
matter is no longer accepted (registration.reviewed_repeat). The registering unit (its
信访部门) records them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import OrgUnit

from ... import conf
from ...deadlines import RE_REVIEW, REVIEW
from ...models import Petition, PetitionReview
from .common import (
    ST,
    after,
    finish,
    last_day,
    lock,
    need_registering,
    office_url,
    record,
    required,
    snap,
    start_clock,
)  # fmt: skip

LEVEL_WORDS = {"review": "复查", "re_review": "复核"}


def _due_words(deadline, what: str) -> str:
    if deadline is None:
        return f"{what}的期限待下一年度工作日历（节假日安排）载入后计算"
    return f"应于{deadline.due_date:%Y-%m-%d}前{what}"


def _request(p, level, reviewing_unit, requested_on, actor, *, served_on, limit, source):
    word = LEVEL_WORDS[level]
    if reviewing_unit is None:
        raise ValidationError(f"请选择{word}机关")
    requested_on = after(requested_on, served_on, f"收到{word}请求日期", f"信访人收到{source}日期")
    last = last_day(served_on, limit)
    if requested_on > last:
        raise ValidationError(
            f"请求{word}应当自收到{source}之日起{limit}日内提出（至{last:%Y-%m-%d}），已经超过期限"
        )
    before = snap(p)
    r = PetitionReview.objects.create(
        petition=p, level=level, reviewing_unit=reviewing_unit, requested_on=requested_on
    )
    r.deadline = start_clock(
        p, clock=REVIEW if level == "review" else RE_REVIEW, start=requested_on,
        unit=p.unit, title=f"提出{word}意见：{p.number}", url=office_url(p), actor=actor,
    )  # fmt: skip
    r.save(update_fields=["deadline"])
    record(p, f"petition_{level}_requested", actor, p.unit,
           f"{requested_on:%Y-%m-%d}收到{word}请求，{word}机关：{reviewing_unit.name}，"
           + _due_words(r.deadline, f"提出{word}意见"), before, snap(p))  # fmt: skip
    return r


@transaction.atomic
def request_review(
    p: Petition, *, reviewing_unit: OrgUnit | None, requested_on: dt.date, actor
) -> PetitionReview:
    """第三十五条: only for a concluded 申诉求决 petition whose 处理意见书 was received; once."""
    p = lock(p)
    need_registering(actor, p)
    if p.state != ST.CONCLUDED or p.category != "claim":
        raise ValidationError("只有已出具处理意见书的申诉求决类信访事项可以请求复查")
    if p.opinion_served_on is None:
        raise ValidationError("请先登记信访人收到处理意见书的日期")
    if p.reviews.filter(level="review").exists():
        raise ValidationError("该信访事项已经请求过复查，不能再次请求复查")
    return _request(p, "review", reviewing_unit, requested_on, actor,
                    served_on=p.opinion_served_on, limit=conf.review_request_days(),
                    source="处理意见书")  # fmt: skip


@transaction.atomic
def request_re_review(
    p: Petition, *, reviewing_unit: OrgUnit | None, requested_on: dt.date, actor
) -> PetitionReview:
    """第三十六条: only after the 复查意见书 was received; once."""
    p = lock(p)
    need_registering(actor, p)
    review = p.reviews.filter(level="review").first()
    if review is None or review.answered_on is None or review.served_on is None:
        raise ValidationError("复查意见书送达信访人后才能请求复核")
    if p.reviews.filter(level="re_review").exists():
        raise ValidationError("该信访事项已经请求过复核，不能再次请求复核")
    return _request(p, "re_review", reviewing_unit, requested_on, actor,
                    served_on=review.served_on, limit=conf.re_review_request_days(),
                    source="复查意见书")  # fmt: skip


def _review(p: Petition, level: str) -> PetitionReview:
    r = PetitionReview.objects.select_for_update().filter(petition=p, level=level).first()
    if r is None:
        raise ValidationError(f"该信访事项没有{LEVEL_WORDS[level]}请求")
    return r


@transaction.atomic
def answer(
    p: Petition, *, level: str, result: str, opinion_number: str, opinion: str,
    answered_on: dt.date, served_on: dt.date | None = None, actor,
) -> PetitionReview:  # fmt: skip
    """The 复查意见 (第三十五条) or 复核意见 (第三十六条), within 30 days of the request (a
    later one recorded, flagged late)."""
    p = lock(p)
    need_registering(actor, p)
    if level not in LEVEL_WORDS:
        raise ValidationError("请选择复查或复核")
    r = _review(p, level)
    word = LEVEL_WORDS[level]
    if r.answered_on is not None:
        raise ValidationError(f"该信访事项已经作出{word}意见")
    if r.hearing_from is not None and r.hearing_to is None:
        raise ValidationError("听证尚未结束，请先登记听证结束日期")
    if result not in PetitionReview.Result.values:
        raise ValidationError(f"请选择{word}结论")
    opinion_number = required(opinion_number, f"{word}意见书文号", 80)
    opinion = required(opinion, f"{word}意见", 5000)
    answered_on = after(answered_on, r.requested_on, f"出具{word}意见日期", f"收到{word}请求日期")
    before = snap(p)
    r.result, r.opinion_number, r.opinion, r.answered_on = (
        result,
        opinion_number,
        opinion,
        answered_on,
    )
    if served_on is not None:
        r.served_on = after(served_on, answered_on, "信访人收到意见书日期", f"出具{word}意见日期")
    r.late = finish(r.deadline, answered_on, actor)
    r.save()
    words = f"{answered_on:%Y-%m-%d}出具{word}意见书{opinion_number}：{r.get_result_display()}"
    if r.late:
        words += "（逾期）"
    if r.served_on:
        words += f"；信访人于{r.served_on:%Y-%m-%d}收到"
    if level == "re_review":
        words += "；信访人仍以同一事实和理由提出的，不再受理"
    record(p, f"petition_{level}_answered", actor, p.unit, words, before, snap(p))
    return r


@transaction.atomic
def serve_answer(p: Petition, *, level: str, served_on: dt.date, actor) -> PetitionReview:
    """The day the petitioner received the 复查（复核）意见书, when not known at the answer."""
    p = lock(p)
    need_registering(actor, p)
    if level not in LEVEL_WORDS:
        raise ValidationError("请选择复查或复核")
    r = _review(p, level)
    word = LEVEL_WORDS[level]
    if r.answered_on is None:
        raise ValidationError(f"尚未作出{word}意见")
    if r.served_on is not None:
        raise ValidationError(f"已登记信访人收到{word}意见书的日期")
    before = snap(p)
    r.served_on = after(served_on, r.answered_on, "信访人收到意见书日期", f"出具{word}意见日期")
    r.save(update_fields=["served_on"])
    record(p, f"petition_{level}_served", actor, p.unit,
           f"信访人于{r.served_on:%Y-%m-%d}收到{word}意见书", before, snap(p))  # fmt: skip
    return r


@transaction.atomic
def hearing(
    p: Petition, *, start: dt.date | None = None, end: dt.date | None = None, actor
) -> PetitionReview:
    """第三十六条: the 复核's hearing is not counted in its 30 days: its start stops the clock
    (from that day), its end starts it again (from the next day)."""
    p = lock(p)
    need_registering(actor, p)
    r = _review(p, "re_review")
    if r.answered_on is not None:
        raise ValidationError("已经作出复核意见，不能再登记听证")
    before = snap(p)
    if start is not None:
        if r.hearing_from is not None:
            raise ValidationError("已经登记过听证开始日期")
        start = after(start, r.requested_on + dt.timedelta(days=1), "听证开始日期",
                      "收到复核请求的次日")  # fmt: skip
        if r.deadline is not None:
            r.deadline = core.pause_deadline(r.deadline, start=start, reason="听证", actor=actor)
        r.hearing_from = start
        words = f"{start:%Y-%m-%d}起举行听证，听证时间不计入复核期限"
    elif end is not None:
        if r.hearing_from is None:
            raise ValidationError("请先登记听证开始日期")
        if r.hearing_to is not None:
            raise ValidationError("已经登记过听证结束日期")
        end = after(end, r.hearing_from, "听证结束日期", "听证开始日期")
        words = f"听证于{end:%Y-%m-%d}结束"
        if r.deadline is not None:
            r.deadline = core.resume_deadline(
                r.deadline, end=end + dt.timedelta(days=1), actor=actor
            )
            words += f"，复核期限届满日调整为{r.deadline.due_date:%Y-%m-%d}"
        r.hearing_to = end
    else:
        raise ValidationError("请填写听证开始日期或结束日期")
    r.save()
    record(p, "petition_hearing", actor, p.unit, words, before, snap(p))
    return r
