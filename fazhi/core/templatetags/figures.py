"""``{{ value|fig }}``: a Decimal figure in plain notation (see ``fazhi.core.numbers``)."""

from django import template

from fazhi.core.numbers import fmt_value

register = template.Library()


@register.filter
def fig(value) -> str:
    return fmt_value(value)
