"""What other modules use of disclosure: the cells of the district's own 政府信息公开工作年度报告
(条例第四十九、五十条; the national template, 国办公开办函〔2021〕30号), keyed as the peer
extractor keys other places' tables ("section:row:column", e.g. "s3:new:person"), so that the
benchmark page can put the two side by side. Callers never touch disclosure's models.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fazhi.core.models import OrgUnit

from . import rules

__all__ = ["S3_COLUMN_LABELS", "S3_ROW_LABELS", "report_state", "template_cells"]

S2_COUNTS = ("issued", "repealed", "in_force")  # 本年制发件数, 本年废止件数, 现行有效件数
S4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
S3_COLUMNS = (*(code for code, _ in rules.APPLICANT_COLUMNS), "total")
# Section 三 as the template prints it, for pages that lay another place's table beside
# ours: (column key, label) and (row key, group cell, item cell).
S3_COLUMN_LABELS = (*rules.APPLICANT_COLUMNS, ("total", "总计"))
S3_ROW_LABELS = (
    ("new", "一、本年新收政府信息公开申请数量", ""),
    ("carried", "二、上年结转政府信息公开申请数量", ""),
    *rules.RESULT_ROWS,
    ("total", "（七）总计", ""),
    ("next", "四、结转下年度继续办理", ""),
)


def _unit(unit_id: int | None) -> OrgUnit | None:
    """The reporting body: the district government (its report covers the whole district,
    条例第四十九条第二款) or the unit."""
    if unit_id is None:
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
    return OrgUnit.objects.filter(pk=unit_id).first()


def _report(year: int, unit: OrgUnit | None):
    from .models import DisclosureAnnualReport

    if unit is None:
        return None
    return DisclosureAnnualReport.objects.filter(unit=unit, year=year).first()


def report_state(year: int, unit_id: int | None = None) -> str:
    """The report's state ("published" or "draft"), or "" when none was written."""
    report = _report(year, _unit(unit_id))
    return report.state if report is not None else ""


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def cells_of(tables: dict) -> dict[str, Decimal]:
    """The template cells of a report's tables (as ``annual.tables.compute`` returns them or
    ``publish`` froze them)."""
    out: dict[str, Decimal] = {}

    def put(key: str, value) -> None:
        d = _dec(value)
        if d is not None:
            out[key] = d

    s2 = tables.get("section2") or {}
    for row in ("rules", "normative"):
        for col, value in zip(S2_COUNTS, s2.get(row) or (), strict=False):
            put(f"s2:{row}:{col}", value)
    for row in ("license", "penalty", "coercion"):
        put(f"s2:{row}:decisions", s2.get(row))
    put("s2:fee_income:amount", s2.get("fee_income"))  # 万元, as the report prints it
    s3 = tables.get("section3") or {}
    rows = {
        "new": s3.get("new"),
        "carried": s3.get("carried"),
        **(s3.get("results") or {}),
        "total": s3.get("total"),
        "next": s3.get("next"),
    }
    for row, values in rows.items():
        for col, value in zip(S3_COLUMNS, values or (), strict=False):
            put(f"s3:{row}:{col}", value)
    s4 = tables.get("section4") or {}
    for row in ("reconsideration", "litigation_direct", "litigation_after"):
        for col, value in zip(S4_COLUMNS, s4.get(row) or (), strict=False):
            put(f"s4:{row}:{col}", value)
    return out


def template_cells(year: int, unit_id: int | None = None) -> dict[str, Decimal]:
    """The cells of the government-level (``unit_id`` None) or a unit's report of ``year``:
    a published report's frozen tables (a published report never changes), a draft's
    computed from the records now; without a report, computed from the records. Empty when
    there is no reporting body or nothing at all to count for that year."""
    from .annual import tables

    unit = _unit(unit_id)
    if unit is None:
        return {}
    report = _report(year, unit)
    if report is not None:
        return cells_of(tables.for_report(report))
    cells = cells_of(tables.compute(year, unit))
    return cells if any(cells.values()) else {}
