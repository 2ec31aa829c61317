"""The numbers and wording the rules fix for normative documents. Where the law leaves a
number to the provinces it is a setting with the common default, and its source is named.

- FAZHI_DOCUMENT_FILING_DAYS (30): 备案 within N calendar days of publication. Set by
  provincial rules (commonly 15 or 30 days); unconfirmed — check your province's
  规范性文件备案规定. (Rules.md §5; for 规章 the national figure is 30 days, 法规规章备案审查条例
  2024 第4条.)
- FAZHI_DOCUMENT_FILING_ROLL_FORWARD (on): a filing period whose last day is a 法定休假日
  ends on the day after the holiday (民法典 第二百零三条第一款; the same rule for periods in
  民事诉讼法 第八十五条), counted on the official working calendar (see filing_due).
- FAZHI_DOCUMENT_VALID_YEARS (5) / FAZHI_DOCUMENT_TRIAL_YEARS (2): 有效期 at most 5 years,
  暂行/试行 at most 2 (local rules implementing 国办发〔2018〕37号; not national).
- FAZHI_DOCUMENT_EVALUATE_MONTHS (6): evaluate 6 months before the 有效期 ends (local
  rules, same source).
- The public comment period is the consultation module's (FAZHI_CONSULTATION_MIN_DAYS,
  normative_document: 30 days; 37号 sets no national minimum).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings


def filing_days() -> int:
    return int(getattr(settings, "FAZHI_DOCUMENT_FILING_DAYS", 30))


def valid_years(trial: bool) -> int:
    if trial:
        return int(getattr(settings, "FAZHI_DOCUMENT_TRIAL_YEARS", 2))
    return int(getattr(settings, "FAZHI_DOCUMENT_VALID_YEARS", 5))


def evaluate_months() -> int:
    return int(getattr(settings, "FAZHI_DOCUMENT_EVALUATE_MONTHS", 6))


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def is_trial(title: str) -> bool:
    return "暂行" in title or "试行" in title


def max_valid_until(effective_on: dt.date, title: str) -> dt.date:
    """Last day a document may stay in force: N years from taking effect, counting the
    first day (施行 2025-03-01, 5 years → 有效期至 2030-02-28)."""
    return add_years(effective_on, valid_years(is_trial(title))) - dt.timedelta(days=1)


def filing_roll_forward() -> bool:
    return bool(getattr(settings, "FAZHI_DOCUMENT_FILING_ROLL_FORWARD", True))


def filing_due(published_on: dt.date, *, strict: bool = True) -> dt.date:
    """Last day for 备案: N calendar days after publication, the publication day not counted
    (民法典 第二百零一条第一款: 开始的当日不计入). If that day is a holiday or a rest day the
    period ends on the next working day (民法典 第二百零三条第一款: 期间的最后一日是法定休假日
    的，以法定休假日结束的次日为期间的最后一日): core's calendar-day counting, which treats
    周六、周日 as rest days and keeps a 调休 working Saturday (core/workdays.py).

    The roll-forward needs the calendar of the year the period ends in; without it
    ``CalendarMissing`` is raised (a date is never guessed). ``strict=False`` (records
    imported from before the platform, e.g. a document of 2003, a year no notice will ever
    be loaded for) keeps the unrolled last day instead: the strictest reading, never later
    than the true one."""
    nominal = published_on + dt.timedelta(days=filing_days())
    if not filing_roll_forward():
        return nominal
    from fazhi.core.calendar import calendar
    from fazhi.core.workdays import CalendarMissing

    try:
        return calendar().add_calendar_days(published_on, filing_days(), roll_forward=True).due
    except CalendarMissing:
        if strict:
            raise
        return nominal


def evaluation_due(valid_until: dt.date, effective_on: dt.date | None = None) -> dt.date:
    """Last day for the evaluation before the 有效期 ends: N months before its end (local
    rules implementing 国办发〔2018〕37号), never before the document takes effect (a document
    valid for less than N months is evaluated from its first day)."""
    due = add_months(valid_until, -evaluate_months())
    return max(due, effective_on) if effective_on else due


# --- 文号 -------------------------------------------------------------------------------


def issuer_prefix(issuer) -> str:
    return issuer.short_name or issuer.name


def format_number(issuer, year: int, seq: int) -> str:
    """〈issuer short name〉规〔YEAR〕N号 (the 统一编号 of 行政规范性文件)."""
    return f"{issuer_prefix(issuer)}规〔{year}〕{seq}号"


NUMBER_RE = re.compile(r"^(?P<prefix>.+?)规[〔［\[(（](?P<year>\d{4})[〕］\])）](?P<seq>\d+)号$")


def parse_number(text: str) -> tuple[str, int, int] | None:
    """("区政府", 2025, 3) for "区政府规〔2025〕3号"; None for any other form."""
    m = NUMBER_RE.match(text.strip())
    if not m:
        return None
    return m["prefix"], int(m["year"]), int(m["seq"])


# --- content bans (国办发〔2018〕37号: 严禁越权发文) ------------------------------------------

BANS = (
    "不得增设行政许可、行政处罚、行政强制等事项",
    "不得增设行政事业性收费等事项",
    "不得增加办理行政许可事项的条件，不得规定出具循环证明、重复证明、无谓证明的内容",
    "不得违法减损公民、法人和其他组织的合法权益或者增加其义务",
    "不得侵犯公民人身权、财产权、人格权、劳动权、休息权等基本权利",
    "不得超越职权规定应由市场调节、企业和社会自律、公民自我管理的事项",
    "不得违法制定含有排除或者限制公平竞争内容的措施，不得违法干预或者影响市场主体正常生产经营活动",
)


@dataclass(frozen=True)
class Flag:
    ban: str
    excerpt: str


# Phrases that often mean a ban is crossed: a prompt for the drafter and the legal
# reviewer, not a verdict (citing a law that already provides the penalty is lawful).
_PATTERNS = [
    (
        re.compile(r"处[以]?[\d一二三四五六七八九十百千万]*元?[以]?[上下]?[的]?罚款|予以罚款|没收"),
        BANS[0],
    ),
    (re.compile(r"吊销|责令停产停业|查封|扣押|冻结"), BANS[0]),
    (
        re.compile(
            r"须经[^。；]{0,12}(批准|审批|许可)|未经[^。；]{0,12}(批准|许可)[^。；]{0,6}不得"
        ),
        BANS[0],
    ),
    (re.compile(r"收取[^。；]{0,10}费|缴纳[^。；]{0,10}(保证金|押金|费)"), BANS[1]),
    (re.compile(r"(本地|本区)[^。；]{0,8}(企业|供应商)优先|限定[^。；]{0,10}(购买|使用)"), BANS[6]),
]


def content_flags(text: str) -> list[Flag]:
    """Sentences that may cross one of the 37号 bans."""
    out = []
    for sentence in re.split(r"(?<=[。；！？\n])", text or ""):
        for pattern, ban in _PATTERNS:
            if pattern.search(sentence):
                out.append(Flag(ban, sentence.strip()[:120]))
                break
    return out
