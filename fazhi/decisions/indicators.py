"""Figures computed from decision records: one grouped query per indicator for all units,
with the district total under the government's unit.

- decisions.catalog_items: items in the year's published catalogues (not removed), by the
  unit that runs them.
- decisions.legality_review_rate / collective_discussion_rate / consultation_rate: of the
  decisions made in the year (approved at a 常务会议/全体会议, ``decided_on``), the share
  that passed legality review (snapshot taken at decision time), that were decided by an
  approved collective discussion, and that were put out for public comment online.
- decisions.evaluations: post-decision evaluations started in the year (条例第36条).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from fazhi.indicators.registry import figure_records_url, government, register

from .models import CatalogItem, CollectiveDecision, DecisionCatalog, MajorDecision, PostEvaluation


def _records_for(code: str):
    return figure_records_url(code, "/office/decisions/", "unit")


def _decided_in(year: int):
    return MajorDecision.objects.filter(decided_on__year=year)


# The decisions behind each figure (the denominator, for rates).
FIGURE_RECORDS = {
    "decisions.legality_review_rate": _decided_in,
    "decisions.collective_discussion_rate": _decided_in,
    "decisions.consultation_rate": _decided_in,
    "decisions.evaluations": lambda y: MajorDecision.objects.filter(
        pk__in=PostEvaluation.objects.filter(started_on__year=y).values("decision_id")
    ),
}


def _catalog_records(unit_id, year) -> str:
    return f"/office/decisions/catalogs/?year={year}"


def _with_total(counts: dict[int, int]) -> dict[int, Decimal]:
    out = {u: Decimal(n) for u, n in counts.items()}
    gov = government()
    if gov is not None:
        out[gov.pk] = Decimal(sum(counts.values()))
    return out


def _rate(num: int, den: int) -> Decimal:
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"))


def _rates(rows) -> dict[int, Decimal]:
    """rows: (unit_id, numerator, denominator) per unit → rates, plus the district's."""
    rows = [(u, n, d) for u, n, d in rows if d]
    out = {u: _rate(n, d) for u, n, d in rows}
    gov = government()
    total = sum(d for _, _, d in rows)
    if gov is not None and total:
        out[gov.pk] = _rate(sum(n for _, n, _ in rows), total)
    return out


@register("decisions.catalog_items", records_url=_catalog_records)
def catalog_items(year: int) -> dict[int, Decimal]:
    rows = (
        CatalogItem.objects.filter(
            catalog__year=year,
            catalog__state=DecisionCatalog.State.PUBLISHED,
            state=CatalogItem.State.INCLUDED,
        )
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return _with_total(dict(rows))


def _decided(year: int):
    return MajorDecision.objects.filter(decided_on__year=year).order_by().values("unit_id")


@register(
    "decisions.legality_review_rate", records_url=_records_for("decisions.legality_review_rate")
)
def legality_review_rate(year: int) -> dict[int, Decimal]:
    rows = (
        _decided(year)
        .annotate(n=Count("pk", filter=Q(legality_passed=True)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
    )
    return _rates(rows)


@register(
    "decisions.collective_discussion_rate",
    records_url=_records_for("decisions.collective_discussion_rate"),
)
def collective_discussion_rate(year: int) -> dict[int, Decimal]:
    approved = Q(
        meetings__outcome=CollectiveDecision.Outcome.APPROVED,
        meetings__meeting_kind__in=CollectiveDecision.MeetingKind.values,
    )
    rows = (
        _decided(year)
        .annotate(n=Count("pk", filter=approved, distinct=True), d=Count("pk", distinct=True))
        .values_list("unit_id", "n", "d")
    )
    return _rates(rows)


@register("decisions.consultation_rate", records_url=_records_for("decisions.consultation_rate"))
def consultation_rate(year: int) -> dict[int, Decimal]:
    rows = (
        _decided(year)
        .annotate(
            n=Count("pk", filter=Q(participation=MajorDecision.Participation.CONSULTATION)),
            d=Count("pk"),
        )
        .values_list("unit_id", "n", "d")
    )
    return _rates(rows)


@register("decisions.evaluations", records_url=_records_for("decisions.evaluations"))
def evaluations(year: int) -> dict[int, Decimal]:
    rows = (
        PostEvaluation.objects.filter(started_on__year=year)
        .order_by()
        .values("decision__unit_id")
        .annotate(n=Count("pk"))
        .values_list("decision__unit_id", "n")
    )
    return _with_total(dict(rows))
