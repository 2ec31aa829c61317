"""The case's 文书 as DOCX: each opens with python-docx and carries the case's number (the
决定书 its decision number), the party and the figures (today fixed)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from . import cases_flow as flow
from .conftest import PERSON

pytestmark = pytest.mark.today(2025, 11, 10)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.django_db
def test_the_four_documents_open_and_are_numbered(enf, people, open_penalty, login):
    case = flow.decided(open_penalty, enf, people["scjg_clerk"], party=PERSON)
    client = login(people["scjg_clerk"])
    base = f"/office/enforcement/cases/{case.pk}"
    texts = {}
    for doc in ("filing", "notice", "hearing", "decision"):
        resp = client.get(f"{base}/{doc}.docx")
        assert resp.status_code == 200, doc
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        texts[doc] = _text(resp.content)
    assert "立案审批表" in texts["filing"] and case.number in texts["filing"]
    assert "李执法（执法证号ZF2301001）" in texts["filing"]
    assert "行政处罚告知书" in texts["notice"] and case.number in texts["notice"]
    assert "罚款人民币3000.00元" in texts["notice"]
    assert "陈述、申辩" in texts["notice"]
    assert "听证告知书" in texts["hearing"] and "五个工作日内" in texts["hearing"]
    d = texts["decision"]
    assert "行政处罚决定书" in d and case.decision_number in d
    assert PERSON["id_number"] in d and "2025年9月22日" in d
    assert "六十日内" in d  # the remedies


@pytest.mark.django_db
def test_a_notice_before_the_decision_states_the_typed_proposal(enf, people, open_penalty, login):
    case = open_penalty(flow.FILED)
    client = login(people["scjg_clerk"])
    base = f"/office/enforcement/cases/{case.pk}"
    # Not investigated yet: only the 立案审批表.
    assert client.get(f"{base}/notice.docx").status_code == 404
    assert client.get(f"{base}/decision.docx").status_code == 404
    assert client.get(f"{base}/filing.docx").status_code == 200
    flow.investigate(case, enf, people["scjg_clerk"])
    resp = client.get(f"{base}/notice.docx?fine=4500&revocation=1")
    text = _text(resp.content)
    assert case.number in text and "罚款人民币4500.00元、吊销许可证件" in text
    # Garbage in the amount is no amount, not an error.
    resp = client.get(f"{base}/hearing.docx?fine=abc&confiscation=1e999")
    assert resp.status_code == 200 and "警告" in _text(resp.content)
    # Another unit's clerk gets nothing.
    assert login(people["town_clerk"]).get(f"{base}/filing.docx").status_code == 404
