"""``{{ due|remaining:today }}``: the one wording of how far a due date is (core/remaining.py),
in working days; ``remaining_days`` for a period the law counts in calendar days (日)."""

from django import template

from ..remaining import DAYS
from ..remaining import remaining as _remaining

register = template.Library()


@register.filter
def remaining(due, today):
    return _remaining(due, today)


@register.filter
def remaining_days(due, today):
    return _remaining(due, today, unit=DAYS)
