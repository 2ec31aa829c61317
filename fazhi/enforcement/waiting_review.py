"""What waits on the 工作台 from 案卷评查 and supervision (core/waiting.py): findings of a
supervision check to rectify and complaints to answer, for the clerks of the agency's unit;
campaigns with files still to score, for the coordinators (司法局) who score them."""

from __future__ import annotations

from django.db.models import Count, Min, Q

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import EnforcementComplaint, ReviewCampaign, SupervisionCheck


def _clerk(user) -> bool:
    return Role.CLERK in user.role_codes and user.unit_id is not None


@register_waiting(
    "enforcement.rectification", "待报告整改的监督检查", module="enforcement", order=70
)
def rectification(user):
    if not _clerk(user):
        return SupervisionCheck.objects.none()
    return (
        SupervisionCheck.objects.filter(state=SupervisionCheck.State.OPEN)
        .filter(access.unit_scope_q(user, "unit"))
        .annotate(
            due=Min("findings__due_on", filter=Q(findings__rectified_on__isnull=True)),
            left=Count("findings", filter=Q(findings__rectified_on__isnull=True)),
        )
        .filter(left__gt=0)
        .select_related("agency", "checker_unit")
        .order_by("due", "pk")
    )


@rectification.item
def _rectification_item(c: SupervisionCheck) -> WaitingItem:
    return WaitingItem(
        title=f"{c.agency.name}：{c.subject}",
        link=c.get_absolute_url(),
        kind="",
        state=f"{c.left}个问题待报告整改",
        due=c.due,
        unit=c.checker_unit.display_name,
    )


@register_waiting("enforcement.complaint", "待答复的执法投诉举报", module="enforcement", order=71)
def complaints(user):
    if not _clerk(user):
        return EnforcementComplaint.objects.none()
    return (
        EnforcementComplaint.objects.filter(state=EnforcementComplaint.State.OPEN)
        .filter(access.unit_scope_q(user, "unit"))
        .select_related("agency", "deadline")
        .order_by("deadline__due_date", "pk")
    )


@complaints.item
def _complaint_item(c: EnforcementComplaint) -> WaitingItem:
    return WaitingItem(
        title=f"对{c.agency.name}的投诉举报（{c.received_on:%Y-%m-%d}受理）",
        link=c.get_absolute_url(),
        kind="",
        state=c.get_state_display(),
        due=c.deadline.due_date if c.deadline_id else None,
        unit=c.agency.name,
    )


@register_waiting("enforcement.casefile_score", "待评分的评查案卷", module="enforcement", order=72)
def to_score(user):
    if not access.is_global(user, "change") or Role.COORDINATOR not in user.role_codes:
        return ReviewCampaign.objects.none()
    return (
        ReviewCampaign.objects.filter(state=ReviewCampaign.State.DRAWN)
        .annotate(left=Count("files", filter=Q(files__scored_on__isnull=True)))
        .filter(left__gt=0)
        .order_by("drawn_on", "pk")
    )


@to_score.item
def _to_score_item(c: ReviewCampaign) -> WaitingItem:
    return WaitingItem(
        title=c.title,
        link=c.get_absolute_url(),
        kind="",
        state=f"{c.left}卷待评分",
    )
