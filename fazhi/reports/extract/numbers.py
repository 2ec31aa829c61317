"""Numbers as written in reports: 1,350 / 2.54万 / 400余万 / 两千余 / 十二 / 2/3 / 三分之二."""

from __future__ import annotations

import itertools
from decimal import Decimal
from functools import lru_cache

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_NUMERALS = frozenset(CN_NUMERAL_CHARS)
_NONZERO = frozenset(_DIGITS) - {"零", "〇"}


def parse_chinese(text: str) -> int | None:
    """Parse a Chinese-character integer such as 十二, 二十三, 两千, 一万二千; None if invalid.
    Short ones are kept for the next call: the same few numerals come back in every report,
    and the headings' 一、二、 in every one (a long run, as garbage input may hold, is not
    kept: the cache stays small)."""
    return _parse_short(text) if len(text) <= 12 else _parse_chinese(text)


def _parse_chinese(text: str) -> int | None:
    if "余" in text or "多" in text:
        text = text.replace("余", "").replace("多", "")
    if not text or not _NUMERALS.issuperset(text):
        return None
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    if text[0] in "十百千万亿":
        text = "一" + text  # 十二, 千, 万: a leading unit means one of it
    if any(a in _NONZERO and b in _NONZERO for a, b in itertools.pairwise(text)):
        return None  # "十三五", "二〇二三": labels or years, not quantities
    total = 0
    section = 0
    number = 0
    seen_digit = False
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
            seen_digit = True
        elif ch in _SMALL_UNITS:
            section += (number if seen_digit or number else 1) * _SMALL_UNITS[ch]
            number = 0
            seen_digit = False
        elif ch in _BIG_UNITS:
            section += number
            total += section * _BIG_UNITS[ch]
            section = 0
            number = 0
            seen_digit = False
    return total + section + number


_parse_short = lru_cache(maxsize=4096)(_parse_chinese)


def parse_arabic(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace(" ", ""))


def to_number(value: Decimal | int) -> int | float:
    """Plain int when whole, else float rounded to 6 places (no binary noise)."""
    if type(value) is int:
        return value
    whole = int(value)
    if whole == value:
        return whole
    return float(round(value, 6))
