"""Numbers in free text however people write them (issue 18 point 8): with separators, in
full-width digits, in Chinese numerals; and the spans of a suspected name or street
address, which free-text masking leaves to a person."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.identifiers import make_id_number
from fazhi.core.masking import mask_text, suspect_spans


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("138-001-38000", "138-***-*8000"),
        ("138 0013 8000", "138 **** 8000"),
        ("138.0013.8000", "138.****.8000"),
        ("138 - 0013 - 8000", "138 - **** - 8000"),
        ("1380 0138 000", "138* ***8 000"),
        ("330102.19900101.1234", "330102.********.1234"),
        ("330102-19900101-1234", "330102-********-1234"),
        ("330 102 199 001 011 234", "330 102 *** *** **1 234"),
        ("330-102-199-001-011-234", "330-102-***-***-**1-234"),
        ("一三八零零一三八零零零", "一三八****八零零零"),
        ("壹叁捌零零壹叁捌零零零", "壹叁捌****捌零零零"),
        ("幺三八零零幺三八零零零", "幺三八****八零零零"),
        ("一三八0013八000", "一三八****八000"),
        ("１３８００１３８０００", "１３８****８０００"),
        ("１３８－００１３－８０００", "１３８－****－８０００"),
        ("三三〇一〇二一九九〇〇一〇一一二三四", "三三〇一〇二********一二三四"),
        ("+86 138-0013-8000", "+86 138-****-8000"),
    ],
)
def test_separator_and_numeral_variants_are_masked(written, masked):
    assert mask_text(f"电话{written}。") == f"电话{masked}。"


@pytest.mark.parametrize(
    "text",
    [
        "2025年10月1日起施行",
        "二〇二五年十月一日",
        "第三十二条",
        "依据示政办〔2025〕3号",
        "金额1,380,013.50元",
        "2025-10-01至2025-12-31",
        "2025.10.01",
        "第13、15、17条",
        "13 15 17 19 21 23",
        "共三页，一二三等奖",
    ],
)
def test_ordinary_numbers_stay_visible(text):
    assert mask_text(text) == text


SEPARATORS = st.sampled_from([" ", "-", ".", " - ", "·", "  "])


def _split(digits: str, cuts: list[int], seps: list[str]) -> str:
    out, last = [], 0
    for cut, sep in zip(sorted(set(cuts)), seps, strict=False):
        out += [digits[last:cut], sep]
        last = cut
    return "".join(out) + digits[last:]


@given(
    st.builds(lambda s, r: f"1{s}{r:09d}", st.integers(3, 9), st.integers(0, 10**9 - 1)),
    st.lists(st.integers(1, 10), max_size=3),
    st.lists(SEPARATORS, min_size=3, max_size=3),
)
def test_a_mobile_split_anywhere_is_masked(mobile, cuts, seps):
    written = _split(mobile, cuts, seps)
    out = mask_text(f"电话{written}，谢谢")
    assert written not in out or written == out
    assert sum(c.isdigit() for c in out) == 7  # first 3 and last 4
    assert "".join(c for c in out if c.isdigit()) == mobile[:3] + mobile[-4:]


@given(
    st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(0, 999),
    st.lists(st.integers(1, 17), max_size=5),
    st.lists(SEPARATORS, min_size=5, max_size=5),
)
def test_an_id_number_split_anywhere_is_masked(birth, seq, cuts, seps):
    number = make_id_number("330102", birth, seq)
    written = _split(number, cuts, seps)
    out = mask_text(f"身份证{written}。")
    kept = "".join(c for c in out if c.isdigit() or c in "Xx")
    assert kept == number[:6] + number[-4:]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("我叫张建国，建议延长开放时间", [("张建国", "name")]),
        ("本人欧阳娜娜认为", [("欧阳娜娜", "name")]),
        ("联系人：王芳", [("王芳", "name")]),
        ("请转告李梅女士", [("李梅", "name")]),
        ("赵立同志反映", [("赵立", "name")]),
        (
            "家住示范区城关街道幸福路12号3单元501室",
            [("示范区城关街道幸福路12号3单元501室", "address")],
        ),
        ("幸福小区5栋2单元301室", [("幸福小区5栋2单元301室", "address")]),
        ("东风街8弄3号门口", [("东风街8弄3号", "address")]),
        ("幸福路十二号", [("幸福路十二号", "address")]),
        # Not a person or not down to the house: nothing to flag.
        ("本人认为收费过高", []),
        ("我是一名教师", []),
        ("我叫张某，建议", []),
        ("建议在城关街道增设公交站", []),
        ("幸福路太堵了", []),
        ("第三十二条规定，2025年10月1日起施行", []),
        ("北山镇人民政府", []),
    ],
)
def test_suspect_spans(text, spans):
    assert [(text[a:b], kind) for a, b, kind in suspect_spans(text)] == spans
