"""Password validators for people's accounts (GB/T 22239-2019 等级保护 身份鉴别: 口令应
有复杂度要求; the first guesses of anyone who knows the person are their account name,
their name in pinyin and the year).

- ``PersonalInfoValidator``: not the account name, the person's name or its pinyin (full,
  given name first, initials), nor one of these with digits and symbols around it;
- ``PatternValidator``: not digits only (dates, years, phone numbers), not a common word
  or a short word followed or preceded by digits (``fazhi2025``, ``admin123``).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

# Words a guesser tries first in a 法治政府 system, besides the common-password list.
DOMAIN_WORDS = {
    "fazhi",
    "fazhizhengfu",
    "zhengfu",
    "sifa",
    "sifaju",
    "falv",
    "gov",
    "admin",
    "root",
    "user",
    "test",
    "password",
    "passwd",
    "pass",
    "welcome",
    "china",
    "zhongguo",
    "beijing",
    "qwerty",
    "abc",
    "abcd",
    "abcdef",
    "iloveyou",
}


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _pinyin_forms(full_name: str) -> set[str]:
    """The name as a guesser would type it: 吴春梅 → wuchunmei, chunmeiwu, chunmei, wcm."""
    from pypinyin import lazy_pinyin

    han = re.sub(r"[^\u4e00-\u9fff]", "", full_name)
    if not han:
        return set()
    syllables = [s.lower() for s in lazy_pinyin(han)]
    forms = {"".join(syllables), "".join(s[0] for s in syllables if s)}
    if len(syllables) > 1:
        forms |= {"".join(syllables[1:] + syllables[:1]), "".join(syllables[1:])}
    return {f for f in forms if len(f) >= 3}


class PersonalInfoValidator:
    """Refuses a password made of the account name, the person's name or its pinyin."""

    def __init__(self, max_similarity: float = 0.7):
        self.max_similarity = max_similarity

    def _attributes(self, user) -> dict[str, str]:
        if user is None:
            return {}
        found: dict[str, str] = {}
        username = getattr(user, "username", "") or ""
        full_name = getattr(user, "full_name", "") or ""
        for part in [username, *re.split(r"[_.\-@\d]+", username)]:
            if len(_letters(part)) >= 3:
                found.setdefault(_letters(part), "账号")
        if len(_letters(full_name)) >= 3:
            found.setdefault(_letters(full_name), "姓名")
        for form in _pinyin_forms(full_name):
            found.setdefault(form, "姓名拼音")
        return found

    def validate(self, password, user=None):
        core = _letters(password)
        if not core:
            return
        for value, label in self._attributes(user).items():
            if (
                core == value
                or (len(value) >= 4 and value in core and len(core) - len(value) <= 3)
                or (len(core) >= 4 and core in value)
                or SequenceMatcher(a=core, b=value).ratio() >= self.max_similarity
            ):
                raise ValidationError(
                    f"密码与{label}过于相似，容易被猜到，请换一个。",
                    code="password_too_personal",
                )

    def get_help_text(self):
        return "密码不能与账号、姓名或姓名拼音相似。"


class PatternValidator:
    """Refuses digits only and a common or short word with digits around it."""

    def __init__(self):
        self._common = CommonPasswordValidator().passwords | DOMAIN_WORDS

    def validate(self, password, user=None):
        if password.isdigit():
            raise ValidationError(
                "密码不能全部是数字（如年份、日期、电话号码），请加入字母和符号。",
                code="password_numeric_only",
            )
        m = re.fullmatch(r"(\d*)([A-Za-z]+)(\d*)", password)
        if m and (m.group(1) or m.group(3)):
            word = m.group(2).lower()
            if word in self._common or len(word) < 6:
                raise ValidationError(
                    "密码不能是常见单词（或过短的字母）加数字的组合（如“fazhi2025”），"
                    "请使用更长的短语并加入符号。",
                    code="password_word_digits",
                )
        if re.fullmatch(r"((19|20)\d\d)+", password) or re.fullmatch(r"(.{1,3})\1{2,}", password):
            raise ValidationError(
                "密码不能是重复的年份或字符，请换一个。", code="password_repetitive"
            )

    def get_help_text(self):
        return "密码不能全是数字，也不能是常见单词加数字。"
