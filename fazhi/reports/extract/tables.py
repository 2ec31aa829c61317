"""Tables copied from web pages: '|' rows, or one cell per line ("broken" tables).

The national 政府信息公开工作年度报告 template is recognised by its headings, so its
merged header cells (lost in copying) do not matter: its leaf columns are known.
Each numeric cell becomes one figure named by its row headings and its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMERIC_LINE = re.compile(
    r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s?(%|‰|万?(件次|人次|件|项|次|人|名|条|份|卷|家|户|个|元))?$"
)


def numeric_line(text: str) -> bool:
    """NUMERIC_LINE.match, without calling the regex on a line that cannot start one."""
    return (
        bool(text)
        and (text[0] == "-" or text[0].isdecimal())
        and NUMERIC_LINE.match(text) is not None
    )


_PLACEHOLDER = re.compile(r"^(-|—|——|/|\\|无|空|—-)$")
_MARKERS = [
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})、\s?")),
    (2, re.compile(r"^[(]([一二三四五六七八九十]{1,3})[)]\s?")),
    (3, re.compile(r"^(\d{1,2})[.、](?!\d)\s?")),
    (4, re.compile(r"^[(](\d{1,2})[)]\s?")),
]
_L1_HEADING = _MARKERS[0][1]
_UNIT_IN_HEADER = re.compile(
    r"[(](?:单位\s?:\s?)?(万?(?:件次|人次|件|项|次|人|名|条|份|卷|家|户|个|元|%))[)]"
)
_UNIT_CAPTION = re.compile(r"单位\s?:\s?(万?(?:件次|人次|件|项|次|人|名|条|份|卷|家|户|个|元|%))")
_NOTE = re.compile(r"[(][^()]*[)]$")
_TEMPLATE_WORDS = re.compile(
    r"信息内容|申请人情况|本年新收|结果维持|处理决定数量|制发件数|上年结转"
)

COLS7 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
COLS15 = [f"行政复议·{b}" for b in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] + [
    f"行政诉讼·{a}·{b}"
    for a in ("未经复议直接起诉", "复议后起诉")
    for b in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
]


@dataclass
class Cell:
    """One numeric table cell; start/end are offsets within its line."""

    line: int
    start: int
    end: int
    raw: str
    row: list[str]
    column: str | None
    unit: str | None
    template: bool


def marker_level(text: str) -> int:
    for level, rx in _MARKERS:
        if rx.match(text):
            return level
    return 0


def strip_marker(text: str) -> str:
    for _, rx in _MARKERS:
        m = rx.match(text)
        if m:
            return text[m.end() :].strip()
    return text.strip()


def _short_name(text: str) -> str:
    text = strip_marker(text)
    text = _UNIT_IN_HEADER.sub("", text)
    while _NOTE.search(text) and len(_NOTE.sub("", text)) >= 2:
        text = _NOTE.sub("", text).strip()
    return text.strip(" :")


def _cell_line(line: str) -> bool:
    return len(line) <= 60 and "。" not in line and not line.startswith("|")


def _numeric_within(lines: list[str], j: int, count: int = 2) -> bool:
    seen = 0
    for k in range(j + 1, len(lines)):
        if not lines[k]:
            continue
        if numeric_line(lines[k]):
            return True
        seen += 1
        if seen >= count:
            return False
    return False


def pipe_blocks(lines: list[str]) -> list[tuple[int, int]]:
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and lines[i].count("|") >= 2:
            j = i
            while j + 1 < len(lines) and lines[j + 1].startswith("|"):
                j += 1
            blocks.append((i, j))
            i = j + 1
        else:
            i += 1
    return blocks


def broken_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of one-cell-per-line tables: short label lines around numeric-only lines."""
    numeric = [numeric_line(x) for x in lines]
    blocks: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        if not numeric[i]:
            i += 1
            continue
        start = i
        j = i - 1
        lower = blocks[-1][1] if blocks else -1
        while j > lower:
            line = lines[j]
            if line:
                if not _cell_line(line) or (
                    _L1_HEADING.match(line) and not _numeric_within(lines, j)
                ):
                    break
                start = j
            j -= 1
        end = i
        k = i + 1
        while k < n:
            line = lines[k]
            if line:
                if numeric[k]:
                    end = k
                elif not _cell_line(line) or (
                    _L1_HEADING.match(line) and not _numeric_within(lines, k)
                ):
                    break
            k += 1
        if sum(numeric[start : end + 1]) >= 2:
            blocks.append((start, end))
        i = end + 1
    return blocks


def table_line_indices(lines: list[str]) -> set[int]:
    covered: set[int] = set()
    for a, b in pipe_blocks(lines) + broken_blocks(lines):
        covered.update(range(a, b + 1))
    return covered


def _value_cell(text: str) -> bool:
    return numeric_line(text)


def _cell_unit(text: str) -> str | None:
    m = NUMERIC_LINE.match(text)
    return m.group(4) if m and m.group(4) else None


def _unit_from(*texts: str | None) -> str | None:
    for t in texts:
        if not t:
            continue
        m = _UNIT_IN_HEADER.search(t) or _UNIT_CAPTION.search(t)
        if m:
            return m.group(1)
    return None


class _RowNamer:
    """Tracks the 一、/（一）/1. hierarchy of row headings down a table."""

    def __init__(self) -> None:
        self.parents: dict[int, str] = {}

    def name(self, labels: list[str]) -> list[str]:
        if not labels:
            return []
        deepest = 0
        plain: list[str] = []
        for label in labels:
            level = marker_level(label)
            if level:
                self.parents = {k: v for k, v in self.parents.items() if k < level}
                self.parents[level] = _short_name(label)
                deepest = max(deepest, level)
            else:
                plain.append(_short_name(label))
        if not deepest:
            self.parents = {}
            return [p for p in plain if p]
        parts = [self.parents[k] for k in sorted(self.parents) if k <= deepest]
        return parts + [p for p in plain if p]


def _columns(context: list[str], leaves: list[str], k: int) -> list[str | None]:
    """Column names for a row of k values: the template's known leaves, else the last k
    header cells (a leading row-heading header such as 信息内容 drops out)."""
    text = " ".join(context)
    if k == 7 and "自然人" in text:
        return list(COLS7)
    if k == 15 and "行政复议" in text and "行政诉讼" in text:
        return list(COLS15)
    leaves = [h for h in leaves if h]
    if len(leaves) >= k:
        return leaves[-k:]
    return [None] * k


def _cell(
    li: int,
    start: int,
    text: str,
    row: list[str],
    col: str | None,
    unit: str | None,
    template: bool,
) -> Cell:
    return Cell(
        li,
        start,
        start + len(text),
        text,
        row,
        _short_name(col) if col else None,
        unit or ("件" if template else None),
        template,
    )


def _split_row(line: str) -> list[tuple[str, int]]:
    """Cells of a '|' row with the offset of each cell's text in the line."""
    parts = []
    pos = line.find("|")
    while pos != -1:
        nxt = line.find("|", pos + 1)
        if nxt == -1:
            break
        seg = line[pos + 1 : nxt]
        parts.append((seg.strip(), pos + 1 + len(seg) - len(seg.lstrip())))
        pos = nxt
    return parts


def parse_pipe_block(lines: list[str], a: int, b: int) -> list[Cell]:
    cells_out: list[Cell] = []
    header_rows: list[list[str]] = []
    after_data = False
    namer = _RowNamer()
    caption_unit = _unit_from(lines[a - 1]) if a > 0 else None
    for li in range(a, b + 1):
        parts = _split_row(lines[li])
        slots = [i for i, (t, _) in enumerate(parts) if _value_cell(t) or _PLACEHOLDER.match(t)]
        if not any(_value_cell(parts[i][0]) for i in slots):
            if after_data:  # a new header after data rows starts a new sub-table
                header_rows = []
                after_data = False
            header_rows.append([t for t, _ in parts if t])
            continue
        after_data = True
        labels = [t for t, _ in parts[: slots[0]] if t]
        context = [h for row in header_rows for h in row]
        cols = _columns(context, header_rows[-1] if header_rows else [], len(slots))
        template = bool(_TEMPLATE_WORDS.search(" ".join(context + labels)))
        row = namer.name(labels)
        for i, col in zip(slots, cols, strict=False):
            text, start = parts[i]
            if _value_cell(text):
                unit = _cell_unit(text) or _unit_from(col, *labels, caption_unit)
                cells_out.append(_cell(li, start, text, row, col, unit, template))
    return cells_out


def parse_broken_block(lines: list[str], a: int, b: int) -> list[Cell]:
    cells_out: list[Cell] = []
    namer = _RowNamer()
    header: list[str] = []
    pending: list[str] = []
    i = a
    while i <= b:
        if not lines[i]:
            i += 1
            continue
        if not numeric_line(lines[i]):
            pending.append(lines[i])
            i += 1
            continue
        run = []
        while i <= b and (not lines[i] or numeric_line(lines[i])):
            if lines[i]:
                run.append(i)
            i += 1
        k = len(run)
        label_lines: list[str] = []
        if k == 15 and _columns(pending, [], k)[0]:
            header = pending  # the 复议/诉讼 table: header only, no row heading
        elif pending:
            # the last line is the row heading, with any higher-level headings above it
            label_lines = [pending[-1]]
            idx = len(pending) - 2
            lvl = marker_level(pending[-1])
            while idx >= 0 and lvl and 0 < marker_level(pending[idx]) < lvl:
                lvl = marker_level(pending[idx])
                label_lines.insert(0, pending[idx])
                idx -= 1
            if idx >= 0:
                header = pending[: idx + 1]
        cols = _columns(header, header, k)
        template = bool(_TEMPLATE_WORDS.search(" ".join(header + label_lines)))
        row = namer.name(label_lines)
        for li, col in zip(run, cols, strict=False):
            text = lines[li]
            unit = _cell_unit(text) or _unit_from(col, *label_lines)
            cells_out.append(_cell(li, 0, text, row, col, unit, template))
        pending = []
    return cells_out


def parse_tables(lines: list[str]) -> tuple[list[Cell], set[int]]:
    """All numeric cells of all tables, and the line indices the tables cover."""
    cells: list[Cell] = []
    covered: set[int] = set()
    for a, b in pipe_blocks(lines):
        cells += parse_pipe_block(lines, a, b)
        covered.update(range(a, b + 1))
    for a, b in broken_blocks(lines):
        if any(x in covered for x in range(a, b + 1)):
            continue
        cells += parse_broken_block(lines, a, b)
        covered.update(range(a, b + 1))
    return cells, covered
