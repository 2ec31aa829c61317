"""What the portal shows of major decisions: each published catalogue as last published
(its items and the history of in-year adjustments with their reasons), and each published
decision with its text, the explanation, how public and expert opinions were taken up,
and a link to its public consultation. Units are named; people are not (no experts,
actors, dissenters or reviewers appear)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse

from fazhi.core.masking import mask_text
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public

from .models import CatalogAdjustment, CatalogVersion, DecisionCatalog, MajorDecision

register_public(
    PublicSection(
        "重大行政决策",
        "decisions_public:list",
        "年度重大行政决策事项目录（经同级党委同意后公布）及其调整情况，已公布的重大行政决策。",
        order=15,
    )
)


def published_catalogs():
    return DecisionCatalog.objects.filter(state=DecisionCatalog.State.PUBLISHED).select_related(
        "unit"
    )


def published_decisions():
    return MajorDecision.objects.filter(state=MajorDecision.State.PUBLISHED).select_related(
        "unit", "body", "item__catalog"
    )


@register_latest
def latest(limit: int) -> list[Publication]:
    """Published decisions and each catalogue's latest published version (a re-published
    catalogue counts from the day of its new version)."""
    rows = [
        Publication(
            "重大行政决策",
            d.title,
            d.published_on,
            reverse("decisions_public:detail", args=[d.pk]),
        )
        for d in published_decisions().order_by("-published_on", "-pk")[:limit]
    ]
    versions = CatalogVersion.objects.filter(
        catalog__state=DecisionCatalog.State.PUBLISHED
    ).select_related("catalog")
    seen = set()
    for v in versions.order_by("-published_on", "-version", "-pk"):
        if v.catalog_id in seen:
            continue
        seen.add(v.catalog_id)
        title = v.catalog.title if v.version == 1 else f"{v.catalog.title}（调整后第{v.version}版）"
        rows.append(
            Publication(
                "决策事项目录",
                title,
                v.published_on,
                reverse("decisions_public:catalog", args=[v.catalog_id]),
            )
        )
        if len(seen) >= limit:
            break
    return rows


def consultation_link(decision: MajorDecision) -> str:
    """The public page of the decision's consultation, when there is one."""
    try:
        from fazhi.consultation import interface
    except ImportError:
        return ""
    cons = interface.consultation_for(decision)
    if cons is None or getattr(cons, "state", "") == "draft":
        return ""
    return f"/consultations/{cons.pk}/"


def public_list(request):
    catalogs = []
    for c in published_catalogs().order_by("-year", "unit__sort_order"):
        version = c.versions.order_by("-version").first()
        catalogs.append((c, version))
    decisions = published_decisions().order_by("-published_on", "-pk")
    return render(
        request,
        "decisions/public_list.html",
        {"catalogs": catalogs, "decisions": decisions},
    )


def public_catalog(request, pk: int):
    catalog = published_catalogs().filter(pk=pk).first()
    if catalog is None:
        raise Http404("目录不存在或尚未公布")
    versions = list(catalog.versions.order_by("-version"))
    current = versions[0]
    adjustments = (
        CatalogAdjustment.objects.filter(catalog=catalog, version__isnull=False)
        .select_related("item__unit")
        .order_by("version", "decided_on", "pk")
    )
    decided = {
        d.item_id: d
        for d in MajorDecision.objects.filter(
            item__catalog=catalog, state=MajorDecision.State.PUBLISHED
        ).only("pk", "item_id")
    }
    items = [(row, decided.get(_item_id(catalog, row))) for row in current.items]
    return render(
        request,
        "decisions/public_catalog.html",
        {
            "catalog": catalog,
            "current": current,
            "items": items,
            "versions": versions,
            "adjustments": adjustments,
        },
    )


def _item_id(catalog: DecisionCatalog, row: dict):
    """The item behind a snapshot row (number and title, as published)."""
    cache = getattr(catalog, "_item_ids", None)
    if cache is None:
        cache = {(i.number, i.title): i.pk for i in catalog.items.all()}
        catalog._item_ids = cache
    return cache.get((row.get("number"), row.get("title")))


def public_detail(request, pk: int):
    decision = published_decisions().filter(pk=pk).first()
    if decision is None:
        raise Http404("决策不存在或尚未公布")
    meeting = decision.meetings.filter(outcome="approved").order_by("-meeting_on").first()
    return render(
        request,
        "decisions/public_detail.html",
        {
            "d": decision,
            "meeting": meeting,
            "consultation_url": consultation_link(decision),
            # How the public's comments were taken up may quote them: masked like every
            # text the public typed (core.masking).
            "adoption_note": mask_text(decision.adoption_note),
        },
    )


app_name = "decisions_public"
urlpatterns = [
    path("", public_list, name="list"),
    path("catalogs/<int:pk>/", public_catalog, name="catalog"),
    path("<int:pk>/", public_detail, name="detail"),
]
