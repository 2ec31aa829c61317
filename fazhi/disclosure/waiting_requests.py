"""What waits on the 工作台 from 依申请公开 (core/waiting.py), for the clerks of the
agency that answers: the requests to answer (条例 第三十三条), those received within the
last 7 working days whose 补正 decision is still open (第三十条: one notice, within 7
working days) and the requests already past their reply day.

The last two lists depend on the date; the header's count is kept until the next change on
the platform (core/memo.py), so it can lag a day behind it — the 工作台's list itself is
read fresh."""

from __future__ import annotations

from django.db.models import F

from fazhi.core import access
from fazhi.core import services as core
from fazhi.core.models import Deadline, Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .deadlines import CORRECTION_NOTICE
from .models import DisclosureRequest

R = DisclosureRequest
LIST = "/office/disclosure/requests/"


def _clerk_scope(user):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return None
    return access.unit_scope_q(user, "unit")


def _title(r: DisclosureRequest) -> str:
    text = r.description if len(r.description) <= 30 else r.description[:29] + "…"
    return f"{r.tracking_number} {r.applicant_name}：{text}"


@register_waiting(
    "disclosure.requests_to_answer", "待答复的政府信息公开申请", module="disclosure",
    order=90, list_url=LIST,
)  # fmt: skip
def to_answer(user):
    scope = _clerk_scope(user)
    if scope is None:
        return R.objects.none()
    return (
        R.objects.filter(scope, state__in=R.OPEN_STATES)
        .exclude(state=R.State.CORRECTION)
        .select_related("unit", "deadline")
        .order_by(F("deadline__due_date").asc(nulls_last=True), "pk")
    )


@to_answer.item
def _answer_item(r: DisclosureRequest) -> WaitingItem:
    return WaitingItem(
        title=_title(r),
        link=r.get_absolute_url(),
        kind="",
        state=r.get_state_display(),
        due=r.deadline.due_date if r.deadline_id else None,
        unit=r.unit.display_name,
    )


@register_waiting(
    "disclosure.corrections_to_notify", "七个工作日内审查是否需要补正的申请",
    module="disclosure", order=91, list_url=LIST,
)  # fmt: skip
def corrections_to_notify(user):
    scope = _clerk_scope(user)
    if scope is None:
        return R.objects.none()
    return (
        R.objects.filter(
            scope,
            state=R.State.RECEIVED,
            correction_notified_on=None,
            corrected_on=None,
            correction_deadline__clock=CORRECTION_NOTICE,
            correction_deadline__state=Deadline.State.RUNNING,
            correction_deadline__due_date__gte=core.today(),  # after it, no notice any more
        )
        .select_related("unit", "correction_deadline")
        .order_by("correction_deadline__due_date", "pk")
    )


@corrections_to_notify.item
def _correction_item(r: DisclosureRequest) -> WaitingItem:
    return WaitingItem(
        title=_title(r),
        link=r.get_absolute_url(),
        kind="",
        state="需要补正的，应一次性告知",
        due=r.correction_deadline.due_date,
        unit=r.unit.display_name,
    )


@register_waiting(
    "disclosure.requests_overdue", "已超过答复期限的政府信息公开申请", module="disclosure",
    order=92, list_url=f"{LIST}?overdue=1",
)  # fmt: skip
def overdue(user):
    scope = _clerk_scope(user)
    if scope is None:
        return R.objects.none()
    return (
        R.objects.filter(
            scope,
            state__in=R.OPEN_STATES,
            deadline__state=Deadline.State.RUNNING,
            deadline__due_date__lt=core.today(),
        )
        .select_related("unit", "deadline")
        .order_by("deadline__due_date", "pk")
    )


@overdue.item
def _overdue_item(r: DisclosureRequest) -> WaitingItem:
    return WaitingItem(
        title=_title(r),
        link=r.get_absolute_url(),
        kind="",
        state="已超过答复期限",
        due=r.deadline.due_date,
        unit=r.unit.display_name,
    )
