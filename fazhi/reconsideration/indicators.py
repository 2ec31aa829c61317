"""行政复议 figures computed from the records, one grouped query per figure for all units,
the government's unit carrying the district total (as every module does).

Each figure is counted for the respondent (被申请人) department or township, so that a unit's
own report reads "本单位被申请行政复议X件" and its 纠错率; an application against an agency
outside the platform counts for the 行政复议机构 itself. The district figure is all of them.

* reconsideration.received — applications received (收到) in the year, whatever became of
  them (受理、不予受理、告知、撤回).
* reconsideration.accepted — cases accepted in the year (受理日期), deemed acceptances
  included (第30条第3款).
* reconsideration.concluded — cases concluded in the year (决定、调解、撤回、终止).
* reconsideration.correction_rate — of the cases concluded in the year, the share whose
  outcome corrected the act: 撤销、变更、确认违法、确认无效、责令履行 (第63—67条), %. This is
  the 直接纠错率 the 司法部 statistics use; mediated and withdrawn cases are in the
  denominator and not in the numerator.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from fazhi.indicators.registry import figure_records_url, government, register

from .models import CORRECTING, Application, Case

APPLICATIONS = "/office/reconsideration/applications/"
CASES = "/office/reconsideration/cases/"
UNIT = Coalesce("respondent_id", "unit_id")

# The records each figure counts (code → fn(year) → queryset), for the lists' ?figure= link.
RECORDS = {
    "reconsideration.received": lambda y: Application.objects.filter(received_on__year=y),
    "reconsideration.accepted": lambda y: Case.objects.filter(accepted_on__year=y),
    "reconsideration.concluded": lambda y: Case.objects.filter(decided_on__year=y),
    "reconsideration.correction_rate": lambda y: Case.objects.filter(decided_on__year=y),
}


def _with_total(rows) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for unit_id, n in rows:
        if n:
            out[unit_id] = out.get(unit_id, Decimal(0)) + Decimal(n)
    gov = government()
    if gov is not None:
        out[gov.pk] = sum((n for u, n in out.items() if u != gov.pk), Decimal(0)) + out.get(
            gov.pk, Decimal(0)
        )
    return out


def _by_unit(qs):
    return qs.annotate(u=UNIT).values("u").annotate(n=Count("pk")).values_list("u", "n")


@register(
    "reconsideration.received",
    records_url=figure_records_url("reconsideration.received", APPLICATIONS, "respondent"),
)
def received(year: int):
    return _with_total(_by_unit(RECORDS["reconsideration.received"](year)))


@register(
    "reconsideration.accepted",
    records_url=figure_records_url("reconsideration.accepted", CASES, "respondent"),
)
def accepted(year: int):
    return _with_total(_by_unit(RECORDS["reconsideration.accepted"](year)))


@register(
    "reconsideration.concluded",
    records_url=figure_records_url("reconsideration.concluded", CASES, "respondent"),
)
def concluded(year: int):
    return _with_total(_by_unit(RECORDS["reconsideration.concluded"](year)))


@register(
    "reconsideration.correction_rate",
    records_url=figure_records_url("reconsideration.correction_rate", CASES, "respondent"),
)
def correction_rate(year: int):
    rows = (
        Case.objects.filter(decided_on__year=year)
        .annotate(u=UNIT)
        .values("u")
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(outcome__in=CORRECTING)))
        .values_list("u", "c", "n")
    )
    out: dict[int, Decimal] = {}
    num = den = 0
    for unit_id, c, n in rows:
        num, den = num + c, den + n
        out[unit_id] = (Decimal(100) * c / n).quantize(Decimal("0.1"), ROUND_HALF_UP)
    gov = government()
    if gov is not None and den:
        out[gov.pk] = (Decimal(100) * num / den).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return out
