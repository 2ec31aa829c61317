"""What waits on the 工作台 from enforcement cases (core/waiting.py), for the clerks of the
case's unit: open cases whose decision clock is due soon or overdue (行政处罚法 第60条,
行政许可法 第42条), and decisions still to be published (国办发〔2018〕118号) or withdrawn
(行政处罚法 第48条第2款) by their due date."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Deadline, Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import Case, Publication


def _clerk_scope(user, field: str = "unit"):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return None
    return access.unit_scope_q(user, field)


@register_waiting("enforcement.case_due", "办理中的执法案件", module="enforcement", order=70)
def cases_due(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Case.objects.none()
    # Every case still in progress, the nearest decision date first. Which of them are due
    # soon or overdue the 工作台's deadline board says for every kind of clock; this list
    # needs no date, so the header's count reads none.
    return (
        Case.objects.filter(scope)
        .filter(stage__in=Case.OPEN_STAGES, deadline__state=Deadline.State.RUNNING)
        .select_related("unit", "deadline")
        .order_by("deadline__due_date", "pk")
    )


@cases_due.item
def _case_item(c: Case) -> WaitingItem:
    return WaitingItem(
        title=f"{c.number} {c.title}",
        link=c.get_absolute_url(),
        kind="",
        state=c.get_stage_display(),
        due=c.deadline.due_date,
        unit=c.unit.display_name,
    )


@register_waiting(
    "enforcement.publication_due", "待公示或待撤回的执法决定", module="enforcement", order=71
)
def publications_due(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Publication.objects.none()
    to_publish = Q(published_on__isnull=True, withheld_reason="", case__revoked_on__isnull=True)
    to_withdraw = Q(
        published_on__isnull=False, withdrawn_on__isnull=True, case__revoked_on__isnull=False
    )
    return (
        Publication.objects.filter(scope)
        .filter(to_publish | to_withdraw)
        .select_related("unit", "case")
        .order_by("due_on", "pk")
    )


@publications_due.item
def _publication_item(p: Publication) -> WaitingItem:
    withdraw = p.published_on is not None
    return WaitingItem(
        title=f"{p.case.number} {p.case.title}",
        link=p.case.get_absolute_url(),
        kind="",
        state="待撤回公示" if withdraw else "待公示",
        due=p.withdraw_due_on if withdraw else p.due_on,
        unit=p.unit.display_name,
    )
