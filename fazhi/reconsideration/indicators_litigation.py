"""Figures of 行政应诉 and 司法/检察建议 computed from the records, by unit (the defendant
or the unit the suggestion is assigned to), the government's unit carrying the district
total (as every module does). One grouped query per figure.

Counting rules:

* litigation.cases — court cases served in the year (收到起诉状副本日期), one per instance
  (一审、二审、再审 each count).
* litigation.head_appearances — instances with a hearing in the year at which the head
  (正职、副职 or the head in charge, 法释〔2020〕3号 第2条) appeared. The SPC rule counts
  the head's appearance per instance ("在第一审、第二审、再审等诉讼程序中出庭"): one
  appearance at any hearing of the instance suffices, so an instance with two hearings of
  which the head attended one counts once, as attended.
* litigation.head_appearance_rate — 负责人出庭应诉率 = the instances above ÷ instances with
  a hearing in the year, %. An instance without a hearing (撤诉 before the trial, 书面审理)
  is in neither.
* litigation.lost — instances concluded in the year (裁判日期) with 败诉 (撤销、变更、确认违法
  或无效、责令履行、判决赔偿).
* litigation.loss_rate — 败诉率 = lost ÷ instances concluded in the year (any result:
  胜诉、败诉、撤诉、调解、驳回起诉、其他), %.
* suggestion.judicial / suggestion.procuratorial — 司法建议 / 检察建议 received in the year.
* suggestion.on_time_rate — 按期办复率: of the suggestions received in the year that were
  replied or whose reply date has passed, the share replied by the reply date, %.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from fazhi.indicators.registry import (
    figure_records_url,
    government,
    pooled_rates,
    register,
    with_total,
)

from .models import Hearing, Litigation, Suggestion

LITIGATION = "/office/reconsideration/litigation/"
SUGGESTIONS = "/office/reconsideration/suggestions/"


def _count(qs):
    return qs.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")


def heard(year: int):
    """Instances with a hearing in the year."""
    h = Hearing.objects.filter(litigation=OuterRef("pk"), held_on__year=year)
    return Litigation.objects.filter(Exists(h))


def head_heard(year: int):
    """Instances with a hearing in the year at which the head appeared."""
    h = Hearing.objects.filter(litigation=OuterRef("pk"), held_on__year=year, head_appeared=True)
    return Litigation.objects.filter(Exists(h))


def concluded(year: int):
    return Litigation.objects.filter(result_on__year=year)


def reply_due(year: int):
    """Suggestions of the year whose on-time question is settled: replied, or past due."""
    today = timezone.localdate()
    return Suggestion.objects.filter(received_on__year=year).filter(
        Q(replied_on__isnull=False) | Q(reply_due_on__lt=today)
    )


# The records each figure counts (code → fn(year) → queryset), for the lists' ?figure= link.
RECORDS = {
    "litigation.cases": lambda y: Litigation.objects.filter(served_on__year=y),
    "litigation.head_appearances": head_heard,
    "litigation.head_appearance_rate": heard,
    "litigation.lost": lambda y: concluded(y).filter(result=Litigation.Result.LOST),
    "litigation.loss_rate": concluded,
}
SUGGESTION_RECORDS = {
    "suggestion.judicial": lambda y: Suggestion.objects.filter(
        received_on__year=y, kind=Suggestion.Kind.JUDICIAL
    ),
    "suggestion.procuratorial": lambda y: Suggestion.objects.filter(
        received_on__year=y, kind=Suggestion.Kind.PROCURATORIAL
    ),
    "suggestion.on_time_rate": reply_due,
}


def _lit_url(code):
    return figure_records_url(code, LITIGATION, "unit")


def _sug_url(code):
    return figure_records_url(code, SUGGESTIONS, "unit")


@register("litigation.cases", records_url=_lit_url("litigation.cases"))
def cases(year: int):
    return with_total(_count(RECORDS["litigation.cases"](year)))


@register("litigation.head_appearances", records_url=_lit_url("litigation.head_appearances"))
def head_appearances(year: int):
    return with_total(_count(head_heard(year)))


@register(
    "litigation.head_appearance_rate", records_url=_lit_url("litigation.head_appearance_rate")
)
def head_appearance_rate(year: int):
    num = dict(_count(head_heard(year)))
    return pooled_rates({u: (num.get(u, 0), d) for u, d in _count(heard(year))})


def explain_lost(year: int, unit_id: int | None) -> str:
    """The year's lost cases in the records' own words: the defendant, the act and what
    the court found (the cause a report gives for a rise in 败诉)."""
    qs = RECORDS["litigation.lost"](year).select_related("unit").order_by("result_on", "pk")
    gov = government()
    if unit_id is not None and (gov is None or unit_id != gov.pk):
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs)
    if not rows:
        return ""
    parts = [
        f"{c.unit.short_name or c.unit.name}{c.act}一案"
        + (f"（{c.result_reason.rstrip('。')}）" if c.result_reason else "")
        for c in rows
    ]
    return f"{year}年败诉的{len(rows)}件为：" + "；".join(parts)


@register("litigation.lost", records_url=_lit_url("litigation.lost"), explain=explain_lost)
def lost(year: int):
    return with_total(_count(RECORDS["litigation.lost"](year)))


@register(
    "litigation.loss_rate", records_url=_lit_url("litigation.loss_rate"), explain=explain_lost
)
def loss_rate(year: int):
    rows = (
        concluded(year)
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(result=Litigation.Result.LOST)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
    )
    return pooled_rates({u: (n, d) for u, n, d in rows})


@register("suggestion.judicial", records_url=_sug_url("suggestion.judicial"))
def judicial(year: int):
    return with_total(_count(SUGGESTION_RECORDS["suggestion.judicial"](year)))


@register("suggestion.procuratorial", records_url=_sug_url("suggestion.procuratorial"))
def procuratorial(year: int):
    return with_total(_count(SUGGESTION_RECORDS["suggestion.procuratorial"](year)))


@register("suggestion.on_time_rate", records_url=_sug_url("suggestion.on_time_rate"))
def on_time_rate(year: int):
    rows = (
        reply_due(year)
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(replied_in_time=True)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
    )
    return pooled_rates({u: (n, d) for u, n, d in rows})
