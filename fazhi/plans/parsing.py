"""Parse the text of a plan (实施方案 / 工作要点) into sections, numbered tasks and 责任单位.

Pure Python (no Django) so the CLI dry run, the web import preview and the tests share one
parser. The input is what people actually paste: text copied from a government web page,
chrome and metadata included (索引号, 发布日期, 【下载Word】, 扫一扫…), full- or half-width
brackets and colons.

Shape recognised:

* a section heading is a line ``一、title`` (Chinese numeral and 、);
* a task is a line ``1.title sentence。body…`` (also ``1．`` / ``1、``), continued by the
  following lines until the next task or section;
* its responsible units are in a clause ``（责任单位：A、B，C）`` (``责任部门`` too), or
  ``（牵头单位：A；配合单位：B）`` — lead units are listed first whatever order the text
  uses — or an unbracketed line ``责任单位：A、B``. Names are split on 、，,；; outside
  nested brackets, so ``各乡镇（街道）`` stays one name, and kept exactly as written.

Errors block an import; warnings are shown in the preview and the import may go on.

* errors: empty text; no section; no task; section numerals out of order or repeated;
  task numbers skipped, out of order or repeated (numbering runs through the whole plan,
  it does not restart per section); a task before the first section; a responsible-unit
  bracket that is never closed; a clause that names no unit; a clause without its colon.
* warnings: no title found; a task that lists no responsible unit at all (some plans leave
  units out on purpose, so the import goes on and the coordinator assigns them by hand —
  a clause that is present but malformed is an error, because then units would be lost);
  text after a task's responsible-unit clause, which belongs to no task and is left out.

Line numbers are 1-based lines of the input; 0 means the whole text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "ParseError",
    "ParsedPlan",
    "ParsedSection",
    "ParsedTask",
    "cn_to_int",
    "int_to_cn",
    "parse_plan",
]


@dataclass
class ParsedSection:
    number: str  # Chinese numeral as written: "一"
    title: str
    line: int


@dataclass
class ParsedTask:
    number: int
    section: str  # number of the section it belongs to ("一"); "" before any section
    title: str  # the title sentence, without its 。
    body: str
    responsible: list[str]  # names exactly as listed, in order, lead units first
    line: int


@dataclass
class ParseError:
    line: int  # 1-based; 0 = the whole text
    message: str  # Chinese, with its "第N行：" prefix

    def __str__(self) -> str:
        return self.message


@dataclass
class ParsedPlan:
    title: str
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    warnings: list[ParseError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Chinese numerals -------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NAMES = "零一二三四五六七八九"


def cn_to_int(text: str) -> int | None:
    """一 → 1 … 九十九 → 99; None for anything else, so a stray word is never a section."""
    digits = "一二三四五六七八九"
    if len(text) == 1 and text in digits:
        return _CN_DIGITS[text]
    tens, ten, units = text.partition("十")
    if not ten or len(tens) > 1 or len(units) > 1:
        return None
    if (tens and (tens not in digits or tens == "一")) or (units and units not in digits):
        return None  # "一十", "十十", "二十零" are not how sections are numbered
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def int_to_cn(n: int) -> str:
    """Inverse of cn_to_int for 1–99, used in messages ("章节编号应为三")."""
    if n < 1 or n > 99:
        return str(n)
    tens, units = divmod(n, 10)
    if not tens:
        return _CN_NAMES[units]
    return ("" if tens == 1 else _CN_NAMES[tens]) + "十" + (_CN_NAMES[units] if units else "")


# --- line classes ----------------------------------------------------------------------

_SECTION_RE = re.compile(r"^([一二三四五六七八九十]{1,3})\s*、\s*(.*)$")
# "1." / "1．" / "1、" — but not "1.5倍" (a decimal at the start of a wrapped line).
_TASK_RE = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")

_LEAD_WORDS = "责任|牵头|主责"
_ALL_WORDS = "责任|牵头|主责|配合|协办|参与|协同"
_CLAUSE_OPEN_RE = re.compile(rf"[（(]\s*(?:{_ALL_WORDS})(?:单位|部门)\s*[:：]")
_CLAUSE_NO_COLON_RE = re.compile(rf"[（(]\s*(?:{_LEAD_WORDS})(?:单位|部门)(?!\s*[:：])")
_LINE_CLAUSE_RE = re.compile(rf"^\s*(?:{_LEAD_WORDS})(?:单位|部门)\s*[:：]")
_LABEL_RE = re.compile(rf"({_ALL_WORDS})(?:单位|部门)\s*[:：]")
_OPEN = "（("
_CLOSE = "）)"
_NAME_SEPARATORS = "、，,；;\n"
_NAME_STRIP = " \t\u3000\u00a0。．.：:"

# Web-page chrome and publication metadata, compared after NFKC and without whitespace
# (so "索 引 号:" and "索引号：" are the same line).
_CHROME_PREFIXES = (
    "索引号",
    "公开目录",
    "主题分类",
    "体裁分类",
    "发布日期",
    "发布时间",
    "发布机构",
    "发文机关",
    "发文日期",
    "成文日期",
    "文号:",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "所属机构",
    "信息来源",
    "来源:",
    "点击次数",
    "点击数",
    "点击量",
    "浏览次数",
    "阅读次数",
    "访问量",
    "当前位置",
    "當前位置",
    "您当前的位置",
    "您现在的位置",
    "首页>",
    "分享到",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关文件",
    "责任编辑",
    "字号:",
    "【",
    "|",  # metadata tables copied as "| 索 引 号 | … |"
)
_CHROME_RE = re.compile(r"^(?:时间:\d{4}|\d{4}-\d{1,2}-\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?$)")


def _chrome_key(line: str) -> str:
    return "".join(unicodedata.normalize("NFKC", line).split())


def _is_chrome(line: str) -> bool:
    key = _chrome_key(line)
    return key.startswith(_CHROME_PREFIXES) or bool(_CHROME_RE.match(key))


def _clean(line: str) -> str:
    return line.strip(" \t\u3000\u00a0\ufeff\u200b")


def _at(lineno: int, message: str) -> ParseError:
    return ParseError(lineno, f"第{lineno}行：{message}" if lineno else f"全文：{message}")


# --- the parser ------------------------------------------------------------------------


def parse_plan(text: str) -> ParsedPlan:
    """Read a plan's text; never raises on malformed input, it reports instead."""
    plan = ParsedPlan(title="")
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    content = []
    for lineno, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if line and not _is_chrome(line):
            content.append((lineno, line))
    if not content:
        plan.errors.append(_at(0, "计划文本为空"))
        return plan

    preamble: list[tuple[int, str]] = []  # lines before the first section
    section_seen: dict[int, int] = {}  # numeral value -> line
    task_seen: dict[int, int] = {}  # task number -> line
    blocks: list[tuple[int, str, list[tuple[int, str]]]] = []  # (number, section, lines)
    current_section = ""
    for lineno, line in content:
        section = _SECTION_RE.match(line)
        value = cn_to_int(section[1]) if section else None
        if section and value is not None:
            _check_number(plan, lineno, value, section_seen, "章节编号", int_to_cn, section[1])
            current_section = section[1]
            title = section[2].strip().rstrip("。")
            plan.sections.append(ParsedSection(section[1], title, lineno))
            continue
        task = _TASK_RE.match(line)
        if task:
            number = int(task[1])
            if not plan.sections:
                plan.errors.append(_at(lineno, f"任务{number}出现在第一个章节标题之前"))
            _check_number(plan, lineno, number, task_seen, "任务编号", str, task[1])
            blocks.append((number, current_section, [(lineno, task[2])]))
            continue
        if blocks and (not plan.sections or blocks[-1][2][0][0] > plan.sections[-1].line):
            blocks[-1][2].append((lineno, line))  # continues the task being read
        elif not plan.sections:
            preamble.append((lineno, line))
        # else: a section's introduction before its first task — not a task, not kept.
    for number, section_number, lines in blocks:
        plan.tasks.append(_read_task(number, section_number, lines, plan))

    plan.title = _find_title(preamble)
    if not plan.title:
        plan.warnings.append(_at(0, "未找到方案标题"))
    if not plan.sections:
        plan.errors.append(_at(0, "未找到章节标题（如“一、……”）"))
    if not plan.tasks:
        plan.errors.append(_at(0, "未找到编号任务（如“1.……”）"))
    plan.errors.sort(key=lambda e: e.line)
    plan.warnings.sort(key=lambda e: e.line)
    return plan


def _check_number(plan, lineno, value, seen, label, show, written) -> None:
    """Numbers must run 1, 2, 3…; after a slip, expect one more than the highest seen.

    Resynchronising on the highest number keeps one slip to one message, not a cascade.
    """
    expected = max(seen, default=0) + 1
    if value in seen:
        plan.errors.append(_at(lineno, f"{label}{written}重复（第{seen[value]}行已出现）"))
        return
    seen[value] = lineno
    if value != expected:
        plan.errors.append(_at(lineno, f"{label}应为{show(expected)}，实际为{written}"))


_TITLE_WORDS = ("方案", "要点", "计划", "意见", "规划", "通知", "办法", "安排")


def _find_title(preamble: list[tuple[int, str]]) -> str:
    """The heading-like line before the first section: short, not a sentence."""
    candidates = [
        line
        for _, line in preamble
        if len(line) <= 100 and not line.endswith(("。", "：", ":", "；", ";", "，", ","))
    ]
    for line in candidates:
        if any(word in line for word in _TITLE_WORDS):
            return line
    return candidates[0] if candidates else ""


def _read_task(number, section, block, plan) -> ParsedTask:
    """Split one task's lines into title, body and responsible units."""
    start_line = block[0][0]
    text = "\n".join(line for _, line in block)
    starts = []  # (offset in text, line number) of each line of the block
    offset = 0
    for lineno, line in block:
        starts.append((offset, lineno))
        offset += len(line) + 1

    def line_of(pos: int) -> int:
        return max((s for s in starts if s[0] <= pos), default=starts[0])[1]

    clauses: list[tuple[int, int, str]] = []  # (start, end, content) spans of text
    unclosed: set[int] = set()  # starts of clauses whose bracket never closes
    problems = False
    for match in _CLAUSE_OPEN_RE.finditer(text):
        if _inside(clauses, match.start()):
            continue
        close = _matching_close(text, match.start())
        if close is None:
            # Never closed: read names to the end of the line so the preview still has them.
            end = text.find("\n", match.start())
            end = len(text) if end < 0 else end
            plan.errors.append(_at(line_of(match.start()), f"任务{number}的责任单位括号未闭合"))
            problems = True
            unclosed.add(match.start())
            clauses.append((match.start(), end, text[match.start() + 1 : end]))
        else:
            clauses.append((match.start(), close + 1, text[match.start() + 1 : close]))
    for (pos, _), (_, line) in zip(starts[1:], block[1:], strict=True):
        if _LINE_CLAUSE_RE.match(line) and not _inside(clauses, pos):
            clauses.append((pos, pos + len(line), line))
    clauses.sort()
    for match in _CLAUSE_NO_COLON_RE.finditer(text):
        if not _inside(clauses, match.start()):
            plan.errors.append(
                _at(line_of(match.start()), f"任务{number}的责任单位缺少冒号，无法识别")
            )
            problems = True

    lead: list[str] = []
    others: list[str] = []
    for start, _end, content in clauses:
        names = _clause_names(content)
        if not names["lead"] and not names["other"] and start not in unclosed:
            plan.errors.append(_at(line_of(start), f"任务{number}的责任单位为空"))
        lead += names["lead"]
        others += names["other"]
    responsible = list(dict.fromkeys(lead + others))
    if not clauses and not problems:
        plan.warnings.append(_at(start_line, f"任务{number}未列出责任单位，导入后需手工指定"))

    # Lines after the one on which the last clause closes belong to no task.
    cutoff = len(text)
    if clauses:
        newline = text.find("\n", clauses[-1][1])
        if newline >= 0:
            cutoff = newline
            rest = [lineno for pos, lineno in starts if pos > cutoff]
            where = f"第{rest[0]}至{rest[-1]}行" if len(rest) > 1 else "此行"
            plan.warnings.append(
                _at(rest[0], f"{where}位于任务{number}的责任单位之后，未归入任何任务")
            )

    kept, pos = [], 0
    for start, end, _content in clauses:
        kept.append(text[pos:start])
        pos = end
    kept.append(text[pos:cutoff])
    first_line, newline, rest_text = "".join(kept).partition("\n")
    title, stop, after = first_line.partition("。")
    if not stop:  # no title sentence ending in 。: the whole first line is the title
        title, after = first_line, ""
    title = title.strip().rstrip("；;，,")
    body = (after.strip() + newline + rest_text).strip().strip("，,；;")
    return ParsedTask(number, section, title, body.strip(), responsible, start_line)


def _inside(clauses, pos) -> bool:
    return any(start <= pos < end for start, end, _ in clauses)


def _matching_close(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        char = text[i]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def _clause_names(content: str) -> dict[str, list[str]]:
    """Names in a clause, lead units (责任/牵头/主责) apart from the others (配合…)."""
    result: dict[str, list[str]] = {"lead": [], "other": []}
    labels = list(_LABEL_RE.finditer(content))
    if not labels:
        return result
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
        kind = "lead" if label[1] in _LEAD_WORDS.split("|") else "other"
        result[kind] += _split_names(content[label.end() : end])
    return result


def _split_names(segment: str) -> list[str]:
    """Split on separators outside brackets, so 各乡镇（街道、社区） stays one name."""
    names, depth, current = [], 0, []
    for char in segment:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        if depth == 0 and char in _NAME_SEPARATORS:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [name.strip(_NAME_STRIP) for name in names if name.strip(_NAME_STRIP)]
