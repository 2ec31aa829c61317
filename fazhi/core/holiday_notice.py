"""Reading the State Council General Office's yearly holiday notice into dates.

Every year 国务院办公厅 publishes 《国务院办公厅关于YYYY年部分节假日安排的通知》 (国办发明电),
which alone fixes the rest days and the make-up working days (调休上班) of that year
(全国年节及纪念日放假办法 2024-11-10 修订 only fixes the festivals; rules.md §10). This
module turns the notice's text into (date, festival) pairs. It is pure: no database.

The notice is written in a small, stable grammar, one numbered item per festival::

    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。
    1月26日（周日）、2月8日（周六）上班。

Anything outside that grammar, a count (共N天) that disagrees with the range, or a weekday
in parentheses that disagrees with the date is refused with a Chinese message naming the
sentence: a wrong calendar silently shifts statutory deadlines, so the parser never guesses.

An amending notice such as 国办发明电〔2020〕1号 (延长2020年春节假期至2月2日) may be pasted
after the original; its 延长……假期至M月D日 sentence extends that festival's rest period.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from .workdays import HOLIDAY, MAKEUP_WORKDAY, WEEKDAY_NAMES, SpecialDay

__all__ = ["HolidayNotice", "NoticeDay", "NoticeError", "listing", "parse_notice"]

_ONE_DAY = dt.timedelta(days=1)

# The longest rest period ever published is 9 days (2026 春节) — 10 with the 2020 extension.
MAX_BLOCK_DAYS = 15

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_DATE = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?"
_DATE_RE = re.compile(_DATE)
_RANGE_RE = re.compile(rf"{_DATE}(?:至{_DATE})?")
_ANY_DATE_RE = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}日")
_ITEM_RE = re.compile(
    r"(?:^|(?<=[\n。]))[ \t]*([一二三四五六七八九十]{1,3})、([\u4e00-\u9fff、]{1,30}?):"
)
_TITLE_YEAR_RE = re.compile(r"关于(\d{4})年部分节假日安排的通知")
_TEXT_YEAR_RE = re.compile(r"现将(\d{4})年")
_NUMBER_RE = re.compile(r"国办发明电[〔\[(]\d{4}[〕\])]\d+号")
_AMEND_RE = re.compile(
    rf"延长(\d{{4}})年([\u4e00-\u9fff]+?)假期至({_DATE})(?:,({_DATE})起正常上班)?"
)
_REST_TAIL_RE = re.compile(r"(调休)?(?:(\d+)天)?((?:,?(?:共\d+天|与周末连休|\(?不调休\)?))*)")
_CLAUSE_RE = re.compile(r"共(\d+)天|与周末连休|\(?不调休\)?")
# Where the numbered items end: the closing paragraph and the signature.
_CLOSING_RE = re.compile(r"节假日期间|国务院办公厅\s*\d{4}年")


class NoticeError(ValueError):
    """The text cannot be read without guessing; the message (Chinese) names the sentence."""


@dataclass(frozen=True)
class NoticeDay:
    """One date of the notice: a rest day or a make-up working day, with its festival."""

    date: dt.date
    festival: str

    def __str__(self) -> str:
        return f"{self.date.isoformat()}（{WEEKDAY_NAMES[self.date.weekday()]}）{self.festival}"


@dataclass
class Festival:
    """One numbered item of the notice (a festival, or two merged: 中秋节、国庆节)."""

    name: str
    sentence: str
    holidays: list[dt.date] = field(default_factory=list)
    makeup: list[dt.date] = field(default_factory=list)


@dataclass
class HolidayNotice:
    """What a notice says: the year, its items and the notes a reviewer should see."""

    year: int
    title: str
    numbers: list[str]
    festivals: list[Festival]
    notes: list[str] = field(default_factory=list)

    @property
    def holidays(self) -> list[NoticeDay]:
        days = [NoticeDay(d, f.name) for f in self.festivals for d in f.holidays]
        return sorted(days, key=lambda x: x.date)

    @property
    def makeup_workdays(self) -> list[NoticeDay]:
        days = [NoticeDay(d, f.name) for f in self.festivals for d in f.makeup]
        return sorted(days, key=lambda x: x.date)

    @property
    def reference(self) -> str:
        """Title and document numbers, for the calendar year's 放假通知 field (≤200 chars)."""
        ref = f"《{self.title}》"
        if self.numbers:
            ref += "（" + "、".join(self.numbers) + "）"
        return ref[:200]

    def special_days(self) -> list[SpecialDay]:
        """As the working-day engine stores them (make-up days named like the package seed)."""
        out = [SpecialDay(d.date, HOLIDAY, d.festival) for d in self.holidays]
        out += [
            SpecialDay(d.date, MAKEUP_WORKDAY, f"{d.festival}调休上班")
            for d in self.makeup_workdays
        ]
        return sorted(out, key=lambda s: s.date)


def _normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), no spaces, ranges written 至."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0\u200b]+", "", text)
    # 1月24日—30日, 1月24日-1月30日, 1月24日~30日
    text = re.sub(r"日(\([^()]*\))?[—–\-~]+(?=\d)", lambda m: f"日{m.group(1) or ''}至", text)
    return text


def _weekday_in(paren: str | None) -> int | None:
    if not paren:
        return None
    m = re.search(r"(?:星期|周)([一二三四五六日天])", paren)
    return _WEEKDAY_CHARS[m.group(1)] if m else None


def _make_date(sentence: str, year: int, month: int | None, day: int, paren: str | None) -> dt.date:
    if month is None:
        raise NoticeError(f"“{sentence}”：日期“{day}日”没有写月份，无法确定是哪一天。")
    try:
        d = dt.date(year, month, day)
    except ValueError:
        raise NoticeError(f"“{sentence}”：{year}年{month}月{day}日不是有效日期。") from None
    written = _weekday_in(paren)
    if written is not None and written != d.weekday():
        raise NoticeError(
            f"“{sentence}”：{d.year}年{d.month}月{d.day}日是{WEEKDAY_NAMES[d.weekday()]}，"
            f"与括号中的“{WEEKDAY_NAMES[written]}”不符，请核对原文。"
        )
    return d


class _Reader:
    def __init__(self, year: int):
        self.year = year

    def default_year(self, festival: str, month: int) -> int:
        """A December date in the 元旦 item is the previous year's 31 December side."""
        if month == 12 and "元旦" in festival:
            return self.year - 1
        return self.year

    def date(self, sentence: str, festival: str, groups, prev: dt.date | None = None) -> dt.date:
        y, m, d, paren = groups
        month = int(m) if m else (prev.month if prev else None)
        if y:
            year = int(y)
        elif prev is not None:
            year = prev.year + (month is not None and month < prev.month)
        else:
            year = self.default_year(festival, month or 0)
        return _make_date(sentence, year, month, int(d), paren)

    def check_in_scope(self, sentence: str, d: dt.date) -> None:
        if not dt.date(self.year - 1, 12, 1) <= d <= dt.date(self.year, 12, 31):
            raise NoticeError(
                f"“{sentence}”：{d.year}年{d.month}月{d.day}日不在{self.year}年放假安排的范围内，"
                "请核对年份。"
            )

    def rest(self, sentence: str, festival: str) -> list[dt.date]:
        head, tail = sentence.split("放假", 1)
        m = _RANGE_RE.fullmatch(head)
        if not m:
            raise NoticeError(
                f"“{sentence}”：无法识别放假日期，应写作“1月1日放假”或“1月28日至2月4日放假”。"
            )
        start = self.date(sentence, festival, m.groups()[:4])
        end = self.date(sentence, festival, m.groups()[4:], prev=start) if m.group(7) else start
        if end < start:
            raise NoticeError(f"“{sentence}”：结束日期早于开始日期。")
        length = (end - start).days + 1
        if length > MAX_BLOCK_DAYS:
            raise NoticeError(f"“{sentence}”：放假{length}天，超出常理，请核对日期。")
        t = _REST_TAIL_RE.fullmatch(tail)
        if not t:
            raise NoticeError(
                f"“{sentence}”：无法理解“放假”之后的“{tail}”，"
                "可识别的写法是“放假调休”“共N天”“与周末连休”“不调休”。"
            )
        counts = [int(t.group(2))] if t.group(2) else []
        joined = False
        for c in _CLAUSE_RE.finditer(t.group(3) or ""):
            if c.group(1):
                counts.append(int(c.group(1)))
            elif "连休" in c.group(0):
                joined = True
        days = [start + _ONE_DAY * i for i in range(length)]
        if joined:
            if start.weekday() == 0:
                days = [start - 2 * _ONE_DAY, start - _ONE_DAY, *days]
            elif end.weekday() == 4:
                days = [*days, end + _ONE_DAY, end + 2 * _ONE_DAY]
            else:
                raise NoticeError(
                    f"“{sentence}”：写明“与周末连休”，但假期既不从周一开始也不在周五结束，"
                    "无法确定连休的日期。"
                )
        for n in counts:  # 共N天 counts the whole rest period, joined weekend included
            if n != len(days):
                raise NoticeError(
                    f"“{sentence}”：写明共{n}天，但{_md(days[0])}至{_md(days[-1])}是{len(days)}天，"
                    "请核对原文。"
                )
        for d in days:
            self.check_in_scope(sentence, d)
        return days

    def makeup(self, sentence: str, festival: str) -> list[dt.date]:
        body = sentence[: -len("上班")]
        parts = body.split("、")
        out: list[dt.date] = []
        prev = None
        for part in parts:
            m = _DATE_RE.fullmatch(part)
            if not m:
                raise NoticeError(
                    f"“{sentence}”：无法识别调休上班日期“{part}”，应写作“2月8日（周六）上班”。"
                )
            y, mo, d, paren = m.groups()
            if prev is not None and not y:
                y = str(prev.year)
            d_ = self.date(sentence, festival, (y, mo or (prev.month if prev else None), d, paren))
            if d_.weekday() < 5:
                raise NoticeError(
                    f"“{sentence}”：{_md(d_)}是{WEEKDAY_NAMES[d_.weekday()]}，"
                    "调休上班日只能是周六或周日，请核对原文。"
                )
            self.check_in_scope(sentence, d_)
            out.append(d_)
            prev = d_
        return out


def _md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def _year_of(text: str) -> int:
    found: list[int] = []
    for rx in (_TITLE_YEAR_RE, _TEXT_YEAR_RE):
        m = rx.search(text)
        if m:
            found.append(int(m.group(1)))
    if not found:
        raise NoticeError(
            "未找到通知所属的年度。请粘贴通知全文，包括标题“国务院办公厅关于YYYY年部分节假日安排的通知”"
            "或正文“现将YYYY年……放假调休日期的具体安排通知如下”。"
        )
    if len(set(found)) > 1:
        raise NoticeError(
            f"标题中的年度（{found[0]}年）与正文中的年度（{found[1]}年）不一致，请核对原文。"
        )
    year = found[0]
    if not 2000 <= year <= 2100:
        raise NoticeError(f"通知年度{year}年超出可处理的范围（2000—2100年）。")
    return year


def _items(text: str) -> list[tuple[int, str, str]]:
    """(number, festival name, body) for each numbered item, body cut at its paragraph end."""
    matches = list(_ITEM_RE.finditer(text))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end() : end]
        body = body.split("\n", 1)[0]
        closing = _CLOSING_RE.search(body)
        if closing:
            body = body[: closing.start()]
        n = _from_cn(m.group(1))
        out.append((n, m.group(2), body))
    return out


def _from_cn(num: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21; anything else → 0 (then refused as out of order)."""
    if "十" not in num:
        return _CN_NUM.get(num, 0) if len(num) == 1 else 0
    tens, _, ones = num.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return 0
    return (_CN_NUM.get(tens, 0) if tens else 1) * 10 + (_CN_NUM.get(ones, 0) if ones else 0)


def _known_festival(name: str) -> bool:
    return all(
        part == "元旦" or part.endswith("节") or "纪念日" in part for part in name.split("、")
    )


def _cjk(s: str) -> str:
    """Messages quote the normalised sentence: give it back its Chinese punctuation."""
    return s.translate(str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}))


def parse_notice(text: str) -> HolidayNotice:
    """Parse the notice text; raise ``NoticeError`` (Chinese, naming the sentence) on doubt."""
    try:
        notice = _parse(_normalise(text))
    except NoticeError as e:
        raise NoticeError(_cjk(str(e))) from None
    notice.notes = [_cjk(n) for n in notice.notes]
    return notice


def _parse(text: str) -> HolidayNotice:
    if not text.strip():
        raise NoticeError("没有内容。请粘贴国务院办公厅放假通知的全文。")
    year = _year_of(text)
    items = _items(text)
    amendments = list(_AMEND_RE.finditer(text))
    if not items:
        if amendments:
            raise NoticeError(
                "只找到延长假期的通知。请连同原放假通知的全文一起粘贴，先原通知、后延长通知。"
            )
        raise NoticeError(
            "未找到节假日安排条目（如“一、元旦：1月1日放假，共1天。”），请粘贴通知全文。"
        )
    reader = _Reader(year)
    festivals: list[Festival] = []
    notes: list[str] = []
    seen: dict[dt.date, tuple[str, str]] = {}
    for expected, (n, name, body) in enumerate(items, start=1):
        if n != expected:
            raise NoticeError(
                f"条目编号不连续：第{_cn(expected)}条应编为“{_cn(expected)}、”，"
                f"此处却是“{name}”条目。请粘贴完整的通知。"
            )
        if not _known_festival(name):
            raise NoticeError(f"第{_cn(n)}条的节日名称“{name}”无法识别。")
        if any(f.name == name for f in festivals):
            raise NoticeError(f"节日“{name}”出现了两次，请核对原文。")
        fest = Festival(name=name, sentence=f"{_cn(n)}、{name}:{body}")
        for raw in body.split("。"):
            s = raw.strip(",;")
            if not s:
                continue
            shown = f"{name}：{s}"
            if s.startswith("鼓励"):
                notes.append(f"未作为放假日载入（倡议性内容）：{shown}")
            elif not _ANY_DATE_RE.search(s):
                notes.append(f"未载入（不含日期）：{shown}")
            elif "放假" in s:
                fest.holidays += _in_item(n, name, reader.rest, s)
            elif s.endswith("上班"):
                fest.makeup += _in_item(n, name, reader.makeup, s)
            else:
                raise NoticeError(
                    f"无法理解“{shown}”：这句话写了日期，但既不是放假安排（“……放假”）"
                    "也不是调休上班（“……上班”）。"
                )
        if not fest.holidays:
            raise NoticeError(f"“{fest.sentence}”：没有找到放假日期。")
        for d in fest.holidays:
            _claim(seen, d, "放假", name)
        for d in fest.makeup:
            _claim(seen, d, "上班", name)
        festivals.append(fest)
    for m in amendments:
        _amend(reader, festivals, m, notes)
    return HolidayNotice(
        year=year,
        title=f"国务院办公厅关于{year}年部分节假日安排的通知",
        numbers=list(dict.fromkeys(_NUMBER_RE.findall(text))),
        festivals=festivals,
        notes=notes,
    )


def _in_item(n: int, name: str, read, sentence: str) -> list[dt.date]:
    """Run ``read`` on a sentence of item ``n``; an error names the item too."""
    try:
        return read(sentence, name)
    except NoticeError as e:
        raise NoticeError(f"第{_cn(n)}条（{name}）{e}") from None


def _cn(n: int) -> str:
    """Chinese numeral of an item number (1–99), as the notice numbers its items."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens % 10]) + "十" + (digits[ones] if ones else "")


def _claim(seen: dict, d: dt.date, kind: str, name: str) -> None:
    prev = seen.get(d)
    if prev is not None:
        raise NoticeError(
            f"{d.year}年{_md(d)}在“{prev[1]}”中为{prev[0]}，在“{name}”中又为{kind}，请核对原文。"
        )
    seen[d] = (kind, name)


def _amend(reader: _Reader, festivals: list[Festival], m: re.Match, notes: list[str]) -> None:
    """延长YYYY年X假期至M月D日: extend X's rest period; make-up days inside it are cancelled."""
    sentence = m.group(0)
    year, name = int(m.group(1)), m.group(2)
    if year != reader.year:
        raise NoticeError(f"“{sentence}”：延长的是{year}年的假期，与通知年度{reader.year}年不符。")
    fest = next((f for f in festivals if name in f.name.split("、")), None)
    if fest is None:
        raise NoticeError(f"“{sentence}”：通知中没有“{name}”条目，无法延长。")
    g = m.groups()
    new_end = reader.date(sentence, name, (g[3] or str(year), g[4], g[5], g[6]))
    last = max(fest.holidays)
    if not last < new_end <= last + MAX_BLOCK_DAYS * _ONE_DAY:
        raise NoticeError(
            f"“{sentence}”：延长后的结束日期应在原假期（至{_md(last)}）之后的两周内。"
        )
    if g[7]:
        back = reader.date(sentence, name, (g[8] or str(year), g[9], g[10], g[11]))
        if back != new_end + _ONE_DAY:
            raise NoticeError(f"“{sentence}”：正常上班日应为假期结束的次日。")
    added = []
    d = last + _ONE_DAY
    while d <= new_end:
        for f in festivals:
            if d in f.makeup:
                f.makeup.remove(d)
                notes.append(
                    f"{_md(d)}（{WEEKDAY_NAMES[d.weekday()]}）原定{f.name}调休上班，因延长假期改为休息。"
                )
            elif d in f.holidays:
                raise NoticeError(f"“{sentence}”：{_md(d)}已是{f.name}假期。")
        added.append(d)
        d += _ONE_DAY
    fest.holidays += added
    notes.append(f"依延长假期的通知，{name}假期延长至{_md(new_end)}（新增{len(added)}天）。")


def listing(notice: HolidayNotice) -> list[str]:
    """A compact month-by-month summary in Chinese, for the command line's confirmation."""
    hol, mk = notice.holidays, notice.makeup_workdays
    weekdays = sum(1 for d in hol if d.date.weekday() < 5)
    lines = [
        notice.reference,
        f"{notice.year}年：放假{len(hol)}天（其中周一至周五{weekdays}天），调休上班{len(mk)}天。",
    ]
    months = sorted({(d.date.year, d.date.month) for d in hol + mk})
    for y, m in months:
        runs: list[list[NoticeDay]] = []
        for d in (x for x in hol if (x.date.year, x.date.month) == (y, m)):
            if (
                runs
                and runs[-1][-1].festival == d.festival
                and (d.date - runs[-1][-1].date).days == 1
            ):
                runs[-1].append(d)
            else:
                runs.append([d])
        parts = []
        if runs:
            spans = [
                f"{r[0].date.day}日" if len(r) == 1 else f"{r[0].date.day}—{r[-1].date.day}日"
                for r in runs
            ]
            parts.append(
                "休 "
                + "；".join(f"{s}（{r[0].festival}）" for s, r in zip(spans, runs, strict=True))
            )
        work = [x for x in mk if (x.date.year, x.date.month) == (y, m)]
        if work:
            parts.append(
                "班 "
                + "；".join(
                    f"{x.date.day}日（{WEEKDAY_NAMES[x.date.weekday()]}，{x.festival}）"
                    for x in work
                )
            )
        label = f"{m}月" if y == notice.year else f"{y}年{m}月"
        lines.append(f"{label}　" + "　".join(parts))
    lines += [f"说明：{n}" for n in notice.notes]
    return lines
