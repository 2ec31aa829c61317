"""Document facts: place, level, year reported on, kind, publication date, issuing body."""

from __future__ import annotations

import re

from .numbers import parse_chinese

KINDS = ("法治政府建设年度报告", "工作总结", "实施方案", "政府信息公开工作年度报告")

_ADMIN = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(自治区|自治州|自治县|特别行政区|新区|开发区|高新区|地区|省|市|州|盟|区|县|旗)"
)
_PREFIX_STOP = re.compile(
    r"人民政府|政府|管委会|管理委员会|\d{4}|关于|贯彻|落实|法治|依法|政府信息|党委|党工委|委员会"
)
_DEPT = re.compile(
    r"^[\u4e00-\u9fff]{1,14}?(局|办公室|办|中心|委员会|委|院|所|厅|署|站|队|支队|大队)$"
)
_LEVEL = {
    "区": "区",
    "新区": "区",
    "开发区": "区",
    "高新区": "区",
    "县": "县",
    "自治县": "县",
    "旗": "县",
    "市": "市",
    "州": "市",
    "自治州": "市",
    "盟": "市",
    "地区": "市",
    "省": "省",
    "自治区": "省",
}
_SUFFIXES = sorted(_LEVEL, key=len, reverse=True)  # the longest first: 自治县 before 县
_DEPT_HEAD = re.compile(r"[\u4e00-\u9fff]{2,16}?(局|办公室|中心|委员会|院|所|厅|署)")
_DATE_ISO = re.compile(r"(\d{4})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})")
_DATE_CN = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_DATE_LINE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_YEAR_THEN_WORDS = re.compile(r"(20\d\d)\s?年(度)?\s?[,]?\s?(?P<rest>[\u4e00-\u9fff]{2,20})")
_YEAR_OPENS = re.compile(r"^(20\d\d)\s?年(度)?[,]")
_YEAR_REPORTED = re.compile(r"现将\s?(20\d\d)\s?年")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_BODY_END = re.compile(r"(政府|委员会|管委会|局|办公室|办|中心|院)$")
_YEAR = re.compile(r"(?<![\d\-—~至])(20\d\d|19\d\d)\s?年(度)?(?!\s?[-—~至]\s?\d)")


_KIND_BY_TITLE = [
    (
        re.compile(r"政府信息公开.{0,8}(年度报告|年报)|信息公开工作年度报告"),
        "政府信息公开工作年度报告",
    ),
    (re.compile(r"方案|工作要点|工作计划|规划"), "实施方案"),
    (re.compile(r"总结"), "工作总结"),
    (re.compile(r"报告"), "法治政府建设年度报告"),
]
_KIND_BY_BODY = [
    (
        re.compile(r"政府信息公开工作年度报告|信息公开条例.{0,12}第五十条"),
        "政府信息公开工作年度报告",
    ),
    (re.compile(r"总结如下"), "工作总结"),
    (re.compile(r"报告如下|情况报告"), "法治政府建设年度报告"),
    (re.compile(r"制定本方案|制定如下实施方案|实施方案"), "实施方案"),
]


def _kind(title: str | None, body_head: str) -> str | None:
    """The kind of document: by its title's words first, then by its opening lines'."""
    t = title or ""
    for rx, kind in _KIND_BY_TITLE:
        if rx.search(t):
            return kind
    for rx, kind in _KIND_BY_BODY:
        if rx.search(body_head):
            return kind
    return None


def _place(source: str, full_text: str) -> tuple[str | None, str | None, str | None]:
    """(place, level, department name) from a title-like string."""
    stop = _PREFIX_STOP.search(source)
    prefix = source[: stop.start()] if stop else source[:20]
    units = []
    pos = 0
    for m in _ADMIN.finditer(prefix):
        if m.start() != pos:
            break
        units.append(m.group(0))
        pos = m.end()
    if not units:
        return None, None, None
    place = units[-1]
    suffix = next(s for s in _SUFFIXES if place.endswith(s))
    # "毕节金海湖新区": drop a city name the text also writes as "毕节市".
    for k in range(2, min(5, len(place) - len(suffix) - 1)):
        head = place[:k]
        if f"{head}市" in full_text and not place.startswith(f"{head}市"):
            place = place[k:]
            break
    level = _LEVEL[suffix]
    rest = prefix[pos:] + source[len(prefix) :]
    dept = None
    m = _DEPT_HEAD.match(rest)
    if m and not rest.startswith(("人民政府", "政府")) and _DEPT.match(m.group(0)):
        dept = source[:pos] + m.group(0)
        level = "部门"
    return place, level, dept


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1990 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _date(value: str) -> str | None:
    m = _DATE_ISO.search(value)
    if m:
        return _iso(m)
    m = _DATE_CN.search(value)
    if m:
        y = "".join(str(parse_chinese(c) or 0) for c in m.group(1))
        mo, d = parse_chinese(m.group(2)), parse_chinese(m.group(3))
        if mo and d:
            return f"{y}-{mo:02d}-{d:02d}"
    return None


def infer_meta(lines: list[str], metadata: dict[str, str], title: str | None, text: str) -> dict:
    body_head = "\n".join(lines[:6])
    title = title or metadata.get("标题")
    kind = _kind(title, body_head)
    place = level = dept = None
    for source in filter(None, [title, metadata.get("标题")]):
        place, level, dept = _place(source, text)
        if place:
            break
    if not place:
        for line in lines[:4]:
            m = _YEAR_THEN_WORDS.search(line)
            if m:
                place, level, dept = _place(m.group("rest"), text)
                if place:
                    break
    year = None
    for source in filter(None, [title, metadata.get("标题")]):
        m = _YEAR.search(source)
        if m:
            year = int(m.group(1))
            break
    if year is None:
        for line in lines[:4]:
            m = _YEAR_OPENS.match(line) or _YEAR_REPORTED.search(line)
            if m:
                year = int(m.group(1))
                break
    published = None
    for key in ("发布日期", "发布时间", "发文日期", "时间", "日期", "生成日期", "成文日期"):
        if key in metadata:
            published = _date(metadata[key])
            if published:
                break
    signature = _signature(lines)
    if not published and signature[1]:
        published = signature[1]
    if year is None and published and kind == "实施方案":
        year = int(published[:4])
    issuer = None
    for key in ("发布机构", "发文机关", "发文单位", "所属机构", "来源", "信息来源"):
        value = metadata.get(key, "").strip()
        if value and _HAN.search(value):
            issuer = value
            break
    if not issuer:
        issuer = signature[0] or dept
    return {
        "title": title,
        "place": place,
        "level": level,
        "year": year,
        "kind": kind,
        "published": published,
        "issuer": issuer,
    }


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """The closing "issuing body / date" lines, if the text ends with them."""
    tail = lines[-4:]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i]
        if _DATE_LINE.match(line.replace(" ", "")):
            date = _date(line.replace(" ", ""))
            body = None
            if i > 0 and len(tail[i - 1]) <= 30 and _BODY_END.search(tail[i - 1]):
                body = tail[i - 1]
            return body, date
    return None, None
