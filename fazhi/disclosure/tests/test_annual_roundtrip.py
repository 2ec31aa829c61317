"""Acceptance (issue 16): the report extractor (fazhi/reports/extract) reads fazhi's own
generated 政府信息公开工作年度报告 back to the same cell values."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from fazhi.disclosure import rules
from fazhi.disclosure.annual import render, tables
from fazhi.disclosure.models import DisclosureAnnualReport
from fazhi.reports.extract import extract_text

from .annual_data import many

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 20)]

MARKER = re.compile(r"^(（[一二三四五六七]）|[一二三四]、|\d\.)")


def short(label: str) -> str:
    """A row heading as the extractor names it: no 一、/（一）/1. marker, no trailing note."""
    label = MARKER.sub("", label)
    return re.sub(r"（[^（）]*）$", "", label)


def expected_cells(data: dict) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    s2 = data["section2"]
    for _, columns, items in tables.SECTION2_TABLES:
        for key, label in items:
            values = s2[key] if isinstance(s2[key], list) else [s2[key]]
            for col, value in zip(columns, values, strict=True):
                if key == "fee_income":  # 万元 in the table; the extractor gives 元
                    out[f"{label}·本年收费金额"] = Decimal(value) * 10000
                else:
                    out[f"{label}·{col}"] = Decimal(value)
    s3 = data["section3"]
    names = {"new": "本年新收政府信息公开申请数量", "carried": "上年结转政府信息公开申请数量",
             "total": "本年度办理结果·总计", "next": "结转下年度继续办理"}  # fmt: skip
    rows = [(names[k], s3[k]) for k in ("new", "carried", "total", "next")]
    for code, group, item in rules.RESULT_ROWS:
        name = "本年度办理结果·" + short(group) + (f"·{short(item)}" if item else "")
        rows.append((name, s3["results"][code]))
    for name, values in rows:
        for col, value in zip(tables.COLUMN_LABELS, values, strict=True):
            out[f"{name}·{col}"] = Decimal(value)
    s4 = data["section4"]
    for key, head in (("reconsideration", "行政复议"),
                      ("litigation_direct", "行政诉讼·未经复议直接起诉"),
                      ("litigation_after", "行政诉讼·复议后起诉")):  # fmt: skip
        for col, value in zip(render.FIVE, s4[key], strict=True):
            out[f"{head}·{col}"] = Decimal(value)
    return out


S2_COLUMNS = {"rules": ("issued", "repealed", "in_force"), "normative": ("issued", "repealed", "in_force"),
              "license": ("decisions",), "penalty": ("decisions",), "coercion": ("decisions",),
              "fee_income": ("amount",)}  # fmt: skip
S4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def expected_by_key(data: dict) -> dict[str, Decimal]:
    """The report's cells under the template's cell keys (section:row:column), as the
    extractor gives them (万元 as 元)."""
    out: dict[str, Decimal] = {}
    for key, columns in S2_COLUMNS.items():
        value = data["section2"][key]
        values = value if isinstance(value, list) else [value]
        for col, v in zip(columns, values, strict=True):
            out[f"s2:{key}:{col}"] = Decimal(v) * (10000 if col == "amount" else 1)
    s3 = data["section3"]
    rows = [("new", s3["new"]), ("carried", s3["carried"])]
    rows += [(code, s3["results"][code]) for code in rules.ROW_CODES]
    rows += [("total", s3["total"]), ("next", s3["next"])]
    cols = [code for code, _ in rules.APPLICANT_COLUMNS] + ["total"]
    for row, values in rows:
        for col, v in zip(cols, values, strict=True):
            out[f"s3:{row}:{col}"] = Decimal(v)
    for row in ("reconsideration", "litigation_direct", "litigation_after"):
        for col, v in zip(S4_COLUMNS, data["section4"][row], strict=True):
            out[f"s4:{row}:{col}"] = Decimal(v)
    return out


def _report_with_data(district):
    """A 市场监管局 report over many requests; sections 二 and 四 come from other modules'
    records, so distinct numbers are put in directly."""
    scjg = district["scjg"]
    many(scjg)
    report = DisclosureAnnualReport(
        unit=scjg, year=2025, overview="全年主动公开政府信息1234条。", fee_income=Decimal("12.35")
    )
    data = tables.compute(2025, scjg, report.fee_income)
    data["section2"].update(normative=[7, 3, 41], license=128, penalty=56, coercion=9)
    data["section4"] = {
        "reconsideration": [4, 2, 1, 3, 10],
        "litigation_direct": [5, 1, 0, 2, 8],
        "litigation_after": [6, 0, 2, 1, 9],
    }
    return report, data


def test_extractor_reads_our_report_back_to_the_same_cells(district):
    """Issue 19: every cell of the three tables comes back under its template key, and the
    template's arithmetic holds on what was read."""
    report, data = _report_with_data(district)
    result = extract_text(render.html_document(report, data))
    got = {c["cell"]: Decimal(str(c["value"])) for c in result["indicators"] if c.get("cell")}
    assert got == expected_by_key(data)
    assert len(got) == 10 + 175 + 15
    assert {c["template"] for c in result["indicators"] if c.get("cell")} == {"gk2021"}
    assert [t["problems"] for t in result["tables"]] == [[], [], []]
    # and the page a visitor copies from the portal reads the same way
    body = render.html_body(report, data)
    again = extract_text(body, html=True)
    assert {
        c["cell"]: Decimal(str(c["value"])) for c in again["indicators"] if c.get("cell")
    } == got


def test_extractor_reads_our_report_back(district):
    report, data = _report_with_data(district)
    expected = expected_cells(data)
    nonzero = [v for k, v in expected.items() if v and "办理结果" in k]
    assert len(set(nonzero)) >= 10  # many distinct numbers, not a table of zeros

    html = render.html_document(report, data)
    found = [c for c in extract_text(html)["indicators"] if c["source"] == "table"]
    got = {c["name"]: Decimal(str(c["value"])) for c in found}
    assert len(got) == len(found)  # every cell named once
    for name, value in got.items():
        assert name in expected, name
        assert value == expected[name], name
    s3_s4 = [k for k, v in expected.items() if v and not k.startswith(("规章", "行政规范", "行政许可",
             "行政处罚", "行政强制", "行政事业"))]  # fmt: skip
    assert s3_s4 and all(k in got for k in s3_s4)
    assert got["行政事业性收费·本年收费金额"] == Decimal("123500")
    assert got["本年新收政府信息公开申请数量·总计"] == data["section3"]["new"][tables.TOTAL]
    # The form's code for 本年新收·总计 is recognised too.
    coded = [c for c in found if c["code"] == "disclosure.requests"]
    assert [c["value"] for c in coded] == data["section3"]["new"]  # by applicant, and 总计
