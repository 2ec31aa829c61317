"""Tests for fazhi.core.masking (formats are a convention, see the module docstring)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core import masking
from fazhi.core.identifiers import make_id_number
from fazhi.core.masking import (
    mask_address,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("李晓明", "李**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相如", "司马**"),
        ("诸葛亮", "诸葛*"),
        ("东方", "东*"),  # two characters: 东 is the surname
        ("买买提·艾力", "买**·**"),
        ("王", "王"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("110105 19491231 002X", "110105********002X"),
        ("110105491231002", "110105******002"),
        ("12345", "*****"),
        ("1234567890", "******7890"),
        ("", ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("010-62345678", "010-******78"),
        ("(0571)88886666", "0571-******66"),
        ("（0571）88886666转12", "0571-******66"),
        ("0755 2345678", "0755-*****78"),
        ("12345", "***45"),
        ("", ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("示范区城关街道幸福路12号3单元501室", "示范区城关街道****"),
        ("浙江省杭州市西湖区文新街道文一西路100号", "浙江省杭州市西湖区文新街道****"),
        ("北京市海淀区中关村街道8号", "北京市海淀区中关村街道****"),
        (
            "四川省阿坝藏族羌族自治州汶川县映秀镇渔子溪村",
            "四川省阿坝藏族羌族自治州汶川县映秀镇****",
        ),
        ("内蒙古自治区锡林郭勒盟正蓝旗上都镇", "内蒙古自治区锡林郭勒盟正蓝旗上都镇"),
        ("新市镇幸福路1号", "新市镇****"),
        ("城关镇东关村3组", "城关镇****"),
        ("某某市幸福社区5号楼", "某某市****"),  # 社区 is below 街道: masked
        ("建设路5号", "****"),  # nothing recognisable: show nothing
        ("北京市", "北京市"),
        ("", ""),
    ],
)
def test_mask_address(value, masked):
    assert mask_address(value) == masked


def test_mask_email():
    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_email("13812345678@163.com") == "1***@163.com"
    assert mask_email("不是邮箱") == "***"
    assert mask_email("") == ""


def test_no_mask_uscc_on_purpose():
    # Organisations are not personal data (个人信息保护法 第4条); see module docstring.
    assert not hasattr(masking, "mask_uscc")
    text = "当事人：某某有限公司（统一社会信用代码91420100768057426X）"
    assert mask_text(text) == text


def test_mask_text_example():
    text = (
        "我叫张三，身份证11010519491231002X，手机138 1234 5678，电话(0571)88886666，"
        "邮箱zhangsan@example.com，卡号6222 0212 3456 7890 123，+86-13912345678，"
        "全角１３８１２３４５６７８。"
    )
    assert mask_text(text) == (
        "我叫张三，身份证110105********002X，手机138 **** 5678，电话(0571)******66，"
        "邮箱z***@example.com，卡号**** **** **** ***0 123，+86-139****5678，"
        "全角１３８****５６７８。"
    )


def test_mask_text_leaves_ordinary_numbers_alone():
    text = "2025年10月16日前答复，文号示政办〔2025〕12号，共3页，金额1234.50元。"
    assert mask_text(text) == text
    assert mask_text("") == ""
    assert mask_text(None) == ""


def test_mask_text_masks_id_inside_longer_digit_runs():
    out = mask_text("编号99911010519491231002X")
    assert "19491231" not in out


# --- properties: no unmasked personal data survives ------------------------------------

FILLER = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from("，。！？：；、“”（）《》"),
    ),
    min_size=1,
    max_size=12,
)

ID_NUMBERS = st.builds(
    make_id_number,
    st.tuples(st.integers(1, 8), st.integers(0, 99999)).map(lambda t: f"{t[0]}{t[1]:05d}"),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
    st.integers(0, 999),
)
MOBILES = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.integers(3, 9),
    st.integers(0, 10**9 - 1),
)
MOBILE_FORMATS = st.sampled_from(
    [
        lambda m: m,
        lambda m: f"{m[:3]} {m[3:7]} {m[7:]}",
        lambda m: f"{m[:3]}-{m[3:7]}-{m[7:]}",
        lambda m: f"+86{m}",
        lambda m: f"+86 {m}",
    ]
)
LANDLINES = st.tuples(
    st.sampled_from(["010", "021", "0571", "0755", "0931"]),
    st.integers(2, 9),
    st.integers(0, 10**7 - 1),
    st.sampled_from(["-", "", " ", "()"]),
)
EMAILS = st.builds(
    lambda local, domain: f"{local}@{domain}.com",
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._", min_size=2, max_size=12).filter(
        lambda s: s[0].isalnum()
    ),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8),
)


def _landline(parts):
    area, first, rest, sep = parts
    local = f"{first}{rest:07d}"
    shown = f"({area}){local}" if sep == "()" else f"{area}{sep}{local}"
    return shown, area, local


@given(st.lists(st.tuples(FILLER, ID_NUMBERS), min_size=1, max_size=5), FILLER)
def test_no_id_number_survives(pieces, tail):
    text = "".join(f + n for f, n in pieces) + tail
    out = mask_text(text)
    assert len(out) == len(text)
    for _, n in pieces:
        assert n not in out
        assert f"{n[:6]}********{n[-4:]}" in out
    assert mask_text(out) == out  # idempotent


@given(st.lists(st.tuples(FILLER, MOBILES, MOBILE_FORMATS), min_size=1, max_size=5), FILLER)
def test_no_mobile_survives(pieces, tail):
    text = "".join(f + fmt(m) for f, m, fmt in pieces) + tail
    out = mask_text(text)
    assert len(out) == len(text)
    for _, m, fmt in pieces:
        assert fmt(m) not in out
        assert m not in out
        assert fmt(m[:3] + "****" + m[7:]) in out
    assert mask_text(out) == out


@given(st.lists(st.tuples(FILLER, LANDLINES), min_size=1, max_size=5), FILLER)
def test_no_landline_survives(pieces, tail):
    shown = [(f, *_landline(p)) for f, p in pieces]
    text = "".join(f + s for f, s, _, _ in shown) + tail
    out = mask_text(text)
    for _, s, _area, local in shown:
        assert s not in out
        assert local not in out
        assert "*" * (len(local) - 2) + local[-2:] in out


@given(st.lists(st.tuples(FILLER, EMAILS), min_size=1, max_size=4), FILLER)
def test_no_email_survives(pieces, tail):
    text = "".join(f + e for f, e in pieces) + tail
    out = mask_text(text)
    for _, e in pieces:
        local, domain = e.split("@")
        assert e not in out
        assert f"{local[0]}***@{domain}" in out


@given(FILLER, ID_NUMBERS, FILLER, MOBILES, FILLER, EMAILS, FILLER)
def test_mixed_comment(f1, n, f2, m, f3, e, f4):
    text = f1 + n + f2 + m + f3 + e + f4
    out = mask_text(text)
    assert n not in out and m not in out and e not in out
    assert f"{n[:6]}********{n[-4:]}" in out
    assert f"{m[:3]}****{m[7:]}" in out


def test_a_number_right_after_chinese_numerals_of_the_text_is_still_masked():
    """Found by the property test above: three numerals of ordinary text (一壹幺) before a
    landline joined it into one run of no phone's shape, and it stayed visible."""
    assert mask_text("一壹幺010-20000000“") == "一壹幺010-******00“"
    assert mask_text("号码一九二010-20000001") == "号码一九二010-******01"
    assert mask_text("电话一三八一二三四五六七八") == "电话一三八****五六七八"


def test_unseparated_landline_keeps_only_the_real_area_code():
    assert mask_text("电话02162345678。") == "电话021******78。"
    assert mask_text("电话057188886666。") == "电话0571******66。"


def test_invalid_uscc_shaped_token_is_masked_on_the_safe_side():
    out = mask_text("代码91420100768057426Y")
    assert "91420100768057426Y" not in out
    assert out.endswith("7426Y")


def test_valid_uscc_with_the_shape_of_an_id_number_is_masked():
    from fazhi.core.identifiers import is_valid_uscc, uscc_check_char

    for seq in range(1000):
        first17 = f"11010519491231{seq:03d}"
        code = first17 + uscc_check_char(first17)
        if code[-1] in "0123456789X":
            break
    assert is_valid_uscc(code)
    out = mask_text(f"号码{code}。")
    assert out == f"号码110105********{code[-4:]}。"
