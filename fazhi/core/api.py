"""Core routes of the JSON API: me, org units, deadlines, working days, events."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from . import access, deadlines, events, services
from .calendar import calendar
from .forms import MAX_DATE, MIN_DATE
from .models import Deadline, Event, OrgUnit

PREFIX = "/"
router = Router(tags=["平台基础"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str | None
    is_enforcement_agency: bool

    @staticmethod
    def resolve_parent_code(obj):
        return obj.parent.code if obj.parent_id else None


class MeOut(Schema):
    username: str
    full_name: str
    unit: UnitOut | None
    roles: list[str]


class DeadlineOut(Schema):
    id: int
    clock: str
    clock_name: str
    title: str
    unit_code: str
    start_date: dt.date
    due_date: dt.date | None
    state: str
    completed_on: dt.date | None
    status: str

    @staticmethod
    def resolve_clock_name(obj):
        c = deadlines.CLOCKS.get(obj.clock)
        return c.name if c else obj.clock

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_status(obj):
        return deadlines.status_of(obj, services.today())[1]


class DeadlineDetail(DeadlineOut):
    explanation: list[str]


# A date sent to the API lies in the same sane range as a date typed into a form; the
# schema says so (JSON Schema has no bound for a date string: the description does).
DATE_RANGE = f"{MIN_DATE:%Y-%m-%d}至{MAX_DATE:%Y-%m-%d}"
Date = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE, description=f"日期（{DATE_RANGE}）")]
DATE_QUERY = Query(..., ge=MIN_DATE, le=MAX_DATE, description=f"日期（{DATE_RANGE}）")
# Enumerations of query parameters (a pattern, as ninja resolves a route's annotations in
# its own namespace, where a Literal is unknown; the schema lists the values).
TABS = "^(all|mine|due_soon|overdue)$"
DAY_UNITS = "^(working|calendar)$"


class ComputationOut(Schema):
    start: dt.date
    length: int
    unit: str
    due: dt.date
    explanation: list[str]


class EventOut(Schema):
    seq: int
    at: dt.datetime
    actor_name: str
    unit_code: str
    record_type: str
    record_id: str
    action: str
    summary: str
    hash: str
    prev_hash: str


@router.get("me", response=MeOut, summary="当前用户")
def me(request):
    u = request.auth if hasattr(request.auth, "pk") else request.user
    return {
        "username": u.username,
        "full_name": u.full_name,
        "unit": u.unit,
        "roles": sorted(u.role_codes),
    }


@router.get("units", response=list[UnitOut], summary="组织机构")
@paginate
def units(request, kind: str | None = None):
    qs = OrgUnit.objects.select_related("parent").filter(active=True).order_by("sort_order", "code")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.get("units/{code}", response=UnitOut, summary="单位详情")
def unit(request, code: str):
    return get_object_or_404(OrgUnit.objects.select_related("parent"), code=code)


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("deadlines", response=list[DeadlineOut], summary="法定期限（按权限范围）")
@paginate
def deadline_list(
    request,
    tab: str = Query(
        pattern=TABS,
        default="all",
        description="all 全部、mine 我的、due_soon 即将到期、overdue 已超期",
    ),
):
    user = _user(request)
    qs = access.restrict(Deadline.objects.select_related("unit"), user, "view")
    if tab != "all":
        lists = deadlines.board(
            qs, user, services.today(), everything=access.is_global(user, "view")
        )
        if tab not in lists:
            from django.core.exceptions import ValidationError

            raise ValidationError("tab 应为 all、mine、due_soon 或 overdue")
        qs = lists[tab]
    return qs.order_by("due_date", "id")


@router.get("deadlines/{pk}", response=DeadlineDetail, summary="期限详情及计算过程")
def deadline_detail(request, pk: int):
    d = access.get_for(_user(request), Deadline.objects.select_related("unit"), "view", pk=pk)
    d.explanation = services.explain(d)
    return d


def _comp(c):
    return {
        "start": c.start,
        "length": c.length,
        "unit": c.unit,
        "due": c.due,
        "explanation": c.explain(),
    }


@router.get("workdays/add", response=ComputationOut, auth=None, summary="计算届满日")
def workdays_add(
    request,
    start: dt.date = DATE_QUERY,
    days: int = Query(..., ge=1, le=366, description="期限天数（1—366）"),
    unit: str = Query(
        pattern=DAY_UNITS,
        default="working",
        description="working 工作日、calendar 自然日",
    ),
):
    from django.core.exceptions import ValidationError

    cal = calendar()
    if unit == "working":
        return _comp(cal.add_working_days(start, days))
    if unit == "calendar":
        return _comp(cal.add_calendar_days(start, days))
    raise ValidationError("unit 应为 working（工作日）或 calendar（自然日）")


class BetweenOut(Schema):
    start: dt.date
    end: dt.date
    working_days: int


@router.get("workdays/between", response=BetweenOut, auth=None, summary="两日期之间的工作日数")
def workdays_between(request, start: dt.date = DATE_QUERY, end: dt.date = DATE_QUERY):
    return {"start": start, "end": end, "working_days": calendar().working_days_between(start, end)}


@router.get("events", response=list[EventOut], summary="全过程记录（按权限范围）")
@paginate
def event_list(request, record_type: str | None = None, record_id: str | None = None):
    qs = access.restrict_events(Event.objects.all(), _user(request)).order_by("seq")
    if record_type:
        qs = qs.filter(record_type=record_type)
    if record_id:
        qs = qs.filter(record_id=record_id)
    return qs


__all__ = ["events", "router"]


def _add_notification_routes() -> None:
    from .notify_api import router as notifications

    router.add_router("notifications", notifications)


_add_notification_routes()
