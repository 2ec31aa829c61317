"""What every procedure of this module shares: core's checks with this module's wording,
the 复议机构 whose records these are, running numbers and the applicant's secrets."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

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


# --- the applicant's secrets: a query code shown once, and a secret link -----------------

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def hash_code(code: str) -> str:
    """Only a keyed hash of the query code is stored (a leaked table does not open a case)."""
    key = settings.SECRET_KEY.encode()
    normal = (code or "").strip().upper().replace(" ", "").replace("-", "")
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()


def code_matches(stored_hash: str, code: str) -> bool:
    return hmac.compare_digest(stored_hash, hash_code(code))


def new_link_token() -> str:
    return secrets.token_urlsafe(24)
