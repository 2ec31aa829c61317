"""What other modules use of enforcement. Stable: callers never touch enforcement's models.

    for ins in interface.certified_inspectors(unit_ids=[scjg.pk], on=dt.date(2025, 6, 2)):
        ins.certificate_number, ins.name, ins.unit_id

``inspections`` draws its 执法检查人员名录库 from here: only officers 在岗 with an
enforcement certificate valid on the day (行政处罚法 第42条) may be sent to inspect; and it
links the case filed on a problem a check found through ``case_by_number``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CaseRef", "InspectorRef", "case_by_number", "certified_inspectors"]


@dataclass(frozen=True)
class InspectorRef:
    id: int
    certificate_number: str
    name: str
    unit_id: int


def certified_inspectors(*, unit_ids: Iterable[int], on: dt.date) -> list[InspectorRef]:
    """The officers of these units who may inspect on ``on``, by certificate number."""
    from .models import Officer

    rows = (
        Officer.objects.filter(
            unit_id__in=list(unit_ids),
            status=Officer.Status.ACTIVE,
            certificate_kind=Officer.CertificateKind.ENFORCEMENT,
            issued_on__lte=on,
            valid_until__gte=on,
        )
        .order_by("certificate_number")
        .values_list("pk", "certificate_number", "name", "unit_id")
    )
    return [InspectorRef(*r) for r in rows]


@dataclass(frozen=True)
class CaseRef:
    id: int
    number: str
    title: str
    unit_id: int
    filed_on: dt.date


def case_by_number(number: str) -> CaseRef | None:
    """The case registered under this 案号, or None."""
    from .models import Case

    row = (
        Case.objects.filter(number=(number or "").strip())
        .values_list("pk", "number", "title", "unit_id", "filed_on")
        .first()
    )
    return CaseRef(*row) if row else None
