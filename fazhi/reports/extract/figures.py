"""Figures in running text: number + unit, with the context that names them.

A figure is kept only when it reports a quantity. Dates, years, article numbers
(第十二条), document numbers (〔2023〕5号), ranges (50-300元), ordinals (第一责任人)
and names that contain a number (“三项制度”, 一站式, “十四五”) are dropped here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter

from .normalize import SPACES
from .numbers import parse_arabic, parse_chinese
from .patterns import trie_pattern

_UNITS_AR = (
    "个工作日 工作日 个百分点 百分点 个月 个批次 人次 件次 条次 场次 户次 家次 "
    "批次 车次 架次 学时 课时 小时 分钟 平方公里 平方米 立方米 公里 千米 "
    "公顷 亩 吨 米 元 件 项 次 人 名 条 份 卷 家 户 个 场 期 起 例 "
    "本 分 册 篇 部 批 种 类 路 所 座 台 套 张 块 处 宗 位 支 队 "
    "轮 天 周 辆 艘 只 头 株 棵 幅 间 栋 节 堂 组 封 票 倍 % ‰ "
).split()
# Units that may follow a number written in Chinese characters (七期, 两千余人次).
_UNITS_CN = set(
    "个工作日 个月 人次 件次 场次 批次 学时 课时 小时 次 期 场 人 名 件 "
    "项 个 家 份 起 户 批 所 位 本 条 篇 卷 元 天 部 座 处 轮 种 "
    "例 ".split()
)
_UNIT_ALT = trie_pattern(_UNITS_AR)
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
# Written for the speed of the scan, which meets a digit or a numeral every few characters:
# - the number's first character is matched on its own, outside the atomic group, so that
#   the pattern starts with a plain character set and the engine skips ahead to the next
#   digit or numeral instead of trying the pattern at every position; the set names the
#   ASCII digits, not \d, as a Unicode category test on every character of the text costs
#   as much again (every script's digits, full-width ones too, are ASCII by now:
#   normalize.py); the alternatives are
#   those of \d{1,3}(,\d{3})+(\.\d+)? | \d+(\.\d+)? | [numerals]+, in that order;
# - the number is atomic: a shorter number is followed by a digit or a numeral, where
#   nothing that follows a number can start (万/亿 after numerals are also read as part of
#   the number, and 千米 after 千 as 米), so giving characters back never finds a match;
# - the character after it must be one that can start what follows, else the position
#   fails at once.
_FOLLOW = "余多 万亿" + "".join(sorted({u[0] for u in _UNITS_AR}))
FIGURE = re.compile(
    rf"(?P<num>[0-9{_CN_NUM}](?>(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?)"
    rf"|(?<=[{_CN_NUM}])[{_CN_NUM}]*))(?=[{re.escape(_FOLLOW)}])"
    r"(?P<a1>余|多)?[ ]?(?P<mult>万|亿)?(?P<a2>余|多)?[ ]?"
    rf"(?P<unit>{_UNIT_ALT})"
    r"(?:[ ]?(?P<suf>以上|以下|以内|之内|左右|之多|内))?"
)
# (?<![\d/.]) before the first digit, written after it: a pattern that starts with a look
# behind is tried at every position of the text, one that starts with a digit skips ahead
_FRACTION = re.compile(r"(\d(?<![\d/.]\d)\d?)/(\d{1,2})(?![\d/])(?P<suf>以上|以下|左右)?")
_CN_FRACTION = re.compile(
    r"([一二三四五六七八九十]{1,3})分之([一二三四五六七八九十]{1,3})(?P<suf>以上|以下|左右)?"
)
_CN_PERCENT = re.compile(r"百分之([零一二三四五六七八九十百]{1,4})(?P<suf>以上|以下|左右)?")

# Numbers inside these are parts of names or titles, not reported figures.
_QUOTED = re.compile(
    r"“[^“”\n]{1,30}”|‘[^‘’\n]{1,30}’|\"[^\"\n]{1,30}\"|《[^《》\n]{1,80}》|〈[^〈〉\n]{1,60}〉|「[^「」\n]{1,30}」|〔[^〔〕\n]{0,12}〕|\[[^\[\]\n]{0,12}\]"
)
FIXED_TERMS = (
    "三项制度 八项规定 四个意识 四个自信 两个维护 两个确立 两个一百年 三个代表 "
    "五位一体 四个全面 一件事 一站式 一网通办 一网统管 一次办 一窗 一门 一网 "
    "三统一 两法衔接 一单两库 三到位 一村一 一村(社区)一 最多跑一次 一支队伍 "
    "三区六室 三级四同 六有 三有 三无 四风 三必到 两委 三官 双随机 一公开 "
    "一表申请 一套材料 一次提交 一处违法 一级抓一级 一把手 一岗双责 一案双查 "
    "两学一做 三重一大 一张清单 一张表单 一件事一次办 十四五 十三五 八五 七五 "
    "一带一路 十九大 二十大 1+1+N 1+3+N 12345 "
).split()
_FIXED = re.compile(trie_pattern(FIXED_TERMS))
# After a single Chinese numeral + unit, these words make the phrase a name (三项制度).
_NAME_TAIL = re.compile(
    r"^(制度|机制|体系|工程|行动|模式|理念|原则|职责|规定|承诺|意识|自信|维护|确立|全面|代表|务必"
    r"|到位|统一|合一|联动|同步|一体|必|有|不|性|化|式|事|窗|网|门|线|口|站|品|度|级|全)"
)
_ONE_OK_BEFORE = re.compile(
    r"(至少|不少于|不低于|仅|只|共|累计|合计|计|达|接受|举办|召开|开展|组织|进行|参加|培训|配备|设立"
    r"|建成|新增|新建|聘请|聘任|成立|办理|受理|出具|审查|发生|完成|获得|荣获|获评|列入|确定|收到"
    r"|开设|配置|增加|减少|仅有)\s?$"
)
_RANGE_BEFORE = re.compile(rf"\d(?:余|多)?[万亿]?[ ]?(?:{_UNIT_ALT})?[ ]?[-~—至到][ ]?$")
_RANGE_AFTER = re.compile(r"^[ ]?[-~—至][ ]?\d")
_DIGIT = re.compile(r"\d")
_BARE_QUALIFIED = re.compile(r"(近|逾|约|超|超过|过|上)$")
_TAIL_STOP = re.compile(r"[,;。]")
_DATE_NEXT = re.compile(r"[\d年月日]")
_GAP = re.compile(r"[ ,]{0,3}")
_AND = re.compile(r"[ ]?[、和及与][ ]?")
_RANGE_MARK = re.compile("[-~—至到]")
_MARK_CHARS = "第-~—至到"  # 第 or a range mark
_COMPOUND = re.compile(rf"\d+(?:\.\d+)?(?:余|多)?[万亿]?(?:{_UNIT_ALT})")
_SERIES = re.compile(r"第[\d一二三四五六七八九十]{1,3}[、,和至到-]$")
_CONTINUES = re.compile(
    r"^[ ]?([、和及与]|(提高|提升|增加|增长|上升|下降|降低|减少|压缩|压减|缩短)了?(到|至)"
    r"((19|20)\d\d\s?年(度)?的?)?)[ ]?$"
)
# matched at the number's end with match(text, pos): a ^ would not match there
_RANKING = re.compile(r"[^,;。!?\n]{0,16}中(排名|排|位列|位居|名列|居)")
_RANK_FIRST = frozenset("排位名居")  # what follows 中 in a _RANKING match
# A text without one has no ranking: find_figures then asks _ranked_after nothing.
_RANK_MARK = re.compile(f"中[{''.join(sorted(_RANK_FIRST))}]")


def _ranked_after(text: str, e: int) -> bool:
    """_RANKING matches at ``e``: asked only where a 中 within reach is followed by one of
    its words' first characters (中 alone, as in 其中, follows many numbers)."""
    at = text.find("中", e, e + 17)
    while at >= 0:
        if text[at + 1 : at + 2] in _RANK_FIRST:
            return _RANKING.match(text, e, e + 24) is not None
        at = text.find("中", at + 1, e + 17)
    return False


_LEAD_QUAL = re.compile(
    r"(不少于|不低于|不超过|不高于|不足|不到|至少|超过|多于|高于|低于|少于|大约|多达|将近|接近|约|近|逾)"
)
_LEAD_CHARS = "".join(sorted({w[0] for w in _LEAD_QUAL.pattern.strip("()").split("|")}))
_LEAD_START = re.compile(f"[{_LEAD_CHARS}]")
_ADJACENT_QUAL = {"约", "近", "逾", "大约", "将近", "接近", "超过", "多达", "不足", "不到"}
_COMPARE = r"(同比|环比|(较|比|与)(上一?年|去年|上年度|(19|20)\d\d\s?年度?)(同期)?(相比)?)"
_CHANGE_UP = "增长|增加|上升|提高|提升"
_CHANGE_DOWN = "下降|减少|降低|下滑|回落|减少了|下降了"
_DOWN_WORDS = frozenset(_CHANGE_DOWN.split("|"))
_CHANGE_WORD = re.compile(f"{_CHANGE_UP}|{_CHANGE_DOWN}")
# What _CHANGE_BEFORE can end with: a direction word's last character, 了/约/达, a space.
_CHANGE_END = frozenset(w[-1] for w in f"{_CHANGE_UP}|{_CHANGE_DOWN}".split("|")) | set("了约达 ")
_CHANGE_BEFORE = re.compile(
    rf"(?P<cmp>{_COMPARE})?[ ,]?(分别)?(?P<dir>{_CHANGE_UP}|{_CHANGE_DOWN})(了|约|达)?[ ]?$"
)
_HEAD_WORDS = (
    r"其中|全年|今年以来|今年|年内|当年|本年度|截至目前|截至\d{1,2}月|截止目前|目前|同时|另外|此外"
    r"|累计|共计|合计|共|先后|已经|已|均|全区|全县|全市|全镇|我区|我县|我市|我局|新区|区|县|市|并|还"
    r"|通过|依法|进一步|分别|、|和|及|与|其|等|,"
)
_FILLER_HEAD = re.compile(rf"^({_HEAD_WORDS}|\s)+")
# What a subject must start (end) with for a filler word to be stripped there: the match
# is not tried on the others.
_HEAD_FIRST = frozenset(w[0] for w in _HEAD_WORDS.split("|"))
_TAIL_WORDS = (
    "分别为 分别是 分别 均为 均达 均 共计 合计 累计 共 计 达到 达 为 是 有 约 近 超过 逾 了 保持在 保持 "
    "控制在 提高到 提高至 提升至 压缩至 压减至 减少到 减少至 降至 降到 增至 增加到 至 到 不低于 不少于 "
    "至少 不足 不到 多达 将近 接近 的"
).split()
# The filler words at the end of a subject, matched on the reversed string from its start
# (a "(…)+$" pattern would be tried at every position of the subject).
_TAIL_LAST = frozenset(w[-1] for w in _TAIL_WORDS)
_FILLER_TAIL_REV = re.compile(
    "(?:"
    + "|".join(re.escape(w[::-1]) for w in sorted(_TAIL_WORDS, key=len, reverse=True))
    + r"|\s)+"
)


_HEAD_FIRST_OR_SPACE = _HEAD_FIRST | SPACES
_TAIL_LAST_OR_SPACE = _TAIL_LAST | SPACES


def _strip_head(text: str) -> str:
    if not text or (text[0] not in _HEAD_FIRST and not text[0].isspace()):
        return text
    m = _FILLER_HEAD.match(text)
    return text[m.end() :] if m else text


def _strip_tail(text: str) -> str:
    if not text or (text[-1] not in _TAIL_LAST and not text[-1].isspace()):
        return text
    m = _FILLER_TAIL_REV.match(text[::-1])
    return text[: len(text) - m.end()] if m else text


@dataclass(slots=True)
class Figure:
    start: int  # span of the whole fragment in the text
    end: int
    num_start: int
    num_end: int
    value: Decimal | int
    unit: str | None
    qualifier: list[str] = field(default_factory=list)
    clause: int = -1  # where its clause starts (find_figures passes it 8th, by position)
    yoy: Decimal | None = None
    yoy_unit: str | None = None
    is_change: bool = False
    inherits: bool = False  # continues the figure before it ("、12件", "提高到96%")
    local: str = ""
    after: str = ""
    name: str = ""
    code: str | None = None
    source: str = "prose"
    row: list[str] | None = None
    column: str | None = None


class Spans:
    """Disjoint sorted intervals; answers "does [a, b) touch any of them?" in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, max(a, b - 1)) - 1
        return i >= 0 and self.ends[i] > a


def protected_spans(text: str) -> Spans:
    # (two passes: one pattern for both would be tried at every position of the text)
    spans = [m.span() for m in _QUOTED.finditer(text)]
    spans += [m.span() for m in _FIXED.finditer(text)]
    return Spans(spans)


_SENTENCE_MARKS = "。!?\n"
_CLAUSE_MARKS = ",;:"
# The last text with its delimiters and its sentence marks, as one tuple: replaced whole,
# so a thread never pairs one text with another's.
_CLAUSES: tuple[str | None, list[int], list[int]] = (None, [], [])


def _delimiters_of(text: str) -> tuple[str | None, list[int], list[int]]:
    """Found by str.find, one mark at a time (a regex pass costs a third more); those of
    the last text are kept: the figures and the sentences of one text both need them."""
    global _CLAUSES
    found = _CLAUSES  # (read once: another thread may replace it meanwhile)
    if found[0] is not text:
        marks = _positions(text, _SENTENCE_MARKS)
        ends = marks + _positions(text, _CLAUSE_MARKS)
        ends.sort()  # (two sorted runs: merged in one pass)
        found = _CLAUSES = (text, ends, marks)
    return found


def _positions(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` stands in ``text``, in order (str.find, one character at a
    time: faster than a regex pass when they are few)."""
    found: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1)
    found.sort()
    return found


def clause_delimiters(text: str) -> list[int]:
    """The positions of the clause delimiters ,;:。!? and line ends."""
    return _delimiters_of(text)[1]


def sentence_marks(text: str) -> list[int]:
    """The positions of the sentence marks 。!? and line ends."""
    return _delimiters_of(text)[2]


def _clause_start(text: str, pos: int) -> int:
    """Just after the delimiter before ``pos``."""
    ends = clause_delimiters(text)
    i = bisect_right(ends, pos - 1) - 1
    return ends[i] + 1 if i >= 0 else 0


# The characters next to a number that one of the tests below looks for.
_ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUSPECT_BEFORE = frozenset(_ASCII_ALNUM + "第每/.#-×* 前时点:")
_SUSPECT_AFTER = frozenset(_ASCII_ALNUM + "年部分之 -~—至")


def _reject_number(
    text: str, m: re.Match, spans: Spans, s: int, e: int, num: str, unit: str
) -> bool:
    """``s``, ``e``, ``num``, ``unit``: the match's number start, end, number and unit.
    find_figures calls this only when a character these tests look at is next to the
    number: a new test on another character must add it to _SUSPECT_BEFORE/_AFTER (the
    shortcut is switched off in test_fast_paths.py to show it changes nothing)."""
    if s:
        prev = text[s - 1]
        if prev in "第每/.#-×*" or (prev == " " and s >= 2 and text[s - 2] == "第"):
            return True
        if prev.isascii() and prev.isalnum():
            return True
        if prev == "前" and unit in ("名", "位"):
            return True
        if prev in "时点:" and unit == "分":
            return True
    nxt = text[e : e + 1]
    if (nxt == "年" and unit == "周") or (
        nxt.isascii() and nxt.isalnum() and not (nxt.isdigit() and _COMPOUND.match(text, e))
    ):
        return True  # "294期1014条" is two figures: a count right after a unit is not a word
    if text.find("第", max(0, s - 6), s) >= 0 and _SERIES.search(text[max(0, s - 6) : s]):
        return True  # 第二、三批: the 三 is an ordinal too
    if (nxt == "部" and text[e : e + 2] == "部分") or (unit == "部" and nxt == "分"):
        return True  # 六部分, 六个部分: the parts of a text
    if unit == "分" and nxt == "之":
        return True
    if _RANGE_MARK.search(text, max(0, s - 3), s):
        if _RANGE_BEFORE.search(text[max(0, s - 14) : s]):
            return True
    if nxt and nxt in " -~—至" and _RANGE_AFTER.match(text[e : e + 4]):
        return True
    if spans.overlaps(s, e):
        return True
    if _ranked_after(text, e):
        return True  # "在全省13个市中排名第3": the 13 is the field, not a figure
    if num[0] in _CN_NUM:
        return _reject_chinese(text, m, num)
    return False


def _reject_chinese(text: str, m: re.Match, num: str) -> bool:
    if m.group("unit") not in _UNITS_CN:
        return True
    if parse_chinese(num) is None:
        return True
    if num[0] in "十百千万亿" and len(num) == 1:
        # bare 十/千/万 are figures only with a qualifier: 十余次, 近千人次, 逾万条; "千人以上" is not
        if m.group("a1"):
            return False
        return not _BARE_QUALIFIED.search(text[max(0, m.start() - 2) : m.start()])
    if num[0] in "百千万亿":
        return True
    tail = text[m.end() : m.end() + 3]
    if _NAME_TAIL.match(tail):
        return True
    if num == "一":
        return not _ONE_OK_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
    return False


def _qualifiers(text: str, m: re.Match, clause_start: int) -> list[str]:
    """余/多/以上/以内 around the number, and 近/约/不少于/至少… before it."""
    a1, a2, suf = m.group("a1", "a2", "suf") if m.re is FIGURE else (None, None, m.group("suf"))
    quals = [q for q in (a1, a2) if q]
    if suf:
        quals.append("以内" if suf in ("内", "之内") else suf)
    window = text[max(clause_start, m.start() - 10) : m.start()]
    if _LEAD_START.search(window):  # else nothing can start a leading qualifier
        best = _leading(window)
        if best:
            quals.insert(0, best)
    return quals


def _leading(window: str) -> str | None:
    """The last of 近/约/不少于/至少… in the words before a number that still bears on it."""
    best = None
    for q in _LEAD_QUAL.finditer(window):
        gap = window[q.end() :]
        if _DIGIT.search(gap):
            continue
        if q.group(1) in _ADJACENT_QUAL and gap.strip() not in ("", "为", "了"):
            continue
        best = q.group(1)
    return best


_QUOTES = str.maketrans("", "", '“”《》"「」')
_QUOTE_RX = re.compile('[“”《》"「」]')  # (a regex tests a string faster than a set does)


def _clean_name(local: str, after: str, bare: str) -> str:
    """``bare`` is ``local`` without its leading filler words."""
    if _QUOTE_RX.search(local):
        name = _strip_tail(_strip_head(local.translate(_QUOTES)))
    else:
        name = _strip_tail(bare)
    if len(name) < 2:
        tail = after.translate(_QUOTES) if _QUOTE_RX.search(after) else after
        tail = _TAIL_STOP.split(tail)[0]
        name = _strip_tail(_strip_head(tail))
    return name.strip(" 、()")


def find_figures(text: str, skip: list[tuple[int, int]] | None = None) -> list[Figure]:
    """All prose figures, in text order; ``skip`` are spans (tables) left to tables.py."""
    skip = Spans(skip or [])
    spans = protected_spans(text)
    found: list[Figure] = []
    has_skip = bool(skip.starts)
    ends = clause_delimiters(text)
    # _make and _qualifiers written out for the numbers (the loop that meets every one);
    # the fractions and percentages below, rarer, go through them.
    sp_starts, sp_ends = spans.starts, spans.ends
    size = len(text)
    n_spans = len(sp_starts)
    ranked = _RANK_MARK.search(text) is not None
    # Where the marks stand that the tests below look for just before a number (第 and the
    # range marks; the first characters of a leading qualifier): found once, then passed by
    # as the numbers move on (a search per number costs more than all of them together).
    marks = _positions(text, _MARK_CHARS)
    leads = _positions(text, _LEAD_CHARS)
    n_marks, n_leads = len(marks), len(leads)
    mk = ld = 0
    j = 0  # the first protected span that does not end before the current number
    for m in FIGURE.finditer(text):
        s, e = m.span()  # the number starts the match
        if has_skip and skip.overlaps(s, e):
            continue
        while j < n_spans and sp_ends[j] <= s:
            j += 1
        if j < n_spans and sp_starts[j] < e:
            continue  # in quotes or a fixed term
        num, a1, mult, a2, unit, suf = m.groups()
        chinese = num[0] in _CN_NUM
        # Most numbers pass every test of _reject_number; it is called only when one of the
        # characters those tests look at is around the number (第 and the range marks: in the
        # six characters before it, a wider window than the tests' own).
        suspect = (
            (s and text[s - 1] in _SUSPECT_BEFORE)
            or e == size
            or text[e] in _SUSPECT_AFTER
            or chinese
        )
        if not suspect:
            while mk < n_marks and marks[mk] < s - 6:
                mk += 1
            suspect = (mk < n_marks and marks[mk] < s) or (
                ranked and text.find("中", e, e + 17) >= 0 and _ranked_after(text, e)
            )
        if suspect and _reject_number(text, m, spans, s, e, num, unit):
            continue
        # a whole number stays an int: cheaper than a Decimal, and exact (a Decimal rounds
        # past 28 digits, which no count in a report has)
        if chinese:
            value = parse_chinese(num) or 0
        else:
            value = int(num) if num.isdigit() else parse_arabic(num)
        if mult:
            value *= 10_000 if mult == "万" else 100_000_000
        i = bisect_right(ends, s - 1) - 1
        clause = ends[i] + 1 if i >= 0 else 0
        quals = [a1] if a1 else []
        if a2:
            quals.append(a2)
        if suf:
            quals.append("以内" if suf in ("内", "之内") else suf)
        lo = clause if clause > s - 10 else s - 10
        while ld < n_leads and leads[ld] < lo:
            ld += 1
        if ld < n_leads and leads[ld] < s:  # else nothing can start a leading qualifier
            lead = _leading(text[lo:s])
            if lead:
                quals.insert(0, lead)
        if unit == "百分点":
            unit = "个百分点"
        found.append(Figure(s, e, s, e, value, unit, quals, clause))
    numbers = len(found)  # (in text order, and apart: finditer's matches do not overlap)
    for m in _FRACTION.finditer(text) if "/" in text else ():
        a, b = int(m.group(1)), int(m.group(2))
        if (
            0 < a < b <= 12
            and not skip.overlaps(m.start(), m.end())
            and not spans.overlaps(m.start(), m.end())
        ):
            if not _DATE_NEXT.match(text[m.end() : m.end() + 1]):
                found.append(_make(text, m.start(), m.end(), _ratio(a, b), "比例", m))
    for m in _CN_FRACTION.finditer(text) if "分之" in text else ():
        den, num = parse_chinese(m.group(1)), parse_chinese(m.group(2))  # 三分之一 = 1/3
        if den and num and num < den and not skip.overlaps(m.start(), m.end()):
            found.append(_make(text, m.start(), m.end(), _ratio(num, den), "比例", m))
    for m in _CN_PERCENT.finditer(text) if "百分之" in text else ():
        v = parse_chinese(m.group(1))
        if v is not None and not skip.overlaps(m.start(), m.end()):
            found.append(_make(text, m.start(), m.end(), Decimal(v), "%", m))
    found += stated_zeros(text, skip, spans)
    if len(found) > numbers:  # only what came after the numbers needs placing among them
        found.sort(key=_BY_NUMBER)
        _dedupe(found)
    folded, maybe_spread = _link(text, found)
    added = spread(text, found, maybe_spread)
    if added:  # (else in order already: no two figures share a number's start)
        found += added
        found.sort(key=_BY_NUMBER_THEN_START)
    return [f for f in found if f.value is not None] if folded else found


_BY_NUMBER = attrgetter("num_start")
_BY_NUMBER_THEN_START = attrgetter("num_start", "start")


def _ratio(a: int, b: int) -> Decimal:
    return round(Decimal(a) / Decimal(b), 4)  # 2/3 → 0.6667, as labels write it


def _make(
    text: str, s: int, e: int, value: Decimal, unit: str | None, m: re.Match | None
) -> Figure:
    clause = _clause_start(text, s)
    quals = _qualifiers(text, m, clause) if m is not None else []
    if unit == "百分点":
        unit = "个百分点"
    return Figure(s, e, s, e, value, unit, quals, clause)


def _dedupe(found: list[Figure]) -> None:
    """Drop figures whose number overlaps an earlier one (e.g. a fraction inside 2/3以上)."""
    last_end = -1
    keep = []
    for f in found:
        if f.num_start < last_end:
            continue
        keep.append(f)
        last_end = f.num_end
    found[:] = keep


def _link(text: str, found: list[Figure]) -> tuple[bool, list[int]]:
    """Set each figure's context and span; fold 同比 changes into the figure before them.
    Returns whether one was folded (its value is None then), and the indices of the figures
    grammar.spread may act on (a rate, a zero, or 分别 before the number)."""
    folded = False
    maybe_spread: list[int] = []
    prev: Figure | None = None
    prev_change: Figure | None = None
    starts = [f.num_start for f in found] + [len(text)]
    delimiters = clause_delimiters(text)
    n_delimiters = len(delimiters)
    for idx, f in enumerate(found):
        num_start, num_end = f.num_start, f.num_end
        clause = f.clause if f.clause >= 0 else _clause_start(text, num_start)
        local_start = clause
        if prev is not None and prev.num_end > clause:
            local_start = prev.num_end
        f.local = local = text[local_start:num_start]
        if f.unit == "%" or f.value == 0 or "分别" in local:
            maybe_spread.append(idx)
        nxt_limit = starts[idx + 1]  # (the last of starts is the text's end)
        if num_end + 16 < nxt_limit:
            nxt_limit = num_end + 16
        k = bisect_left(delimiters, num_end)  # where the clause ends
        if k < n_delimiters and delimiters[k] < nxt_limit:
            f.after = text[num_end : delimiters[k]]
        else:
            f.after = text[num_end : max(num_end, nxt_limit)]
        # the change words end the subject: look at its last 30 characters only
        # (_CHANGE_BEFORE ends with $: its direction word is among the last 5 characters)
        n = len(local)
        change = (
            _CHANGE_BEFORE.search(local, n - 30 if n > 30 else 0)
            if n and local[-1] in _CHANGE_END and _CHANGE_WORD.search(local, n - 5 if n > 5 else 0)
            else None
        )
        if change:
            f.is_change = True
            if change.group("dir") in _DOWN_WORDS:
                f.value = -f.value
            if change.group("cmp"):
                f.yoy, f.yoy_unit = f.value, f.unit
                phrase_start = local_start + change.start()
                if (
                    prev is not None
                    and not prev.is_change
                    and prev.num_end <= phrase_start
                    and _GAP.fullmatch(text[prev.num_end : phrase_start])
                ):
                    prev.yoy, prev.yoy_unit = f.value, f.unit
                    prev.end = max(prev.end, num_end)
                    f.value = None  # folded into the figure before it
                    folded = True
                    prev_change = None
                    continue
            prev_change = f
        elif (
            prev_change is not None
            and prev is prev_change
            and _AND.fullmatch(local)
            and f.unit == prev_change.unit
        ):
            f.is_change = True
            if prev_change.value is not None and prev_change.value < 0:
                f.value = -f.value
            if prev_change.yoy is not None:
                f.yoy, f.yoy_unit = f.value, f.unit
            prev_change = f
        else:
            prev_change = None
        # the subject without its filler words (_strip_head, asked first whether it can start one)
        bare = _strip_head(local) if local and local[0] in _HEAD_FIRST_OR_SPACE else local
        # The fragment: the subject before the number (at most 24 characters) + the number;
        # when nothing names it before, the words after it ("35件清理意见为继续有效").
        start = local_start
        while start < num_start and text[start] in " 、,和及与":
            start += 1
        if num_start - start > 24:
            start = num_start - 24
            while start < num_start and (text[start].isascii() or text[start] in "、,“”《》()"):
                start += 1  # do not start inside a number or on a mark
        if start < f.start:
            f.start = start
        if (len(bare) < 2 or bare[0] in SPACES or bare[1] in SPACES) and len(bare.strip()) < 2:
            tail = f.after[:12].rstrip("、和及与 ")
            if tail and num_end + len(tail) > f.end:
                f.end = num_end + len(tail)
        if (
            prev is not None
            and prev.num_end > clause
            and prev.unit == f.unit
            and _CONTINUES.match(local)
        ):
            f.inherits = True
        if not f.name:
            # _clean_name, written out for a subject without quotes that keeps 2 characters
            name = "" if _QUOTE_RX.search(local) else bare
            if name and name[-1] in _TAIL_LAST_OR_SPACE:
                name = _strip_tail(name)
            f.name = name.strip(" 、()") if len(name) >= 2 else _clean_name(local, f.after, bare)
            if (not f.name or f.inherits) and prev is not None and prev.num_end > clause:
                f.name = prev.name  # "从80项减少到42项": same subject
        prev = f
    return folded, maybe_spread


# Last: grammar builds on Figure and Spans above (an import inside find_figures would run
# the import machinery on every call).
from .grammar import spread, stated_zeros  # noqa: E402
