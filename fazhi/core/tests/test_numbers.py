"""How figures are written: plain notation everywhere, and in report prose 余 before the
unit and 万 for counts of ten thousand or more when nothing is lost."""

from decimal import Decimal

import pytest

from fazhi.core.numbers import fmt_prose, fmt_value


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("30.0000"), "30"), (Decimal("1E+2"), "100"), (Decimal("0.50"), "0.5"), (None, "")],
)
def test_plain_notation(value, text):
    assert fmt_value(value) == text


@pytest.mark.parametrize(
    ("value", "unit", "approx", "text"),
    [
        (Decimal(151000), "件", True, "15.1万余件"),
        (Decimal(25400), "件", False, "2.54万件"),
        (Decimal(12345), "件", False, "12345件"),  # not a round figure in 万: written out
        (Decimal(9999), "人次", True, "9999余人次"),
        (Decimal(100), "%", False, "100%"),
        (Decimal(60), "人", True, "60余人"),
        (Decimal(3000000), "元", False, "300万元"),
    ],
)
def test_prose(value, unit, approx, text):
    assert fmt_prose(value, unit, approx) == text
