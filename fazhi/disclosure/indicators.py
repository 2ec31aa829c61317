"""政府信息公开 figures computed from the records, one grouped query per figure for all
units, the government's unit carrying the district total (as every module does). Each is
counted for the agency that publishes or answers.

* disclosure.proactive — releases published (主动公开) in the year, withdrawn ones included
  (they were public).
* disclosure.interpretations — 政策解读 published in the year.
* disclosure.published — both of the above: everything the agency published in the year.
* disclosure.proactive_on_time_rate — of the releases published in the year, the share
  published within 20 working days of being created or changed (第二十六条), %.
* disclosure.requests — requests received (本年新收) in the year: section 三 row 一.
* disclosure.requests_concluded — requests concluded in the year (答复或终止): row 三(七).
* disclosure.on_time_rate — of the requests answered in the year, the share answered on or
  before the due day (20 working days, pauses and an approved extension applied), %.
  Requests no longer handled (no supplement, no fee, withdrawn) are not answers and are
  left out.
* disclosure.fee_notices / disclosure.fee_amount — 信息处理费 notices issued in the year
  and the amount paid in the year (元): section 六 of the annual report.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from fazhi.indicators.registry import figure_records_url, pooled_rates, register, with_total

from .models import DisclosureRequest, Interpretation, ProactiveRelease

RELEASES = "/office/disclosure/releases/"
REQUESTS = "/office/disclosure/requests/"
INTERPRETATIONS = "/office/disclosure/interpretations/"
PUBLIC = (ProactiveRelease.State.PUBLISHED, ProactiveRelease.State.WITHDRAWN)

RECORDS = {
    "disclosure.proactive": lambda y: ProactiveRelease.objects.filter(
        published_on__year=y, state__in=PUBLIC
    ),
    "disclosure.proactive_on_time_rate": lambda y: ProactiveRelease.objects.filter(
        published_on__year=y, state__in=PUBLIC
    ),
    "disclosure.interpretations": lambda y: Interpretation.objects.filter(published_on__year=y),
    "disclosure.requests": lambda y: DisclosureRequest.objects.filter(received_on__year=y),
    "disclosure.requests_concluded": lambda y: DisclosureRequest.objects.filter(
        replied_on__year=y,
        state__in=(DisclosureRequest.State.REPLIED, DisclosureRequest.State.CLOSED),
    ),
    "disclosure.on_time_rate": lambda y: DisclosureRequest.objects.filter(
        replied_on__year=y, state=DisclosureRequest.State.REPLIED
    ),
    "disclosure.fee_notices": lambda y: DisclosureRequest.objects.filter(fee_notified_on__year=y),
    "disclosure.fee_amount": lambda y: DisclosureRequest.objects.filter(fee_paid_on__year=y),
}


def _count(qs):
    return with_total(qs.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))


def _url(code: str, base: str):
    return figure_records_url(code, base, "unit")


@register("disclosure.proactive", records_url=_url("disclosure.proactive", RELEASES))
def proactive(year: int):
    return _count(RECORDS["disclosure.proactive"](year))


@register(
    "disclosure.interpretations", records_url=_url("disclosure.interpretations", INTERPRETATIONS)
)
def interpretations(year: int):
    return _count(RECORDS["disclosure.interpretations"](year))


@register("disclosure.published", records_url=_url("disclosure.proactive", RELEASES))
def published(year: int):
    a, b = proactive(year), interpretations(year)
    return {u: a.get(u, 0) + b.get(u, 0) for u in set(a) | set(b)}


@register(
    "disclosure.proactive_on_time_rate",
    records_url=_url("disclosure.proactive_on_time_rate", RELEASES),
)
def proactive_on_time_rate(year: int):
    rows = (
        RECORDS["disclosure.proactive_on_time_rate"](year)
        .values("unit_id")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(late=False)))
        .values_list("unit_id", "ok", "n")
    )
    return pooled_rates({u: (ok, n) for u, ok, n in rows})


@register("disclosure.requests", records_url=_url("disclosure.requests", REQUESTS))
def requests(year: int):
    return _count(RECORDS["disclosure.requests"](year))


@register(
    "disclosure.requests_concluded", records_url=_url("disclosure.requests_concluded", REQUESTS)
)
def requests_concluded(year: int):
    return _count(RECORDS["disclosure.requests_concluded"](year))


@register("disclosure.on_time_rate", records_url=_url("disclosure.on_time_rate", REQUESTS))
def on_time_rate(year: int):
    rows = (
        RECORDS["disclosure.on_time_rate"](year)
        .values("unit_id")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(late=False)))
        .values_list("unit_id", "ok", "n")
    )
    return pooled_rates({u: (ok, n) for u, ok, n in rows})


@register("disclosure.fee_notices", records_url=_url("disclosure.fee_notices", REQUESTS))
def fee_notices(year: int):
    return _count(RECORDS["disclosure.fee_notices"](year))


@register("disclosure.fee_amount", records_url=_url("disclosure.fee_amount", REQUESTS))
def fee_amount(year: int):
    rows = (
        RECORDS["disclosure.fee_amount"](year)
        .values("unit_id")
        .annotate(s=Sum("fee_amount"))
        .values_list("unit_id", "s")
    )
    return with_total(rows)
