"""Enforcement list routes of the JSON API (read only): agencies, their powers and officers
in the caller's scope. A record of another unit is answered 404, as on the pages."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.api import MAX_DATE, MIN_DATE
from fazhi.core.forms import MAX_DB_INT
from fazhi.core.pagination import LimitOffset

from .models import Agency, Officer, Power

router = Router(tags=["行政执法"])
EXPIRING_BY = Query(None, ge=MIN_DATE, le=MAX_DATE, description="证件有效期至不晚于该日")


class AgencyOut(Schema):
    id: int
    name: str
    kind: str
    unit_code: str = Field(..., alias="unit.code")
    legal_basis: str
    address: str
    phone: str
    remedies: str
    active: bool


class PowerOut(Schema):
    id: int
    agency_id: int
    code: str
    name: str
    kind: str
    legal_basis: str
    responsible: str
    review_listed: bool
    active: bool


class OfficerOut(Schema):
    id: int
    agency_id: int
    unit_code: str = Field(..., alias="unit.code")
    name: str
    certificate_number: str
    certificate_kind: str
    issuer: str
    issued_on: dt.date
    valid_until: dt.date
    status: str
    legal_qualification: bool


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _agencies(request):
    return access.restrict(Agency.objects.select_related("unit"), _user(request), "view")


@router.get("agencies", response=list[AgencyOut], summary="行政执法主体（按权限范围）")
@paginate(LimitOffset)
def agencies(request, kind: str | None = None):
    qs = _agencies(request)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("unit__code", "name", "pk")


@router.get("agencies/{agency_id}", response=AgencyOut, summary="一个行政执法主体")
def agency(request, agency_id: int):
    return access.get_for(_user(request), _agencies(request), "view", pk=agency_id)


@router.get("agencies/{agency_id}/powers", response=list[PowerOut], summary="执法主体的权责清单")
@paginate(LimitOffset)
def powers(request, agency_id: int, kind: str | None = None):
    found = access.get_for(_user(request), _agencies(request), "view", pk=agency_id)
    qs = Power.objects.filter(agency=found)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("code", "pk")


@router.get("powers/{power_id}", response=PowerOut, summary="一个执法事项")
def power(request, power_id: int):
    """A power is scoped by its agency's unit (powers have no unit of their own)."""
    obj = Power.objects.filter(agency__in=_agencies(request).values("pk"), pk=power_id).first()
    if obj is None:
        raise Http404("记录不存在或无权访问")
    return obj


@router.get("officers", response=list[OfficerOut], summary="执法人员（按权限范围）")
@paginate(LimitOffset)
def officers(
    request,
    agency: int | None = Query(None, ge=1, le=MAX_DB_INT, description="执法主体ID"),
    status: str | None = None,
    expiring_by: dt.date | None = EXPIRING_BY,
):
    qs = access.restrict(Officer.objects.select_related("unit"), _user(request), "view")
    if agency:
        qs = qs.filter(agency_id=agency)
    if status:
        qs = qs.filter(status=status)
    if expiring_by:
        qs = qs.filter(valid_until__lte=expiring_by)
    return qs.order_by("agency_id", "name", "pk")


@router.get("officers/{officer_id}", response=OfficerOut, summary="一名执法人员")
def officer(request, officer_id: int):
    qs = Officer.objects.select_related("unit")
    return access.get_for(_user(request), qs, "view", pk=officer_id)
