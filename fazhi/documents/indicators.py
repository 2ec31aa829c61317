"""Figures computed from normative document records. Each is one grouped query over all
issuers (制定机关) for the year; the government's unit carries the district total.

Definitions (the year is the calendar year):
- documents.reviewed: documents whose 合法性审核 passed in the year.
- documents.filed: documents reported for 备案 in the year.
- documents.filing_rate: of the documents published in the year, the share filed.
- documents.filing_on_time_rate: of the filings made in the year, the share made within
  the period (FAZHI_DOCUMENT_FILING_DAYS after publication).
- documents.filing_pass_rate: of the filings made in the year whose review is decided,
  the share passed.
- documents.legality_review_rate: of the documents published in the year, the share with
  a passed 合法性审核.
- documents.cleaned / _retained / _repealed / _expired: documents given an outcome in
  cleanup campaigns completed in the year, by outcome (继续有效 / 废止 / 失效).

``disclosure_counts`` gives the 政府信息公开年度报告 table (第二十条第(一)项: 本年制发、
本年废止、现行有效 of 行政规范性文件) from the same records.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from fazhi.indicators.registry import figure_records_url, government, register

from .models import PUBLIC_STATUSES, CleanupItem, Filing, NormativeDocument, Outcome, shown_q


def _url_for(code: str):
    return figure_records_url(code, "/office/documents/", "issuer")


def _counts(rows) -> dict[int, Decimal]:
    out = {u: Decimal(n) for u, n in rows}
    gov = government()
    if gov is not None:
        out[gov.pk] = Decimal(sum(n for u, n in rows))
    return out


def _rate(n: int, d: int) -> Decimal:
    return (Decimal(100) * n / d).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _rates(rows) -> dict[int, Decimal]:
    """rows: (unit_id, numerator, denominator); units with no denominator are left out."""
    out = {u: _rate(n, d) for u, n, d in rows if d}
    gov = government()
    total_n = sum(n for _, n, _ in rows)
    total_d = sum(d for _, _, d in rows)
    if gov is not None and total_d:
        out[gov.pk] = _rate(total_n, total_d)
    return out


def _published_in(year: int):
    return NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES, published_on__year=year)


def _cleaned_docs(outcome: str | None):
    def docs(year: int):
        items = CleanupItem.objects.filter(cleanup__closed_on__year=year).exclude(outcome="")
        if outcome:
            items = items.filter(outcome=outcome)
        return NormativeDocument.objects.filter(pk__in=items.values("document_id"))

    return docs


# The documents behind each figure (the denominator, for rates): the office list filters
# by these, so a figure's link shows the records it was computed from.
FIGURE_RECORDS = {
    "documents.reviewed": lambda y: NormativeDocument.objects.filter(legality_reviewed_on__year=y),
    "documents.filed": lambda y: NormativeDocument.objects.filter(filing__filed_on__year=y),
    "documents.filing_rate": _published_in,
    "documents.filing_on_time_rate": lambda y: NormativeDocument.objects.filter(
        filing__filed_on__year=y
    ),
    "documents.filing_pass_rate": lambda y: NormativeDocument.objects.filter(
        filing__filed_on__year=y
    ).exclude(filing__outcome=Filing.Outcome.PENDING),
    "documents.legality_review_rate": _published_in,
    "documents.cleaned": _cleaned_docs(None),
    "documents.cleaned_retained": _cleaned_docs(Outcome.RETAIN),
    "documents.cleaned_repealed": _cleaned_docs(Outcome.REPEAL),
    "documents.cleaned_expired": _cleaned_docs(Outcome.EXPIRE),
}


@register("documents.reviewed", records_url=_url_for("documents.reviewed"))
def reviewed(year: int) -> dict[int, Decimal]:
    return _counts(
        list(
            NormativeDocument.objects.filter(legality_reviewed_on__year=year)
            .values("issuer_id")
            .annotate(n=Count("pk"))
            .values_list("issuer_id", "n")
        )
    )


@register("documents.filed", records_url=_url_for("documents.filed"))
def filed(year: int) -> dict[int, Decimal]:
    return _counts(
        list(
            Filing.objects.filter(filed_on__year=year)
            .values("document__issuer_id")
            .annotate(n=Count("pk"))
            .values_list("document__issuer_id", "n")
        )
    )


@register("documents.filing_rate", records_url=_url_for("documents.filing_rate"))
def filing_rate(year: int) -> dict[int, Decimal]:
    return _rates(
        list(
            _published_in(year)
            .values("issuer_id")
            .annotate(n=Count("pk", filter=Q(filing__isnull=False)), d=Count("pk"))
            .values_list("issuer_id", "n", "d")
        )
    )


def _filings(year: int, unit_id: int | None):
    qs = Filing.objects.filter(filed_on__year=year).select_related("document")
    return qs.filter(document__issuer_id=unit_id) if unit_id else qs


def _titles(filings, why) -> str:
    def title(f) -> str:  # a title inside 《》 writes its own 《》 as 〈〉
        return f.document.title.replace("《", "〈").replace("》", "〉")

    parts = [f"《{title(f)}》" + (f"（{why(f)}）" if why(f) else "") for f in filings[:3]]
    return "、".join(parts) + ("等" if len(filings) > 3 else "")


def explain_late_filings(year: int, unit_id: int | None) -> str:
    """The late filings of the year and the reason recorded with each."""
    late = list(_filings(year, unit_id).filter(on_time=False).order_by("filed_on"))
    if not late:
        return ""
    return f"逾期报送备案{len(late)}件：" + _titles(late, lambda f: f.late_reason.strip())


def explain_failed_filings(year: int, unit_id: int | None) -> str:
    """The filings of the year the higher body did not pass, with its review opinion."""
    failed = list(
        _filings(year, unit_id)
        .exclude(outcome__in=[Filing.Outcome.PENDING, Filing.Outcome.PASSED])
        .order_by("filed_on")
    )
    if not failed:
        return ""
    return f"备案审查中{len(failed)}件未予通过：" + _titles(
        failed, lambda f: f"{f.get_outcome_display().split('（')[0]}：{f.outcome_note}".strip("：")
    )


@register(
    "documents.filing_on_time_rate",
    records_url=_url_for("documents.filing_on_time_rate"),
    explain=explain_late_filings,
)
def filing_on_time_rate(year: int) -> dict[int, Decimal]:
    return _rates(
        list(
            Filing.objects.filter(filed_on__year=year)
            .values("document__issuer_id")
            .annotate(n=Count("pk", filter=Q(on_time=True)), d=Count("pk"))
            .values_list("document__issuer_id", "n", "d")
        )
    )


@register(
    "documents.filing_pass_rate",
    records_url=_url_for("documents.filing_pass_rate"),
    explain=explain_failed_filings,
)
def filing_pass_rate(year: int) -> dict[int, Decimal]:
    return _rates(
        list(
            Filing.objects.filter(filed_on__year=year)
            .exclude(outcome=Filing.Outcome.PENDING)
            .values("document__issuer_id")
            .annotate(n=Count("pk", filter=Q(outcome=Filing.Outcome.PASSED)), d=Count("pk"))
            .values_list("document__issuer_id", "n", "d")
        )
    )


@register("documents.legality_review_rate", records_url=_url_for("documents.legality_review_rate"))
def legality_review_rate(year: int) -> dict[int, Decimal]:
    return _rates(
        list(
            _published_in(year)
            .values("issuer_id")
            .annotate(n=Count("pk", filter=Q(legality_reviewed_on__isnull=False)), d=Count("pk"))
            .values_list("issuer_id", "n", "d")
        )
    )


def _cleaned(year: int, outcome: str | None) -> dict[int, Decimal]:
    qs = CleanupItem.objects.filter(cleanup__closed_on__year=year).exclude(outcome="")
    if outcome:
        qs = qs.filter(outcome=outcome)
    return _counts(
        list(
            qs.values("document__issuer_id")
            .annotate(n=Count("pk"))
            .values_list("document__issuer_id", "n")
        )
    )


@register("documents.cleaned", records_url=_url_for("documents.cleaned"))
def cleaned(year: int) -> dict[int, Decimal]:
    return _cleaned(year, None)


@register("documents.cleaned_retained", records_url=_url_for("documents.cleaned_retained"))
def cleaned_retained(year: int) -> dict[int, Decimal]:
    return _cleaned(year, Outcome.RETAIN)


@register("documents.cleaned_repealed", records_url=_url_for("documents.cleaned_repealed"))
def cleaned_repealed(year: int) -> dict[int, Decimal]:
    return _cleaned(year, Outcome.REPEAL)


@register("documents.cleaned_expired", records_url=_url_for("documents.cleaned_expired"))
def cleaned_expired(year: int) -> dict[int, Decimal]:
    return _cleaned(year, Outcome.EXPIRE)


def disclosure_counts(year: int) -> dict[int | None, dict[str, int]]:
    """Per issuer (None: all): 本年制发, 本年废止, 现行有效 (at 31 December)."""
    end = dt.date(year, 12, 31)
    S = NormativeDocument.Status
    rows = (
        NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES)
        .values("issuer_id")
        .annotate(
            issued=Count("pk", filter=Q(published_on__year=year)),
            repealed=Count("pk", filter=Q(status=S.REPEALED, ended_on__year=year)),
            in_force=Count(
                "pk",
                filter=Q(published_on__lte=end)
                & (shown_q("valid", end) | Q(status__in=[S.REPEALED, S.EXPIRED], ended_on__gt=end)),
            ),
        )
        .values_list("issuer_id", "issued", "repealed", "in_force")
    )
    out: dict[int | None, dict[str, int]] = {}
    total = {"issued": 0, "repealed": 0, "in_force": 0}
    for u, i, r, f in rows:
        out[u] = {"issued": i, "repealed": r, "in_force": f}
        total = {
            "issued": total["issued"] + i,
            "repealed": total["repealed"] + r,
            "in_force": total["in_force"] + f,
        }
    out[None] = total
    return out
