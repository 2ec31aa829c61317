"""The figures of the 政府信息公开工作年度报告 in the national template (国办公开办函〔2021〕
30号), computed from the records for one unit and year, or for the whole district (the
government-level report, 条例第四十九条第二款).

The result is plain JSON (lists of ints, decimals as strings) so that ``services.publish``
can store it in ``DisclosureAnnualReport.tables`` and a published report never changes.

Section 三's totals (the 总计 column and row 三（七）) are counted from the records, never
summed from the cells, so that a record that fits no cell (a concluded request without a
result, an applicant of no known kind) breaks the form's check instead of vanishing.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from fazhi.core.models import OrgUnit

from .. import rules
from ..models import DisclosureRequest, Interpretation, ProactiveRelease

KINDS = tuple(code for code, _ in rules.APPLICANT_COLUMNS)
COLUMN_LABELS = (*(label for _, label in rules.APPLICANT_COLUMNS), "总计")
TOTAL = len(KINDS)  # index of the 总计 column
CONCLUDED = (DisclosureRequest.State.REPLIED, DisclosureRequest.State.CLOSED)

# Section 二: (key, 信息内容) of each of the four tables, with the template's columns.
SECTION2_TABLES = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
     (("rules", "规章"), ("normative", "行政规范性文件"))),
    ("第二十条第（五）项", ("本年处理决定数量",), (("license", "行政许可"),)),
    ("第二十条第（六）项", ("本年处理决定数量",), (("penalty", "行政处罚"), ("coercion", "行政强制"))),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("fee_income", "行政事业性收费"),)),
)  # fmt: skip

# The enforcement figures behind section 二's 第（五）、（六）项 (indicator registry codes).
ENFORCEMENT_FIGURES = {
    "license": "enforcement.license_decisions",
    "penalty": "enforcement.penalty_decisions",
    "coercion": "enforcement.coercion_decisions",
}


def is_government(unit: OrgUnit) -> bool:
    return unit.kind == OrgUnit.Kind.GOVERNMENT


def _scope(unit: OrgUnit) -> int | None:
    """The unit whose records count: None (the whole district) for the government."""
    return None if is_government(unit) else unit.pk


def _row() -> list[int]:
    return [0] * (TOTAL + 1)


def section3(year: int, unit_id: int | None) -> dict:
    """三、收到和处理政府信息公开申请情况: rows ``new`` (一、本年新收), ``carried`` (二、上年结转),
    ``results`` (三, by ``rules.ROW_CODES``), ``total`` (三（七）总计), ``next`` (四、结转
    下年度继续办理); each a list of the six applicant columns and 总计.

    A request is concluded on ``replied_on`` when it is replied or closed. 上年结转 are those
    received before the year and not concluded before 1 January; 结转下年度 are those of 一
    and 二 not concluded by 31 December."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = DisclosureRequest.objects.filter(received_on__lte=end)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    out = {
        "new": _row(),
        "carried": _row(),
        "results": {code: _row() for code in rules.ROW_CODES},
        "total": _row(),
        "next": _row(),
    }
    column = {kind: i for i, kind in enumerate(KINDS)}
    rows = qs.values_list("applicant_kind", "received_on", "state", "replied_on", "result")
    for kind, received_on, state, replied_on, result in rows:
        concluded_on = replied_on if state in CONCLUDED else None
        if received_on >= start:
            intake = "new"
        elif concluded_on is None or concluded_on >= start:
            intake = "carried"
        else:
            continue  # concluded in an earlier year
        cols = [TOTAL] + ([column[kind]] if kind in column else [])
        done = concluded_on is not None and concluded_on <= end
        for c in cols:
            out[intake][c] += 1
            if not done:
                out["next"][c] += 1
                continue
            out["total"][c] += 1
            if result in out["results"]:
                out["results"][result][c] += 1
    return out


def section2(year: int, unit: OrgUnit, fee_income: Decimal | None) -> dict:
    """二、主动公开政府信息情况. 规章: a district (county-level) government and its departments
    make none (立法法 第九十三条 gives 规章 to provinces and 设区的市), so the row is 0.
    行政规范性文件 from the documents module; 行政许可、行政处罚、行政强制 from the indicator
    registry's computed enforcement figures (decisions made in the year); 行政事业性收费 as
    the unit typed it (no records module holds fees)."""
    from fazhi.documents.interface import year_counts
    from fazhi.indicators.registry import COMPUTED

    docs = year_counts(year, _scope(unit))
    out: dict = {
        "rules": [0, 0, 0],
        "normative": [docs["issued"], docs["repealed"], docs["in_force"]],
        "fee_income": None if fee_income is None else format(fee_income.normalize(), "f"),
    }
    for key, code in ENFORCEMENT_FIGURES.items():
        comp = COMPUTED.get(code)
        values = comp.compute(year) if comp else {}
        out[key] = int(values.get(unit.pk, 0))  # the government's unit carries the total
    return out


def section4(year: int, unit: OrgUnit) -> dict:
    """四、政府信息公开行政复议、行政诉讼情况, from the reconsideration module."""
    from fazhi.reconsideration.interface import disclosure_section4

    return disclosure_section4(year, _scope(unit))


def figures(year: int, unit_id: int | None, s3: dict) -> dict:
    """The year's facts the narrative draft quotes (条例第五十条: 主动公开、依申请公开情况;
    信息处理费 per 国办函〔2020〕109号)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    within = {"published_on__gte": start, "published_on__lte": end}
    releases = ProactiveRelease.objects.filter(
        state__in=(ProactiveRelease.State.PUBLISHED, ProactiveRelease.State.WITHDRAWN), **within
    )
    interpretations = Interpretation.objects.filter(**within)
    requests = DisclosureRequest.objects.all()
    if unit_id is not None:
        releases = releases.filter(unit_id=unit_id)
        interpretations = interpretations.filter(unit_id=unit_id)
        requests = requests.filter(unit_id=unit_id)
    concluded = requests.filter(state__in=CONCLUDED, replied_on__gte=start, replied_on__lte=end)
    n_concluded = concluded.count()
    # As disclosure.on_time_rate counts: answers only (a request no longer handled, closed
    # for want of a supplement or a fee, or withdrawn, is not an answer).
    answered = concluded.filter(state=DisclosureRequest.State.REPLIED)
    n_answered = answered.count()
    on_time = answered.filter(late=False).count()
    paid = requests.filter(fee_paid_on__gte=start, fee_paid_on__lte=end)
    collected = paid.aggregate(s=Sum("fee_amount"))["s"] or Decimal(0)
    rate = (
        str((Decimal(100) * on_time / n_answered).quantize(Decimal("0.1"), ROUND_HALF_UP))
        if n_answered
        else None
    )
    return {
        "releases": releases.count(),
        "late_releases": releases.filter(late=True).count(),
        "interpretations": interpretations.count(),
        "received": s3["new"][TOTAL],
        "carried": s3["carried"][TOTAL],
        "concluded": n_concluded,
        "answered": n_answered,
        "on_time": on_time,
        "on_time_rate": rate,
        "next": s3["next"][TOTAL],
        "fee_notices": requests.filter(
            fee_notified_on__gte=start, fee_notified_on__lte=end
        ).count(),
        "fee_paid": paid.count(),
        "fee_collected": str(collected.quantize(Decimal("0.01"))),
    }


def compute(year: int, unit: OrgUnit, fee_income: Decimal | None = None) -> dict:
    """Every table of the report, for ``unit`` (the government: the whole district)."""
    s3 = section3(year, _scope(unit))
    return {
        "year": year,
        "unit": unit.name,
        "government": is_government(unit),
        "section2": section2(year, unit, fee_income),
        "section3": s3,
        "section4": section4(year, unit),
        "figures": figures(year, _scope(unit), s3),
    }


def for_report(report) -> dict:
    """A published report's stored tables; a draft's computed now."""
    if report.state == report.State.PUBLISHED and report.tables:
        return report.tables
    return compute(report.year, report.unit, report.fee_income)


def section3_rows(s3: dict) -> list[tuple[str, str, list[int]]]:
    """Section 三 as the template lays it out: (group cell, item cell, seven values)."""
    out = [
        ("一、本年新收政府信息公开申请数量", "", s3["new"]),
        ("二、上年结转政府信息公开申请数量", "", s3["carried"]),
    ]
    for code, group, item in rules.RESULT_ROWS:
        out.append((group, item, s3["results"][code]))
    out.append(("（七）总计", "", s3["total"]))
    out.append(("四、结转下年度继续办理", "", s3["next"]))
    return out
