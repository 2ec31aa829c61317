"""Validators (with check digits) for identifiers typed in by clerks, and demo generators.

* 统一社会信用代码 — GB 32100-2015: 登记管理部门(1) + 机构类别(1) + 行政区划(6) + 主体标识码
  (组织机构代码, 9) + 校验码(1); alphabet of 31 characters without I O S V Z; check char by
  weights 3^(i−1) mod 31 (rules.md §9).
  The embedded 9-character organisation code carries its own GB 11714 check character.
  Real codes we sampled all satisfy it, but the national standard only makes the 18th
  character decisive, so a GB 11714 mismatch is a *warning* (``uscc_warnings``), never a
  rejection.
  Known real-world exception: some codes issued in 厦门 before 2016 (e.g. 91350203M0001QKT19,
  reported in hutool issues #2020/#4119) fail even the GB 32100 check character. They are
  rejected here like any other mismatch; the message tells the clerk to check the licence.
* 居民身份证号码 — GB 11643-1999: 6 address + 8 birth date + 3 sequence + 1 check, check by
  ISO 7064 MOD 11-2 (weights 2^(17−i) mod 11).
* Phone numbers — mainland mobile 1[3-9]xxxxxxxxx, landline with area code, 400/800 numbers.

Messages are Chinese because clerks see them in forms.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone

__all__ = [
    "USCC_ALPHABET",
    "id_number_check_char",
    "is_valid_id_number",
    "is_valid_phone",
    "is_valid_uscc",
    "make_id_number",
    "make_uscc",
    "org_code_check_char",
    "uscc_check_char",
    "uscc_warnings",
    "validate_id_number",
    "validate_phone",
    "validate_uscc",
]

# --- 统一社会信用代码 (GB 32100-2015) --------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 chars, no I O S V Z
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1,3,9,27,19,26,16,...,28

# GB 11714-1997 organisation code: digits and A–Z (A=10 … Z=35), weights below, mod 11.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _clean(value: object) -> str:
    """NFKC (full-width to ASCII), drop spaces and hyphens, upper-case."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    return re.sub(r"[\s\-]", "", text).upper()


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    body = str(first17).upper()
    if len(body) != 17:
        raise ValueError("计算校验位需要统一社会信用代码的前17位。")
    try:
        total = sum(_USCC_VALUE[c] * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"“{exc.args[0]}”不是统一社会信用代码的有效字符。") from None
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _org_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    raise ValueError(f"“{c}”不是组织机构代码的有效字符。")


def org_code_check_char(first8: str) -> str:
    """GB 11714-1997 check character for an 8-character organisation code body."""
    body = str(first8).upper()
    if len(body) != 8:
        raise ValueError("计算组织机构代码校验位需要前8位。")
    total = sum(_org_value(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def validate_uscc(value: object) -> str:
    """Return the normalised (upper-case) code or raise ValidationError in Chinese."""
    code = _clean(value)
    if not code:
        raise ValidationError("请填写统一社会信用代码。", code="required")
    if len(code) != 18:
        raise ValidationError(f"统一社会信用代码应为18位，实际为{len(code)}位。", code="length")
    for i, c in enumerate(code, start=1):
        if c not in _USCC_VALUE:
            hint = "（代码中不使用字母I、O、S、V、Z）" if c in "IOSVZ" else ""
            raise ValidationError(
                f"统一社会信用代码第{i}位“{c}”不是有效字符{hint}。", code="charset"
            )
    if not code[2:8].isdigit():
        raise ValidationError(
            "统一社会信用代码第3—8位（登记管理机关行政区划码）应为数字。", code="area"
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码校验位应为{expected}，实际为{code[17]}。"
            "请对照营业执照或登记证书逐位核对。",
            code="check",
        )
    return code


def is_valid_uscc(value: object) -> bool:
    try:
        validate_uscc(value)
    except ValidationError:
        return False
    return True


def uscc_warnings(value: object) -> list[str]:
    """Non-blocking findings for a code that passed ``validate_uscc``.

    Checks the embedded GB 11714 organisation code. The standard makes only the 18th
    character decisive, so this is advice for the clerk, not a rejection.
    """
    code = validate_uscc(value)
    org = code[8:17]
    expected = org_code_check_char(org[:8])
    if org[8] != expected:
        return [
            f"统一社会信用代码第9—17位（组织机构代码{org[:8]}-{org[8]}）的校验位按GB 11714"
            f"应为{expected}，实际为{org[8]}，请核对代码是否抄录有误。"
        ]
    return []


def make_uscc(registry: str, category: str, area: str, org_body: str) -> str:
    """Build a code that validates: both the org-code check and the USCC check are computed.

    For deterministic demo data only; ``org_body`` is the 8-character organisation code body.
    """
    registry, category, area, org_body = (_clean(x) for x in (registry, category, area, org_body))
    if len(registry) != 1 or len(category) != 1:
        raise ValueError("登记管理部门代码和机构类别代码各为1位。")
    if len(area) != 6 or not area.isdigit():
        raise ValueError("行政区划码应为6位数字。")
    if len(org_body) != 8:
        raise ValueError("组织机构代码本体应为8位。")
    for c in registry + category + org_body:
        if c not in _USCC_VALUE:
            raise ValueError(f"“{c}”不是统一社会信用代码的有效字符。")
    first17 = registry + category + area + org_body + org_code_check_char(org_body)
    return first17 + uscc_check_char(first17)


# --- 居民身份证号码 (GB 11643-1999) ----------------------------------------------------

_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2
_ID_CHECK = "10X98765432"  # index = sum mod 11; equals (12 - sum mod 11) mod 11, 10 -> X
# Sanity bound for the birth date (no legal source: GB 11643 sets none).
_EARLIEST_BIRTH = dt.date(1850, 1, 1)


def id_number_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character (GB 11643-1999) for the first 17 digits."""
    body = str(first17)
    if len(body) != 17 or not body.isascii() or not body.isdigit():
        raise ValueError("计算校验位需要身份证号码的前17位数字。")
    total = sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(value: object, today: dt.date | None = None) -> str:
    """Return the normalised number (upper-case X) or raise ValidationError in Chinese.

    ``today`` only exists for tests; birth dates after it are rejected.
    """
    number = _clean(value)
    if not number:
        raise ValidationError("请填写居民身份证号码。", code="required")
    if len(number) == 15 and number.isdigit():
        raise ValidationError(
            "15位的第一代居民身份证号码已停止使用，请填写18位号码。", code="legacy"
        )
    if len(number) != 18:
        raise ValidationError(f"居民身份证号码应为18位，实际为{len(number)}位。", code="length")
    for i, c in enumerate(number[:17], start=1):
        if not ("0" <= c <= "9"):
            raise ValidationError(
                f"居民身份证号码第{i}位“{c}”不是数字（前17位均应为数字）。", code="charset"
            )
    if not ("0" <= number[17] <= "9" or number[17] == "X"):
        raise ValidationError(
            f"居民身份证号码第18位应为数字或X，实际为“{number[17]}”。", code="charset"
        )
    if number[0] not in "12345678":
        raise ValidationError(
            f"居民身份证号码第1位（地址码）应为1—8，实际为{number[0]}。", code="area"
        )
    raw_birth = number[6:14]
    try:
        birth = dt.date(int(raw_birth[:4]), int(raw_birth[4:6]), int(raw_birth[6:]))
    except ValueError:
        raise ValidationError(
            f"居民身份证号码中的出生日期{raw_birth}不是有效日期。", code="birth"
        ) from None
    today = today or timezone.localdate()
    if birth > today:
        raise ValidationError(
            f"居民身份证号码中的出生日期{birth.isoformat()}晚于今天。", code="birth"
        )
    if birth < _EARLIEST_BIRTH:
        raise ValidationError(
            f"居民身份证号码中的出生日期{birth.isoformat()}早于{_EARLIEST_BIRTH.year}年，请核对。",
            code="birth",
        )
    expected = id_number_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            f"居民身份证号码校验位应为{expected}，实际为{number[17]}。请逐位核对。",
            code="check",
        )
    return number


def is_valid_id_number(value: object, today: dt.date | None = None) -> bool:
    try:
        validate_id_number(value, today=today)
    except ValidationError:
        return False
    return True


def make_id_number(area6: str, birth: dt.date, seq3: str | int) -> str:
    """Build a valid 18-digit number for demo data (odd ``seq3`` = male per GB 11643)."""
    area6 = str(area6)
    if len(area6) != 6 or not area6.isdigit() or area6[0] not in "12345678":
        raise ValueError("地址码应为6位数字，且首位为1—8。")
    if isinstance(seq3, int):
        if not 0 <= seq3 <= 999:
            raise ValueError("顺序码应在000—999之间。")
        seq3 = f"{seq3:03d}"
    if len(seq3) != 3 or not seq3.isdigit():
        raise ValueError("顺序码应为3位数字。")
    first17 = area6 + birth.strftime("%Y%m%d") + seq3
    return first17 + id_number_check_char(first17)


# --- phone numbers ---------------------------------------------------------------------

_MOBILE = re.compile(r"(?:\+?86|0086)?(1[3-9]\d{9})")
# Area code 010 / 02x (3 digits) or 0xxx (4 digits); local number 7–8 digits not starting 0/1;
# optional extension after "-", "转" or "EXT".
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))-?([2-9]\d{6,7})(?:(?:-|转|EXT\.?)(\d{1,6}))?")
_SERVICE = re.compile(r"([48]00)(\d{7})")


def validate_phone(value: object) -> str:
    """Normalise a phone number or raise ValidationError in Chinese.

    Returns ``13812345678`` for mobiles, ``010-12345678`` (``010-12345678转123``) for
    landlines and ``400-810-5000`` for 400/800 numbers. Spaces, hyphens and brackets
    around the area code are accepted on input.
    """
    raw = unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()
    if not raw:
        raise ValidationError("请填写电话号码。", code="required")
    compact = re.sub(r"[\s\-()（）]", "", raw).upper()
    m = _MOBILE.fullmatch(compact)
    if m:
        return m.group(1)
    # Landlines keep "-" because it may separate an extension.
    m = _LANDLINE.fullmatch(re.sub(r"[\s()（）]", "", raw).upper())
    if m:
        out = f"{m.group(1)}-{m.group(2)}"
        return out + (f"转{m.group(3)}" if m.group(3) else "")
    m = _SERVICE.fullmatch(compact)
    if m:
        rest = m.group(2)
        return f"{m.group(1)}-{rest[:3]}-{rest[3:]}"
    digits = re.sub(r"^(?:0086|86)(?=1)", "", re.sub(r"\D", "", raw))
    if digits.startswith("1") and len(digits) != 11:
        detail = f"手机号码应为11位，实际为{len(digits)}位"
    elif digits.startswith("1"):
        detail = "手机号码第2位应为3—9"
    elif digits and not digits.startswith("0"):
        detail = "固定电话应带区号，如010-12345678"
    else:
        detail = "手机号码应为以13—19开头的11位数字，固定电话应为区号加7—8位号码，如010-12345678"
    raise ValidationError(f"电话号码“{raw}”格式不正确：{detail}。", code="format")


def is_valid_phone(value: object) -> bool:
    try:
        validate_phone(value)
    except ValidationError:
        return False
    return True
