"""The import's quick check of a 统一社会信用代码 accepts exactly the codes that
validate_uscc returns unchanged (GB 32100-2015); every other code goes to validate_uscc
for its message."""

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.identifiers import USCC_ALPHABET, make_uscc, validate_uscc
from fazhi.inspections.services.entities import _clean_uscc

from .conftest import uscc


def _validated(code):
    try:
        return validate_uscc(code)
    except ValidationError:
        return None


@given(st.text(alphabet=USCC_ALPHABET + "abzIOSVZ -０１", min_size=16, max_size=19))
def test_the_quick_check_never_accepts_what_validate_uscc_would_change_or_refuse(code):
    if _clean_uscc(code):
        assert _validated(code) == code


@given(st.integers(0, 10**8 - 1), st.sampled_from(["110105", "330203", "440300"]))
def test_every_valid_code_passes_the_quick_check(n, area):
    code = make_uscc("9", "1", area, f"{n:08d}")
    assert _clean_uscc(code)
    assert not _clean_uscc(code[:17] + ("0" if code[17] != "0" else "1"))
    assert not _clean_uscc(code.lower()) or code == code.lower()


def test_the_fixture_codes_pass():
    assert all(_clean_uscc(uscc(i)) for i in range(100))
