"""decode → clean/convert → tables → sections → figures → codes, and the result dict."""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

from . import codes
from .clean import clean
from .decode import looks_like_html, read_source
from .figures import Figure, find_figures, sentence_marks
from .htmltext import html_to_text
from .meta import infer_meta
from .normalize import normalize_chars
from .numbers import parse_arabic, to_number
from .sections import find_sections, walk
from .tables import parse_tables
from .template_tables import read_templates

_PLAN_SECTION = re.compile(
    r"下一步|下步|工作安排|工作打算|工作思路|工作计划|主要安排|努力方向|工作重点|总体要求|主要目标"
    r"|目标任务|保障措施|实施步骤|组织保障"
)
# (each alternative starts with a plain character, so the search skips ahead between them)
_PLAN_SENTENCE = re.compile(
    r"力争|确保|到20\d\d年|我(区|县|市|局|委|办|镇|街道|单位)?将|本(区|县|市|局|委|办|镇|街道|单位)?将"
    r"|下一步"
)


def extract_file(path: str | os.PathLike, max_bytes: int | None = None) -> dict:
    """Extract one file. Raises ExtractError (Chinese ``message``) if it cannot be read."""
    src = read_source(path, max_bytes=max_bytes)
    result = extract_text(src.text, html=src.html)
    return {"file": os.fspath(path), "encoding": src.encoding, **result}


def extract_text(raw: str, html: bool | None = None) -> dict:
    """Extract from decoded text; ``html`` None means: look at the text to decide."""
    if html is None:
        html = looks_like_html(raw)
    if html:
        raw = html_to_text(raw)
    cleaned = clean(normalize_chars(raw))
    text = cleaned.text
    lines = cleaned.lines
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    templates, template_lines = read_templates(lines)
    rest = (
        [("。" if i in template_lines else x) for i, x in enumerate(lines)]
        if template_lines
        else lines
    )
    cells, table_lines = parse_tables(rest)
    table_lines |= template_lines
    sections = find_sections(text, table_lines, lines, offsets)
    meta = infer_meta(lines, cleaned.metadata, cleaned.title, text)
    skip = [(offsets[i], offsets[i] + len(lines[i])) for i in sorted(table_lines)]
    figures = find_figures(text, skip)
    sentence_starts, sentence_ends = _sentence_bounds(text, sentence_marks(text))
    # the sections of plans (下一步工作安排 …): level 1, so disjoint and in order
    plan_starts, plan_ends = [], []
    nodes = list(walk(sections))
    for n in nodes:
        if n["level"] == 1 and _PLAN_SECTION.search(n["title"]):
            plan_starts.append(n["start"])
            plan_ends.append(n["end"])
    proactive_spans = [(n["start"], n["end"]) for n in nodes if "主动公开" in n["title"]]
    disclosure_report = meta["kind"] == "政府信息公开工作年度报告"
    plan_document = meta["kind"] == "实施方案"
    parts_possible = bool(proactive_spans) or disclosure_report or "主动公开" in text
    # where the words of a plan stand (力争, 确保, 下一步…): one pass over the text, no word
    # spans a sentence end
    plan_words = [m.start() for m in _PLAN_SENTENCE.finditer(text)]
    # the sentence of the figure before: figures come in text order, so most share it
    s_start = s_end = prev_start = -1
    target = False
    sentence = ""
    head: Figure | None = None  # the 主动公开/发布 total of the current paragraph
    head_line = -1
    out = []
    prev: Figure | None = None
    for f in figures:
        num_start = f.num_start
        if not s_start <= num_start < s_end:
            # the sentence holding the number, and the start of the one before it
            i = bisect_right(sentence_starts, num_start) - 1
            if i >= 0 and num_start < sentence_ends[i]:
                s_start, s_end = sentence_starts[i], sentence_ends[i]
                prev_start = sentence_starts[i - 1] if i > 0 else s_start
            else:
                s_start = s_end = prev_start = num_start
            # whether the sentence states a target: a plan's, one with 力争/确保…, or one
            # in a plan section (a sentence lies in one line, so in one section or none)
            sentence = text[s_start:s_end]
            k = bisect_left(plan_words, s_start)
            target = plan_document or (k < len(plan_words) and plan_words[k] < s_end)
            if not target and plan_starts:
                k = bisect_right(plan_starts, s_start) - 1
                target = k >= 0 and s_start < plan_ends[k]
        code = f.code
        if code is None:
            code = f.code = codes.assign(
                codes.make_key(f.local, f.after), f.unit, sentence, text, prev_start, s_end,
                num_start,
            )  # fmt: skip
            if code is None and f.inherits and prev is not None:
                code = f.code = prev.code  # "分别为20件和6件", "由85%提高到96%"
        if head is not None and head_line != text.rfind("\n", 0, num_start) + 1:
            head = None  # a total's parts follow it in its paragraph
        category = None
        # only counts of these units are parts of a total, and only after a total or where
        # the text speaks of 主动公开 (_category asks nothing else)
        if f.unit in _PROACTIVE_UNITS and (parts_possible or head is not None):
            in_section = bool(proactive_spans) and any(
                a <= num_start < b for a, b in proactive_spans
            )
            part = _category(f, text, s_start, head, in_section, disclosure_report)
            if part is not None:
                code, category = part
                f.code = code
        if category is None and code in _HEADS:
            head, head_line = f, text.rfind("\n", 0, num_start) + 1
        prev = f
        d = _figure_dict(text, f, target)
        if category:
            d["category"] = category
        out.append(d)
    for cell in cells:
        start = offsets[cell.line] + cell.start
        end = offsets[cell.line] + cell.end
        value, unit = _cell_value(cell.raw, cell.unit)
        name = "·".join([*cell.row, cell.column] if cell.column else cell.row) or None
        code = codes.assign_table(cell.row, cell.column, unit, cell.template)
        f = Figure(
            start,
            end,
            start,
            end,
            value,
            unit,
            source="table",
            name=name or "",
            code=code,
            row=cell.row,
            column=cell.column,
        )
        out.append(_figure_dict(text, f, meta["kind"] == "实施方案"))
    for table in templates:
        for c in table.cells:
            start = offsets[c.line] + c.start
            end = offsets[c.line] + c.end
            value, unit = c.value, "件"
            if c.cell and c.cell.endswith(":amount"):
                value, unit = value * 10_000, "元"  # printed in 万元
            number = to_number(value)
            out.append(
                {
                    "code": c.code,
                    "name": "·".join([*c.row, c.column] if c.column else c.row) or None,
                    "value": number,
                    "unit": unit,
                    "approximate": False,
                    "qualifier": None,
                    "yoy": None,
                    "yoy_unit": None,
                    "target": False,
                    "source": "table",
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "value_start": start,
                    "value_end": end,
                    "row": c.row,
                    "column": c.column or None,
                    "template": c.template,
                    "cell": c.cell,
                }
            )
    out.sort(key=itemgetter("start"))
    checks = [
        {
            "template": t.template,
            "section": t.section,
            "cells": sum(1 for c in t.cells if c.cell),
            "problems": t.problems,
        }
        for t in templates
    ]
    return {
        "text": text,
        "meta": meta,
        "sections": sections,
        "indicators": out,
        "tables": checks,
    }


_PROACTIVE_UNITS = {"条", "件", "篇", "条次"}
_NOT_PROACTIVE = re.compile(
    r"申请|解读|回应|复议|诉讼|访问|浏览|点击|留言|咨询|答复|建议|提案|发布会|培训|会议|新制定|修改|修订"
    r"|废止|清理|审查|备案|人次|转发|粉丝|关注"
)
_PART_OF = re.compile(r"^[\s,、;]*(其中|包括|含)?[^,;。]{0,24}$")
_GENERIC = re.compile(
    r"^(共|其中|包括|主动|公开|对外|政府|各类|信息|累计|全年|通过|网站|发布|等|的|,|、)*$"
)
_HEADS = ("disclosure.proactive", "disclosure.published")
_NONE_OR_HEADS = (None, *_HEADS)


# What is not the category's name, taken off in this order.
_CATEGORY_NOISE = [
    re.compile(r"^[、,和及与 ]+"),
    re.compile(r"主动公开|政府信息|各类|其中(包括)?|包括|共计?|累计|全年|通过|[“”《》]"),
    re.compile(r"^(在|于)?[^,]{0,12}(网站|公报|平台|栏目)(上|中)?(发布|公开)?"),
    re.compile(r"^(一是|二是|三是)?(分别)?(发布|公开|对外公开)"),
    re.compile(r"(信息)?公开$"),
]


def _category(
    f: Figure,
    text: str,
    sentence_start: int,
    head: Figure | None,
    in_section: bool,
    disclosure_report: bool,
) -> tuple[str, str | None] | None:
    """A count that is a part of a 主动公开 or 发布 total: (code, category).

    Two forms: the sentence says 主动公开 before it (主动公开…行政规范性文件707件、其他文件
    34980件), or it follows its total in the sentence (发布各类信息2968条,其中概况类信息348
    条). The total itself gets no category; each part carries its category. The caller
    passes only counts in _PROACTIVE_UNITS."""
    if f.source != "prose" or f.value is None:
        return None
    if f.code not in _NONE_OR_HEADS or _NOT_PROACTIVE.search(f.local):
        return None
    if head is not None and f.code in (None, head.code) and _PART_OF.match(f.local):
        code = head.code
    elif (
        text.find("主动公开", sentence_start, f.num_start) >= 0
        or (in_section and f.code is None)
        or (
            disclosure_report
            and "公开" in f.local
            and "发布" not in f.local
            and "各类" not in f.local  # 公开各类信息 is the count published (indicators.md)
        )
    ):
        # said so in the sentence, or under a 主动公开 heading; in a 政府信息公开工作年度报告
        # what the agency 公开 of its own accord is 主动公开 (its 依申请 side is excluded above)
        code = "disclosure.proactive"
    else:
        return None
    name = f.local
    for rx in _CATEGORY_NOISE:
        name = rx.sub("", name)
    name = name.strip(" ,、:")
    if not name or _GENERIC.match(name) or name in ("信息", "政务信息"):
        return code, None
    return code, name


_CELL_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?")


def _cell_value(raw: str, unit: str | None):
    m = _CELL_NUMBER.match(raw)
    value = parse_arabic(m.group(0)) if m else None
    if unit and unit.startswith("万") and len(unit) > 1:
        value = value * 10_000 if value is not None else None
        unit = unit[1:]
    return value, unit


def _figure_dict(text: str, f: Figure, target: bool) -> dict:
    quals = f.qualifier
    value = f.value
    d = {
        "code": f.code,
        "name": f.name or None,
        "value": value if type(value) is int or value is None else to_number(value),
        "unit": f.unit,
        "approximate": bool(quals),
        "qualifier": "".join(quals) if quals else None,
        "yoy": to_number(f.yoy) if f.yoy is not None else None,
        "yoy_unit": f.yoy_unit,
        "target": target,
        "source": f.source,
        "text": text[f.start : f.end],
        "start": f.start,
        "end": f.end,
        "value_start": f.num_start,
        "value_end": f.num_end,
    }
    if f.source == "table":
        d["row"] = f.row
        d["column"] = f.column
    return d


def _sentence_bounds(text: str, marks: list[int]) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentences: each runs to and including its 。!? or line end
    (``marks``: where those stand, found with the clause delimiters)."""
    if not text:
        return [], []
    ends = [p + 1 for p in marks]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return [0, *ends[:-1]], ends
