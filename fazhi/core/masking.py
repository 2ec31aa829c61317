"""The one masking module for everything the platform publishes (脱敏).

Why: publication duties (行政处罚法 第48条, 政府信息公开条例, 国办发〔2018〕118号 执法公示)
come with the duty to process personal information "appropriately" before publishing.
国办发〔2018〕118号 requires that processing without fixing a format; a provincial rule
(浙江省行政处罚结果信息网上公开暂行办法 第5、7条) hides 自然人住址、通讯方式、身份证号码、银行账号
(rules.md §3). The concrete formats below are a *convention*, not a national standard:

* names: keep the surname (two characters for common compound surnames);
* 身份证号码: keep the first 6 (address code) and the last 4, hide digits 7–14 (the birth date);
* mobile: keep the first 3 and last 4; landline: keep the area code and the last 2;
* address: keep the administrative divisions down to 乡镇/街道, hide everything after;
* e-mail: keep the first character of the local part and the domain;
* bank-card-like digit runs (12+ digits) in free text: keep the last 4.

In free text, numbers are found however they are written: with spaces, dots or dashes
anywhere between the digits (138-001-38000, 330102.19900101.1234, an ID number in 3-digit
groups), in full-width digits (１３８…) and in Chinese numerals (一三八…, 壹叁捌…, mixed with
digits). Ordinary numbers stay visible: dates (2025年10月1日), amounts, article numbers
(第三十二条) and 文号 (〔2025〕3号). Names and street addresses cannot be masked reliably in
free text; ``suspect_spans`` finds the likely ones so that a person (the moderator of
public comments) looks at them before the text is published.

Organisations are not masked: a 统一社会信用代码 identifies a legal person or other
organisation, which is not personal information (个人信息保护法 第4条 covers natural persons
only), and publishing it is the point of 双公示 and credit publicity. Hence no ``mask_uscc``.
Caution: a 个体工商户's name may be a person's name; mask that field with ``mask_name``.
"""

from __future__ import annotations

import re

from fazhi.core.identifiers import is_valid_uscc

__all__ = [
    "mask_address",
    "mask_email",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_text",
    "suspect_spans",
]

STAR = "*"

# Common two-character surnames (复姓). Short on purpose: a false positive only shows one
# more character of a rare given name.
COMPOUND_SURNAMES = frozenset(
    """欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 独孤
    南宫 西门 端木 申屠 百里 呼延 钟离 闻人 万俟 赫连 澹台 公冶 太史 濮阳 单于 拓跋""".split()
)

_NAME_SEPARATORS = "·•・. "


def mask_name(name: str | None) -> str:
    """张三→张*, 李晓明→李**, 欧阳娜娜→欧阳**; empty stays empty.

    Names with a middle dot (e.g. 买买提·艾力) keep only the first character.
    """
    if not name:
        return ""
    name = name.strip()
    if len(name) <= 1:
        return name
    keep = 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "".join(c if c in _NAME_SEPARATORS else STAR for c in name[keep:])


def mask_id_number(value: str | None) -> str:
    """110105********002X: keep the address code and the last 4 (convention, rules.md §3).

    15-digit legacy numbers keep the first 6 and last 3. Anything else keeps only its last
    4 characters (or nothing if short), so a malformed number never leaks.
    """
    if not value:
        return ""
    v = re.sub(r"\s", "", value)
    if len(v) == 18:
        return v[:6] + STAR * 8 + v[14:]
    if len(v) == 15:
        return v[:6] + STAR * 6 + v[12:]
    if len(v) > 8:
        return STAR * (len(v) - 4) + v[-4:]
    return STAR * len(v)


_LANDLINE_PARTS = re.compile(r"^\(?(0(?:10|2\d|[3-9]\d{2}))\)?[-\s]?(\d{7,8})(?:\D.*)?$")


def mask_phone(value: str | None) -> str:
    """138****1234 for mobiles; 010-******78 for landlines (area code and last 2 kept)."""
    if not value:
        return ""
    v = value.strip()
    digits = re.sub(r"\D", "", v)
    national = re.sub(r"^(?:0086|86)(?=1[3-9]\d{9}$)", "", digits)
    if re.fullmatch(r"1[3-9]\d{9}", national):
        return national[:3] + STAR * 4 + national[7:]
    m = _LANDLINE_PARTS.match(v.replace("（", "(").replace("）", ")"))
    if m:
        area, local = m.groups()
        return f"{area}-{STAR * (len(local) - 2)}{local[-2:]}"
    if len(digits) > 4:
        return STAR * (len(digits) - 2) + digits[-2:]
    return STAR * len(digits)


def mask_email(value: str | None) -> str:
    """zhangsan@example.com → z***@example.com."""
    if not value:
        return ""
    local, at, domain = value.strip().rpartition("@")
    if not at:
        return STAR * 3
    return (local[:1] + STAR * 3 if local else STAR * 3) + "@" + domain


# Administrative division suffixes, ordered longest first. Township level ends the prefix.
_TOWNSHIP_SUFFIXES = ("街道办事处", "民族乡", "街道", "苏木", "乡", "镇")
_UPPER_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "省",
    "市",
    "盟",
    "区",
    "县",
    "旗",
)
# Words ending in a suffix that are not divisions (社区 is a community, 小区 a housing estate).
_NOT_DIVISIONS = ("社区", "小区", "园区", "景区", "校区", "厂区", "营区", "城市", "超市")
_UNIT = re.compile(
    r"[^\s\d0-9０-９号路街巷弄道栋幢楼室单元组#\-－,，、;；:：()（）]{1,12}?"
    r"(?:" + "|".join(_TOWNSHIP_SUFFIXES + _UPPER_SUFFIXES) + ")"
)


def mask_address(value: str | None) -> str:
    """Keep divisions down to 乡镇/街道, mask the rest with a fixed "****".

    "示范区城关街道幸福路12号3单元501室" → "示范区城关街道****". A fixed mask hides how long
    the detail was. If no division is recognised, nothing is shown.
    """
    if not value:
        return ""
    text = value.strip()
    pos = 0
    kept = 0
    while pos < len(text):
        m = _UNIT.match(text, pos)
        if not m:
            break
        unit = m.group(0)
        end = m.end()
        # "新市镇": the shortest match is "新市"; extend while a suffix follows directly.
        extended = True
        while extended:
            extended = False
            for suffix in _TOWNSHIP_SUFFIXES + _UPPER_SUFFIXES:
                if text.startswith(suffix, end) and len(unit) + len(suffix) <= 14:
                    unit += suffix
                    end += len(suffix)
                    extended = True
                    break
        if unit.endswith(_NOT_DIVISIONS):
            break
        pos = end
        kept = pos
        if unit.endswith(_TOWNSHIP_SUFFIXES):
            break
    if kept == len(text):
        return text
    return text[:kept] + STAR * 4


# --- free text ---------------------------------------------------------------------------

# Full-width digits/letters/symbols -> ASCII, one character for one, so that match positions
# in the translated copy are positions in the original text.
_FULLWIDTH = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"＋": "+", "－": "-", "＠": "@", "．": ".", "（": "(", "）": ")", "\u3000": " "}
)

# Chinese numerals as digits (〇 and 零 are 0; 幺 is the 1 read out in phone numbers). Only
# within a run of at least three of them (digits and separators may sit between), so that a
# lone 一 or 三 of ordinary text next to a number is not read as a digit.
_CN_DIGITS = {
    **dict.fromkeys("〇零", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰貳", "2"),
    **dict.fromkeys("三叁參", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
_CN_TABLE = str.maketrans(_CN_DIGITS)
_CN_RUN = re.compile("[" + "".join(_CN_DIGITS) + r"0-9 \-.·—–]+")
_CN_MIN_RUN = 3


def _probe(text: str) -> str:
    """The text with every way of writing a digit turned into an ASCII digit (and full-width
    symbols into ASCII), one character for one: match positions are positions in the text."""
    probe = text.translate(_FULLWIDTH)

    def digits(m: re.Match) -> str:
        run = m.group(0)
        if sum(c in _CN_DIGITS for c in run) < _CN_MIN_RUN:
            return run
        return run.translate(_CN_TABLE)

    return _CN_RUN.sub(digits, probe)


# Between two digits of a number people write nothing, a space (or two), or one dash, dot
# or middle dot (with an optional space either side).
_S = r"(?:[ ]?[\-.·—–][ ]?|[ ]{1,2})?"
_AREA = r"0(?:10|2[0-9]|[3-9][0-9]{2})"
_PERSONAL = r"""
    (?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)
    | (?<![0-9])(?P<id>[1-9](?:§[0-9]){5}§(?:1§[89]|2§0)(?:§[0-9]){9}§[0-9Xx])(?![0-9Xx])
    | (?<![0-9])(?P<id15>[1-9][0-9]{14})(?![0-9])
    | (?<![0-9])(?P<mobile>(?:(?:\+|00)?86§)?1§[3-9](?:§[0-9]){9})(?![0-9])
    | (?<![0-9])(?P<landline>(?P<area>\(AREA\)|AREA)[ \-]?[2-9][0-9]{6,7})(?![0-9])
    | (?<![0-9])(?P<digits>[0-9]{4}(?:[ \-]?[0-9]{4}){2,3}(?:[ \-]?[0-9]{1,3})?|[0-9]{12,})(?![0-9])
""".replace("AREA", _AREA).replace("§", _S)
# A 统一社会信用代码 token is organisation data and stays visible (see module docstring).
_USCC_TOKEN = r"""
    (?<![0-9A-Za-z])(?P<uscc>[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10})(?![0-9A-Za-z])
"""
_PATTERNS = re.compile(_PERSONAL, re.VERBOSE)
_PATTERNS_WITH_USCC = re.compile(_USCC_TOKEN + "|" + _PERSONAL, re.VERBOSE)
_ID_SHAPE = re.compile(r"[1-9][0-9]{5}(?:18|19|20)[0-9]{6}[0-9]{3}[0-9X]")


def _mask_digits_keep(s: str, keep_head: int, keep_tail: int, probe: str | None = None) -> str:
    """Star every digit of ``s`` except the first ``keep_head`` and last ``keep_tail``; the
    check letter X counts as a digit, separators are kept. ``probe`` (``s`` as ``_probe``
    reads it) says which characters are digits: 三 or ８ in a number is one."""
    probe = s if probe is None else probe
    idx = [i for i, c in enumerate(probe) if c in "0123456789Xx"]
    hide = set(idx[keep_head : len(idx) - keep_tail if keep_tail else None])
    return "".join(STAR if i in hide else c for i, c in enumerate(s))


def mask_text(text: str | None) -> str:
    """Mask ID numbers, mobiles, landlines, e-mail addresses and long digit runs in free text.

    For public comments and other free text. Digits may be separated by spaces, dots or
    dashes anywhere, written full-width or in Chinese numerals (a run of three or more:
    一三八…, 壹叁捌…, mixed with digits); dates, amounts, 第三十二条 and 〔2025〕3号 stay as
    they are. Names and addresses cannot be masked reliably in free text: mask those fields
    with ``mask_name``/``mask_address`` before they get there, and have a person look at
    the spans ``suspect_spans`` finds in the text.
    Over-masking (e.g. an 18-digit serial number) is accepted as the safe side. A valid
    统一社会信用代码 stays visible unless it also has the shape of an ID number.
    """
    if not text:
        return text or ""
    # Two readings, digits first: a number in digits right after three Chinese numerals of
    # ordinary text (“一九二010-…”) is read as a number on its own before the numerals can
    # join it into a run that has no phone's shape; then what is written in Chinese numerals
    # (or mixed) is read in what is left.
    plain = _mask(text, text.translate(_FULLWIDTH), _PATTERNS_WITH_USCC)
    return _mask(plain, _probe(plain), _PATTERNS_WITH_USCC)


def _mask(text: str, probe: str, pattern: re.Pattern) -> str:
    out: list[str] = []
    last = 0
    for m in pattern.finditer(probe):
        kind = m.lastgroup
        a, b = m.span()
        original, digits = text[a:b], probe[a:b]
        if kind == "uscc":
            token = probe[a:b]
            if is_valid_uscc(token) and not _ID_SHAPE.fullmatch(token):
                masked = original
            else:
                masked = _mask(original, token, _PATTERNS)
        elif kind == "email":
            local, _, domain = original.rpartition("@")
            masked = local[:1] + STAR * 3 + "@" + domain
        elif kind == "id":
            masked = _mask_digits_keep(original, 6, 4, digits)
        elif kind == "id15":
            masked = _mask_digits_keep(original, 6, 3, digits)
        elif kind == "mobile":
            # keep the country code, the first 3 and the last 4 of the national number
            cc = _cc_len(probe[a:b])
            head = sum(c.isdigit() for c in probe[a : a + cc]) + 3
            masked = _mask_digits_keep(original, head, 4, digits)
        elif kind in ("landline", "area"):
            area_digits = sum(c.isdigit() for c in m.group("area"))
            masked = _mask_digits_keep(original, area_digits, 2, digits)
        else:
            masked = _mask_digits_keep(original, 0, 4, digits)
        out.append(text[last:a])
        out.append(masked)
        last = b
    out.append(text[last:])
    return "".join(out)


def _cc_len(s: str) -> int:
    """Length of a leading +86 / 0086 / 86 country code (with separator) in a mobile match."""
    m = re.match(r"(?:(?:\+|00)?86" + _S + r")(?=1" + _S + r"[3-9])", s)
    return m.end() if m else 0


# --- names and street addresses in free text: flagged for a person, not masked ------------

# The most common single-character surnames (about nine in ten people) and the compound
# ones above. A name is only suspected in a context that introduces a person.
SURNAMES = frozenset(
    """王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 韩 冯 邓
    曹 彭 曾 肖 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖
    石 金 韦 贾 夏 付 傅 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵
    万 钱 严 覃 武 戴 莫 孔 向 常 汤 康 易 乔 赖 文 施 洪 牛 樊 葛 邢 安 齐 易 庞 颜 倪 柳 骆""".split()
)
_SURNAME = "(?:" + "|".join(sorted(COMPOUND_SURNAMES)) + "|[" + "".join(SURNAMES) + "])"
# 某 (张某, 李某某) is how a name is written when it is withheld.
_GIVEN = r"(?:(?!某)[\u4e00-\u9fff]){1,2}"
# 我叫张三 / 本人李晓明 / 联系人：王芳 … ; 张建国先生 / 李梅女士 / 赵立同志 …
_NAME = re.compile(
    r"(?:我叫|我是|本人|本人是|联系人|姓名|名叫|署名)[:：\s]*"
    rf"(?P<name>{_SURNAME}{_GIVEN})"
    rf"|(?P<titled>{_SURNAME}{_GIVEN})(?=先生|女士|同志|老师|师傅|阿姨|大爷)"
)
_NUM = r"[0-9一二三四五六七八九十百〇零两]+"
# A place word: CJK characters that do not end a clause or introduce the address.
_PLACE = r"[^\W\d_住在于的是和与及我你他她家到从向对把被让给为就也都还请]"
_DIVISION = r"(?:省|市|区|县|镇|乡|街道|村|社区|小区|花园|新村|公寓|大厦|苑)"
_HOUSE = rf"(?:{_NUM}|[A-Za-z])(?:栋|幢|号楼|座|单元|室|楼|层|号)"
# 浙江省示范市幸福路12号3单元501室 / 幸福小区5栋2单元301室 / 东风街8弄3号
_ADDRESS = re.compile(
    rf"(?:{_PLACE}{{1,10}}?{_DIVISION})*"
    rf"(?:{_PLACE}{{1,8}}?(?:路|街|巷|弄|道|里){_NUM}(?:号|弄)(?:{_HOUSE}|-{_NUM})*"
    rf"|{_PLACE}{{1,10}}?{_DIVISION}(?:{_HOUSE}){{2,}})"
)


def suspect_spans(text: str | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of what looks like a natural person's name (kind ``name``) or a
    street address down to the house (kind ``address``) in free text, in order.

    A heuristic, so it only flags: a surname from ``SURNAMES`` and one or two characters
    where the text introduces a person (我叫、本人、联系人…; …先生、女士、同志), and a road,
    street or lane with a house number, or an estate with a building and flat. A division
    alone (城关街道) is not an address of a person. The public-comment moderator confirms or
    edits every flagged span before the comment is published (fazhi/consultation)."""
    if not text:
        return []
    probe = _probe(text)
    spans: list[tuple[int, int, str]] = []
    for m in _NAME.finditer(text):
        group = "name" if m.group("name") else "titled"
        spans.append((m.start(group), m.end(group), "name"))
    for m in _ADDRESS.finditer(probe):
        spans.append((m.start(), m.end(), "address"))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for a, b, kind in spans:
        if merged and a < merged[-1][1]:
            pa, pb, pk = merged[-1]
            merged[-1] = (pa, max(pb, b), pk)
        else:
            merged.append((a, b, kind))
    return merged
