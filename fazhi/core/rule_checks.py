"""The checks every records module's services make before a state change: who may act,
that an act's date has happened, that a required text is given and within its length.
One wording for every module (records-module.md: a refusal is a clear Chinese message)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from . import access, events


def today() -> dt.date:
    return timezone.localdate()


def need_change(actor, unit, what: str) -> None:
    """Clerks and reviewers change their own unit's records; coordinators any. ``actor``
    None is the system itself (an import command, the demo builder)."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(f"只能办理{what}")


def past(day: dt.date | None, label: str) -> dt.date:
    """A date of an act that has happened: given, and not later than today."""
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


def record(obj, action: str, actor, unit, summary: str, before=None, after=None,
           attachments=(), **kw):  # fmt: skip
    """The record's event in the full-process record (core.events), in the caller's
    transaction."""
    events.append(
        action=action, record=obj, actor=actor, unit=unit, summary=summary, before=before,
        after=after, attachments=attachments, **kw,
    )  # fmt: skip
