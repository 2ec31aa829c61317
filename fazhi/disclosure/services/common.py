"""What every procedure of this module shares: core's checks with this module's wording,
running numbers and the applicant's secrets (the same scheme as 行政复议's portal: a query
code shown once, kept only as a keyed hash, and a secret link)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import applicant_secrets as secrets
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, required, today

from ..models import NumberSequence

__all__ = ["need_change", "past", "record", "required", "today"]


def need_change(actor, unit, what: str = "本单位的政府信息公开事项") -> None:
    _need_change(actor, unit, what)


def next_number(unit: OrgUnit, year: int, kind: str) -> int:
    with transaction.atomic():
        seq, _ = NumberSequence.objects.select_for_update().get_or_create(
            unit=unit, year=year, kind=kind
        )
        seq.last += 1
        seq.save(update_fields=["last"])
        return seq.last


def district_root(unit: OrgUnit) -> OrgUnit:
    """The top of the unit's tree (the district government): requests are numbered once for
    the whole district, so a number names one request whatever agency it went to."""
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def is_open(deadline: Deadline | None) -> bool:
    return deadline is not None and deadline.state in (
        Deadline.State.RUNNING,
        Deadline.State.PAUSED,
    )


# The applicant's secrets (core.applicant_secrets), kept apart from 行政复议's.
PURPOSE = "disclosure:"


def hash_code(code: str) -> str:
    return secrets.hash_code(code, PURPOSE)


def code_matches(stored_hash: str, code: str) -> bool:
    return secrets.code_matches(stored_hash, code, PURPOSE)


new_access_code = secrets.new_access_code
new_link_token = secrets.new_link_token
