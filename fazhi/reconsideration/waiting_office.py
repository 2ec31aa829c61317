"""What waits on the 工作台 from 行政复议 (core/waiting.py): for the 复议机构's clerks, the
applications awaiting the acceptance review or the applicant's 补正 (第30—31条) and the
cases whose application copy (第48条) or decision (第62条) is due; for the respondent
department's clerks, the answers they owe (第48条: 10 working days from the copy)."""

from __future__ import annotations

from django.db.models import Case as Pick
from django.db.models import F, When

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import Application, Case


def _clerk_scope(user, field: str = "unit"):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return None
    return access.unit_scope_q(user, field)


@register_waiting(
    "reconsideration.applications_review", "待审查的行政复议申请", module="reconsideration",
    order=80,
)  # fmt: skip
def applications_waiting(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Application.objects.none()
    return (
        Application.objects.filter(scope, state__in=Application.OPEN_STATES)
        .select_related("unit", "review_deadline", "correction_deadline")
        .annotate(
            due=Pick(
                When(state=Application.State.CORRECTION, then=F("correction_deadline__due_date")),
                default=F("review_deadline__due_date"),
            )
        )
        .order_by(F("due").asc(nulls_last=True), "pk")
    )


@applications_waiting.item
def _application_item(a: Application) -> WaitingItem:
    return WaitingItem(
        title=f"{a.tracking_number} {a.applicant_name}不服{a.respondent_name}{a.act}",
        link=a.get_absolute_url(),
        kind="",
        state=a.get_state_display(),
        due=a.due,
        unit=a.unit.display_name,
    )


@register_waiting(
    "reconsideration.cases_due", "待发送副本或待决定的复议案件", module="reconsideration",
    order=81,
)  # fmt: skip
def cases_waiting(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Case.objects.none()
    return (
        Case.objects.filter(scope, state__in=[Case.State.REVIEW, Case.State.SUSPENDED])
        .select_related("unit", "deadline", "copy_deadline")
        .annotate(
            due=Pick(
                When(copy_sent_on__isnull=True, then=F("copy_deadline__due_date")),
                default=F("deadline__due_date"),
            )
        )
        .order_by(F("due").asc(nulls_last=True), "pk")
    )


@cases_waiting.item
def _case_item(c: Case) -> WaitingItem:
    if c.copy_sent_on is None:
        state = "待发送申请书副本"
    elif c.state == Case.State.SUSPENDED:
        state = "中止审理"
    else:
        state = "待作出决定"
    return WaitingItem(
        title=f"{c.number}（被申请人{c.respondent_name}）",
        link=c.get_absolute_url(),
        kind="",
        state=state,
        due=c.due,
        unit=c.unit.display_name,
    )


@register_waiting(
    "reconsideration.answers_due", "待提交答复的复议案件（本单位为被申请人）",
    module="reconsideration", order=82,
)  # fmt: skip
def answers_waiting(user):
    scope = _clerk_scope(user, "respondent")
    if scope is None:
        return Case.objects.none()
    return (
        Case.objects.filter(
            scope,
            state__in=[Case.State.REVIEW, Case.State.SUSPENDED],
            copy_sent_on__isnull=False,
            answered_on__isnull=True,
        )
        .select_related("respondent", "answer_deadline")
        .order_by(F("answer_deadline__due_date").asc(nulls_last=True), "pk")
    )


@answers_waiting.item
def _answer_item(c: Case) -> WaitingItem:
    return WaitingItem(
        title=f"{c.number}（被申请人{c.respondent_name}）",
        link=c.get_absolute_url(),
        kind="",
        state="逾期未答复" if c.no_answer else "待提交答复",
        due=c.answer_deadline.due_date if c.answer_deadline_id else None,
        unit=c.respondent.display_name if c.respondent_id else c.respondent_name,
    )
