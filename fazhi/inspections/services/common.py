"""What every inspection procedure shares: who may act, the event, dates (the same
shape as enforcement's services)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core import access, events


def today() -> dt.date:
    return timezone.localdate()


def need_change(actor, unit, what: str = "本单位的双随机抽查记录") -> None:
    """Clerks and reviewers change their own unit's records; coordinators any (None: the
    system itself, e.g. an import command or the demo)."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(f"只能办理{what}")


def past(day: dt.date | None, label: str) -> dt.date:
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > today():
        raise ValidationError(f"{label}不能晚于今天（{today():%Y-%m-%d}），不能预先登记")
    return day


def required(value: str, label: str, limit: int = 300) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"请填写{label}")
    if len(value) > limit:
        raise ValidationError(f"{label}不能超过{limit}字")
    return value


def record(obj, action: str, actor, unit, summary: str, before=None, after=None, **kw):
    events.append(
        action=action,
        record=obj,
        actor=actor,
        unit=unit,
        summary=summary,
        before=before,
        after=after,
        **kw,
    )
