"""Working-day engine: statutory deadlines counted on the Chinese working calendar.

Why a table and not a formula: which Saturdays and Sundays are working days (调休上班) and
which weekdays are rest days is fixed every year by a 国务院办公厅 notice (全国年节及纪念日
放假办法 2024-11-10 修订 第2、6、7条 only fix the festivals themselves). A year without a
loaded notice is refused (``CalendarMissing``), never guessed.

Counting rules implemented here:

* Working-day periods (政府信息公开条例 第26、30、32、33条; 行政许可法 第82条; 行政处罚法
  第85条; 行政复议法 第88条 for 三日、五日、七日、十日): the start day is not counted and
  the due date is the n-th working day after it.
* Calendar-day periods (民事诉讼法 2023 第85条, applied through 行政诉讼法 and 行政复议法
  第88条): the start day is not counted; "期间届满的最后一日是法定休假日的，以法定休假日结束
  的次日为期间届满的日期". Rest days (周六、周日) count as 法定休假日 for this rule in Chinese
  practice — the weekly rest days are themselves fixed by 国务院关于职工工作时间的规定 第7条
  (article number recalled, not re-checked), and the former 民通意见 第198条 said expressly that a period ending on a Sunday or another
  法定休假日 ends on the day after the *actual* rest day when rest days are shifted (调休);
  that opinion is cited from memory and was repealed in 2021, so it is the convention, not
  the current text. We therefore roll a due date that is a holiday or an ordinary rest day
  forward to the next working day, and a due date on a 调休 working Saturday stays put.
* Pauses (政府信息公开条例 第33条第3款: time spent consulting third parties is not counted;
  第30条: the clock restarts after 补正): inclusive date intervals during which no day is
  counted, in either unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "PACKAGE_YEARS",
    "CalendarMissing",
    "Computation",
    "SpecialDay",
    "Step",
    "WorkCalendar",
    "special_days_from_package",
]

HOLIDAY = "holiday"
MAKEUP_WORKDAY = "makeup_workday"
WORKDAY = "workday"
WEEKEND = "weekend"
PAUSE = "pause"
SPECIAL_KINDS = (HOLIDAY, MAKEUP_WORKDAY)

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# Years for which the pinned chinesecalendar 1.11.0 carries State Council data (rules.md §10).
PACKAGE_YEARS = range(2004, 2027)

# No statutory period handled by the platform comes near this; it only stops runaway loops
# (e.g. a pause interval typed as ten years).
MAX_SPAN_DAYS = 3660

_ONE_DAY = dt.timedelta(days=1)


class CalendarMissing(Exception):
    """Raised when a date falls in a year whose holiday notice has not been loaded.

    A deadline computed without the year's 调休 data may be wrong by several days, so the
    engine refuses instead of guessing (rules.md §10).
    """

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的工作日历（节假日与调休安排）尚未载入，无法计算期限。"
            f"请在“工作日历”中录入国务院办公厅当年的放假通知后重试。"
        )


@dataclass(frozen=True)
class SpecialDay:
    """One date that deviates from the Monday–Friday rule, as published in the yearly notice.

    ``kind`` is ``"holiday"`` (放假, including weekend days inside a holiday block) or
    ``"makeup_workday"`` (调休上班, always a Saturday or Sunday).
    """

    date: dt.date
    kind: str
    name: str

    def __post_init__(self) -> None:
        if self.kind not in SPECIAL_KINDS:
            raise ValueError(f"特殊日期类型应为节假日或调休上班日，实际为“{self.kind}”。")
        if isinstance(self.date, dt.datetime) or not isinstance(self.date, dt.date):
            raise TypeError("特殊日期应为日期（date）。")
        if self.kind == MAKEUP_WORKDAY and self.date.weekday() < 5:
            raise ValueError(
                f"{self.date.isoformat()}是{WEEKDAY_NAMES[self.date.weekday()]}，"
                "调休上班日只能是周六或周日。"
            )


@dataclass(frozen=True)
class Step:
    """One calendar day walked while computing a deadline (for the clerk's explanation)."""

    date: dt.date
    kind: str  # workday | weekend | holiday | makeup_workday | pause
    name: str
    counted: bool
    ordinal: int | None
    note: str = ""


@dataclass
class Computation:
    """Result of a deadline computation, with every day from start+1 to the due date."""

    start: dt.date
    length: int
    unit: str  # "working" | "calendar"
    due: dt.date
    steps: list[Step] = field(default_factory=list)
    rolled_from: dt.date | None = None  # calendar unit: nominal due date before roll-forward

    @property
    def paused_days(self) -> int:
        return sum(1 for s in self.steps if s.kind == PAUSE)

    def _runs(self) -> Iterator[tuple[str, list[Step]]]:
        """Group consecutive steps that a clerk reads as one line."""
        run: list[Step] = []
        key = ""
        for step in self.steps:
            if step.counted and (step.kind != MAKEUP_WORKDAY or self.unit != "working"):
                k = "counted"
            elif step.counted:
                k = "makeup"  # each counted 调休 day gets its own line
            elif step.kind == PAUSE:
                k = f"pause:{step.note}"
            elif step.note == _ROLL_NOTE:
                k = "roll"
            else:
                k = step.kind
            if run and (k != key or k == "makeup"):
                yield key, run
                run = []
            key = k
            run.append(step)
        if run:
            yield key, run

    def explain(self) -> list[str]:
        """Chinese lines a clerk can check against a wall calendar."""
        lines = [f"起算日：{_fmt(self.start)}，当日不计入（期间开始的日不计算在期间内）。"]
        if self.unit == "working":
            lines.append(f"按工作日计算，共{self.length}个工作日；周末、法定节假日不计入。")
        else:
            lines.append(f"按日历日计算，共{self.length}日；周末、节假日照常计入。")
        for key, run in self._runs():
            first, last = run[0], run[-1]
            span = _span(first.date, last.date)
            n = len(run)
            if key == "counted":
                if self.unit == "working":
                    if n == 1:
                        lines.append(f"{span}：工作日，计为第{first.ordinal}个工作日。")
                    else:
                        lines.append(
                            f"{span}：工作日，计为第{first.ordinal}—{last.ordinal}个工作日。"
                        )
                else:
                    extra = _calendar_run_note(run)
                    if n == 1:
                        lines.append(f"{span}：计为第{first.ordinal}日{extra}。")
                    else:
                        lines.append(f"{span}：计为第{first.ordinal}—{last.ordinal}日{extra}。")
            elif key == "makeup":
                lines.append(
                    f"{span}：{first.name or '调休上班'}，按工作日计为第{first.ordinal}个工作日。"
                )
            elif key == WEEKEND:
                lines.append(f"{span}：周末，不计入。")
            elif key == HOLIDAY:
                lines.append(f"{span}：{_holiday_names(run)}假期，共{n}天，不计入。")
            elif key.startswith("pause:"):
                lines.append(f"{span}：{first.note}，共{n}天，不计入。")
            elif key == "roll":
                pass  # summarised below
        if self.rolled_from is not None:
            kind, name = _describe_rest(self.steps, self.rolled_from)
            lines.append(
                f"期间届满的最后一日{_fmt(self.rolled_from)}是{kind}{name}，"
                f"依照民事诉讼法第八十五条顺延至休假日结束的次日{_fmt(self.due)}。"
            )
        ordinal_word = "个工作日" if self.unit == "working" else "日"
        if self.rolled_from is not None:
            tail = "，系顺延后的日期"
        else:
            tail = f"，为第{self.length}{ordinal_word}"
        lines.append(f"届满日：{_fmt(self.due)}{tail}。")
        return lines

    def summary(self) -> str:
        """One Chinese sentence for lists and notices."""
        unit = "个工作日" if self.unit == "working" else "日（日历日）"
        parts = [f"自{self.start.isoformat()}起算{self.length}{unit}"]
        skipped: list[str] = []
        if self.unit == "working":
            holiday_runs = [run for key, run in self._runs() if key == HOLIDAY]
            for run in holiday_runs:
                skipped.append(f"{_holiday_names(run)}假期{len(run)}天")
            weekend_days = sum(1 for s in self.steps if s.kind == WEEKEND and s.note != _ROLL_NOTE)
            if weekend_days:
                skipped.append(f"周末{weekend_days}天")
        if self.paused_days:
            skipped.append(f"中止计算的{self.paused_days}天")
        if skipped:
            parts.append("跳过" + "、".join(skipped))
        makeup = [s for s in self.steps if s.kind == MAKEUP_WORKDAY and s.counted]
        if makeup and self.unit == "working":
            parts.append(f"计入调休上班日{len(makeup)}天")
        if self.rolled_from is not None:
            parts.append(
                f"期间末日{self.rolled_from.isoformat()}为法定休假日，"
                f"顺延至{self.due.isoformat()}（{WEEKDAY_NAMES[self.due.weekday()]}）"
            )
        else:
            parts.append(f"届满日为{self.due.isoformat()}（{WEEKDAY_NAMES[self.due.weekday()]}）")
        return "，".join(parts) + "。"


_ROLL_NOTE = "期间届满日为休假日，顺延"


def _fmt(d: dt.date) -> str:
    return f"{d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}）"


def _span(a: dt.date, b: dt.date) -> str:
    if a == b:
        return _fmt(a)
    return f"{a.isoformat()}至{b.isoformat()}"


def _holiday_names(run: list[Step]) -> str:
    names: list[str] = []
    for s in run:
        if s.name and s.name not in names:
            names.append(s.name)
    return "、".join(names) or "节假日"


def _calendar_run_note(run: list[Step]) -> str:
    holidays = [s for s in run if s.kind == HOLIDAY]
    weekends = [s for s in run if s.kind == WEEKEND]
    bits = []
    if holidays:
        bits.append(f"{_holiday_names(holidays)}假期{len(holidays)}天")
    if weekends:
        bits.append(f"周末{len(weekends)}天")
    if not bits:
        return ""
    return "（其中" + "、".join(bits) + "，按日历日照常计入）"


def _describe_rest(steps: list[Step], day: dt.date) -> tuple[str, str]:
    for s in steps:
        if s.date == day:
            if s.kind == HOLIDAY:
                return "法定节假日", f"（{s.name}）"
            if s.kind == WEEKEND:
                return "休息日", f"（{s.name}）"
    return "休假日", ""


def _as_date(d: dt.date) -> dt.date:
    if isinstance(d, dt.datetime):
        raise TypeError("请传入日期（date），而非日期时间（datetime）。")
    if not isinstance(d, dt.date):
        raise TypeError(f"请传入日期（date），实际为{type(d).__name__}。")
    return d


class _Pauses:
    """Inclusive (from, to[, reason]) intervals during which the clock is stopped."""

    def __init__(self, pauses: Iterable[tuple]):
        self.intervals: list[tuple[dt.date, dt.date, str]] = []
        for p in pauses:
            if len(p) == 2:
                a, b = p
                reason = "期间中止"
            elif len(p) == 3:
                a, b, reason = p
                reason = str(reason) or "期间中止"
            else:
                raise ValueError(
                    "中止区间应为（开始日期，结束日期）或（开始日期，结束日期，原因）。"
                )
            a, b = _as_date(a), _as_date(b)
            if b < a:
                raise ValueError(f"中止区间的结束日期{b.isoformat()}早于开始日期{a.isoformat()}。")
            self.intervals.append((a, b, reason))

    def reason(self, d: dt.date) -> str | None:
        for a, b, reason in self.intervals:
            if a <= d <= b:
                return reason
        return None


class WorkCalendar:
    """Working-day calendar for the loaded ``years`` (those with a State Council notice).

    Any query touching a date outside the loaded years raises ``CalendarMissing``.
    """

    def __init__(self, years: Iterable[int], special_days: Iterable[SpecialDay]):
        self._years = frozenset(int(y) for y in years)
        self._special: dict[dt.date, SpecialDay] = {}
        for sd in special_days:
            if sd.date.year not in self._years:
                raise ValueError(
                    f"特殊日期{sd.date.isoformat()}不在已载入的年份内，请先载入{sd.date.year}年。"
                )
            prev = self._special.get(sd.date)
            if prev is not None:
                if prev.kind != sd.kind:
                    raise ValueError(
                        f"{sd.date.isoformat()}同时被登记为节假日和调休上班日，请核对放假通知。"
                    )
                if sd.name and sd.name not in prev.name.split("、"):
                    sd = SpecialDay(sd.date, sd.kind, f"{prev.name}、{sd.name}")
                else:
                    continue
            self._special[sd.date] = sd

    @classmethod
    def from_package(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """Calendar seeded from the pinned ``chinesecalendar`` package (2004–2026)."""
        ys = list(PACKAGE_YEARS if years is None else years)
        return cls(ys, special_days_from_package(ys))

    @property
    def years(self) -> frozenset[int]:
        return self._years

    def _check(self, d: dt.date) -> dt.date:
        d = _as_date(d)
        if d.year not in self._years:
            raise CalendarMissing(d.year)
        return d

    def day_kind(self, d: dt.date) -> tuple[str, str]:
        """("workday",""), ("weekend","周六"/"周日"), ("holiday",name) or ("makeup_workday",name)."""
        d = self._check(d)
        sd = self._special.get(d)
        if sd is not None:
            return sd.kind, sd.name
        wd = d.weekday()
        if wd >= 5:
            return WEEKEND, WEEKDAY_NAMES[wd]
        return WORKDAY, ""

    def is_workday(self, d: dt.date) -> bool:
        kind, _ = self.day_kind(d)
        return kind in (WORKDAY, MAKEUP_WORKDAY)

    def next_workday(self, d: dt.date) -> dt.date:
        """``d`` itself if it is a working day, else the first working day after it."""
        d = self._check(d)
        for _ in range(MAX_SPAN_DAYS):
            if self.is_workday(d):
                return d
            d += _ONE_DAY
        raise ValueError("在合理范围内找不到工作日，请检查工作日历数据。")  # pragma: no cover

    def workdays_in_year(self, year: int) -> int:
        d = dt.date(year, 1, 1)
        self._check(d)
        count = 0
        while d.year == year:
            count += self.is_workday(d)
            d += _ONE_DAY
        return count

    def add_working_days(self, start: dt.date, n: int, pauses: Iterable[tuple] = ()) -> Computation:
        """Due date = the n-th working day after ``start`` (start not counted).

        政府信息公开条例 第33条 (20个工作日), 行政许可法 第82条, 行政处罚法 第85条.
        Days inside ``pauses`` are not counted (条例 第33条第3款).
        """
        _check_length(n, "工作日")
        start = self._check(start)
        pz = _Pauses(pauses)
        steps: list[Step] = []
        ordinal = 0
        d = start
        while ordinal < n:
            d += _ONE_DAY
            _check_span(start, d)
            kind, name = self.day_kind(d)
            reason = pz.reason(d)
            if reason is not None:
                steps.append(Step(d, PAUSE, name, False, None, reason))
                continue
            if kind in (WORKDAY, MAKEUP_WORKDAY):
                ordinal += 1
                steps.append(Step(d, kind, name, True, ordinal))
            else:
                steps.append(Step(d, kind, name, False, None))
        return Computation(start, n, "working", d, steps)

    def working_days_between(self, d1: dt.date, d2: dt.date, pauses: Iterable[tuple] = ()) -> int:
        """Working days in (d1, d2]; if d2 < d1 the result is minus the count in (d2, d1].

        So ``working_days_between(d, add_working_days(d, n).due) == n``, the function is
        antisymmetric, and it is 0 when d1 == d2. Paused days are not counted.
        """
        d1, d2 = self._check(d1), self._check(d2)
        if d2 == d1:
            return 0
        if d2 < d1:
            return -self.working_days_between(d2, d1, pauses)
        pz = _Pauses(pauses)
        count = 0
        d = d1
        while d < d2:
            d += _ONE_DAY
            _check_span(d1, d)
            if self.is_workday(d) and pz.reason(d) is None:
                count += 1
        return count

    def add_calendar_days(
        self,
        start: dt.date,
        n: int,
        roll_forward: bool = True,
        pauses: Iterable[tuple] = (),
    ) -> Computation:
        """Due date = start + n calendar days (start not counted, paused days skipped).

        With ``roll_forward`` a due date on a statutory holiday or a rest day moves to the
        next working day (民事诉讼法 2023 第85条; weekends treated as 法定休假日, see module
        docstring); a 调休 working Saturday/Sunday is a working day and does not move.
        """
        _check_length(n, "日")
        start = self._check(start)
        pz = _Pauses(pauses)
        steps: list[Step] = []
        ordinal = 0
        d = start
        while ordinal < n:
            d += _ONE_DAY
            _check_span(start, d)
            kind, name = self.day_kind(d)
            reason = pz.reason(d)
            if reason is not None:
                steps.append(Step(d, PAUSE, name, False, None, reason))
                continue
            ordinal += 1
            steps.append(Step(d, kind, name, True, ordinal))
        rolled_from = None
        if roll_forward and not self.is_workday(d):
            rolled_from = d
            while not self.is_workday(d):
                d += _ONE_DAY
                _check_span(start, d)
                kind, name = self.day_kind(d)
                if self.is_workday(d):
                    steps.append(Step(d, kind, name, False, None, "顺延后的届满日"))
                else:
                    steps.append(Step(d, kind, name, False, None, _ROLL_NOTE))
        return Computation(start, n, "calendar", d, steps, rolled_from)


def _check_length(n: int, word: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"期限天数应为不小于1的整数（{word}），实际为{n!r}。")


def _check_span(start: dt.date, d: dt.date) -> None:
    if (d - start).days > MAX_SPAN_DAYS:
        raise ValueError(f"期限跨度超过{MAX_SPAN_DAYS}天，请检查期限和中止区间是否填写正确。")


# --- seeding from the chinesecalendar package -------------------------------------------

# Enum member name -> Chinese festival name used in notices.
PACKAGE_HOLIDAY_NAMES = {
    "new_years_day": "元旦",
    "spring_festival": "春节",
    "tomb_sweeping_day": "清明节",
    "labour_day": "劳动节",
    "dragon_boat_festival": "端午节",
    "mid_autumn_festival": "中秋节",
    "national_day": "国庆节",
    "anti_fascist_70th_day": "抗战胜利70周年纪念日",
}


def special_days_from_package(years: Iterable[int]) -> list[SpecialDay]:
    """Holidays and 调休上班 days for ``years`` from ``chinese_calendar`` (dates only).

    The package's ``Holiday.days`` field is stale (春节 3, 劳动节 1 after the 2024 revision),
    so only the dated tables are used. A year outside ``PACKAGE_YEARS`` raises
    ``CalendarMissing``: the package has no notice for it.
    """
    from chinese_calendar import constants

    ys = sorted({int(y) for y in years})
    for y in ys:
        if y not in PACKAGE_YEARS:
            raise CalendarMissing(y)
    wanted = set(ys)

    def name_of(value) -> str:
        member = value if isinstance(value, constants.Holiday) else constants.Holiday(value)
        return PACKAGE_HOLIDAY_NAMES.get(member.name) or str(getattr(member, "chinese", ""))

    out: list[SpecialDay] = []
    for d, value in sorted(constants.holidays.items()):
        if d.year in wanted:
            out.append(SpecialDay(d, HOLIDAY, name_of(value)))
    for d, value in sorted(constants.workdays.items()):
        if d.year in wanted:
            out.append(SpecialDay(d, MAKEUP_WORKDAY, f"{name_of(value)}调休上班"))
    out.sort(key=lambda s: s.date)
    return out
