"""What waits on the 工作台 from plans (core/waiting.py): progress reports to review, for
the coordinator and the reviewers of the task's lead unit (who may accept or return them,
``services.can_review``), and reports sent back, for the clerks of the reporting unit."""

from __future__ import annotations

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from fazhi.core import access
from fazhi.core.models import Deadline, Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import Progress
from .services import RESUBMIT_CLOCK


def _none():
    return Progress.objects.none()


def _row(p: Progress, state: str, due=None, note: str = "") -> WaitingItem:
    a = p.assignment
    return WaitingItem(
        title=f"任务{a.task.number} {a.task.title}（{p.period.name}）",
        link=f"/office/plans/tasks/{a.task_id}/",
        kind="",
        state=state,
        due=due,
        unit=a.unit.display_name,
        note=note,
    )


def reviewable(user):
    """Reports the user may accept or return while submitted: all of them for a
    coordinator, those on tasks their unit leads for a reviewer (``services.can_review``)."""
    qs = Progress.objects.all()
    if Role.COORDINATOR in user.role_codes:
        pass
    elif Role.REVIEWER in user.role_codes and user.unit_id:
        qs = qs.filter(access.unit_scope_for(user, "review", "assignment__task__lead_unit"))
    else:
        return _none()
    return qs.select_related("assignment__task", "assignment__unit", "period").order_by(
        "submitted_at", "pk"
    )


def to_review(user):
    return reviewable(user).filter(state=Progress.State.SUBMITTED)


@register_waiting(
    "plans.review", "待审核的任务进展", module="plans", order=10, list_url="/office/plans/review/"
)
def review(user):
    return to_review(user)


@review.item
def _review_item(p: Progress) -> WaitingItem:
    return _row(p, "已报送待审核" if p.on_time else "逾期报送，待审核")


@register_waiting("plans.returned", "被退回的任务进展", module="plans", order=20)
def returned(user):
    """Reports returned to the user's unit, with their resubmission clock's due date."""
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return _none()
    due = Deadline.objects.filter(
        clock=RESUBMIT_CLOCK,
        record_type="plans.assignment",
        record_id=Cast(OuterRef("assignment_id"), CharField()),
        state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED],
    ).order_by("-start_date", "-pk")
    return (
        Progress.objects.filter(state=Progress.State.RETURNED)
        .filter(access.unit_scope_q(user, "assignment__unit"))
        .annotate(resubmit_due=Subquery(due.values("due_date")[:1]))
        .select_related("assignment__task", "assignment__unit", "period")
        .order_by("resubmit_due", "pk")
    )


@returned.item
def _returned_item(p: Progress) -> WaitingItem:
    return _row(p, "已退回，待重新报送", due=p.resubmit_due, note=p.return_reason)
