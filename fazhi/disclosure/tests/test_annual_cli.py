"""``fazhi disclosure report``: the annual report written to a DOCX or an HTML file."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from .annual_data import small

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 20)]


def test_writes_docx_for_a_unit(district, tmp_path):
    from docx import Document

    small(district)
    out = tmp_path / "report.docx"
    stdout = io.StringIO()
    call_command("disclosure", "report", "--year", "2025", "--unit", "D23", "--format", "docx",
                 "--out", str(out), stdout=stdout)  # fmt: skip
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "测试区市场监督管理局2025年政府信息公开工作年度报告"
    # the template's grids: 信息内容 + 3 columns; 3 heading columns + 7; 15
    assert [len(t.columns) for t in doc.tables] == [4, 10, 15]
    section3 = doc.tables[1]
    assert section3.rows[3].cells[-1].text == "6"  # 本年新收·总计
    assert "已生成" in stdout.getvalue()


def test_writes_html_for_the_government(district, tmp_path):
    small(district)
    out = tmp_path / "report.html"
    call_command("disclosure", "report", "--year", "2025", "--format", "html", "--out", str(out),
                 stdout=io.StringIO())  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "测试区人民政府2025年政府信息公开工作年度报告" in text
    assert "<td>7</td>" in text  # 本年新收·总计 across units (司法局's request too)


def test_unknown_unit_is_refused_in_chinese(district, tmp_path):
    with pytest.raises(CommandError, match="没有编码为X99的单位"):
        call_command("disclosure", "report", "--year", "2025", "--unit", "X99", "--format",
                     "html", "--out", str(tmp_path / "x.html"))  # fmt: skip
