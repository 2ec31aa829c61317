"""Figures of 案卷评查 and 行政执法监督, computed from their records (one grouped query each
for all units; the government's unit carries the district figure).

* enforcement.case_files_reviewed — drawn case files scored in the year (``scored_on``),
  by the reviewed agency's unit (the catalogue's "评查行政执法案卷N卷").
* enforcement.case_file_pass_rate — of those, the share scoring at least the sheet's pass
  mark (%, one decimal).
* enforcement.supervision_checks — 行政执法监督检查 held in the year (``checked_on``), by
  the checked agency's unit; the district figure counts every check.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from fazhi.indicators.registry import figure_records_url, government, register

from .models import CaseFileReview, SupervisionCheck

FILES_URL = "/office/enforcement/review/files/"
CHECKS_URL = "/office/enforcement/supervision/checks/"


def scored_in(year: int):
    return CaseFileReview.objects.filter(scored_on__year=year)


def checks_in(year: int):
    return SupervisionCheck.objects.filter(checked_on__year=year)


# The records behind each figure (the denominator, for the rate): the lists' ?figure= filter.
FILE_RECORDS = {
    "enforcement.case_files_reviewed": scored_in,
    "enforcement.case_file_pass_rate": scored_in,
}
CHECK_RECORDS = {"enforcement.supervision_checks": checks_in}


def _rate(num: int, den: int) -> Decimal:
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"))


def _counts(rows) -> dict[int, Decimal]:
    out = {u: Decimal(n) for u, n in rows if n}
    gov = government()
    if gov is not None:
        out[gov.pk] = Decimal(sum(n for u, n in out.items() if u != gov.pk)) + out.get(
            gov.pk, Decimal(0)
        )
    return out


@register(
    "enforcement.case_files_reviewed",
    records_url=figure_records_url("enforcement.case_files_reviewed", FILES_URL, "unit"),
)
def case_files_reviewed(year: int) -> dict[int, Decimal]:
    rows = scored_in(year).order_by().values("unit_id").annotate(n=Count("pk"))
    return _counts(rows.values_list("unit_id", "n"))


@register(
    "enforcement.case_file_pass_rate",
    records_url=figure_records_url("enforcement.case_file_pass_rate", FILES_URL, "unit"),
)
def case_file_pass_rate(year: int) -> dict[int, Decimal]:
    rows = [
        (u, n, d)
        for u, n, d in scored_in(year)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(passed=True)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
        if d
    ]
    out = {u: _rate(n, d) for u, n, d in rows}
    gov = government()
    total = sum(d for _, _, d in rows)
    if gov is not None and total:
        out[gov.pk] = _rate(sum(n for _, n, _ in rows), total)
    return out


@register(
    "enforcement.supervision_checks",
    records_url=figure_records_url("enforcement.supervision_checks", CHECKS_URL, "unit"),
)
def supervision_checks(year: int) -> dict[int, Decimal]:
    rows = checks_in(year).order_by().values("unit_id").annotate(n=Count("pk"))
    return _counts(rows.values_list("unit_id", "n"))
