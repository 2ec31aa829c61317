"""What waits on the 工作台 from 主动公开 (core/waiting.py), for the clerks of the
release's unit: information registered but not yet published, the nearest 20-working-day
due date first (条例第二十六条), each row saying whether it is overdue or within the
clock's warning days.

The list itself reads no date (the header's count is kept across days, core/memo.py):
every draft waits until it is published or withdrawn; the row's wording and the 工作台's
deadline board say which are due soon or overdue."""

from __future__ import annotations

from django.db.models import F

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.remaining import Remaining
from fazhi.core.rule_checks import today
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import ProactiveRelease


@register_waiting(
    "disclosure.release_due", "待公开的主动公开信息", module="disclosure", order=80,
    list_url="/office/disclosure/releases/?state=draft",
)  # fmt: skip
def releases_due(user):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return ProactiveRelease.objects.none()
    return (
        ProactiveRelease.objects.filter(access.unit_scope_q(user, "unit"))
        .filter(state=ProactiveRelease.State.DRAFT)
        .select_related("unit", "deadline")
        .order_by(F("deadline__due_date").asc(nulls_last=True), "pk")
    )


def state_of(rel: ProactiveRelease, day) -> str:
    """逾期未公开 / 即将到期 / 待公开: the deadline board's 即将到期 horizon
    (core/remaining.py), so the 工作台 and the board agree."""
    due = rel.deadline.due_date if rel.deadline_id else None
    if due is None:
        return "待公开"
    if due < day:
        return "逾期未公开"
    return "即将到期" if due <= Remaining(day).horizon_end else "待公开"


@releases_due.item
def _release_item(rel: ProactiveRelease) -> WaitingItem:
    return WaitingItem(
        title=f"{rel.index_number} {rel.title}",
        link=rel.get_absolute_url(),
        kind="",
        state=state_of(rel, today()),
        due=rel.deadline.due_date if rel.deadline_id else None,
        unit=rel.unit.display_name,
    )
