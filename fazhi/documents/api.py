"""Normative document routes of the JSON API: the documents a person may see (scoped by
core.access, drafts included) and the public library search over published documents."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.pagination import LimitOffset

from . import public, search
from .models import NormativeDocument

PREFIX = "/documents"
router = Router(tags=["行政规范性文件"])
YEAR = Query(None, ge=1900, le=2999, description="公布年度")


class FilingOut(Schema):
    filed_with: str
    filed_on: dt.date
    due_on: dt.date
    on_time: bool
    outcome: str
    outcome_on: dt.date | None


class RelationOut(Schema):
    kind: str
    id: int
    title: str
    doc_number: str
    on: dt.date


class PublicDocumentOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    published_on: dt.date | None
    effective_on: dt.date | None
    valid_until: dt.date | None
    status: str
    status_label: str
    url: str

    @staticmethod
    def resolve_issuer(obj):
        return obj.issuer.name

    @staticmethod
    def resolve_status(obj):
        return obj.shown_status()[0]

    @staticmethod
    def resolve_status_label(obj):
        return obj.shown_status()[1]

    @staticmethod
    def resolve_url(obj):
        return f"/documents/{obj.pk}/"


class DocumentOut(PublicDocumentOut):
    unit_code: str
    issuer_code: str
    stage: str
    source: str
    filing_due_on: dt.date | None
    filing: FilingOut | None

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_issuer_code(obj):
        return obj.issuer.code

    @staticmethod
    def resolve_stage(obj):
        return obj.status

    @staticmethod
    def resolve_filing(obj):
        return getattr(obj, "filing", None)

    @staticmethod
    def resolve_url(obj):
        return f"/office/documents/{obj.pk}/"


class DocumentDetail(DocumentOut):
    body: str
    explanation: str
    basis: str
    registered_on: dt.date | None
    legality_reviewed_on: dt.date | None
    discussion_meeting: str
    discussion_date: dt.date | None
    discussion_outcome: str
    ended_on: dt.date | None
    end_reason: str
    relations: list[RelationOut]

    @staticmethod
    def resolve_relations(obj):
        out = []
        for r in obj.incoming.select_related("source"):
            out.append(
                {
                    "kind": f"{r.kind}ed_by",
                    "id": r.source_id,
                    "title": r.source.title,
                    "doc_number": r.source.doc_number,
                    "on": r.on,
                }
            )
        for r in obj.outgoing.select_related("target"):
            out.append(
                {
                    "kind": f"{r.kind}s",
                    "id": r.target_id,
                    "title": r.target.title,
                    "doc_number": r.target.doc_number,
                    "on": r.on,
                }
            )
        return out


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("", response=list[DocumentOut], summary="规范性文件（按权限范围，含草案）")
@paginate(LimitOffset)
def document_list(request, stage: str | None = None, year: int | None = YEAR, q: str = ""):
    qs = access.restrict(
        NormativeDocument.objects.select_related("unit", "issuer", "filing"), _user(request)
    )
    if stage:
        qs = qs.filter(status=stage)
    if year:
        qs = qs.filter(published_on__year=year)
    return search.results(qs, q.strip()[: search.MAX_QUERY], "-created_at", "-pk")


@router.get(
    "public/search", response=list[PublicDocumentOut], auth=None, summary="公开检索已公布的文件"
)
@paginate(LimitOffset)
def public_search(
    request,
    q: str = "",
    status: str = "valid",
    issuer: str | None = None,
    year: int | None = YEAR,
):
    """status: valid（默认，现行有效含尚未施行）、in_force、pending、repealed、expired、all."""
    from fazhi.core.models import OrgUnit

    issuer_id = None
    if issuer:
        unit = OrgUnit.objects.filter(code=issuer).first()
        issuer_id = unit.pk if unit else -1
    return public.library(
        q=q.strip()[: search.MAX_QUERY],
        status=status,
        issuer=issuer_id,
        year=year,
        today=timezone.localdate(),
    )


@router.get("{pk}", response=DocumentDetail, summary="规范性文件详情（按权限范围）")
def document_detail(request, pk: int):
    return access.get_for(
        _user(request),
        NormativeDocument.objects.select_related("unit", "issuer", "filing"),
        pk=pk,
    )
