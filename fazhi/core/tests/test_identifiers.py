"""Tests for fazhi.core.identifiers (GB 32100-2015, GB 11714-1997, GB 11643-1999, phones)."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.identifiers import (
    USCC_ALPHABET,
    id_number_check_char,
    is_valid_id_number,
    is_valid_phone,
    is_valid_uscc,
    make_id_number,
    make_uscc,
    org_code_check_char,
    uscc_check_char,
    uscc_warnings,
    validate_id_number,
    validate_phone,
    validate_uscc,
)

# Codes published on the web (court judgments, procurement contracts, invoices, licence
# notices, SDK docs) and found through search. Each satisfies both the GB 32100 check and the
# embedded GB 11714 org-code check.
REAL_USCC = [
    "91420100768057426X",  # 武汉敦煌种业有限公司 (enforcement record)
    "91310115768225450T",  # 支付宝 (cited in Alipay SDK field docs)
    "91330000143125150B",  # 广宇集团股份有限公司
    "91211103MA10E6140W",  # 盘锦 company listing
    "91110117MABWGRQU85",  # 北京平谷 company listing
    "11140800558745220K",  # 晋中市文化和旅游局 (procurement contract)
    "11410182005291054B",  # 荥阳市司法局 (court judgment)
    "12310000425022547M",  # 上海工程技术大学
    "12100000470095016Q",  # 浙江大学
    "12100000425006117P",  # 复旦大学
    "12440600MB2C07549J",  # 佛山 事业单位 (reported as real in xbeginagain/generator#2)
    "51310110501144395U",  # 上海杨浦 社会团体
    "53100000500019795A",  # 基金会 registered with 民政部
    "92141127MA0KD1Y64A",  # 个体工商户 (checked on cods.org.cn per jaywcjlove/regexp-example#23)
    "92361130MA386N427K",  # 个体工商户
    "92340111MAD2LARQ9N",  # 个体工商户
]


@pytest.mark.parametrize("code", REAL_USCC)
def test_real_published_codes_validate_without_warnings(code):
    assert validate_uscc(code) == code
    assert uscc_warnings(code) == []


def test_uscc_normalises_case_spaces_and_full_width():
    assert validate_uscc(" 91420100768057426x ") == "91420100768057426X"
    assert validate_uscc("９１４２０１００７６８０５７４２６Ｘ") == "91420100768057426X"
    assert validate_uscc("91420100-768057426X") == "91420100768057426X"


def test_uscc_wrong_check_char_message():
    with pytest.raises(ValidationError) as info:
        validate_uscc("91420100768057426Y")
    assert "统一社会信用代码校验位应为X，实际为Y" in info.value.messages[0]


def test_known_real_code_that_fails_gb32100_is_rejected():
    # 91350203M0001QKT19: a 厦门 code in use (hutool issue #4119) that does not satisfy the
    # GB 32100 check character; the embedded org code is fine. Rejected by design.
    with pytest.raises(ValidationError, match="校验位应为F，实际为9"):
        validate_uscc("91350203M0001QKT19")
    assert org_code_check_char("M0001QKT") == "1"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "请填写统一社会信用代码"),
        ("9142010076805742", "应为18位，实际为16位"),
        ("9142010076805742I6", "第17位“I”不是有效字符（代码中不使用字母I、O、S、V、Z）"),
        ("91A20100768057426X", "第3—8位（登记管理机关行政区划码）应为数字"),
        ("914201007680574#6X", "第16位“#”不是有效字符"),
    ],
)
def test_uscc_refusals_name_the_problem(value, fragment):
    with pytest.raises(ValidationError) as info:
        validate_uscc(value)
    assert fragment in info.value.messages[0]
    assert not is_valid_uscc(value)


def test_org_code_mismatch_is_a_warning_not_a_rejection():
    # Change the org-code check char (17th) and fix the USCC check char so GB 32100 passes.
    first17 = "91420100768057420"
    code = first17 + uscc_check_char(first17)
    assert validate_uscc(code) == code
    (warning,) = uscc_warnings(code)
    assert "GB 11714应为6，实际为0" in warning


def test_uscc_check_char_known_value_and_refusal():
    assert uscc_check_char("91420100768057426") == "X"
    with pytest.raises(ValueError):
        uscc_check_char("9142010076805742")
    with pytest.raises(ValueError):
        uscc_check_char("9142010076805742O")


alphabet = st.sampled_from(USCC_ALPHABET)
uscc_parts = st.tuples(
    alphabet,
    alphabet,
    st.text("0123456789", min_size=6, max_size=6),
    st.text(USCC_ALPHABET, min_size=8, max_size=8),
)


@st.composite
def generated_uscc(draw):
    return make_uscc(*draw(uscc_parts))


@given(generated_uscc())
def test_generated_uscc_round_trip(code):
    assert validate_uscc(code) == code
    assert uscc_warnings(code) == []


@given(
    generated_uscc(), st.integers(0, 17), st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
def test_any_single_substitution_in_uscc_is_caught(code, pos, char):
    if code[pos] == char:
        char = "0" if code[pos] != "0" else "1"
    mutated = code[:pos] + char + code[pos + 1 :]
    assert not is_valid_uscc(mutated)
    if char in USCC_ALPHABET and pos < 17:
        # The mod-31 check itself catches it (31 is prime, every weight is non-zero).
        assert uscc_check_char(mutated[:17]) != mutated[17]


@given(generated_uscc(), st.integers(0, 16))
def test_any_adjacent_transposition_in_uscc_is_caught(code, pos):
    # Weights differ pairwise by 2*3^i (and 27 against the check char), never 0 mod 31.
    a, b = code[pos], code[pos + 1]
    if a == b:
        return
    swapped = code[:pos] + b + a + code[pos + 2 :]
    assert not is_valid_uscc(swapped)


# --- 居民身份证号码 -------------------------------------------------------------------

TODAY = dt.date(2025, 6, 1)


@pytest.mark.today(2025, 6, 1)
def test_standard_sample_validates():
    # GB 11643-1999 sample.
    assert validate_id_number("11010519491231002X") == "11010519491231002X"
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    assert id_number_check_char("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "请填写居民身份证号码"),
        ("110105491231002", "15位的第一代居民身份证号码已停止使用"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("1101051949123100AX", "第17位“A”不是数字"),
        ("11010519491231002Y", "第18位应为数字或X"),
        ("010105194912310027", "第1位（地址码）应为1—8"),
        ("910105194912310027", "第1位（地址码）应为1—8"),
        ("110105194913310020", "出生日期19491331不是有效日期"),
        ("110105194912310021", "校验位应为X，实际为1"),
    ],
)
def test_id_refusals_name_the_problem(value, fragment):
    with pytest.raises(ValidationError) as info:
        validate_id_number(value, today=TODAY)
    assert fragment in info.value.messages[0]
    assert not is_valid_id_number(value, today=TODAY)


def test_future_and_implausible_birth_dates_are_refused():
    future = make_id_number("110105", dt.date(2025, 6, 2), 7)
    assert is_valid_id_number(future, today=dt.date(2025, 6, 2))
    with pytest.raises(ValidationError, match="晚于今天"):
        validate_id_number(future, today=TODAY)
    old = make_id_number("110105", dt.date(1849, 12, 31), 7)
    with pytest.raises(ValidationError, match="早于1850年"):
        validate_id_number(old, today=TODAY)


def test_make_id_number_refusals():
    with pytest.raises(ValueError):
        make_id_number("010105", dt.date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_id_number("110105", dt.date(1990, 1, 1), 1000)
    with pytest.raises(ValueError):
        make_id_number("110105", dt.date(1990, 1, 1), "12")


ids = st.builds(
    make_id_number,
    st.tuples(st.integers(1, 8), st.integers(0, 99999)).map(lambda t: f"{t[0]}{t[1]:05d}"),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    st.integers(0, 999),
)


@given(ids)
def test_generated_id_round_trip(number):
    assert validate_id_number(number, today=TODAY) == number


@given(ids, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_substitution_in_id_number_is_caught(number, pos, char):
    if number[pos] == char:
        char = "0" if char != "0" else "1"
    mutated = number[:pos] + char + number[pos + 1 :]
    assert not is_valid_id_number(mutated, today=TODAY)
    if pos < 17 and char != "X":
        # MOD 11-2: weights are non-zero mod 11 and a digit change is below 11, so the
        # check character always changes.
        assert id_number_check_char(mutated[:17]) != mutated[17]


@given(ids, st.integers(0, 16))
def test_any_adjacent_transposition_in_id_number_is_caught(number, pos):
    # Adjacent weights of MOD 11-2 differ by a non-zero amount mod 11; swapping digit 17 with
    # the check digit changes the sum by (d17 - check), also non-zero. A swapped-in "X"
    # lands in the digit part and fails the format check.
    a, b = number[pos], number[pos + 1]
    if a == b:
        return
    swapped = number[:pos] + b + a + number[pos + 2 :]
    assert not is_valid_id_number(swapped, today=TODAY)
    if pos < 16:
        assert id_number_check_char(swapped[:17]) != swapped[17]


def test_mod11_does_not_catch_every_double_substitution():
    # Honest limit: the check digit guarantees single substitutions and adjacent swaps
    # only; two substitutions can cancel out. Prove it by finding one.
    sample = "11010519491231002X"
    pairs = itertools.combinations(range(14, 17), 2)
    found = [
        m
        for i, j in pairs
        for di, dj in itertools.product("0123456789", repeat=2)
        if di != sample[i] and dj != sample[j]
        for m in [sample[:i] + di + sample[i + 1 : j] + dj + sample[j + 1 :]]
        if is_valid_id_number(m, today=TODAY)
    ]
    assert found
    assert all(sum(a != b for a, b in zip(m, sample, strict=True)) == 2 for m in found)


# --- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("13812345678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        ("010-62345678", "010-62345678"),
        ("(0571)88886666", "0571-88886666"),
        ("0571 8888 6666", "0571-88886666"),
        ("0755-2345678", "0755-2345678"),
        ("010-62345678转123", "010-62345678转123"),
        ("021-61234567-8001", "021-61234567转8001"),
        ("400-810-5000", "400-810-5000"),
    ],
)
def test_valid_phones(value, normalised):
    assert validate_phone(value) == normalised
    assert is_valid_phone(value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "请填写电话号码"),
        ("12345678901", "手机号码第2位应为3—9"),
        ("1381234567", "手机号码应为11位，实际为10位"),
        ("+86 1381234567", "手机号码应为11位，实际为10位"),
        ("88886666", "固定电话应带区号"),
        ("010-1234567", "格式不正确"),
        ("电话", "格式不正确"),
    ],
)
def test_invalid_phones(value, fragment):
    with pytest.raises(ValidationError) as info:
        validate_phone(value)
    assert fragment in info.value.messages[0]
    assert not is_valid_phone(value)
