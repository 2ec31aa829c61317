"""Character-level normalisation: width, spaces, pinyin glosses, traditional → simplified.

Punctuation rule (applied everywhere, so output is consistent): full-width ASCII forms
（，：；（）！？％０-９Ａ-Ｚ…）become their half-width forms, which is also how most
published pages already write them; the Chinese-only marks 。、“”‘’《》〔〕【】— stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: None,  # zero-width space
        0x200C: None,
        0x200D: None,
        0x2060: None,
        0xFEFF: None,
        0x2013: 0x2D,  # en dash → hyphen
        0x2212: 0x2D,  # minus sign
        0xFE50: 0x2C,  # small comma
        0xFE51: 0x3001,
        0xFE52: 0x2E,
        0xFE54: 0x3B,
        0xFE55: 0x3A,
        0x2236: 0x3A,  # ratio sign used as colon
        0x00B7: 0x00B7,
    }
)

# Vowels with tone marks; a gloss must contain one (or be a toneless pinyin syllable).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_CHARS = f"a-zü{_TONED}"
_TONED_WORD = re.compile(rf"[{_PINYIN_CHARS}]*[{_TONED}][{_PINYIN_CHARS}]*")
# Damaged glosses seen in copied pages, e.g. "?yún)^(qū)": a toned word with stray marks.
_GARBLED = re.compile(rf"[?\ufffd]?[{_PINYIN_CHARS}]*[{_TONED}][{_PINYIN_CHARS}]*\)\^?")
_SYLLABLE_PATTERN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ao|an|ei|en|er|ia|ie|in|"
    r"iu|ou|ua|uo|ui|un|ue|üe|ve|a|e|i|o|u|ü|v)"
)
_TONED_RX = re.compile(f"[{_TONED}]")
# A gloss is "(" + 1 to 7 pinyin letters + ")", spaces allowed inside the brackets. Taken
# out: one whose word is toned, wherever it stands, and one whose word is a toneless
# syllable right after a Chinese character; in one pass, with no call back per gloss (a
# gloss left in place holds no "(", so no other match starts inside it).
# (The pattern starts with the "(", not with a look behind it: the search then skips ahead
# to the next "(" instead of trying every position.)
_GLOSS_GONE = re.compile(
    rf"\((?:\s*(?=[{_PINYIN_CHARS}]{{1,7}}\s*\))[{_PINYIN_CHARS}]*[{_TONED}][{_PINYIN_CHARS}]*"
    rf"|(?<=[\u3400-\u9fff\uf900-\ufaff]\()\s*{_SYLLABLE_PATTERN})\s*\)"
)
# str.translate with a dict is a per-character lookup on non-ASCII text (slow on the whole
# text); the common marks go by str.replace, the rest are found by one regex pass (_RARE)
# and replaced by str.replace, one distinct character at a time.
_COMMON = "，：；（）！？％　"
_WIDTH_STR = {chr(k): "" if v is None else chr(v) for k, v in _WIDTH.items()}


# Every character str.isspace() accepts, and \s in a pattern (a test checks the list): for
# set tests on one character, cheaper than a regex.
SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
_COMPAT = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")  # radicals / compatibility ideographs
_SPACES = re.compile(r"[ \t]+")


# Decimal digits of other scripts (Arabic-Indic ٣, mathematical 𝟏 …; the full-width ones
# are in _WIDTH): written as ASCII digits, which is what the number patterns look for.
def _digits_of_other_scripts(first: int, last: int) -> list[str]:
    return [
        chr(c) for c in range(first, last + 1) if chr(c).isdecimal() and not 0xFF10 <= c <= 0xFF19
    ]


_BMP_OTHER_DIGITS = "".join(map(re.escape, _digits_of_other_scripts(0x80, 0xFFFF)))

_RARE_CHARS = (
    "".join(re.escape(chr(k)) for k, v in _WIDTH.items() if v != k and chr(k) not in _COMMON)
    + _BMP_OTHER_DIGITS
    + "\u2e80-\u2fdf\uf900-\ufaff"
    + _TONED
    + "\U00010000-\U0010ffff"  # beyond the BMP (digits among them): rare, always looked at
)
_RARE = re.compile(f"[{_RARE_CHARS}]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Words t2s rewrites although it leaves each of their characters alone on its own (答覆 →
# 答复, 瞭解 → 了解, 藉口 → 借口, 沈默 → 沉默, 打坏 → 打坯): the shortest such words of
# OpenCC's phrase dictionary (TSPhrases.txt; each longer one there holds one of them).
T2S_WORDS = (
    "一坏 凌藉 函覆 反覆 回覆 土坏 坏土 坏子 坏布 打坏 拉坏 拜覆 捏坏 明瞭 明覆 毛坏 沈船 沈默 "
    "滑藉 狐藉虎威 申覆 瞭如 瞭然 瞭若指掌 瞭解 示覆 答覆 素藉 茵藉 藉代 藉以 藉助 藉卉 藉口 藉喻 "
    "藉寇兵 藉手 藉故 藉方 藉槁 藉此 藉甚 藉由 藉着 藉端 衹得 覆信 覆呈 覆命 覆墓 覆按 覆文 覆校 "
    "重覆 陶坏"
).split()
_T2S_WORDS = re.compile("|".join(T2S_WORDS))


@lru_cache(maxsize=1)
def _t2s_chars() -> str:
    """The characters t2s changes on their own, found by asking OpenCC once for every BMP
    character (each on a line of its own, so that no phrase spans two; about 10 ms), and
    every character beyond the BMP (rare in these texts: converted to be safe), for a
    character class."""
    convert = _converter().convert
    changed = []
    for block in range(0, 0x10000, 0x1000):  # a block at a time: little memory at once
        codes = range(max(block, 0x20), block + 0x1000)
        chars = [chr(c) for c in codes if c != 0x0A and not 0xD800 <= c <= 0xDFFF]
        out = convert("\n".join(chars)).split("\n")
        changed += [c for c, o in zip(chars, out, strict=True) if c != o]
    return "".join(map(re.escape, changed)) + "\U00010000-\U0010ffff"


@lru_cache(maxsize=1)
def _changed_by_t2s() -> re.Pattern:
    return re.compile(f"[{_t2s_chars()}]")


@lru_cache(maxsize=1)
def _rare_or_t2s() -> re.Pattern:
    """One pass for two of normalize_chars' own: a rare character (_RARE) or one t2s
    changes on its own. A text with neither (most texts) skips the rest of both."""
    return re.compile(f"[{_RARE_CHARS}{_t2s_chars()}]")


@lru_cache(maxsize=1)
def _word_chars() -> str:
    """The characters t2s changes inside the words it rewrites whole (覆 of 答覆): a text
    without one of them holds none of the words (asked by str.find, faster than the
    words' pattern; 覆 is common, the others rare)."""
    convert = _converter().convert
    chars: set[str] = set()
    for word in T2S_WORDS:
        out = convert(word)
        if len(out) == len(word):
            chars |= {a for a, b in zip(word, out, strict=True) if a != b}
        else:  # (rewritten to another length: any of its characters may be the one)
            chars |= set(word)
    return "".join(sorted(chars))


_LONGEST_T2S_WORD = max(map(len, T2S_WORDS))


def _has_t2s_word(text: str) -> bool:
    """Whether a T2S word is in the text: looked for around each of its changed characters
    only (覆盖 is common: a search of the whole text for the words costs more)."""
    reach = _LONGEST_T2S_WORD - 1
    for ch in _word_chars():
        at = text.find(ch)
        while at >= 0:
            if _T2S_WORDS.search(text, max(0, at - reach), at + reach + 1):
                return True
            at = text.find(ch, at + 1)
    return False


def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC t2s). A text with no character that t2s changes on
    its own and none of the few words it rewrites whole (T2S_WORDS) is simplified already
    and is left as it is; converting costs more than all the other normalising steps
    together (twice its own time in the pipeline). A word that a later OpenCC adds to its
    phrase dictionary and that T2S_WORDS lacks would stay as written in such a text."""
    if _changed_by_t2s().search(text) is None and not _has_t2s_word(text):
        return text
    return _converter().convert(text)


def remove_glosses(text: str, toned: bool = True) -> str:
    """Drop "(fā)"-style pinyin glosses written right after a Chinese character. ``toned``
    False: the caller knows the text has no toned vowel (so no stray toned word either)."""

    text = _GLOSS_GONE.sub("", text)
    if toned and _TONED_RX.search(text):
        text = _GARBLED.sub("", text)
        text = _TONED_WORD.sub("", text)
    return text


def normalize_chars(text: str) -> str:
    """Width, spaces, compatibility ideographs, glosses, then traditional → simplified."""
    text = unicodedata.normalize("NFC", text)
    for ch in _COMMON:  # the usual full-width marks: by str.replace
        if ch in text:
            text = text.replace(ch, chr(_WIDTH[ord(ch)]))
    # One pass finds whether any rarer character is there at all, or one t2s changes on its
    # own (most texts have neither): rare are compatibility ideographs, other full-width
    # forms and odd spaces, other scripts' digits, toned pinyin vowels, anything beyond the
    # BMP. (Compatibility ideographs become plain ones, never a mark the steps after look
    # for; taking out glosses cannot bring in a character of either kind.)
    if _rare_or_t2s().search(text) is None:
        text = remove_glosses(text, toned=False)
        return _converter().convert(text) if _has_t2s_word(text) else text
    # The rare characters there, found in one pass; each step below brings in none of the
    # characters the others replace. A page of full-width digits has a few distinct ones
    # and hundreds of occurrences: one str.replace per distinct character (a regex sub
    # would call back for each occurrence).
    rare = set(_RARE.findall(text))
    toned = False
    if rare:
        if any("\u2e80" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" for ch in rare):
            text = _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
        for ch in rare:
            if ch in _WIDTH_STR:
                text = text.replace(ch, _WIDTH_STR[ch])
            elif ch in _TONED:
                toned = True
            elif ch.isdecimal():  # other scripts' digits, in the BMP or beyond it
                text = text.replace(ch, str(unicodedata.decimal(ch)))
    text = remove_glosses(text, toned=toned)
    text = to_simplified(text)
    return text


def tidy_line(line: str) -> str:
    """Trim a line and collapse runs of spaces to one."""
    line = line.strip()  # first: an indent is the usual run of spaces
    if "  " in line or "\t" in line:
        line = _SPACES.sub(" ", line)
    return line
