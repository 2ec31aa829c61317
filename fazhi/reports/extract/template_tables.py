"""The national 政府信息公开工作年度报告 tables, read in whatever rendering they reach the web.

Two templates: the 2021 format (国办公开办函〔2021〕30号) and the 2019 trial format still
found in older reports (its section 二 counts 上一年项目数量 / 本年增/减 / 处理决定数量, and
its section 三 has one (六)其他处理 row). Copying a page flattens the tables in many ways:
'|' rows, tab-separated cells, one cell per line (blank cells as lone '|' lines or missing),
a whole row on one line ("规章 0 0 0"), labels split over lines, header rows repeated after a
page break. So the grid is not rebuilt from the layout: the template's row labels are the
anchors, and each anchor takes the next values up to its known number of columns (a blank cell
holds its place when the rendering keeps it). A row whose values cannot be placed is reported,
never guessed: its numbers are still figures, without a cell.

Each placed value gets a cell key ``section:row:column`` (the same vocabulary as
``fazhi.disclosure.interface.template_cells``), a code where the cell is an indicator, and
the template's arithmetic (一 + 二 = 三(七) + 四 per column; 三(七) = its rows; 总计 = its
columns) is checked; a failure is reported with the column named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .normalize import SPACES

APPLICANTS = (
    ("person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
           ("pending", "尚未审结"), ("total", "总计"))  # fmt: skip
S4_ROWS = (
    ("reconsideration", ("行政复议",)),
    ("litigation_direct", ("行政诉讼", "未经复议直接起诉")),
    ("litigation_after", ("行政诉讼", "复议后起诉")),
)


@dataclass(frozen=True)
class Row:
    key: str
    path: tuple[str, ...]  # the row's name as the output gives it (group, item)
    anchor: re.Pattern


def _r(key: str, path: tuple[str, ...], anchor: str) -> Row:
    return Row(key, path, re.compile(anchor))


_RESULT = "本年度办理结果"
S3_ROWS = (
    _r("new", ("本年新收政府信息公开申请数量",), r"本年新收"),
    _r("carried", ("上年结转政府信息公开申请数量",), r"上年结转"),
    _r("disclose", (_RESULT, "予以公开"), r"^(\(一\))?予以公开$|^\(一\)予以公开"),
    _r("partial", (_RESULT, "部分公开"), r"^(\(二\))?部分公开"),
    _r("refuse_secret", (_RESULT, "不予公开", "属于国家秘密"), r"国家秘密"),
    _r("refuse_law", (_RESULT, "不予公开", "其他法律行政法规禁止公开"), r"法律行政法规禁止"),
    _r("refuse_safety", (_RESULT, "不予公开", "危及“三安全一稳定”"), r"三安全一稳定"),
    _r("refuse_third_party", (_RESULT, "不予公开", "保护第三方合法权益"), r"第三方合法权益"),
    _r("refuse_internal", (_RESULT, "不予公开", "属于三类内部事务信息"), r"内部事务"),
    _r("refuse_process", (_RESULT, "不予公开", "属于四类过程性信息"), r"过程性信息"),
    _r("refuse_case_file", (_RESULT, "不予公开", "属于行政执法案卷"), r"行政执法案卷"),
    _r("refuse_inquiry", (_RESULT, "不予公开", "属于行政查询事项"), r"行政查询事项"),
    _r("unable_not_held", (_RESULT, "无法提供", "本机关不掌握相关政府信息"), r"不掌握"),
    _r("unable_create", (_RESULT, "无法提供", "没有现成信息需要另行制作"), r"另行制作"),
    _r("unable_unclear", (_RESULT, "无法提供", "补正后申请内容仍不明确"), r"仍不明确"),
    _r("reject_petition", (_RESULT, "不予处理", "信访举报投诉类申请"), r"信访举报投诉"),
    _r("reject_repeat", (_RESULT, "不予处理", "重复申请"), r"^(\d[.、])?重复申请"),
    _r("reject_publication", (_RESULT, "不予处理", "要求提供公开出版物"), r"公开出版物"),
    _r("reject_excessive", (_RESULT, "不予处理", "无正当理由大量反复申请"), r"大量反复"),
    _r("reject_confirm", (_RESULT, "不予处理", "要求行政机关确认或重新出具已获取信息"),
       r"确认或重新出具"),
    _r("other_handling", (_RESULT, "其他处理"), r"^(\(六\))?其他处理$"),
    _r("other_no_correction", (_RESULT, "其他处理", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
       r"逾期不补正"),
    _r("other_no_fee", (_RESULT, "其他处理", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
       r"缴纳费用"),
    _r("other", (_RESULT, "其他处理", "其他"), r"^(3[.、])其他$"),
    _r("total", (_RESULT, "总计"), r"^(\(七\))?总计$"),
    _r("next", ("结转下年度继续办理",), r"结转下年度"),
)  # fmt: skip
S3_BY_INDEX = {r.key: i for i, r in enumerate(S3_ROWS)}
RESULT_KEYS = tuple(r.key for r in S3_ROWS[2:-2] if r.key != "other_handling")

# Section 二: row anchors (2021 and 2019 share them) and the column labels of each format.
S2_ROWS = (
    _r("rules", ("规章",), r"^规章(\(.*\))?$"),
    _r("normative", ("行政规范性文件",), r"^(行政)?规范性(文件|档案)(\(.*\))?$"),
    _r("license", ("行政许可",), r"^行政许可$"),
    _r("other_service", ("其他对外管理服务事项",), r"^其他对外管理服务事项(\(.*\))?$"),
    _r("penalty", ("行政处罚",), r"^行政处罚$"),
    _r("coercion", ("行政强制",), r"^行政强制$"),
    _r("fee_income", ("行政事业性收费",), r"^行政事业[性型]?收费$"),
    _r("procurement", ("政府集中采购",), r"^政府集中采购$"),
)
S2_COLUMNS = (  # (label pattern, key, format)
    (re.compile(r"^本年制发件"), "issued", 2021),
    (re.compile(r"^本年废止件"), "repealed", 2021),
    (re.compile(r"^现行有效件"), "in_force", 2021),
    (re.compile(r"^本年处理决定数量"), "decisions", 2021),
    (re.compile(r"^本年收费金额"), "amount", 2021),
    (re.compile(r"^本年新?制作数"), "made", 2019),
    (re.compile(r"^本年新?公开数"), "published", 2019),
    (re.compile(r"^对外公开总数"), "public_total", 2019),
    (re.compile(r"^上一?年项目数"), "last_year", 2019),
    (re.compile(r"^本年增"), "change", 2019),
    (re.compile(r"^处理决定数"), "decisions", 2019),
    (re.compile(r"^采购项目数"), "items", 2019),
    (re.compile(r"^采购总金"), "amount", 2019),
)
S2_2021_COLS = {"rules": ("issued", "repealed", "in_force"),
                "normative": ("issued", "repealed", "in_force"),
                "license": ("decisions",), "penalty": ("decisions",),
                "coercion": ("decisions",), "fee_income": ("amount",)}  # fmt: skip
S2_2019_COLS = {"rules": ("made", "published", "public_total"),
                "normative": ("made", "published", "public_total"),
                "license": ("last_year", "change", "decisions"),
                "other_service": ("last_year", "change", "decisions"),
                "penalty": ("last_year", "change", "decisions"),
                "coercion": ("last_year", "change", "decisions"),
                "fee_income": ("last_year", "change"), "procurement": ("items", "amount")}  # fmt: skip
S2_LABELS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
             "decisions": "本年处理决定数量", "amount": "本年收费金额", "made": "本年新制作数量",
             "published": "本年新公开数量", "public_total": "对外公开总数量",
             "last_year": "上一年项目数量", "change": "本年增/减", "items": "采购项目数量"}  # fmt: skip

CODES = {
    "s3:new:": "disclosure.requests",
    "s3:total:": "disclosure.requests_concluded",
    "s2:license:decisions": "enforcement.license_decisions",
    "s2:penalty:decisions": "enforcement.penalty_decisions",
    "s2:coercion:decisions": "enforcement.coercion_decisions",
    "s2_2019:license:decisions": "enforcement.license_decisions",
    "s2_2019:penalty:decisions": "enforcement.penalty_decisions",
    "s2_2019:coercion:decisions": "enforcement.coercion_decisions",
}


def cell_code(cell: str) -> str | None:
    if cell in CODES:
        return CODES[cell]
    return CODES.get(cell[: cell.rfind(":") + 1])


# --- tokens -----------------------------------------------------------------------------

NUM = re.compile(
    r"^(?P<sign>[+-]|增|减)?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:件|条|万元|元)?$"
)
_BLANK = re.compile(r"^(|-|—|——|/|\\|/|无|空)$")
_NUMBER = r"[+-]?\d[\d,]*(?:\.\d+)?"
_TRAIL_NUMS = re.compile(
    rf"^(?:(?P<label>.*?[^\d\s,.+-])\s+)?(?P<nums>{_NUMBER}(?:\s+{_NUMBER})*)$"
    rf"|^(?P<label2>.*?[^\d\s,.+-])(?P<nums2>{_NUMBER}(?:\s+{_NUMBER})+)$"
)
_PAGE = re.compile(
    r"^(-\s?\d{1,3}\s?-|—\s?\d{1,3}\s?—|第\s?\d{1,3}\s?页(共\s?\d{1,3}\s?页)?|\d{1,3}\s?/\s?\d{1,3})$"
)
_SPACE = re.compile(r"\s+")
_ONE_NUMBER = re.compile(_NUMBER)
_WORD = re.compile(r"\S+")
_PROSE_END = re.compile(r"[。!?;]")


@dataclass
class Token:
    kind: str  # "num", "blank", "label"
    text: str
    line: int
    start: int  # offset in the line
    end: int


def _line_tokens(li: int, line: str) -> list[Token] | None:
    """A table line's tokens, or None when the line is prose (it ends a table)."""
    s = line.strip()
    if not s:
        return []
    if "|" in s or "\t" in s:
        sep = "|" if "|" in s else "\t"
        if sep == "|" and not s.strip("| "):
            return [Token("blank", "", li, 0, 0) for _ in range(s.count("|"))]
        out: list[Token] = []
        parts = line.split(sep)
        pos = 0
        last = len(parts) - 1
        for i, part in enumerate(parts):
            a = pos + len(part) - len(part.lstrip())
            pos += len(part) + 1
            text = part.strip()
            if not text and (i == 0 or i == last):
                continue  # the edges of "| a | b |"
            out.extend(_cell_tokens(li, text, a))
        return out
    if len(s) > 240 or (_PROSE_END.search(s) and not NUM.match(s)):
        return None  # a sentence (a PDF's rejoined header line has no 。 and stays a label)
    if _PAGE.match(s):
        return []
    a = line.find(s)
    return _cell_tokens(li, s, a)


def _cell_tokens(li: int, text: str, a: int) -> list[Token]:
    if text.isdecimal():  # (not isdigit: "①" and "²" are digits but not numbers)
        return [Token("num", text, li, a, a + len(text))]
    if not text or _BLANK.match(text):
        return [Token("blank", text, li, a, a + len(text))]
    if NUM.match(text):
        return [Token("num", text, li, a, a + len(text))]
    m = _TRAIL_NUMS.match(text)
    g = "" if m is None or m.group("nums") else "2"
    if m and (m.group("label" + g) is None or not m.group("label" + g).endswith(("第", "年"))):
        out = []
        if m.group("label" + g):
            out += _labels(li, m.group("label" + g).rstrip(), a)
        for n in _ONE_NUMBER.finditer(m.group("nums" + g)):
            s = a + m.start("nums" + g) + n.start()
            out.append(Token("num", n.group(0), li, s, s + len(n.group(0))))
        return out
    return _labels(li, text, a)


def _labels(li: int, text: str, a: int) -> list[Token]:
    """Words separated by spaces outside a '|' row are cells flattened to one line
    ("信息内容 本年制发件数 本年废止件数"), so each is its own label."""
    return [
        Token("label", m.group(0), li, a + m.start(), a + m.end()) for m in _WORD.finditer(text)
    ]


def _value(text: str) -> Decimal:
    if text.isdecimal():
        return Decimal(text)
    m = NUM.match(text)
    if m is None:  # a cell with a misplaced group comma ("1,2340"): its digits as written
        return Decimal(text.replace(",", ""))
    v = Decimal(m.group("n").replace(",", ""))
    return -v if m.group("sign") in ("-", "减") else v


_BARE: dict[str, str] = {}


def _bare(label: str) -> str:
    """A label without spaces, its leading 一、/(一)/1. kept (anchors may need them)."""
    flat = _BARE.get(label)
    if flat is None:
        if len(_BARE) > 5000:
            _BARE.clear()
        flat = _BARE[label] = _SPACE.sub("", label)
    return flat


# --- the reader -------------------------------------------------------------------------


@dataclass
class TemplateCell:
    line: int
    start: int
    end: int
    raw: str
    value: Decimal
    cell: str | None  # None: a value that could not be placed in the grid
    row: list[str]
    column: str
    code: str | None
    template: str


@dataclass
class TemplateTable:
    template: str  # gk2021 / gk2019
    section: str  # s2 / s3 / s4
    first_line: int
    last_line: int
    cells: list[TemplateCell] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# A text is tokenised only when a table of one of the three sections can start in it: the
# marks of 二 and 三 anywhere, or 四's first label — 行政复议 (行政诉讼) as a word of its own
# (a cell, or words between spaces, "|" or a tab, numbers after it) — and its 维持 column.
# Prose mentions 行政复议 and 维持 often; tokenising every such report cost 3%-9% of its
# reading.
_MARKS = re.compile(r"本年新收|信息内容|第二十条第|申请人情况|勾稽关系")
_S4_WORD = re.compile(r"行政复议(?:行政诉讼)?(?:$|[\s|\d+-])")  # (what precedes: _s4_word)


def _s4_word(joined: str) -> bool:
    """行政复议 (行政诉讼) as a word of its own in the joined lines. (The search starts with
    the word: a pattern starting with what precedes it would be tried at every position.)"""
    at = 0
    while (m := _S4_WORD.search(joined, at)) is not None:
        at = m.start()
        if at == 0 or joined[at - 1] in _WORD_BEFORE:
            return True
        at += 1
    return False


_WORD_BEFORE = SPACES | {"|"}
_S2_START = re.compile(r"^第二十条第|^信息内容$")
_S3_START = re.compile(r"申请人情况|勾稽关系|本年新收")
_S4_START = re.compile(r"^行政复议(行政诉讼)?$")
_SECTION_HEAD = re.compile(
    r"^[一二三四五六七八九十]{1,2}、(?!本年度办理结果|结转下年度|本年新收|上年结转)"
)
_S3_ALL = [(r.key, r.anchor) for r in S3_ROWS]
_S2_ALL = [(r.key, r.anchor) for r in S2_ROWS]


def _is_s3_head(flat: str) -> bool:
    return bool(_S3_START.search(flat))


def read_templates(lines: list[str]) -> tuple[list[TemplateTable], set[int]]:
    """Every national-template table in the text and the lines they cover."""
    joined = "\n".join(lines)  # (no mark spans a line break)
    if not _MARKS.search(joined) and not ("维持" in joined and _s4_word(joined)):
        return [], set()  # no template here: most 法治政府 reports
    tokens: list[Token | None] = []  # None marks a prose line (a table boundary)
    for li, line in enumerate(lines):
        toks = _line_tokens(li, line)
        if toks is None:
            tokens.append(None)
        else:
            tokens.extend(toks)
    tables: list[TemplateTable] = []
    covered: set[int] = set()
    i = 0
    n = len(tokens)
    fmt = 2021
    while i < n:
        t = tokens[i]
        if t is None or t.kind != "label":
            i += 1
            continue
        flat = _bare(t.text)
        if _S2_START.search(flat) and _ahead(tokens, i, _S2_ALL, 24):
            table, after = _read_s2(tokens, i)
        elif _is_s3_head(flat) and _ahead(tokens, i, _S3_ALL[:3], 40):
            table, after = _read_s3(tokens, i)
        elif (
            _S4_START.search(flat)
            and _ahead_label(tokens, i, "行政诉讼", 4)
            and _ahead_label(tokens, i, "维持", 40)
        ):
            table, after = _read_s4(tokens, i)
        else:
            i += 1
            continue
        i = max(after, i + 1)  # a reader that stops on its first token must not stall the loop
        if table.cells:
            if table.template == "gk2019":
                fmt = 2019
            tables.append(table)
            covered.update(range(table.first_line, table.last_line + 1))
    if fmt == 2019:  # a 2019-format report: its 三/四 belong to that template too
        for table in tables:
            table.template = "gk2019"
            for c in table.cells:
                c.template = "gk2019"
    for table in tables:
        if table.section == "s3":
            table.problems += check_s3(table)
    return tables, covered


def _ahead(tokens, i: int, anchors, within: int) -> bool:
    for t in tokens[i + 1 : i + 1 + within]:
        if t is None:
            return False
        if t.kind == "label" and any(rx.search(_bare(t.text)) for _, rx in anchors):
            return True
    return False


def _ahead_label(tokens, i: int, word: str, within: int) -> bool:
    if word in tokens[i].text:
        return True
    for t in tokens[i + 1 : i + 1 + within]:
        if t is None:
            return False
        if t.kind == "label" and word in t.text:
            return True
    return False


def _take(tokens, i: int, count: int, stop, cap: bool = False) -> tuple[list[Token], int]:
    """The value slots (numbers and kept blanks) after position i, up to the label ``stop``
    recognises (the next row) or prose; ``cap`` ends at ``count`` slots instead (the last
    row of a table). Surplus blanks are merged-cell debris: trailing ones go first, then
    leading ones ("| 2.其他… | | 0 | …")."""
    slots: list[Token] = []
    seen_num = False
    n = len(tokens)
    while i < n and not (cap and len(slots) >= count):
        t = tokens[i]
        if t is None:
            break
        if t.kind == "label":
            if (not cap and seen_num) or stop(_bare(t.text)):
                break  # the next row (a label after this row's values starts one)
            i += 1
            continue
        if t.kind == "num":
            seen_num = True
        if t.kind == "num" and len(t.text) == count > 1 and t.text.count("0") == count:
            # flip-book text: a whole row of zeros printed as one run
            slots += [Token("num", "0", t.line, t.start + k, t.start + k + 1) for k in range(count)]
        else:
            slots.append(t)
        i += 1
    while len(slots) > count and slots[-1].kind == "blank":
        slots.pop()
    while len(slots) > count and slots[0].kind == "blank":
        slots.pop(0)
    return slots, i


def _place(
    table: TemplateTable, row_path, columns, slots, prefix: str, row_key: str, labels,
    keyed: bool = True,
):  # fmt: skip
    """Put a row's slots in its columns; a short row without kept blanks is not placed."""
    nums = [s for s in slots if s.kind == "num"]
    if not nums:
        return
    placed = len(slots) == len(columns)
    if not placed:
        table.problems.append(
            f"“{'·'.join(row_path)}”行应有{len(columns)}个数，读到{len(nums)}个，无法确定所在列"
        )
    for k, s in enumerate(slots):
        if s.kind != "num":
            continue
        col_key = columns[k] if placed else None
        cell = f"{prefix}:{row_key}:{col_key}" if placed and keyed else None
        label = labels[col_key] if placed else ""
        table.cells.append(
            TemplateCell(
                s.line, s.start, s.end, s.text, _value(s.text), cell, list(row_path), label,
                cell_code(cell) if cell else None, table.template,
            )
        )  # fmt: skip
        table.last_line = max(table.last_line, s.line)


_S3_HITS: dict[str, tuple[int, ...]] = {}


def _s3_hits(flat: str) -> tuple[int, ...]:
    """The section 三 rows whose anchor this label matches (labels repeat: kept)."""
    hits = _S3_HITS.get(flat)
    if hits is None:
        if len(_S3_HITS) > 5000:
            _S3_HITS.clear()
        hits = _S3_HITS[flat] = tuple(k for k, r in enumerate(S3_ROWS) if r.anchor.search(flat))
    return hits


def _read_s3(tokens, i: int) -> tuple[TemplateTable, int]:
    table = TemplateTable("gk2021", "s3", tokens[i].line, tokens[i].line)
    cols = [k for k, _ in APPLICANTS]
    labels = dict(APPLICANTS)
    expect = 0  # index into S3_ROWS: anchors are matched in the template's order
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t is None:
            break
        if t.kind != "label":
            i += 1
            continue
        flat = _bare(t.text)
        # anchors in the template's order; a label far ahead (a 总计 column header repeated
        # after a page break) is not a row
        hits = _s3_hits(flat)
        top = min(len(S3_ROWS), expect + (2 if expect == 0 else 7))
        hit = next((k for k in hits if expect <= k < top), None)
        if (
            hit == S3_BY_INDEX["total"]
            and flat == "总计"
            and expect < S3_BY_INDEX["other_handling"]
        ):
            hit = None  # the 总计 column header printed again after a page break
        if hit is None:
            if not hits and _SECTION_HEAD.match(flat):
                break  # 四、政府信息公开行政复议… : the next section
            i += 1
            continue
        row = S3_ROWS[hit]
        expect = hit + 1

        def stop(f: str, after=hit) -> bool:
            return any(after < k <= after + 7 for k in _s3_hits(f)) or bool(_SECTION_HEAD.match(f))

        slots, i = _take(tokens, i + 1, len(cols), stop, cap=row.key == "next")
        if row.key == "other_handling" and not any(s.kind == "num" for s in slots):
            continue  # 2021: a group heading over its three rows
        if row.key == "other_handling":
            table.template = "gk2019"
        table.last_line = max(table.last_line, t.line)
        _place(table, row.path, cols, slots, "s3", row.key, labels)
        if row.key == "next":
            break
    return table, i


def _read_s2(tokens, i: int) -> tuple[TemplateTable, int]:
    table = TemplateTable("gk2021", "s2", tokens[i].line, tokens[i].line)
    columns: list[tuple[str, int]] = []
    fresh = True  # the header collects columns until a data row is read
    buf = ""  # a header label split over lines ("本年新" / "公开数量")
    n = len(tokens)

    def stop(f: str) -> bool:
        return bool(
            any(r.anchor.search(f) for r in S2_ROWS)
            or _column(f)
            or f.startswith("第二十条第")
            or f == "信息内容"
            or _SECTION_HEAD.match(f)
            or _is_s3_head(f)
        )

    while i < n:
        t = tokens[i]
        if t is None:
            break
        if t.kind != "label":
            i += 1
            continue
        flat = _bare(t.text)
        col = _column(flat) or (_column(buf + flat) if buf else None)
        if col:
            if not fresh:
                columns, fresh = [], True
            columns.append(col)
            buf = ""
            i += 1
            continue
        row = next((r for r in S2_ROWS if r.anchor.search(flat)), None)
        if row is None:
            if _SECTION_HEAD.match(flat) or _is_s3_head(flat):
                break
            if flat.startswith("第二十条第") or flat == "信息内容":
                columns, fresh, buf = [], True, ""
                i += 1
                continue
            if fresh:
                buf = (buf + flat)[-16:]
                i += 1
                continue
            # a row the template does not have (其他主动公开文件): its values are figures
            # under the current columns, without a template cell
            keys = [k for k, _ in columns]
            slots, j = _take(tokens, i + 1, len(keys), stop)
            if any(s.kind == "num" for s in slots) and keys:
                _place(table, (t.text.strip(),), keys, slots, "", "", S2_LABELS, keyed=False)
                i = j
            else:
                i += 1
            continue
        fresh, buf = False, ""
        if columns and any(f == 2019 for _, f in columns):
            table.template = "gk2019"
        keys = [k for k, _ in columns] or list(S2_2021_COLS.get(row.key, ()))
        if not keys:
            i += 1
            continue
        prefix = "s2_2019" if table.template == "gk2019" else "s2"
        key = "fee" if (prefix == "s2_2019" and row.key == "fee_income") else row.key
        slots, i = _take(tokens, i + 1, len(keys), stop)
        default = (S2_2019_COLS if prefix == "s2_2019" else S2_2021_COLS).get(row.key, ())
        if len(slots) != len(keys) and len(slots) == len(default):
            keys = list(default)  # a header cell lost in copying ("本年新 | 本年新 | …")
        table.last_line = max(table.last_line, t.line)
        _place(table, row.path, keys, slots, prefix, key, S2_LABELS)
    return table, i


def _column(flat: str) -> tuple[str, int] | None:
    return next(((key, f) for rx, key, f in S2_COLUMNS if rx.search(flat)), None)


def _read_s4(tokens, i: int) -> tuple[TemplateTable, int]:
    table = TemplateTable("gk2021", "s4", tokens[i].line, tokens[i].line)
    keys = [f"{row}:{col}" for row, _ in S4_ROWS for col, _ in RESULTS]
    names = {f"{row}:{col}": (path, label) for row, path in S4_ROWS for col, label in RESULTS}

    def stop(f: str) -> bool:
        return bool(_SECTION_HEAD.match(f))

    slots, i = _take(tokens, i + 1, len(keys), stop, cap=True)
    nums = [s for s in slots if s.kind == "num"]
    if not nums:
        return table, i
    placed = len(slots) == len(keys)
    if not placed:
        table.problems.append(f"行政复议、行政诉讼表应有15个数，读到{len(nums)}个，无法确定所在列")
    for k, s in enumerate(slots):
        if s.kind != "num":
            continue
        path, label = names[keys[k]] if placed else (("行政复议、行政诉讼",), "")
        cell = f"s4:{keys[k]}" if placed else None
        column = "·".join((*path, label)) if placed else ""
        table.cells.append(
            TemplateCell(s.line, s.start, s.end, s.text, _value(s.text), cell, [], column,
                         None, table.template)
        )  # fmt: skip
        table.last_line = max(table.last_line, s.line)
    return table, i


# --- the template's arithmetic ------------------------------------------------------------


def grid(table: TemplateTable) -> dict[str, Decimal]:
    return {c.cell: c.value for c in table.cells if c.cell}


def check_s3(table: TemplateTable) -> list[str]:
    """一 + 二 = 三(七) + 四 per column; 三(七) = the sum of 三's rows; 总计 = its columns.
    Only checked where every cell the equation needs was read."""
    g = grid(table)
    out: list[str] = []
    results = [k for k in RESULT_KEYS] + ["other_handling"]
    for col, label in APPLICANTS:

        def v(row: str, c: str = col) -> Decimal | None:
            return g.get(f"s3:{row}:{c}")

        parts = [v("new"), v("carried"), v("total"), v("next")]
        if None not in parts:
            a, b, c, d = parts
            if (a + b) != (c + d):
                out.append(f"“{label}”列：一+二={a + b:g}，三(七)+四={c + d:g}，不相等")
        rows = [v(r) for r in results]
        have = [x for x in rows if x is not None]
        if v("total") is not None and len(have) >= len(RESULT_KEYS):
            if sum(have) != v("total"):
                out.append(
                    f"“{label}”列：三(一)至(六)之和={sum(have):g}，三(七)={v('total'):g}，不相等"
                )
    for row in S3_ROWS:
        vals = [g.get(f"s3:{row.key}:{c}") for c, _ in APPLICANTS]
        if None not in vals and sum(vals[:-1]) != vals[-1]:
            out.append(
                f"“{'三(七)总计' if row.key == 'total' else row.path[-1]}”行：各类申请人之和={sum(vals[:-1]):g}，总计={vals[-1]:g}，不相等"
            )
    return out
