"""Figures legality review computes from its records (one grouped query each for all units;
the government's unit carries the district total).

* legal.reviews — reviews of decisions, normative documents, enforcement decisions and
  other matters concluded in the year (the catalogue's "对N件行政决策事项进行合法性审查";
  contracts are counted apart), by reviewing unit.
* legal.agreements_reviewed — contract/agreement reviews concluded in the year.
* legal.opinions — reviews concluded in the year with a written opinion letter (审查意见书).
* legal.adviser_meetings — advisers' participations in meetings in the year, by meeting unit.
"""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.indicators.registry import government, register

from .models import AdviserParticipation, LegalReview

REVIEWS_URL = "/office/legal/reviews/?year={year}&kind={kind}{unit}"


def _unit(unit_id: int | None, field: str = "reviewer") -> str:
    return f"&{field}={unit_id}" if unit_id else ""


def _with_total(rows) -> dict[int, int]:
    out = {unit_id: n for unit_id, n in rows if n}
    gov = government()
    if gov is not None:
        # District-wide figure; a review done by the government itself is already inside.
        out[gov.pk] = sum(n for u, n in out.items() if u != gov.pk) + out.get(gov.pk, 0)
    return out


def _concluded(year: int):
    return LegalReview.objects.filter(
        state=LegalReview.State.CONCLUDED, concluded_on__year=year
    ).values("reviewer_unit_id")


@register(
    "legal.reviews",
    records_url=lambda unit_id, year: REVIEWS_URL.format(
        year=year, kind="noncontract", unit=_unit(unit_id)
    ),
)
def reviews(year: int) -> dict[int, int]:
    rows = (
        _concluded(year)
        .exclude(kind=LegalReview.Kind.CONTRACT)
        .annotate(n=Count("pk"))
        .values_list("reviewer_unit_id", "n")
    )
    return _with_total(rows)


@register(
    "legal.agreements_reviewed",
    records_url=lambda unit_id, year: REVIEWS_URL.format(
        year=year, kind="contract", unit=_unit(unit_id)
    ),
)
def agreements_reviewed(year: int) -> dict[int, int]:
    rows = (
        _concluded(year)
        .filter(kind=LegalReview.Kind.CONTRACT)
        .annotate(n=Count("pk"))
        .values_list("reviewer_unit_id", "n")
    )
    return _with_total(rows)


@register(
    "legal.opinions",
    records_url=lambda unit_id, year: REVIEWS_URL.format(
        year=year, kind="", unit=_unit(unit_id) + "&written=1"
    ),
)
def opinions(year: int) -> dict[int, int]:
    rows = (
        _concluded(year)
        .annotate(n=Count("pk", filter=Q(written_opinion=True)))
        .values_list("reviewer_unit_id", "n")
    )
    return _with_total(rows)


@register(
    "legal.adviser_meetings",
    records_url=lambda unit_id, year: (
        f"/office/legal/participations/?year={year}" + _unit(unit_id, "unit")
    ),
)
def adviser_meetings(year: int) -> dict[int, int]:
    rows = (
        AdviserParticipation.objects.filter(date__year=year)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return _with_total(rows)
