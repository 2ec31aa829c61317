"""The office menu of 人民调解 (issue 17): the disputes and the mediation bodies, and what
waits on the 工作台 for the responsible unit's clerks (the disputes being mediated, the
earliest mediation due date first; the disputes found and not yet accepted)."""

from __future__ import annotations

from django.db.models import F

from fazhi.core import access
from fazhi.core.models import Role
from fazhi.core.registry import NavItem, register_nav
from fazhi.core.waiting import WaitingItem, register_waiting

from .models import Dispute
from .permissions import VIEW

GROUP = "矛盾纠纷调解"
LIST = "/office/mediation/disputes/"

for label, url_name, hint, order in (
    ("矛盾纠纷", "mediation:disputes",
     "矛盾纠纷的排查登记、受理调解、调解记录、调解协议、司法确认、回访和导入法定途径，调解期限", 80),
    ("调解组织", "mediation:bodies",
     "人民调解委员会等调解组织、调解员和任期，组成不符合规定的提示", 81),
):  # fmt: skip
    register_nav(NavItem(label, url_name, hint=hint, group=GROUP, order=order, action=VIEW))


def _clerk_scope(user):
    if Role.CLERK not in user.role_codes or not user.unit_id:
        return None
    return access.unit_scope_q(user, "unit")


def _title(d: Dispute) -> str:
    text = d.summary if len(d.summary) <= 30 else d.summary[:29] + "…"
    return f"{d.number} {d.get_type_display()}：{text}"


@register_waiting(
    "mediation.disputes_mediating", "调解中的矛盾纠纷", module="mediation", order=80,
    list_url=LIST + "?state=mediating",
)  # fmt: skip
def mediating(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Dispute.objects.none()
    return (
        Dispute.objects.filter(scope, state=Dispute.State.MEDIATING)
        .select_related("unit", "deadline")
        .order_by(F("deadline__due_date").asc(nulls_last=True), "pk")
    )


@mediating.item
def _mediating_item(d: Dispute) -> WaitingItem:
    return WaitingItem(
        title=_title(d),
        link=d.get_absolute_url(),
        kind="",
        state=d.get_state_display(),
        due=d.deadline.due_date if d.deadline_id else None,
        unit=d.unit.display_name,
    )


@register_waiting(
    "mediation.disputes_found", "已排查待受理调解的矛盾纠纷", module="mediation", order=81,
    list_url=LIST + "?state=found",
)  # fmt: skip
def found(user):
    scope = _clerk_scope(user)
    if scope is None:
        return Dispute.objects.none()
    return (
        Dispute.objects.filter(scope, state=Dispute.State.FOUND)
        .select_related("unit")
        .order_by("found_on", "pk")
    )


@found.item
def _found_item(d: Dispute) -> WaitingItem:
    return WaitingItem(
        title=_title(d),
        link=d.get_absolute_url(),
        kind="",
        state=d.get_state_display(),
        due=None,
        unit=d.unit.display_name,
    )


# The portal's 人民调解 section (no feed: a directory and counts are not dated publications).
from fazhi.core.registry import PublicSection, register_public  # noqa: E402

register_public(
    PublicSection(
        "人民调解",
        "mediation_public:home",
        "人民调解组织名录（地址、联系电话、调解员）和本年度矛盾纠纷排查调解情况统计。",
        order=40,
    )
)
