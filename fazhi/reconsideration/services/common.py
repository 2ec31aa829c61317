"""What every procedure of this module shares: core's checks with this module's wording,
the 复议机构 whose records these are, running numbers and the applicant's secrets."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from fazhi.core import applicant_secrets as secrets
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, required, today

from ..models import NumberSequence

__all__ = ["need_change", "past", "record", "required", "today"]


def need_change(actor, unit, what: str = "本单位的行政复议与应诉记录") -> None:
    _need_change(actor, unit, what)


def body_unit() -> OrgUnit | None:
    """The 行政复议机构 that receives the district's applications: ``FAZHI_RECON_BODY_UNIT``
    (a unit code) if set, else the 司法局 (行政复议法 第4条: the government's 司法行政部门
    is its 行政复议机构)."""
    code = getattr(settings, "FAZHI_RECON_BODY_UNIT", "") or ""
    qs = OrgUnit.objects.filter(active=True)
    if code:
        unit = qs.filter(code=code).first()
        if unit is not None:
            return unit
    return (
        qs.filter(kind=OrgUnit.Kind.DEPARTMENT, name__contains="司法局")
        .order_by("sort_order", "code")
        .first()
    )


def next_number(unit: OrgUnit, year: int, kind: str) -> int:
    with transaction.atomic():
        seq, _ = NumberSequence.objects.select_for_update().get_or_create(
            unit=unit, year=year, kind=kind
        )
        seq.last += 1
        seq.save(update_fields=["last"])
        return seq.last


def prefix(unit: OrgUnit) -> str:
    """The district part of a number (示范区 of 示范区司法局)."""
    gov = unit.parent if unit.parent_id else unit
    name = gov.short_name or gov.name
    return name.removesuffix("人民政府")


# The applicant's secrets (core.applicant_secrets).
hash_code = secrets.hash_code
code_matches = secrets.code_matches
new_access_code = secrets.new_access_code
new_link_token = secrets.new_link_token
