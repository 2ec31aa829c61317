"""The extractor's shortcuts skip work only where the work could not change the result: with
each shortcut switched off, every text reads to exactly the same figures."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.reports.extract import clean, figures, grammar, normalize, patterns, sections
from fazhi.reports.extract.decode import read_source
from fazhi.reports.extract.normalize import SPACES
from fazhi.reports.extract.pipeline import extract_text

from .scoring import OWN, SEEDS


class _Everything:
    """A set that holds every character: the test before a shortcut always says "go on"."""

    def __contains__(self, item):
        return True

    def __or__(self, other):
        return self


def _texts() -> list[str]:
    files = sorted(OWN.glob("t*.txt")) + sorted(OWN.glob("t*.html"))
    files += sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    return [read_source(p).text for p in files]


TEXTS = _texts()


def _read_all() -> list[dict]:
    return [extract_text(text) for text in TEXTS]


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    return _read_all()


class _AllPatterns(dict):
    """Every heading pattern for every first character."""

    def get(self, key, default=None):
        return sections._PATTERNS


@pytest.mark.parametrize(
    "names",
    [
        ("_SUSPECT_BEFORE", "_SUSPECT_AFTER"),  # the number tests, asked of every number
        # the filler words of a subject (asked in _link and again in _strip_head/_strip_tail)
        ("_HEAD_FIRST_OR_SPACE", "_TAIL_LAST_OR_SPACE", "_HEAD_FIRST", "_TAIL_LAST"),
        ("_CHANGE_END",),  # the change words (同比增长 …) at the end of a subject
    ],
)
def test_switching_a_shortcut_off_changes_nothing(monkeypatch, reference, names):
    for name in names:
        monkeypatch.setattr(figures, name, _Everything())
    assert _read_all() == reference


def test_numbers_tested_where_a_mark_or_qualifier_may_stand_before_them(monkeypatch, reference):
    """find_figures runs the number tests (第, range marks) and looks for a leading qualifier
    (约, 不少于…) only where one of their characters stands just before the number; with every
    character of the texts taken for one, every number is tested and looked at."""
    every = "".join(sorted(set("".join(TEXTS))))
    monkeypatch.setattr(figures, "_MARK_CHARS", every)
    monkeypatch.setattr(figures, "_LEAD_CHARS", every)
    assert _read_all() == reference


def test_rankings_looked_for_in_every_text(monkeypatch, reference):
    """A text with no 中排, 中位, 中名 or 中居 holds no ranking (在全省13个市中排名第3), so its
    numbers are not tested for one; here every text is taken to hold one."""
    monkeypatch.setattr(figures, "_RANK_MARK", re.compile(""))
    assert _read_all() == reference


def test_shared_predicates_looked_for_at_every_figure(monkeypatch, reference):
    """grammar.spread is asked only about the rates, the zeros and the figures with 分别
    before them; asked about every figure, it reads every text the same."""
    spread = grammar.spread
    monkeypatch.setattr(figures, "spread", lambda text, found, only=None: spread(text, found))
    assert _read_all() == reference


def test_rare_characters_pass_changes_nothing(monkeypatch, reference):
    """normalize_chars skips the compatibility, width and toned-vowel steps when one pass
    finds none of their characters; here the pass finds one in every text."""
    monkeypatch.setattr(normalize, "_RARE", re.compile(r"[\s\S]"))
    monkeypatch.setattr(normalize, "_rare_or_t2s", lambda: re.compile(r"[\s\S]"))
    assert _read_all() == reference


def test_one_pass_for_rare_and_traditional_characters_changes_nothing(monkeypatch, reference):
    """The pass that finds neither a rare character nor one t2s would touch, switched off."""
    monkeypatch.setattr(normalize, "_rare_or_t2s", lambda: re.compile(r"[\s\S]"))
    assert _read_all() == reference


@pytest.mark.parametrize("sparse", [0, 10**9])
def test_stated_zeros_with_or_without_their_words_looked_for_first(monkeypatch, reference, sparse):
    """The words of each stated-zero pattern are looked for first only where the characters
    that start them are many: never (0) and always (10**9), the texts read the same."""
    monkeypatch.setattr(grammar, "_SPARSE", sparse)
    assert _read_all() == reference


def test_heading_patterns_chosen_by_first_character_change_nothing(monkeypatch, reference):
    monkeypatch.setattr(sections, "_PATTERNS_BY_FIRST", _AllPatterns())
    assert _read_all() == reference


def test_the_space_set_is_what_isspace_and_backslash_s_accept():
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert SPACES == {c for c in every if c.isspace()}
    assert SPACES == {c for c in every if re.match(r"\s", c)}


@pytest.mark.parametrize(
    "line",
    [
        "索引号: 11320700MB1234567X/2025-00012 发布机构: 示范区司法局 发布日期: 2025-03-01",
        "【字号:大 中 小】 来源:示范区司法局 时间:2025-03-01 浏览次数:1024",
        "|索引号:|113207|发布日期:|2025-03-01|",
        "X发布 时间:2025-03-01 作者:王敏",  # a key inside a key found after another character
        "我局来源:不是元数据 时间 : 2025年",
        "时间:2025-01-02来源:区政府办",
    ],
)
def test_header_keys_are_found_as_the_lookbehind_pattern_finds_them(line):
    from fazhi.reports.extract import clean

    old = re.compile(rf"(?:^|(?<=\s)|(?<=】)|(?<=\|))({clean._KEY_ALT})\s?:")
    got = [(m.span(), m.group(1)) for m in clean._keys_at(line)]
    assert got == [(m.span(), m.group(1)) for m in old.finditer(line)]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("办理\uf9f5案件", "办理淋案件"),  # a compatibility ideograph (NFC already maps it)
        ("\u2f00\u2f06件", "一二件"),  # Kangxi radicals
        ("ＡＢ类１２件", "AB类12件"),  # full-width letters and digits
        ("共\u00a012\u2003件", "共 12 件"),  # odd spaces
        ("行(xíng)政12件", "行政12件"),  # a pinyin gloss
        ("区(qū)政府", "区政府"),
        ("共１２件，其中（一）类", "共12件,其中(一)类"),  # only the common marks
    ],
)
def test_each_rare_character_is_normalised(raw, expected):
    assert normalize.normalize_chars(raw) == expected


WORDS = st.lists(st.text("一二网站式办", min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text("一二网站式办-", max_size=40))
def test_a_trie_pattern_matches_as_the_longest_first_alternation(words, text):
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie = patterns.trie_pattern(words)
    for plain, tried in ((alternation, trie), (f"(?:{alternation})-", f"(?:{trie})-")):
        expected = [m.span() for m in re.finditer(plain, text)]
        assert [m.span() for m in re.finditer(tried, text)] == expected


@pytest.mark.parametrize(
    "pattern, first",
    [
        ("(?:无|零|未发生|没有)败诉", set("无零未没")),
        ("零投诉", {"零"}),
        ("[甲乙]+丙", {"甲", "乙"}),
        ("(?P<x>(?:一|二)三)", {"一", "二"}),
        ("(?:未)?收到", None),  # may start with 收
        (r"\d+件", None),  # a class by category
        ("a*", None),  # may match nothing
    ],
)
def test_first_characters_read_from_patterns(pattern, first):
    got = patterns.first_characters(pattern)
    assert (set(got) if got is not None else None) == first


@pytest.mark.parametrize(
    "pattern, first",
    [
        ("(?:未)?收到", (set("未收"), False, False)),  # an optional part is looked through
        (r"^(?:\d{4}-|[(]?此件)", ({"(", "此"}, True, False)),
        (r"^[\s•·]*【", ({"•", "·", "【"}, False, True)),
        (r"^[-—]*$|^首页", ({"-", "—", "首"}, False, False)),  # "$" alone: an empty line only
        ("a*", None),  # may match nothing
        ("[^a]b", None),  # a negated class
        ("(?i:ab)", None),  # case-blind
        (".b", None),
    ],
)
def test_first_set_read_from_patterns(pattern, first):
    got = patterns.first_set(pattern)
    assert (None if got is None else (set(got[0]), got[1], got[2])) == first


CHROME_BITS = ["当前位置", "您的位置", ":", "首页", ">", "责任编辑", "上一篇", "电话", "此件公开发布",
               "(", ")", "2023-1-5", " ", "来源", "【", "】", "打印", "—", "-", "*", "·", "正文", "甲",
               "工作", "。", "1", "a"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(CHROME_BITS), min_size=1, max_size=6))
def test_a_line_the_chrome_pattern_matches_starts_as_its_first_set_says(bits):
    line = "".join(bits)
    if clean._CHROME_LINE.match(line):
        first = line[0]
        assert (
            first in clean._CHROME_FIRST
            or (clean._CHROME_FIRST_DIGIT and first.isdecimal())
            or (clean._CHROME_FIRST_SPACE and first.isspace())
        )


def test_chrome_lines_matched_whatever_they_start_with(monkeypatch, reference):
    monkeypatch.setattr(clean, "_CHROME_FIRST", _Everything())
    assert _read_all() == reference


def test_stated_zeros_tried_at_their_first_characters_match_as_a_search_does():
    from fazhi.reports.extract import grammar

    extra = "本年度未发生行政复议、行政诉讼案件;无败诉;零投诉;未收取任何费用;没有收到咨询、举报。"
    for text in [*TEXTS, extra]:
        starts = [m.start() for m in grammar._ZERO_START.finditer(text)]
        for rx, *_ in grammar._ZEROS:
            got = [m.span() for m in grammar._matches_at(rx, text, starts)]
            assert got == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年办理行政复议案件12件。", "全年办理行政复议案件12件。"),  # simplified: left as it is
        ("全年辦理行政複議案件12件。", "全年办理行政复议案件12件。"),
        ("后来办理了12件,後來又辦理3件。", "后来办理了12件,后来又办理3件。"),  # one sentence
        ("收到申請\U00020000件", "收到申请\U00020000件"),  # beyond the BMP: converted
    ],
)
def test_only_texts_with_a_character_t2s_changes_are_converted(text, expected):
    assert normalize.to_simplified(text) == expected


def test_texts_left_unconverted_are_what_t2s_would_give():
    """On every own text and seed, skipping the conversion gives what converting gives."""
    convert = normalize._converter().convert
    for text in TEXTS:
        assert normalize.to_simplified(text) == convert(text)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("区(qū)政府", "区政府"),  # toned: a gloss
        ("区(qu)政府", "区政府"),  # a toneless syllable right after a Chinese character
        ("ABC(qu)类", "ABC(qu)类"),  # not after a Chinese character: kept
        ("苹果(iphone)手机", "苹果(iphone)手机"),  # not a syllable: kept
        ("(dì)一", "一"),  # toned, even at the start
    ],
)
def test_pinyin_glosses(raw, expected):
    assert normalize.remove_glosses(raw) == expected


def _glosses_one_at_a_time(text: str) -> str:
    """The rule, gloss by gloss: each "(" + 1 to 7 pinyin letters + ")" goes when its word
    is toned, or a toneless syllable right after a Chinese character."""
    letters = f"a-zü{normalize._TONED}"
    syllable = re.compile(normalize._SYLLABLE_PATTERN + "$")

    def repl(m: re.Match) -> str:
        word, at = m.group(1), m.start()
        if re.search(f"[{normalize._TONED}]", word):
            return ""
        if at and re.match(r"[\u3400-\u9fff\uf900-\ufaff]", text[at - 1]) and syllable.match(word):
            return ""
        return m.group(0)

    return re.sub(rf"\(\s*([{letters}]{{1,7}})\s*\)", repl, text)


@settings(max_examples=500, deadline=None)
@given(st.text("0123456789/.以上下左右率 ", max_size=14))
def test_fractions_found_as_with_the_look_behind_first(text):
    before_first = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])(?P<suf>以上|以下|左右)?")
    found = [(m.span(), m.groups()) for m in figures._FRACTION.finditer(text)]
    assert found == [(m.span(), m.groups()) for m in before_first.finditer(text)]


_GLOSS_PIECES = [
    *("(qu)", "(qū)", "( zhuang )", "(iphone)", "(zhuangzhuang)", "(ǖ)", "(x1)", "()"),
    *("(", ")", " ", "区", "A", "qu", "ü", "ā", "1"),
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(_GLOSS_PIECES),
        max_size=12,
    ).map("".join)
)
def test_glosses_taken_out_in_one_pass_as_one_at_a_time(text):
    assert normalize._GLOSS_GONE.sub("", text) == _glosses_one_at_a_time(text)


@pytest.mark.parametrize("word", normalize.T2S_WORDS)
def test_each_word_t2s_rewrites_whole_is_converted(word):
    """The listed words are ones the installed OpenCC still rewrites, although it leaves
    each of their characters alone; a text holding one is converted."""
    convert = normalize._converter().convert
    assert convert(word) != word
    assert all(convert(ch) == ch for ch in word)
    text = f"全年依法{word}12件。"
    assert normalize.to_simplified(text) == convert(text)
    assert normalize.normalize_chars(text) == convert(text)
    # a pinyin gloss inside the word, taken out: the word is converted all the same
    glossed = f"全年依法{word[0]}(ge){word[1:]}12件。"
    assert normalize.normalize_chars(glossed) == convert(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*normalize.T2S_WORDS, "覆盖", "全覆", "答", "瞭", "藉", "办理", "。"]),
        max_size=12,
    ).map("".join)
)
def test_words_t2s_rewrites_are_found_around_their_changed_characters(text):
    assert normalize._has_t2s_word(text) == (normalize._T2S_WORDS.search(text) is not None)


def test_a_rate_written_with_a_word_t2s_rewrites_gets_its_code():
    from fazhi.reports.extract import extract_text

    codes = [
        f["code"]
        for f in extract_text("全年收到政府信息公开申请20件,按时答覆率100%。")["indicators"]
    ]
    assert codes == ["disclosure.requests", "disclosure.on_time_rate"]


@pytest.mark.parametrize(
    "text, value",
    [("全年办理案件٣件", 3), ("办理案件٣1件", 31), ("办理案件𝟏𝟐件", 12), ("办理案件１２件", 12)],
)
def test_digits_of_other_scripts_are_read_as_numbers(text, value):
    from fazhi.reports.extract import extract_text

    assert [f["value"] for f in extract_text(text)["indicators"]] == [value]


@pytest.mark.parametrize(
    "written, value",
    [
        ("十二", 12),
        ("两千余", 2000),
        ("一万二千", 12000),
        ("十三五", None),
        ("三千零五十", 3050),
        ("一亿零二百万零三千零四十五", 102003045),  # longer than the numerals kept for reuse
        ("二" * 20, None),
    ],
)
def test_chinese_numerals_short_and_long(written, value):
    """Short numerals are read once and kept; a long run is read each time."""
    from fazhi.reports.extract.numbers import parse_chinese

    assert parse_chinese(written) == value
    assert parse_chinese(written) == value  # (a second time: from the cache when short)
