"""Shared helpers of the 重大行政决策 services: the sibling apps' interfaces, input checks, the
full-process record of a decision."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import OrgUnit

from ..models import (
    MajorDecision,
)

KIND = "major_decision"


def comment_days() -> int:
    """条例第15条: 公开征求意见的期限一般不少于30日. The same setting the consultation app
    reads (FAZHI_CONSULTATION_MIN_DAYS["major_decision"]), so the two never disagree."""
    table = getattr(settings, "FAZHI_CONSULTATION_MIN_DAYS", None) or {}
    return int(table.get(KIND, 30))


def legal():
    from fazhi.legal import interface

    return interface


def consultation():
    from fazhi.consultation import interface

    return interface


def decision_url(decision: MajorDecision) -> str:
    return f"/office/decisions/{decision.pk}/"


def _text(value) -> str:
    return (value or "").strip()


def _require(value, message: str) -> str:
    value = _text(value)
    if not value:
        raise ValidationError(message)
    return value


def _past(day: dt.date | None, label: str) -> dt.date:
    """A date recorded for an act that has happened (a meeting, an agreement, a
    publication…): given, and not later than today."""
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > core.today():
        raise ValidationError(f"{label}不能晚于今天（{core.today():%Y-%m-%d}），不能预先登记")
    return day


def _check_change(actor, unit: OrgUnit, message: str) -> None:
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(message)


def _attach(record, files, *, actor, unit, description: str) -> list[str]:
    return [
        core.attach(record, f, actor=actor, unit=unit, description=description).sha256
        for f in files or ()
        if f
    ]


def _norm(name: str) -> str:
    """Organisation names compared without spaces and bracket variants."""
    return re.sub(r"[\s（）()【】\[\]·]", "", name or "")


def _dstate(d: MajorDecision) -> dict:
    return {
        "state": d.state,
        "participation": d.participation,
        "decided_on": d.decided_on,
        "published_on": d.published_on,
        "archived_on": d.archived_on,
    }


def _log(decision, action, actor, summary, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=decision,
        actor=actor,
        unit=decision.unit,
        summary=summary,
        before=before,
        after=after,
        attachments=attachments,
    )


def _lock(decision: MajorDecision) -> MajorDecision:
    return (
        MajorDecision.objects.select_for_update(of=("self",))
        .select_related("unit", "body", "item__catalog")
        .get(pk=decision.pk)
    )


def _check_decision(actor, decision: MajorDecision) -> None:
    _check_change(actor, decision.unit, "无权办理该单位的重大行政决策事项")


def _check_before_decision(decision: MajorDecision) -> None:
    if decision.state in (MajorDecision.State.DECIDED, MajorDecision.State.PUBLISHED):
        raise ValidationError("该决策已经集体讨论决定通过，决策前程序不能再变更")
    if decision.state == MajorDecision.State.REJECTED:
        raise ValidationError("该决策草案未获集体讨论通过，程序已终结")
