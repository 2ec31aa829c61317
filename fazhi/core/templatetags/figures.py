"""``{{ value|fig }}``: a Decimal figure in plain notation (see ``fazhi.core.numbers``)."""

from decimal import Decimal

from django import template

from fazhi.core.numbers import fmt_value

register = template.Library()


@register.filter
def fig(value) -> str:
    return fmt_value(value)


@register.filter
def cockpit_cell(value) -> str:
    """A 驾驶舱 table cell as text (numbers as ``fig``, None as a dash)."""
    from fazhi.core.cockpit import cell_text

    return cell_text(value)


@register.filter
def percent(value) -> str:
    """A ratio as a percentage figure: 0.0150 → "1.5" (``widthratio`` rounds to a whole
    number, 1.5% would read 2%); None → ""."""
    if value is None or value == "":
        return ""
    return fmt_value(Decimal(str(value)) * 100)
