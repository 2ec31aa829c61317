"""Section 三 of the annual report counted by hand on a small fixture; the form's check;
sections 二 and 四 from the documents, indicator and reconsideration modules."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.disclosure import rules
from fazhi.disclosure.annual import check, services, tables
from fazhi.disclosure.models import DisclosureRequest

from .annual_data import small

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 20)]

P, C, RS, PW, LS, OTHER, T = range(
    7
)  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计


def row(**cells) -> list[int]:
    out = [0] * 7
    for k, v in cells.items():
        out[{"P": P, "C": C, "RS": RS, "LS": LS, "T": T}[k]] = v
    return out


def test_section3_hand_counts_for_a_department(district):
    small(district)
    s3 = tables.section3(2025, district["scjg"].pk)
    assert s3["new"] == row(P=3, C=2, RS=1, T=6)  # c d g · e f · h
    assert s3["carried"] == row(P=1, LS=1, T=2)  # a (concluded 2025) · i (still open)
    expected = {code: [0] * 7 for code in rules.ROW_CODES}
    expected["disclose"] = row(P=1, T=1)  # a; g is concluded in 2026
    expected["partial"] = row(P=1, T=1)  # c, once, not also under its ground
    expected["refuse_secret"] = row(P=1, T=1)  # d
    expected["refuse_process"] = row(C=1, T=1)  # e
    expected["other_no_correction"] = row(RS=1, T=1)  # h
    assert s3["results"] == expected
    assert s3["total"] == row(P=3, C=1, RS=1, T=5)
    assert s3["next"] == row(P=1, C=1, LS=1, T=3)  # g · f · i
    assert check.failures(s3) == []


def test_government_report_counts_every_unit(district):
    small(district)
    s3 = tables.section3(2025, None)
    assert s3["new"] == row(P=4, C=2, RS=1, T=7)  # + j of 司法局
    assert s3["results"]["disclose"] == row(P=2, T=2)
    data = tables.compute(2025, district["gov"])
    assert data["section3"] == s3 and data["government"] is True
    assert check.failures(s3) == []


def test_a_concluded_request_without_a_result_breaks_the_check(district):
    rows = small(district)
    DisclosureRequest.objects.filter(pk=rows["d"].pk).update(result="")
    s3 = tables.section3(2025, district["scjg"].pk)
    assert s3["total"][P] == 3  # counted from the records, not from the cells
    fails = check.failures(s3)
    assert "“自然人”列：办理结果总计3 ≠ 各项办理结果之和2" in fails
    assert "“总计”列：办理结果总计5 ≠ 各项办理结果之和4" in fails


def test_an_applicant_of_no_known_kind_breaks_the_row_sum(district):
    rows = small(district)
    DisclosureRequest.objects.filter(pk=rows["c"].pk).update(applicant_kind="")
    fails = check.failures(tables.section3(2025, district["scjg"].pk))
    assert any(f.startswith("“一、本年新收政府信息公开申请数量”行：总计6") for f in fails)


def test_check_names_the_column_of_the_form_rule():
    s3 = {
        "new": [12, 0, 0, 0, 0, 0, 12],
        "carried": [1, 0, 0, 0, 0, 0, 1],
        "results": {code: [0] * 7 for code in rules.ROW_CODES},
        "total": [11, 0, 0, 0, 0, 0, 11],
        "next": [1, 0, 0, 0, 0, 0, 1],
    }
    s3["results"]["disclose"] = [11, 0, 0, 0, 0, 0, 11]
    assert check.failures(s3) == [
        "“自然人”列：本年新收12 + 上年结转1 ≠ 办理结果总计11 + 结转下年度1",
        "“总计”列：本年新收12 + 上年结转1 ≠ 办理结果总计11 + 结转下年度1",
    ]


def test_section2_documents_and_fee(district):
    from fazhi.documents.models import NormativeDocument as D

    scjg, d = district["scjg"], dt.date

    def doc(n, status, published, ended=None, valid_until=None, issuer=scjg):
        return D.objects.create(
            title=f"文件{n}", unit=issuer, issuer=issuer, status=status, published_on=published,
            ended_on=ended, valid_until=valid_until, number_year=published.year, number_seq=n,
        )  # fmt: skip

    doc(1, D.Status.PUBLISHED, d(2025, 3, 1))  # issued 2025, in force
    doc(2, D.Status.PUBLISHED, d(2023, 3, 1))  # in force
    doc(3, D.Status.REPEALED, d(2022, 3, 1), ended=d(2025, 6, 1))  # repealed 2025
    doc(4, D.Status.REPEALED, d(2022, 4, 1), ended=d(2026, 1, 5))  # in force on 31 Dec
    doc(5, D.Status.PUBLISHED, d(2020, 1, 1), valid_until=d(2025, 1, 1))  # expired
    doc(6, D.Status.PUBLISHED, d(2025, 5, 1), issuer=district["sfj"])  # another issuer
    s2 = tables.section2(2025, scjg, None)
    assert s2["rules"] == [0, 0, 0]
    assert s2["normative"] == [1, 1, 3]
    assert s2["fee_income"] is None
    assert tables.section2(2025, district["gov"], None)["normative"] == [2, 1, 4]


def test_draft_quotes_the_records(district):
    small(district)
    data = tables.compute(2025, district["scjg"])
    text = services.draft(data)
    assert "全年收到政府信息公开申请6件，上年结转2件" in text["overview"]
    # h was closed (no supplement): concluded, not an answer; c was answered late
    assert "本年度办结5件，其中作出答复4件、按期答复3件，按期答复率75.0%" in text["overview"]
    assert "有1件政府信息公开申请未在法定期限内答复" in text["problems"]
    assert "发出收费通知1件，收取信息处理费1件，共200.00元" in text["other_matters"]


def test_report_agrees_with_the_disclosure_figures(district):
    from decimal import Decimal

    from fazhi.indicators.registry import COMPUTED

    small(district)
    scjg, gov = district["scjg"], district["gov"]
    for unit in (scjg, gov):
        data = tables.compute(2025, unit)
        fig = {c: COMPUTED[f"disclosure.{c}"].compute(2025).get(unit.pk) for c in
               ("requests", "requests_concluded", "on_time_rate", "fee_notices", "fee_amount")}  # fmt: skip
        assert data["section3"]["new"][T] == fig["requests"]
        assert data["section3"]["total"][T] == fig["requests_concluded"]
        assert Decimal(data["figures"]["on_time_rate"]) == fig["on_time_rate"]
        assert data["figures"]["fee_notices"] == fig["fee_notices"]
        assert Decimal(data["figures"]["fee_collected"]) == fig["fee_amount"]
