"""What waits on the 工作台 from reports (core/waiting.py): annual reports submitted for
approval, for those who may approve them (``approve_report``), and reports sent back for
changes, for the drafting unit (its clerks; the coordinator for the district's report)."""

from __future__ import annotations

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .deadlines import publish_due
from .models import AnnualReport


def _row(r: AnnualReport, state: str, note: str = "") -> WaitingItem:
    return WaitingItem(
        title=r.title,
        link=f"/office/reports/{r.pk}/",
        kind="",
        state=state,
        due=publish_due(r.year),
        unit=r.unit.display_name,
        note=note,
    )


@register_waiting("reports.approve", "待审核发布的年度报告", module="reports", order=30)
def approve(user):
    qs = AnnualReport.objects.filter(state=AnnualReport.State.REVIEW).select_related("unit")
    if user.role_codes & {Role.COORDINATOR, Role.LEADER}:
        return qs
    if Role.REVIEWER in user.role_codes and user.unit_id:
        return qs.filter(access.unit_scope_for(user, "approve_report", "unit"))
    return qs.none()


@approve.item
def _approve_item(r: AnnualReport) -> WaitingItem:
    return _row(r, "待审核")


@register_waiting("reports.returned", "被退回修改的年度报告", module="reports", order=40)
def returned(user):
    qs = (
        AnnualReport.objects.filter(state=AnnualReport.State.DRAFT)
        .exclude(review_note="")
        .select_related("unit")
    )
    if Role.COORDINATOR in user.role_codes:
        return qs
    if Role.CLERK in user.role_codes and user.unit_id:
        return qs.filter(access.unit_scope_q(user, "unit"))
    return qs.none()


@returned.item
def _returned_item(r: AnnualReport) -> WaitingItem:
    return _row(r, "已退回修改", note=r.review_note)
