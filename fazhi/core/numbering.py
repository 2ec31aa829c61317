"""Running numbers per unit, year and kind (a 调解 case number, a 信访 number, a document's
文号), given once inside the caller's transaction: the row is locked, so two clerks saving
at the same moment never get the same number."""

from __future__ import annotations

from django.db import transaction

from .models import NumberSequence, OrgUnit


def next_number(unit: OrgUnit, year: int, kind: str) -> int:
    with transaction.atomic():
        seq, _ = NumberSequence.objects.select_for_update().get_or_create(
            unit=unit, year=year, kind=kind
        )
        seq.last += 1
        seq.save(update_fields=["last"])
        return seq.last


def district_root(unit: OrgUnit) -> OrgUnit:
    """The top of the unit's tree (the district government), for numbers given once for the
    whole district."""
    while unit.parent_id is not None:
        unit = unit.parent
    return unit
