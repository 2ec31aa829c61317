"""How a figure is written on every page, in the annual report and in exports: plain
decimal notation, no trailing zeros (30, 12.5, 0.5), never scientific notation.

``Decimal.normalize()`` alone turns 30.0000 into ``3E+1``; this is the one formatter to use
wherever a Decimal figure reaches a person (templates: ``{% load figures %}{{ x|fig }}``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def fmt_value(value) -> str:
    """30 → "30", 30.0 → "30", 1E+2 → "100", 0.50 → "0.5"; None → ""."""
    if value is None or value == "":
        return ""
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not d.is_finite():
        return ""
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_prose(value, unit: str = "", approximate: bool = False) -> str:
    """A figure as a report sentence writes it: 余 before the unit, and counts of ten
    thousand or more in 万 when that loses nothing (151000 件 → "15.1万件",
    approximate → "15.1万余件"; 12345 stays "12345"). Rates are never put in 万."""
    text = fmt_value(value)
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        d = None
    if d is not None and d.is_finite() and unit != "%" and abs(d) >= 10000:
        wan = d / 10000
        if wan == wan.quantize(Decimal("0.01")):
            text = fmt_value(wan) + "万"
    return text + ("余" if approximate else "") + unit
