"""Tables: '|' rows, one-cell-per-line copies, HTML tables; names from row and column."""

import pytest

from fazhi.reports.extract import extract_text
from fazhi.reports.extract.htmltext import html_to_text


def cells(text):
    return [i for i in extract_text(text)["indicators"] if i["source"] == "table"]


PIPE = """三、收到和处理政府信息公开申请情况
| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
| 自然人 | 法人或其他组织 | 总计 |
| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
| 一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 1 | 0 | 13 |
| 三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |
| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
四、政府信息公开行政复议、行政诉讼情况"""


def test_pipe_template_names_and_code():
    found = cells(PIPE)
    assert len(found) == 28
    total = [c for c in found if c["name"] == "本年新收政府信息公开申请数量·总计"]
    assert total and total[0]["value"] == 13 and total[0]["code"] == "disclosure.requests"
    leaf = [c for c in found if c["name"] == "本年度办理结果·不予公开·属于三类内部事务信息·自然人"]
    assert leaf and leaf[0]["value"] == 1 and leaf[0]["unit"] == "件"
    # the 本年新收 row's cells are components of disclosure.requests (by applicant); the
    # result rows carry no indicator code, only their cell
    assert {c["code"] for c in found if c["cell"].startswith("s3:new:")} == {"disclosure.requests"}
    assert all(c["code"] is None for c in found if not c["cell"].startswith("s3:new:"))
    assert total[0]["cell"] == "s3:new:total" and leaf[0]["cell"] == "s3:refuse_internal:person"


def test_numbered_table_rows_are_not_sections():
    result = extract_text("一、总体情况\n全年公开信息10条。\n" + PIPE)
    assert [n["heading"] for n in result["sections"]] == [
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ][:1]


BROKEN = """二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
0
0
0
行政规范性文件
4
1
23
第二十条第（八）项
信息内容
本年收费金额（单位：万元）
行政事业性收费
12.5
三、收到和处理政府信息公开申请情况"""


def test_broken_lines_table():
    found = cells(BROKEN)
    named = {c["name"]: (c["value"], c["unit"]) for c in found}
    assert named["行政规范性文件·现行有效件数"] == (23, "件")
    assert named["规章·本年制发件数"] == (0, "件")
    assert named["行政事业性收费·本年收费金额"] == (125000, "元")
    sections = extract_text(BROKEN)["sections"]
    assert [n["heading"] for n in sections] == []  # 二、 without 一、 is not a sequence start


def test_html_data_table_and_layout_table():
    html = """<table><tr><td><p>正文第一段，全年办理案件12件。</p><p>第二段。</p></td></tr></table>
    <table><tr><td>指标</td><td>2021年</td><td>2022年</td></tr>
    <tr><td>行政复议新收案件（件）</td><td>98</td><td>127</td></tr></table>"""
    text = html_to_text(html)
    assert "正文第一段,全年办理案件12件。" in text.replace("，", ",") or "正文第一段" in text
    assert "| 行政复议新收案件（件） | 98 | 127 |" in text
    found = cells(text)
    assert [(c["name"], c["value"], c["unit"], c["code"]) for c in found] == [
        ("行政复议新收案件·2021年", 98, "件", "reconsideration.received"),
        ("行政复议新收案件·2022年", 127, "件", "reconsideration.received"),
    ]
    prose = [i for i in extract_text(text)["indicators"] if i["source"] == "prose"]
    assert [(i["value"], i["unit"]) for i in prose] == [(12, "件")]


def test_metadata_table_is_removed_not_counted():
    text = "| 索 引 号 | 0142583051/2022-00001 | 分 类 | 其他 |\n| 发布机构 | 司法局 | 发文日期 | 2021-12-29 |\n正文全年办理案件12件。"
    result = extract_text(text)
    assert result["text"] == "正文全年办理案件12件。"
    assert result["meta"]["published"] == "2021-12-29" and result["meta"]["issuer"] == "司法局"


HEADING = "三、收到和处理政府信息公开申请情况"
NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
# the header and one row of that table, one cell per line
CELL_PER_LINE = [
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "一、本年新收政府信息公开申请数量",
]
CELL_PER_LINE += ["10", "2", "12"]


def test_lines_of_a_one_cell_per_line_table_are_not_rejoined():
    """A long label line that ends without a full stop would be joined to the next line as
    a wrapped sentence, but not inside a table: each cell keeps its own line."""
    text = "\n".join([HEADING, NOTE, *CELL_PER_LINE])
    lines = extract_text(text)["text"].split("\n")
    assert "申请人情况" in lines and "自然人" in lines


def _finishes(text: str, seconds: float = 10.0) -> dict | None:
    """extract_text(text) in a thread: its result, or None if it has not finished in time."""
    import threading

    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(extract_text(text)), daemon=True)
    worker.start()
    worker.join(seconds)
    return None if worker.is_alive() else out


def test_a_template_heading_that_starts_no_table_does_not_stall_the_reader():
    """The 申请人情况 table announced on the heading's own line, its rows one per line: the
    reader stops on its first token; the loop goes on (it used to spin for ever)."""
    text = "\n".join([HEADING + NOTE, *CELL_PER_LINE])
    assert _finishes(text) is not None


@pytest.mark.parametrize("cell, value", [("1,2340", 12340), ("①", None), ("²", None)])
def test_odd_cells_of_a_template_table_are_read_or_left_without_an_error(cell, value):
    text = PIPE.replace(
        "| 一、本年新收政府信息公开申请数量 | 10 |",
        f"| 一、本年新收政府信息公开申请数量 | {cell} |",
    )
    assert text != PIPE
    result = _finishes(text)
    assert result is not None
    values = [c["value"] for c in result["indicators"] if c.get("cell") == "s3:new:person"]
    assert values == ([value] if value is not None else [])
