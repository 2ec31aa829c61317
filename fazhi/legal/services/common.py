"""Shared by the legal procedures: constants, dates and texts, and who may act."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Deadline, OrgUnit, Role, User

from .. import conf
from ..models import (
    LegalReview,
)

REVIEWER_ACTION = "legal_review"
REVIEW_URL = "/office/legal/reviews/{}/"
CONTRACT_URL = "/office/legal/contracts/{}/"
SELF_TYPE = "legal.legalreview"


def _today() -> dt.date:
    return timezone.localdate()


def _day(on: dt.date | None, *, label: str, not_before: dt.date | None = None) -> dt.date:
    """A date a user gives for an act: not in the future, not before the act it follows."""
    on = on or _today()
    if on > _today():
        raise ValidationError(f"{label}不能晚于今天")
    if not_before is not None and on < not_before:
        raise ValidationError(f"{label}不能早于{not_before:%Y-%m-%d}")
    return on


def _text(value: str, message: str, limit: int = 300) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value[:limit]


# --- who may -------------------------------------------------------------------------------


def default_reviewer_unit() -> OrgUnit | None:
    """The reviewing 法制机构: ``FAZHI_LEGAL_REVIEW_UNIT`` if set, else the 司法局."""
    code = conf.review_unit_code()
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


def can_request(actor, unit: OrgUnit) -> bool:
    return actor is None or access.can(actor, "change", unit)


def can_review(actor, review: LegalReview) -> bool:
    """The assignee, or a legal reviewer (法制审核人员) of the reviewing unit."""
    if actor is None:
        return True
    if review.assignee_id is not None and review.assignee_id == actor.pk:
        return True
    return access.can(actor, REVIEWER_ACTION, review.reviewer_unit)


def can_dispatch(actor, review: LegalReview) -> bool:
    """Assigning: the reviewing unit's legal reviewers, or the coordinator."""
    return can_review(actor, review) or access.is_global(actor, "change")


def is_requester(actor, review: LegalReview) -> bool:
    return actor is None or access.can(actor, "change", review.unit)


def reviewers_of(unit: OrgUnit):
    """Accounts that can be assigned a review of ``unit``: its legal reviewers."""
    return User.objects.filter(
        is_active=True, roles__code=Role.LEGAL_REVIEWER, unit__path__startswith=unit.path
    ).order_by("username")


def _clock_actor(actor, deadline: Deadline):
    """The actor for core's deadline services; None (the system, after our own check)
    when the requesting unit acts on the clock that belongs to the reviewing unit."""
    if actor is not None and access.can(actor, "change", deadline.unit):
        return actor
    return None


def _lock(review: LegalReview) -> LegalReview:
    return (
        LegalReview.objects.select_for_update(of=("self",))
        .select_related("unit", "reviewer_unit")
        .get(pk=review.pk)
    )


def _snapshot(review: LegalReview) -> dict:
    return {
        "state": review.state,
        "assignee": review.assignee_id,
        "adviser": review.adviser_id,
        "opinion": review.opinion,
        "concluded_on": review.concluded_on,
    }
