"""Legality review routes of the JSON API (read only): reviews and contracts in the
caller's scope. A review of another unit is answered 404, as on the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.pagination import LimitOffset

from . import services
from .models import Contract, LegalReview

PREFIX = "/legal"
router = Router(tags=["合法性审查"])
YEAR = Query(None, ge=1900, le=2999, description="年度")


class ReviewOut(Schema):
    id: int
    kind: str
    subject_type: str
    subject_id: str
    subject_title: str
    unit_code: str = Field(..., alias="unit.code")
    reviewer_unit_code: str = Field(..., alias="reviewer_unit.code")
    state: str
    submitted_on: dt.date
    concluded_on: dt.date | None
    opinion: str
    reasons: str
    written_opinion: bool
    opinion_number: str
    due_date: dt.date | None = None

    @staticmethod
    def resolve_due_date(obj):
        return obj.deadline.due_date if obj.deadline_id else None


class ContractOut(Schema):
    id: int
    title: str
    category: str
    counterparty: str
    amount: Decimal | None
    unit_code: str = Field(..., alias="unit.code")
    state: str
    registered_on: dt.date
    signed_on: dt.date | None
    review_id: int | None


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _reviews(request):
    return access.restrict(
        LegalReview.objects.select_related("unit", "reviewer_unit", "deadline"),
        _user(request),
        "view",
    )


@router.get("reviews", response=list[ReviewOut], summary="合法性审查事项（按权限范围）")
@paginate(LimitOffset)
def reviews(request, kind: str | None = None, state: str | None = None, year: int | None = YEAR):
    qs = _reviews(request)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(state=LegalReview.State.CONCLUDED, concluded_on__year=year)
    return qs.order_by("-submitted_on", "-pk")


class KindCountOut(Schema):
    kind: str
    label: str
    lawful: int
    lawful_if_amended: int
    unlawful: int
    total: int


@router.get(
    "reviews/by-kind",
    response=list[KindCountOut],
    summary="按审查类型统计年内出具意见的审查事项（按权限范围；最后一行为合计）",
)
def reviews_by_kind(request, year: int = Query(..., ge=1900, le=2999, description="年度")):
    return services.counts_by_kind(_reviews(request), year)


@router.get("reviews/{review_id}", response=ReviewOut, summary="一项合法性审查")
def review(request, review_id: int):
    return access.get_for(_user(request), _reviews(request), "view", pk=review_id)


@router.get("contracts", response=list[ContractOut], summary="政府合同（按权限范围）")
@paginate(LimitOffset)
def contracts(request, state: str | None = None, year: int | None = YEAR):
    qs = access.restrict(Contract.objects.select_related("unit"), _user(request), "view")
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(registered_on__year=year)
    return qs.order_by("-registered_on", "-pk")
