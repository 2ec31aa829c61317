"""转送交办 (信访工作条例 第二十二条) and the handling unit's objection (第二十三条).

Within 15 days of receipt the registering unit handles the petition itself, transfers or
assigns it to the agency with the power to handle it, tells the petitioner to use the legal
route (诉讼、仲裁、行政复议…), or does not accept it. A transferred or assigned petition
starts the handling unit's 15-day notice clock and its 5-working-day objection clock: an
agency that is not the right one says so within 5 working days and the petition goes back
to the registering unit to be routed again."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from ...deadlines import NOTICE, WRONG_AGENCY
from ...models import Petition
from .common import (
    ST,
    after,
    finish,
    is_open,
    lock,
    need_handling,
    need_registering,
    office_url,
    record,
    required,
    snap,
    start_clock,
)  # fmt: skip
from .registration import REFUSED_AFTER_RE_REVIEW, reviewed_repeat

TO_OTHER = ("transfer", "assign")


def wrong_agency_deadline(p: Petition) -> Deadline | None:
    """The objection clock of the current transfer (not a field of the petition: the last
    one started for it)."""
    return (
        Deadline.objects.filter(
            clock=WRONG_AGENCY, record_type="mediation.petition", record_id=str(p.pk)
        )
        .order_by("-id")
        .first()
    )


def _start_notice(p: Petition, actor) -> None:
    start = p.handling_received_on
    p.notice_deadline = start_clock(
        p, clock=NOTICE, start=start, unit=p.handling_unit,
        title=f"书面告知是否受理信访事项：{p.number}", url=office_url(p), actor=actor,
    )  # fmt: skip


@transaction.atomic
def route(
    p: Petition, *, route: str, on: dt.date, handling_unit: OrgUnit | None = None,
    handling_received_on: dt.date | None = None, ground: str = "", actor,
) -> Petition:  # fmt: skip
    """第二十二条: one of the five ways, on a day not before receipt; completes the routing
    clock (a route after its 15 days is recorded, flagged late)."""
    p = lock(p)
    need_registering(actor, p)
    if p.state != ST.REGISTERED:
        raise ValidationError(f"该信访事项当前{p.get_state_display()}，不能再转送交办")
    if route not in Petition.Route.values:
        raise ValidationError("请选择处理方式")
    on = after(on, p.received_on, "转送交办日期", "收到日期")
    earlier = reviewed_repeat(p)
    if earlier is not None and route != "not_accepted":
        raise ValidationError(REFUSED_AFTER_RE_REVIEW)
    before = snap(p)
    p.route, p.routed_on = route, on
    detail = ""
    if route == "handle":
        p.handling_unit, p.handling_received_on = p.unit, p.received_on
        p.state = ST.ROUTED
        detail = "由本机关直接受理办理"
    elif route in TO_OTHER:
        if handling_unit is None:
            raise ValidationError("请选择有权处理的机关（办理单位）")
        if handling_unit.pk == p.unit_id:
            raise ValidationError(
                "转送交办的办理单位不能是本单位，本单位办理的请选择“本机关直接受理”"
            )
        p.handling_unit = handling_unit
        p.handling_received_on = after(
            handling_received_on or on, on, "办理单位收到日期", "转送交办日期"
        )
        p.state = ST.ROUTED
        detail = f"{p.get_route_display()}：{handling_unit.name}，于{p.handling_received_on:%Y-%m-%d}收到"
    elif route == "legal_route":
        p.state = ST.REDIRECTED
        detail = "告知信访人依照法定途径（诉讼、仲裁、行政复议等）解决"
    else:
        if ground not in Petition.NotAcceptedGround.values:
            raise ValidationError("请选择不予受理的理由")
        if earlier is not None and ground != "re_reviewed":
            raise ValidationError(
                f"该信访事项与{earlier.number}为同一事项且已经复核，不予受理理由应为“已经复核”"
            )
        p.accepted, p.not_accepted_ground, p.notified_on = False, ground, on
        p.state = ST.NOT_ACCEPTED
        detail = f"不予受理：{p.get_not_accepted_ground_display()}"
    late = finish(p.routing_deadline, on, actor)
    if p.state == ST.ROUTED:
        _start_notice(p, actor)
        if route in TO_OTHER:
            start_clock(
                p, clock=WRONG_AGENCY, start=p.handling_received_on,
                unit=p.handling_unit, title=f"对转送交办提出异议：{p.number}",
                url=office_url(p), actor=actor,
            )  # fmt: skip
    p.save()
    record(p, "petition_routed", actor, p.unit,
           f"{on:%Y-%m-%d}{detail}" + ("（超过15日登记转送期限）" if late else ""),
           before, snap(p))  # fmt: skip
    return p


@transaction.atomic
def object_to_transfer(p: Petition, *, on: dt.date, reason: str, actor) -> Petition:
    """第二十三条: the handling unit says it is not the agency to handle it, within 5
    working days of receiving the transfer; the petition goes back to be routed again."""
    p = lock(p)
    need_handling(actor, p)
    if p.state != ST.ROUTED or p.route not in ("transfer", "assign"):
        raise ValidationError("只有转送交办给本单位、尚未告知受理的信访事项可以提出异议")
    on = after(on, p.handling_received_on, "提出异议日期", "收到转送交办日期")
    reason = required(reason, "异议理由", 300)
    clock = wrong_agency_deadline(p)
    if clock is not None and clock.due_date and on > clock.due_date:
        raise ValidationError(
            f"应当在收到转送交办之日起5个工作日内（至{clock.due_date:%Y-%m-%d}）提出异议，"
            "已经超过期限，不能再提出"
        )
    before = snap(p)
    unit = p.handling_unit
    finish(clock, on, actor)
    if is_open(p.notice_deadline):
        core.cancel_deadline(
            p.notice_deadline, reason="办理单位提出异议，退回登记单位", actor=actor
        )
    p.state = ST.REGISTERED
    p.route, p.routed_on, p.handling_unit, p.handling_received_on = "", None, None, None
    p.notice_deadline = None
    p.save()
    record(p, "petition_objected", actor, unit,
           f"{unit.name}于{on:%Y-%m-%d}提出异议，认为不属于本机关处理：{reason}；退回{p.unit.name}重新转送交办",
           before, snap(p))  # fmt: skip
    return p
