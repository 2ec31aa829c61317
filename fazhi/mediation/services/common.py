"""What the procedures of 人民调解 share: who may act (``permissions``), core's checks with
this module's wording, and the district's running numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core.models import Deadline, NumberSequence, OrgUnit
from fazhi.core.numbering import district_root, next_number
from fazhi.core.rule_checks import past, record, required, today

from .. import permissions

__all__ = [
    "district_root",
    "is_open",
    "may",
    "money",
    "need_bodies",
    "need_disputes",
    "next_number",
    "not_before",
    "past",
    "record",
    "required",
    "reserve_numbers",
    "today",
]


def need_bodies(actor, unit: OrgUnit) -> None:
    """Bodies are registered by their unit's clerks and by the 司法局 (人民调解法 第五条)."""
    if actor is not None and not access.can(actor, permissions.BODIES, unit):
        raise PermissionDenied("只能登记本单位的调解组织")


def need_disputes(actor, unit: OrgUnit) -> None:
    """Disputes are recorded and mediated by the clerks of their unit (``actor`` None: the
    system itself, an import command or the demo builder)."""
    if actor is not None and not access.can(actor, permissions.DISPUTES, unit):
        raise PermissionDenied("只能办理本单位的矛盾纠纷")


def may(actor, action: str, unit: OrgUnit) -> bool:
    return actor is None or access.can(actor, action, unit)


def not_before(day: dt.date, earlier: dt.date | None, label: str, earlier_label: str) -> None:
    if earlier is not None and day < earlier:
        raise ValidationError(f"{label}不能早于{earlier_label}（{earlier:%Y-%m-%d}）")


def money(value, label: str) -> Decimal | None:
    """An amount in 元: empty, or not negative with at most two decimals."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(f"{label}应为数字") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"{label}不能为负数")
    if amount >= Decimal("1e12"):
        raise ValidationError(f"{label}过大")
    return amount.quantize(Decimal("0.01"))


def is_open(deadline: Deadline | None) -> bool:
    return deadline is not None and deadline.state in (
        Deadline.State.RUNNING,
        Deadline.State.PAUSED,
    )


def reserve_numbers(unit: OrgUnit, year: int, kind: str, count: int) -> int:
    """The first of ``count`` running numbers given at once (an import): the same sequence
    as ``core.numbering.next_number``, one locked row update instead of one per record."""
    with transaction.atomic():
        seq, _ = NumberSequence.objects.select_for_update().get_or_create(
            unit=unit, year=year, kind=kind
        )
        first = seq.last + 1
        seq.last += count
        seq.save(update_fields=["last"])
        return first
