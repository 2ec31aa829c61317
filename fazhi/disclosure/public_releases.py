"""主动公开 on the portal (条例 第十九—二十六条): each agency's 政府信息公开目录 by the
第二十条 categories, its published releases (filter by heading and year, search, pages),
a release with its 索引号, 文号, 公开日期, 发布机构, text, public attachments and its 政策解读,
and the interpretations.

Only what is published and not withdrawn shows (drafts and withdrawn releases answer 404).
Normative documents (第二十条第一项) are not copied here: the unit's page lists them from
the documents module's public registry (``documents.interface``) and links there. Text the
staff typed goes out through core's masking, as on every public page.
"""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from fazhi.core.masking import mask_text
from fazhi.core.models import Attachment, OrgUnit
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public
from fazhi.core.rule_checks import today

from . import conf, rules
from .models import CatalogueItem, Interpretation, ProactiveRelease

PER_PAGE = 20
MAX_QUERY = 100
CATEGORY = dict(rules.CATEGORIES)
# The attachments the services mark as published with the record (releases.create_release,
# releases.publish_interpretation); anything else on the record stays in the office.
PUBLIC_FILES = {
    "disclosure.proactiverelease": "公开信息附件",
    "disclosure.interpretation": "解读材料",
}
UNIT_KINDS = (OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP)


def register() -> None:
    """The portal's section and the home page's feed (called from apps.ready)."""
    register_public(
        PublicSection(
            "政府信息公开",
            "disclosure_public:home",
            "区政府、各部门和乡镇（街道）的政府信息公开目录、主动公开信息和政策解读；"
            "网上申请政府信息公开（无需注册），凭申请编号和查询码查询办理进度。",
            order=25,
        )
    )
    register_latest(latest)


def units() -> QuerySet:
    """The agencies that publish: the government, its departments, the townships."""
    return OrgUnit.objects.filter(active=True, kind__in=UNIT_KINDS).order_by(
        "kind", "sort_order", "code"
    )


def visible_releases() -> QuerySet:
    return ProactiveRelease.objects.filter(
        state=ProactiveRelease.State.PUBLISHED, published_on__lte=today()
    ).select_related("unit", "catalogue")


def visible_interpretations() -> QuerySet:
    return Interpretation.objects.filter(
        withdrawn_on__isnull=True, published_on__lte=today()
    ).select_related("unit", "release")


def _int(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    return int(text) or None


def _shown(rows):
    """Rows with ``shown_title``: the title as typed, through core's masking."""
    rows = list(rows)
    for r in rows:
        r.shown_title = mask_text(r.title)
        r.shown_document_title = mask_text(getattr(r, "document_title", ""))
    return rows


def _catalogue(unit: OrgUnit, counts: dict[int, int], items=None) -> list[dict]:
    """The unit's active headings grouped by 第二十条 category, with the number published."""
    if items is None:
        items = CatalogueItem.objects.filter(unit=unit, active=True)
    items = sorted(items, key=lambda i: (i.category, i.sort_order, i.pk))
    return [
        {
            "category": cat,
            "label": CATEGORY[cat],
            "items": [{"item": i, "count": counts.get(i.pk, 0)} for i in group],
        }
        for cat, group in groupby(items, key=lambda i: i.category)
    ]


def home(request):
    """The list of agencies, each with its 公开目录 (folded) and how much it published."""
    counts = dict(visible_releases().values_list("catalogue_id").annotate(n=Count("pk")).order_by())
    per_unit = dict(visible_releases().values_list("unit_id").annotate(n=Count("pk")).order_by())
    by_unit: dict[int, list[CatalogueItem]] = {}
    for i in CatalogueItem.objects.filter(active=True, unit__in=units()):
        by_unit.setdefault(i.unit_id, []).append(i)
    groups = []
    for kind, label in OrgUnit.Kind.choices:
        if kind not in UNIT_KINDS:
            continue
        rows = [
            {
                "unit": u,
                "count": per_unit.get(u.pk, 0),
                "catalogue": _catalogue(u, counts, by_unit.get(u.pk, [])),
            }
            for u in units().filter(kind=kind)
        ]
        if rows:
            groups.append({"label": label, "rows": rows})
    latest_rows = _shown(visible_releases().defer("body")[:10])
    return render(
        request,
        "disclosure/public/home.html",
        {"groups": groups, "latest": latest_rows, "days": conf.proactive_working_days()},
    )


def unit_page(request, code: str):
    unit = get_object_or_404(units(), code=code)
    qs = visible_releases().filter(unit=unit)
    counts = dict(qs.values_list("catalogue_id").annotate(n=Count("pk")).order_by())
    catalogue = _catalogue(unit, counts)
    item_pk = _int(request.GET.get("catalogue"))
    item = CatalogueItem.objects.filter(unit=unit, pk=item_pk).first() if item_pk else None
    year = _int(request.GET.get("year"))
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    years = sorted({d.year for d in qs.dates("published_on", "year")}, reverse=True)
    if item is not None:
        qs = qs.filter(catalogue=item)
    if year in years:
        qs = qs.filter(published_on__year=year)
    else:
        year = None
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(document_number__icontains=q)
            | Q(index_number__icontains=q)
            | Q(body__icontains=q)
        )
    page = Paginator(qs.defer("body"), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _shown(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    documents = None
    if item is None or item.category == 1:
        from fazhi.documents import interface as documents_interface

        total, rows = documents_interface.published_documents_of(unit, today=today(), limit=10)
        documents = {
            "total": total,
            "rows": rows,
            "library": f"{reverse('documents_public:list')}?issuer={unit.pk}&status=all",
        }
    return render(
        request,
        "disclosure/public/unit.html",
        {
            "unit": unit,
            "catalogue": catalogue,
            "page": page,
            "query": f"{params.urlencode()}&" if params else "",
            "years": years,
            "f": {"catalogue": item, "year": year, "q": q},
            "documents": documents,
            "interpretations": _shown(
                visible_interpretations().filter(unit=unit).defer("body")[:5]
            ),
        },
    )


def _files(obj) -> list[Attachment]:
    label = obj._meta.label_lower
    return list(
        Attachment.objects.filter(
            record_type=label, record_id=str(obj.pk), description=PUBLIC_FILES[label]
        ).order_by("uploaded_at", "pk")
    )


def release_page(request, pk: int):
    rel = visible_releases().filter(pk=pk).first()
    if rel is None:
        raise Http404("该信息不存在、尚未公开或已撤回")
    return render(
        request,
        "disclosure/public/release.html",
        {
            "rel": rel,
            "title": mask_text(rel.title),
            "body": mask_text(rel.body),
            "category": CATEGORY[rel.catalogue.category],
            "files": _files(rel),
            "interpretations": _shown(visible_interpretations().filter(release=rel).defer("body")),
        },
    )


def interpretation_list(request):
    qs = visible_interpretations()
    unit_pk = _int(request.GET.get("unit"))
    if unit_pk:
        qs = qs.filter(unit_id=unit_pk)
    page = Paginator(qs.defer("body"), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = _shown(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "disclosure/public/interpretations.html",
        {
            "page": page,
            "query": f"{params.urlencode()}&" if params else "",
            "units": units().filter(pk__in=visible_interpretations().values("unit_id")),
            "unit": unit_pk,
        },
    )


def interpretation_page(request, pk: int):
    obj = visible_interpretations().filter(pk=pk).first()
    if obj is None:
        raise Http404("该解读不存在或已撤回")
    release = visible_releases().filter(pk=obj.release_id).first() if obj.release_id else None
    document = None
    if release is None and obj.document_ref:
        from fazhi.documents import interface as documents_interface

        document = documents_interface.public_document(obj.document_ref, today=today())
    return render(
        request,
        "disclosure/public/interpretation.html",
        {
            "obj": obj,
            "title": mask_text(obj.title),
            "body": mask_text(obj.body),
            "release": release,
            "release_title": mask_text(release.title) if release else "",
            "document_title": mask_text(obj.document_title),
            "document": document,
            "files": _files(obj),
        },
    )


def public_file(request, pk: int):
    """An attachment published with a visible release or interpretation; nothing else."""
    att = Attachment.objects.filter(pk=pk, record_type__in=PUBLIC_FILES).first()
    if att is None or att.description != PUBLIC_FILES[att.record_type]:
        raise Http404("文件不存在")
    owner = (
        visible_releases()
        if att.record_type == "disclosure.proactiverelease"
        else visible_interpretations()
    )
    if not (att.record_id.isdigit() and owner.filter(pk=int(att.record_id)).exists()):
        raise Http404("文件不存在")
    resp = FileResponse(
        att.file.open("rb"), as_attachment=True, filename=att.original_name, content_type=att.mime
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def latest(limit: int) -> list[Publication]:
    return [
        Publication(
            "政府信息公开",
            f"{r.unit.name}：{mask_text(r.title)}",
            r.published_on,
            reverse("disclosure_public:release", args=[r.pk]),
        )
        for r in visible_releases().defer("body")[:limit]
    ]


urlpatterns = [
    path("", home, name="home"),
    path("units/<str:code>/", unit_page, name="unit"),
    path("releases/<int:pk>/", release_page, name="release"),
    path("interpretations/", interpretation_list, name="interpretations"),
    path("interpretations/<int:pk>/", interpretation_page, name="interpretation"),
    path("files/<int:pk>/", public_file, name="file"),
]
