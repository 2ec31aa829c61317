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
