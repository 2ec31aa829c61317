"""What waits on the 工作台 from reports (core/waiting.py): annual reports submitted for
approval, for those who may approve them — the role set for the unit (``gates.py``,
``ApproverSetting``), never the report's own authors (四眼原则: whoever generated the current
draft or edited it since) — and reports sent back for changes, for the drafting unit (its
clerks; the coordinator for the district's report)."""

from __future__ import annotations

from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from fazhi.core import access
from fazhi.core.models import Event, Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .deadlines import publish_due
from .models import AnnualReport, ApproverSetting

RECORD_TYPE = "reports.annualreport"
A = ApproverSetting.Role


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


def _approver_q(user) -> Q:
    """Reports whose unit's approving role the user holds (``gates.holds_approver_role``,
    as one condition on the annotated ``approver``)."""
    roles = user.role_codes
    own = access.unit_scope_q(user, "unit") if user.unit_id else Q(pk__in=[])
    q = Q(pk__in=[])
    if roles & {Role.COORDINATOR, Role.LEADER}:
        q |= Q(approver=A.DEFAULT)
    elif Role.REVIEWER in roles:
        q |= Q(approver=A.DEFAULT) & own
    if Role.COORDINATOR in roles:
        q |= Q(approver=A.COORDINATOR)
    if Role.LEADER in roles:
        q |= Q(approver=A.LEADER)
    if Role.REVIEWER in roles:
        q |= Q(approver=A.REVIEWER) & own
    return q


@register_waiting("reports.approve", "待审核发布的年度报告", module="reports", order=30)
def approve(user):
    setting = ApproverSetting.objects.filter(unit=OuterRef("unit")).values("role")[:1]
    last_generated = (
        Event.objects.filter(
            record_type=RECORD_TYPE, record_id=OuterRef("record_id"), action="report_generate"
        )
        .order_by("-seq")
        .values("seq")[:1]
    )
    wrote = Event.objects.filter(
        record_type=RECORD_TYPE,
        record_id=Cast(OuterRef("pk"), CharField()),
        action__in=["report_generate", "report_edit"],
        actor=user,
        seq__gte=Coalesce(Subquery(last_generated), Value(0)),
    )
    return (
        AnnualReport.objects.filter(state=AnnualReport.State.REVIEW)
        .annotate(approver=Coalesce(Subquery(setting), Value(A.DEFAULT)))
        .filter(_approver_q(user))
        .exclude(Exists(wrote))
        .select_related("unit")
    )


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
