"""What every enforcement procedure shares: core's checks (core.rule_checks), with this
module's wording of whose records a clerk may change."""

from __future__ import annotations

from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, required, today

__all__ = ["need_change", "past", "record", "required", "today"]


def need_change(actor, unit, what: str = "本单位的执法记录") -> None:
    _need_change(actor, unit, what)
