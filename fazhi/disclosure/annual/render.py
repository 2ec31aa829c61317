"""The report as HTML and DOCX, laid out as the national template (国办公开办函〔2021〕30号)
prints it: six sections in its order and wording, and its tables with their merged header
cells (section 二's four sub-tables in one table, section 三's 申请人情况 header over
自然人 | 法人或其他组织 (five sub-types) | 总计, section 四's 行政复议 | 行政诉讼 header).

``grids`` describes each table once (cells with colspan/rowspan); the HTML template and
the DOCX writer both draw from it, so the two never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from .tables import SECTION2_TABLES, section3_rows

FIVE = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    head: bool = False  # a column header (th scope=col)
    num: bool = False
    label: bool = False  # a row heading (th scope=row)


def _num(value) -> Cell:
    return Cell("" if value is None else str(value), num=True)


def section2_grid(s2: dict) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for caption, columns, items in SECTION2_TABLES:
        rows.append([Cell(caption, colspan=4, head=True)])
        span = 3 // len(columns)  # one-column tables: header and value span the three
        rows.append(
            [Cell("信息内容", head=True)] + [Cell(c, head=True, colspan=span) for c in columns]
        )
        for key, label in items:
            value = s2[key]
            values = value if isinstance(value, list) else [value]
            cells = [_num(v) for v in values]
            if len(values) == 1:
                cells[0].colspan = 3
            rows.append([Cell(label, label=True), *cells])
    return rows


def section3_grid(s3: dict) -> list[list[Cell]]:
    rows = [
        [Cell(CHECK_NOTE, colspan=3, rowspan=3, head=True), Cell("申请人情况", colspan=7, head=True)],
        [Cell("自然人", rowspan=2, head=True), Cell("法人或其他组织", colspan=5, head=True),
         Cell("总计", rowspan=2, head=True)],
        [Cell(x, head=True) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]  # fmt: skip
    layout = section3_rows(s3)
    results = layout[2:-1]  # the 三 rows and （七）总计
    groups: dict[str, int] = {}
    for group, _item, _ in results:
        groups[group] = groups.get(group, 0) + 1
    seen: set[str] = set()
    for i, (group, item, values) in enumerate(layout):
        cells: list[Cell] = []
        if i < 2 or i == len(layout) - 1:
            cells.append(Cell(group, colspan=3, label=True))
        else:
            if i == 2:
                cells.append(Cell("三、本年度办理结果", rowspan=len(results), label=True))
            if item:
                if group not in seen:
                    cells.append(Cell(group, rowspan=groups[group], label=True))
                cells.append(Cell(item, label=True))
            else:
                cells.append(Cell(group, colspan=2, label=True))
            seen.add(group)
        rows.append(cells + [_num(v) for v in values])
    return rows


def section4_grid(s4: dict) -> list[list[Cell]]:
    values = s4["reconsideration"] + s4["litigation_direct"] + s4["litigation_after"]
    return [
        [Cell("行政复议", colspan=5, head=True), Cell("行政诉讼", colspan=10, head=True)],
        [Cell(x, rowspan=2, head=True) for x in FIVE]
        + [
            Cell("未经复议直接起诉", colspan=5, head=True),
            Cell("复议后起诉", colspan=5, head=True),
        ],
        [Cell(x, head=True) for x in FIVE * 2],
        [_num(v) for v in values],
    ]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def context(report, data: dict) -> dict:
    """What the HTML template and the DOCX writer show of a report and its tables."""
    return {
        "title": f"{report.unit.name}{report.year}年政府信息公开工作年度报告",
        "report": report,
        "data": data,
        "overview": paragraphs(report.overview),
        "problems": paragraphs(report.problems),
        "other_matters": paragraphs(report.other_matters),
        "grid2": section2_grid(data["section2"]),
        "grid3": section3_grid(data["section3"]),
        "grid4": section4_grid(data["section4"]),
        "sections": SECTIONS,
    }


def html_body(report, data: dict) -> str:
    """The report's body (headings, text, tables) for the office and portal pages."""
    return render_to_string("disclosure/annual_body.html", context(report, data))


def html_document(report, data: dict) -> str:
    """A standalone HTML file (the CLI's ``--format html``)."""
    return render_to_string("disclosure/annual_document.html", context(report, data))


# --- DOCX ------------------------------------------------------------------------------


def _place(grid: list[list[Cell]]) -> tuple[int, list[tuple[int, int, Cell]]]:
    """(columns, [(row, column, cell)]): each cell at its place once spans are taken."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return width, placed


def _docx_table(document, grid: list[list[Cell]]) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    width, placed = _place(grid)
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        p = target.paragraphs[0]
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.label else WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(cell.text)
        run.font.size = Pt(10.5)
        run.bold = cell.head


def docx_bytes(report, data: dict) -> bytes:
    from fazhi.core import gongwen

    ctx = context(report, data)
    doc = gongwen.new_document(title=ctx["title"], author=report.unit.name, subject="政府信息公开")
    gongwen.add_title(doc, ctx["title"])
    texts = {0: ctx["overview"], 4: ctx["problems"], 5: ctx["other_matters"]}
    grids = {1: ctx["grid2"], 2: ctx["grid3"], 3: ctx["grid4"]}
    for i, heading in enumerate(SECTIONS):
        gongwen.add_heading(doc, heading, 1)
        for line in texts.get(i, ()):
            gongwen.add_body(doc, line)
        if i in grids:
            _docx_table(doc, grids[i])
    if report.published_on:
        gongwen.add_closing(
            doc,
            report.unit.name,
            f"{report.published_on.year}年{report.published_on.month}月{report.published_on.day}日",
        )
    return gongwen.to_bytes(doc)
