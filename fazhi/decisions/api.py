"""Decision routes of the JSON API: catalogues and decisions scoped through core.access;
the published catalogues are public (auth=None)."""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.masking import mask_text
from fazhi.core.pagination import LimitOffset

from .models import CatalogAdjustment, DecisionCatalog, MajorDecision

PREFIX = "/decisions"
router = Router(tags=["重大行政决策"])
YEAR = Query(None, ge=1900, le=2999, description="年度")


class ItemOut(Schema):
    id: int
    number: int | None
    title: str
    unit_code: str
    category: str
    state: str
    planned: str


class CatalogOut(Schema):
    id: int
    year: int
    unit_code: str

    @staticmethod
    def resolve_unit_code(obj):
        return obj["unit_code"] if isinstance(obj, dict) else obj.unit.code

    title: str
    state: str
    version: int
    party_agreed_on: dt.date | None
    published_on: dt.date | None


class CatalogDetail(CatalogOut):
    items: list[ItemOut]


class DecisionOut(Schema):
    id: int
    year: int
    title: str
    unit_code: str

    @staticmethod
    def resolve_unit_code(obj):
        return obj["unit_code"] if isinstance(obj, dict) else obj.unit.code

    state: str
    participation: str
    legality_passed: bool
    decided_on: dt.date | None
    published_on: dt.date | None


class DecisionDetail(DecisionOut):
    catalog_id: int
    catalog_number: int | None
    draft: str
    explanation: str
    legality_summary: str
    party_reported_on: dt.date | None
    publication_channel: str
    document_number: str
    archived_on: dt.date | None
    meetings: list[dict]
    evaluations: list[dict]


class PublicItemOut(Schema):
    number: int | None
    title: str
    unit: str
    category: str
    planned: str


class PublicAdjustmentOut(Schema):
    kind: str
    title: str
    reason: str
    decided_on: dt.date
    version: int


class PublicCatalogOut(Schema):
    id: int
    year: int
    unit: str
    title: str
    version: int
    published_on: dt.date
    channel: str
    party_agreed_on: dt.date
    items: list[PublicItemOut]
    adjustments: list[PublicAdjustmentOut]


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _catalog(c: DecisionCatalog) -> dict:
    return {
        "id": c.pk,
        "year": c.year,
        "unit_code": c.unit.code,
        "title": c.title,
        "state": c.state,
        "version": c.version,
        "party_agreed_on": c.party_agreed_on,
        "published_on": c.published_on,
    }


def _decision(d: MajorDecision) -> dict:
    return {
        "id": d.pk,
        "year": d.year,
        "title": d.title,
        "unit_code": d.unit.code,
        "state": d.state,
        "participation": d.participation,
        "legality_passed": d.legality_passed,
        "decided_on": d.decided_on,
        "published_on": d.published_on,
    }


@router.get("catalogs", response=list[CatalogOut], summary="决策事项目录（按权限范围）")
@paginate(LimitOffset)
def catalogs(request, year: int | None = YEAR):
    qs = access.restrict(DecisionCatalog.objects.select_related("unit"), _user(request), "view")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "pk")


@router.get("catalogs/{int:pk}", response=CatalogDetail, summary="目录详情及事项")
def catalog(request, pk: int):
    c = access.get_for(
        _user(request), DecisionCatalog.objects.select_related("unit"), "view", pk=pk
    )
    items = access.restrict(c.items.select_related("unit"), _user(request), "view")
    return {
        **_catalog(c),
        "items": [
            {
                "id": i.pk,
                "number": i.number,
                "title": i.title,
                "unit_code": i.unit.code,
                "category": i.category,
                "state": i.state,
                "planned": i.planned,
            }
            for i in items
        ],
    }


@router.get(
    "public/catalogs",
    response=list[PublicCatalogOut],
    auth=None,
    summary="已公布的决策事项目录（当前版本及调整情况，公开）",
)
def public_catalogs(request, year: int | None = YEAR):
    qs = DecisionCatalog.objects.filter(state=DecisionCatalog.State.PUBLISHED).select_related(
        "unit"
    )
    if year:
        qs = qs.filter(year=year)
    out = []
    for c in qs.order_by("-year", "pk").prefetch_related("versions"):
        v = max(c.versions.all(), key=lambda x: x.version)
        adjustments = CatalogAdjustment.objects.filter(
            catalog=c, version__isnull=False
        ).select_related("item")
        out.append(
            {
                "id": c.pk,
                "year": c.year,
                "unit": c.unit.name,
                "title": c.title,
                "version": v.version,
                "published_on": v.published_on,
                "channel": v.channel,
                "party_agreed_on": v.party_agreed_on,
                "items": v.items,
                "adjustments": [
                    {
                        "kind": a.kind,
                        "title": a.item.title,
                        "reason": mask_text(a.reason),
                        "decided_on": a.decided_on,
                        "version": a.version,
                    }
                    for a in adjustments
                ],
            }
        )
    return out


@router.get("", response=list[DecisionOut], summary="重大行政决策（按权限范围）")
@paginate(LimitOffset)
def decisions(request, year: int | None = YEAR, state: str | None = None):
    qs = access.restrict(MajorDecision.objects.select_related("unit"), _user(request), "view")
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-year", "pk")


@router.get("{int:pk}", response=DecisionDetail, summary="决策详情（各程序登记情况）")
def decision(request, pk: int):
    d = access.get_for(
        _user(request),
        MajorDecision.objects.select_related("unit", "item"),
        "view",
        pk=pk,
    )
    return {
        **_decision(d),
        "catalog_id": d.item.catalog_id,
        "catalog_number": d.item.number,
        "draft": d.draft,
        "explanation": d.explanation,
        "legality_summary": d.legality_summary,
        "party_reported_on": d.party_reported_on,
        "publication_channel": d.publication_channel,
        "document_number": d.document_number,
        "archived_on": d.archived_on,
        "meetings": list(
            d.meetings.values(
                "meeting_kind", "meeting_name", "meeting_on", "attendees", "outcome", "dissent"
            )
        ),
        "evaluations": list(
            d.evaluations.values(
                "trigger", "evaluator", "third_party", "started_on", "finished_on", "recommendation"
            )
        ),
    }
