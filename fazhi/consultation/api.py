"""Consultation routes of the JSON API.

Public (auth=None): the consultations the portal shows, each with its published comments
and, once published, the summary — masked exactly as on the portal (``public._public``).
Scoped (session or token, ``core.access``): a unit's own consultations with their comment
counts, including drafts and comments not yet moderated.
"""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.masking import mask_text
from fazhi.core.pagination import LimitOffset

from . import public, services
from .models import Comment, Consultation

PREFIX = "/consultations"
router = Router(tags=["公开征求意见"])


class ConsultationOut(Schema):
    id: int
    kind: str
    title: str
    unit: str
    opens_on: dt.date
    closes_on: dt.date
    state: str
    urgent_reason: str
    closed_on: dt.date | None
    summary_published_on: dt.date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name


class PublicCommentOut(Schema):
    number: int
    submitted_at: dt.datetime
    body: str
    response: str
    response_label: str
    response_reason: str


class PublicConsultationDetail(ConsultationOut):
    draft: str
    explanation: str
    comments: list[PublicCommentOut]
    summary: str

    @staticmethod
    def resolve_comments(obj):
        return obj.comments_public

    @staticmethod
    def resolve_summary(obj):
        return obj.summary_public


class CountsOut(Schema):
    total: int
    adopted: int
    partly: int
    not_adopted: int
    unanswered: int
    rejected: int
    pending: int


class OfficeConsultationOut(ConsultationOut):
    counts: CountsOut

    @staticmethod
    def resolve_counts(obj):
        return services.counts(obj)


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get(
    "public", response=list[ConsultationOut], auth=None, summary="门户公开的征求意见（含已结束）"
)
@paginate(LimitOffset)
def public_list(request, state: str = ""):
    """state: open（征求意见中）、closed、summarized；空为全部。"""
    from django.utils import timezone

    qs = public.visible(timezone.localdate()).order_by("-opens_on", "-pk")
    if state in (Consultation.State.OPEN, Consultation.State.CLOSED, Consultation.State.SUMMARIZED):
        qs = qs.filter(state=state)
    return qs


@router.get(
    "public/{pk}",
    response=PublicConsultationDetail,
    auth=None,
    summary="一次征求意见的草案、已公开的意见及采纳情况（已脱敏）",
)
def public_detail(request, pk: int):
    from django.http import Http404
    from django.utils import timezone

    c = public.visible(timezone.localdate()).filter(pk=pk).first()
    if c is None:
        raise Http404("征求意见不存在或尚未公开")
    comments = c.comments.filter(moderation=Comment.Moderation.PUBLISHED).order_by("number")
    c.comments_public = [public.public_comment(x) for x in comments]
    c.summary_public = mask_text(c.summary) if c.state == Consultation.State.SUMMARIZED else ""
    return c


@router.get("", response=list[OfficeConsultationOut], summary="本单位的征求意见（按权限范围）")
@paginate(LimitOffset)
def office_list(request):
    return access.restrict(
        Consultation.objects.select_related("unit").order_by("-opens_on", "-pk"),
        _user(request),
        "view",
    )
