"""The 当场行政处罚决定书 of a 简易程序 case (行政处罚法 第52条) as DOCX: it opens with
python-docx, carries the decision number and what 第52条 requires — the violation, the
kind and basis of the penalty, the amount, the time, the place, the ways and periods of
reconsideration and litigation, the agency, and the officers with their certificate
numbers — and only the case's own unit gets it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.enforcement import services as s
from fazhi.enforcement.models import Case

from .conftest import PERSON, SHOP, docs

pytestmark = [pytest.mark.today(2025, 11, 10), pytest.mark.django_db]


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _summary(enf, people, fine=100, party=PERSON, place="测试区人民路与解放路交叉口"):
    return s.summary_penalty(
        agency=enf["scjg"],
        title="王小明占道经营案",
        facts="王小明在人民路人行道上摆摊经营水果，占用人行道约6平方米",
        on=dt.date(2025, 11, 5),
        party=party,
        officers=enf["officers"],
        documents=docs("当场处罚决定书"),
        actor=people["scjg_clerk"],
        fine=fine,
        power=enf["power"],
        place=place,
    )


def test_the_summary_decision_states_what_article_52_requires(enf, people, login):
    case = _summary(enf, people)
    client = login(people["scjg_clerk"])
    page = client.get(f"/office/enforcement/cases/{case.pk}/").content.decode()
    assert f"/office/enforcement/cases/{case.pk}/summary.docx" in page
    resp = client.get(f"/office/enforcement/cases/{case.pk}/summary.docx")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(resp.content)
    assert "当场行政处罚决定书" in text
    assert case.decision_number.endswith("罚简〔2025〕1号") and case.decision_number in text
    assert f"当事人：王小明，身份证号：{PERSON['id_number']}" in text
    assert "违法事实：王小明在人民路人行道上摆摊经营水果" in text  # the violation
    assert "《无证无照经营查处办法》第十三条" in text  # the basis
    assert "当场作出如下行政处罚：罚款人民币100.00元" in text  # the kind
    assert "罚款数额：人民币100.00元" in text
    assert "时间：2025年11月5日" in text
    assert "地点：测试区人民路与解放路交叉口" in text
    assert "六十日内申请行政复议" in text and "六个月内提起行政诉讼" in text  # the agency's
    assert "测试区市场监督管理局" in text
    assert "李执法（执法证号ZF2301001）、赵执法（执法证号ZF2301002）" in text
    assert "执法人员签名" in text and "十五日内" in text


def test_a_warning_states_no_amount_and_the_ordinary_documents_are_not_offered(enf, people, login):
    case = _summary(enf, people, fine=0, party=SHOP, place="")
    client = login(people["scjg_clerk"])
    base = f"/office/enforcement/cases/{case.pk}"
    text = _text(client.get(f"{base}/summary.docx").content)
    assert "当场作出如下行政处罚：警告" in text and "罚款数额：无（警告）" in text
    assert "十五日内" not in text  # nothing to pay
    assert "地点：（作出决定时未登记）" in text
    for doc in ("filing", "notice", "hearing", "decision"):
        assert client.get(f"{base}/{doc}.docx").status_code == 404, doc


def test_an_ordinary_case_has_no_summary_decision(enf, people, open_penalty, login):
    case = open_penalty(dt.date(2025, 9, 1))
    client = login(people["scjg_clerk"])
    assert client.get(f"/office/enforcement/cases/{case.pk}/summary.docx").status_code == 404


def test_another_units_clerk_gets_nothing(enf, people, login):
    case = _summary(enf, people)
    before = Case.objects.filter(pk=case.pk).values().get()
    other = login(people["town_clerk"])
    assert other.get(f"/office/enforcement/cases/{case.pk}/summary.docx").status_code in (403, 404)
    assert Case.objects.filter(pk=case.pk).values().get() == before


def test_the_place_is_recorded_with_the_decision_and_checked(enf, people):
    case = _summary(enf, people)
    step = case.steps.get(stage="decided")
    assert step.note == "处罚地点：测试区人民路与解放路交叉口"
    with pytest.raises(Exception, match="处罚地点不能超过200字"):
        _summary(enf, people, place="路" * 201)
    assert Case.objects.filter(procedure="summary").count() == 1
