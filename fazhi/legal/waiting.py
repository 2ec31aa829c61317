"""What waits on the 工作台 from legal (core/waiting.py): legality reviews to conclude, for
their assignee (or, before one is named, the reviewing 法制机构's legal reviewers), and
reviews sent back for more material, for the clerks of the requesting unit."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import LegalReview

S = LegalReview.State


def _row(r: LegalReview, unit, note: str = "") -> WaitingItem:
    return WaitingItem(
        title=r.subject_title,
        link=f"/office/legal/reviews/{r.pk}/",
        kind="",
        state=r.get_state_display(),
        due=r.deadline.due_date if r.deadline_id and r.deadline else None,
        unit=unit.display_name,
        note=note,
    )


@register_waiting("legal.assigned", "待办的合法性审查", module="legal", order=50)
def assigned(user):
    q = Q(assignee=user)
    if Role.LEGAL_REVIEWER in user.role_codes and user.unit_id:
        q |= Q(assignee=None) & access.unit_scope_q(user, "reviewer_unit")
    return (
        LegalReview.objects.filter(q, state__in=[S.SUBMITTED, S.IN_REVIEW])
        .select_related("unit", "deadline")
        .order_by("deadline__due_date", "pk")
    )


@assigned.item
def _assigned_item(r: LegalReview) -> WaitingItem:
    return _row(r, r.unit)


@register_waiting("legal.returned", "退回补充材料的合法性审查", module="legal", order=60)
def returned(user):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return LegalReview.objects.none()
    return (
        LegalReview.objects.filter(state=S.RETURNED)
        .filter(access.unit_scope_q(user, "unit"))
        .select_related("reviewer_unit", "deadline")
        .order_by("returned_on", "pk")
    )


@returned.item
def _returned_item(r: LegalReview) -> WaitingItem:
    return _row(r, r.reviewer_unit, note=r.return_reason)
