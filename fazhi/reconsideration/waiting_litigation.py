"""What waits on the 工作台 from 行政应诉 and 司法/检察建议 (core/waiting.py), for the clerks
of the defendant or assigned unit: answers still to file (行政诉讼法 第67条, 15 days) and
suggestions still to reply to (by the letter's date)."""

from __future__ import annotations

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import Litigation, Suggestion


def _clerk_scope(user):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return None
    return access.unit_scope_q(user, "unit")


@register_waiting(
    "litigation.answer_due", "待提交答辩状的应诉案件", module="reconsideration", order=75
)
def answers_due(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Litigation.objects.none()
    return (
        Litigation.objects.filter(scope, answer_filed_on__isnull=True, result="")
        .select_related("unit", "answer_deadline")
        .order_by("answer_deadline__due_date", "pk")
    )


@answers_due.item
def _answer_item(c: Litigation) -> WaitingItem:
    return WaitingItem(
        title=f"{c.number} {c.plaintiff_name}诉{c.unit.name}（{c.cause}）",
        link=c.get_absolute_url(),
        kind="",
        state="待提交答辩状",
        due=c.answer_deadline.due_date if c.answer_deadline_id else None,
        unit=c.unit.display_name,
    )


@register_waiting(
    "suggestion.reply_due", "待回复的司法建议、检察建议", module="reconsideration", order=76
)
def replies_due(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Suggestion.objects.none()
    return (
        Suggestion.objects.filter(scope, replied_on__isnull=True)
        .select_related("unit")
        .order_by("reply_due_on", "pk")
    )


@replies_due.item
def _reply_item(s: Suggestion) -> WaitingItem:
    return WaitingItem(
        title=f"{s.number} {s.subject}",
        link=s.get_absolute_url(),
        kind="",
        state=f"待回复{s.get_kind_display()}",
        due=s.reply_due_on,
        unit=s.unit.display_name,
    )
