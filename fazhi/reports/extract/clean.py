"""Line-level cleaning: page chrome out, metadata captured, hard-wrapped lines re-joined.

Works on text already passed through normalize_chars (simplified, half-width
punctuation). Returns the body as one paragraph per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import tables
from .normalize import SPACES, tidy_line
from .patterns import first_set

# Metadata keys of government-site "信息公开" headers; value kept in Cleaned.metadata.
META_KEYS = (
    "索引号 主题分类 公开目录 分类 发布机构 发文机关 发文单位 成文日期 "
    "发文日期 发布日期 发布时间 生成日期 标题 名称 文号 发文字号 主题词 "
    "关键词 时效 有效性 内容概述 摘要 公开方式 公开范围 公开时限 体裁分类 "
    "组配分类 服务对象 所属机构 信息来源 来源 时间 日期 作者 信息分类 文种 "
    "效力状态 备注 "
).split()
_KEY_ALT = "|".join(
    r"\s?".join(re.escape(ch) for ch in key) for key in sorted(META_KEYS, key=len, reverse=True)
)
_KEY_FIRST = frozenset("|" + "".join(key[0] for key in META_KEYS))
# A key at the start of a line or after a space, 】 or |. The pattern has no lookbehind, so
# that its search skips ahead to the keys' first characters; _keys_at checks what precedes.
_KEY_AT = re.compile(rf"({_KEY_ALT})\s?:")
_BEFORE_KEY = SPACES | {"】", "|"}
_KEY_CELL = re.compile(rf"^({_KEY_ALT})\s?:?$")
_LEADING_KEY = re.compile(rf"^(?:\|\s*)?({_KEY_ALT})\s?[:|]")

# Chrome that may open any short line (breadcrumbs, editors, footers) ...
_CHROME_START = re.compile(
    r"^(?:(您|你)?(当前|现在|所在)?的?(位置|所在位置)\s?:"
    r"|当前位置|首页\s?(>|»|/|→|$)"
    r"|(责任编辑|责编|编辑|审核|校对|审校|初审|复审|终审|签发|撰稿|摄影|作者)\s?:"
    r"|(上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关新闻|相关文件|附件下载)"
    r"|主办单位|主办\s?:|承办单位|承办\s?:|(联系电话|电话|联系方式|传真|电子邮箱|邮箱|邮编|地址)\s?:"
    r"|[(]?此件公开发布[)]?$|[(]?此件依申请公开[)]?$"
    r"|\d{4}-\d{1,2}-\d{1,2}(\s\d{1,2}:\d{2}(:\d{2})?)?\s+(来源|作者|发布))",
)
# A breadcrumb ending in 正文 ("首页 > 政务公开 > 正文"), looked for only in lines that end so.
_CRUMB_TO_BODY = re.compile(r".*(>|»)\s?正文$")
# ... and page furniture that shows up anywhere in a line without a full stop. Every
# alternative starts with a plain character, so that the search skips ahead to the characters
# that can start one instead of trying them all at every position.
_CHROME_ANY = re.compile(
    r"【\s?(打印|关闭|收藏|推荐|返回|字体|字号|文字大小|下载|分享)"
    r"|字体\s?:|字号\s?:|文字大小\s?:|打印本页|打印此页|关闭窗口|关闭本页|返回顶部|返回首页"
    r"|分享到|扫一扫|用手机扫|手机扫描|微信扫"
    + "".join(
        rf"|{w}\s?[:\d]"
        for w in "浏览次数 访问量 访问次数 点击数 点击次数 点击量 阅读次数 阅读量 浏览量".split()
    )
    + r"|网站地图|联系我们|版权所有|C(?i:opyright)|c(?i:opyright)|I(?i:cp[备证])|i(?i:cp[备证])"
    r"|公网安备"
    r"|网站标识码|技术支持\s?:|建议使用|分辨率|最佳浏览",
)
_FOOTER = re.compile(
    r"^(责任编辑|责编|编辑\s?:|上一篇|下一篇|上一条|相关链接|相关文章|相关阅读)"
    r"|扫一扫|【\s?打印|打印本页|关闭窗口|网站地图|分享到|版权所有"
)
_WS = re.compile(r"\s")
_VALUE_END = re.compile(r"\s?【|浏览|访问|点击|阅读|字号|字体")
_PAGE_MARK = re.compile(r"[-—–_~页]")
_ONLY_MARKS = re.compile(r"^[\s•·\-—_=*#>|~]*$")
_BRACKET_ONLY = re.compile(r"^(\s*[•·]?\s*【[^】]{0,12}】)+\s*$")
_PAGE_NO = re.compile(
    r"^[-—–_~ ]*(第\s?)?\d{1,3}(\s?页)?(\s?/\s?\d{1,3})?(\s?,?共\s?\d{1,3}\s?页)?[-—–_~ ]*$"
)
_TITLE_WORDS = re.compile(r"报告|总结|方案|要点|计划|年报|纲要|规划|意见|通知|情况")
_TERMINAL = tuple("。!?;:…")
_HEADING_START = re.compile(
    r"^([一二三四五六七八九十]{1,3}、|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}[.、](?!\d))"
)
_DATE_LINE = re.compile(
    r"^(\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|\d{4}-\d{1,2}-\d{1,2}"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)


@dataclass
class Cleaned:
    text: str
    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None


_PAGE_FIRST = frozenset("-—–_~ 第")


def _page_line(line: str) -> bool:
    if line[0] not in _PAGE_FIRST and not line[0].isdecimal():
        return False  # cannot start a _PAGE_NO match
    return bool(_PAGE_NO.match(line)) and bool(_PAGE_MARK.search(line))


def _parse_metadata(line: str, meta: dict[str, str]) -> None:
    """Collect key/value pairs from a header line or a '|' metadata row."""
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip("|").split("|")]
        for i, cell in enumerate(cells[:-1]):
            m = _KEY_CELL.match(cell.replace(" ", ""))
            if m and cells[i + 1]:
                key = _WS.sub("", m.group(1))
                meta.setdefault(key, cells[i + 1].strip())
        return
    hits = _keys_at(line)
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = line[m.end() : end].strip()
        value = _VALUE_END.split(value)[0].strip()
        key = _WS.sub("", m.group(1))
        if value:
            meta.setdefault(key, value)


def _keys_at(line: str) -> list[re.Match]:
    r"""The keys of a header line, as a search with (?:^|(?<=\s)|(?<=】)|(?<=\|)) before the
    key would find them: a key found after another character is passed over, and the search
    goes on from its next character (a key may start inside it: "X发布 时间:")."""
    hits = []
    pos = 0
    while (m := _KEY_AT.search(line, pos)) is not None:
        at = m.start()
        if at == 0 or line[at - 1] in _BEFORE_KEY:
            hits.append(m)
            pos = m.end()
        else:
            pos = at + 1
    return hits


def _is_metadata_line(line: str) -> bool:
    if len(line) > 400 and not line.startswith("|"):
        return False
    if line[0] not in _KEY_FIRST:
        return False  # cannot start a _LEADING_KEY match
    m = _LEADING_KEY.match(line)
    if not m:
        return False
    if line.startswith("|"):
        return True
    # "来源:" / "时间:" open many chrome lines, but a body sentence never starts "时间:".
    return len(line) <= 150


# The three tests at the start of a line, in one pattern (one call per line).
_CHROME_LINE = re.compile(
    "|".join(f"(?:{rx.pattern})" for rx in (_ONLY_MARKS, _BRACKET_ONLY, _CHROME_START))
)


# What a line must start with for _CHROME_LINE to match it (read from the pattern): most
# lines start otherwise and skip the match.
_CHROME_FIRST, _CHROME_FIRST_DIGIT, _CHROME_FIRST_SPACE = first_set(_CHROME_LINE.pattern)


def _is_chrome(line: str) -> bool:
    if len(line) > 150:
        return False
    first = line[0]
    if (
        first in _CHROME_FIRST
        or (_CHROME_FIRST_DIGIT and first.isdecimal())
        or (_CHROME_FIRST_SPACE and first.isspace())
    ) and _CHROME_LINE.match(line):
        return True
    if line.endswith("正文") and _CRUMB_TO_BODY.match(line):
        return True
    return "。" not in line and bool(_CHROME_ANY.search(line))


def _truncate_footer(lines: list[str]) -> list[str]:
    """Cut the page footer: from the first footer marker after which only short lines follow."""
    n = len(lines)
    start = n * 2 // 3 if n > 9 else 0
    last_long = n - 1  # only short lines may follow the marker: not before the last long one
    while last_long >= start and len(lines[last_long]) <= 80:
        last_long -= 1
    for i in range(max(start, last_long), n):
        if lines[i] and len(lines[i]) <= 120 and _FOOTER.search(lines[i]):
            return lines[:i]
    return lines


def clean(text: str) -> Cleaned:
    """Split into lines, drop chrome, keep metadata, re-join wrapped lines."""
    meta: dict[str, str] = {}
    if "\t" in text:
        raw = [tidy_line(_tab_cells(x)) for x in text.split("\n")]
    else:  # (tidy_line written out: most lines have no run of spaces)
        raw = [x.strip() for x in text.split("\n")]
        if "  " in text:
            raw = [tidy_line(x) if "  " in x else x for x in raw]
    kept: list[str] = []
    for line in raw:
        if not line:
            kept.append("")
            continue
        first = line[0]  # (the first tests of the three checks below, asked here)
        if (first in _PAGE_FIRST or first.isdecimal()) and _page_line(line):
            # A page break inside a paragraph: drop it with the blank lines around it.
            while kept and kept[-1] == "":
                kept.pop()
            kept.append("\x00")
            continue
        if first in _KEY_FIRST and _is_metadata_line(line):
            _parse_metadata(line, meta)
            continue
        if len(line) <= 150 and _is_chrome(line):
            if re.match(r"^(\d{4}-\d{1,2}-\d{1,2}|发布时间|时间|日期)", line):
                _parse_metadata(line, meta)
                m = re.match(r"^(\d{4}-\d{1,2}-\d{1,2})", line)
                if m:
                    meta.setdefault("时间", m.group(1))
                    src = re.search(r"来源\s?:\s?(\S+)", line)
                    if src:
                        meta.setdefault("来源", src.group(1))
            continue
        kept.append(line)
    # Page-break sentinels: remove them and any blank lines right after.
    merged: list[str] = []
    skip_blank = False
    for line in kept:
        if line == "\x00":
            skip_blank = True
            continue
        if skip_blank and line == "":
            continue
        skip_blank = False
        merged.append(line)
    lines = _truncate_footer(merged)
    while lines and not lines[0]:
        lines.pop(0)
    title = _find_title(lines, meta)
    lines = _join_wrapped(lines, title)
    body = [x for x in lines if x]
    return Cleaned(text="\n".join(body), lines=body, metadata=meta, title=title)


def _tab_cells(line: str) -> str:
    """A tab-separated table row (a spreadsheet or Word table pasted as text) becomes a '|'
    row, so its cells survive the tidying of spaces; leading and trailing tabs are indent."""
    inner = line.strip("\t ")
    if "\t" not in inner:
        return line
    return "| " + " | ".join(c.strip() for c in inner.split("\t")) + " |"


# A table row flattened to spaces: a label then numbers, or several short words with no
# sentence punctuation ("信息内容 本年制发件数 本年废止件数", "结果 结果 其他 尚未 总").
_SPACED_ROW = re.compile(
    r"(^|\s)[+-]?\d[\d,]*(\.\d+)?(\s[+-]?\d[\d,]*(\.\d+)?)+$"
    r"|^[^,。;:!?]{1,12}(\s[^,。;:!?\s]{1,12}){2,}$"
)


def _find_title(lines: list[str], meta: dict[str, str]) -> str | None:
    wanted = _WS.sub("", meta.get("标题", ""))
    content = [x for x in lines[:8] if x]
    for line in content[:4]:
        if wanted and _WS.sub("", line) == wanted:
            return line
    for line in content[:3]:
        # (a line ending in a colon leads into what follows: "现将2023年工作总结如下:")
        if len(line) <= 80 and "。" not in line and not line.endswith(":"):
            if _TITLE_WORDS.search(line) and not _HEADING_START.match(line):
                return line
    return None


def _join_wrapped(lines: list[str], title: str | None) -> list[str]:
    """Re-join lines broken inside a sentence (PDF or fixed-width copies); never a table's."""
    protected: set[int] | None = None  # the table lines: found only once a join is possible
    out: list[str] = []
    for i, line in enumerate(lines):
        if out and line and out[-1] and _can_join(out[-1], line, title):
            if protected is None:
                protected = tables.table_line_indices(lines)
            if i - 1 not in protected and i not in protected:
                out[-1] = out[-1] + line
                continue
        out.append(line)
    return out


def _can_join(a: str, b: str, title: str | None) -> bool:
    if a.endswith(_TERMINAL) or len(a) < 15 or a == title:
        return False
    if a.startswith("|") or b.startswith("|"):
        return False
    if _HEADING_START.match(a) and "。" not in a and len(a) <= 40:
        return False  # a heading line; a heading followed by its paragraph may wrap
    if _HEADING_START.match(b) or _DATE_LINE.match(b):
        return False
    if tables.numeric_line(b):
        return False
    if _SPACED_ROW.search(a) or _SPACED_ROW.search(b):
        return False
    return True
