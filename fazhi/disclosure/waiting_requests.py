"""What waits on the 工作台 from 依申请公开 (core/waiting.py), for the clerks of the
agency that answers: the requests to answer (条例 第三十三条), the earliest due first, and
the new requests nobody has acted on yet, whose 补正 notice is due within 7 working days of
receipt (第三十条).

Neither depends on the date (core/waiting.py: a provider lists what waits, the header
counts it on every page): the requests past their reply day are on the 工作台's deadline
board (the reply clock is the unit's core Deadline) and in the list's 已超过答复期限 filter."""

from __future__ import annotations

from django.db.models import F

from fazhi.core import access
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
    "disclosure.corrections_to_notify", "新收到待审查的申请（需要补正的应在七个工作日内一次性告知）",
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
            consultations=None,
            fee_notified_on=None,
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
        state="待审查（补正告知期限）",
        due=r.correction_deadline.due_date,
        unit=r.unit.display_name,
    )
