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

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from fazhi.indicators.registry import figure_records_url, pooled_rates, register, with_total

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


def _by_unit(qs):
    return qs.annotate(u=UNIT).values("u").annotate(n=Count("pk")).values_list("u", "n")


@register(
    "reconsideration.received",
    records_url=figure_records_url("reconsideration.received", APPLICATIONS, "respondent"),
)
def received(year: int):
    return with_total(_by_unit(RECORDS["reconsideration.received"](year)))


@register(
    "reconsideration.accepted",
    records_url=figure_records_url("reconsideration.accepted", CASES, "respondent"),
)
def accepted(year: int):
    return with_total(_by_unit(RECORDS["reconsideration.accepted"](year)))


@register(
    "reconsideration.concluded",
    records_url=figure_records_url("reconsideration.concluded", CASES, "respondent"),
)
def concluded(year: int):
    return with_total(_by_unit(RECORDS["reconsideration.concluded"](year)))


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
    return pooled_rates({u: (c, n) for u, c, n in rows})
