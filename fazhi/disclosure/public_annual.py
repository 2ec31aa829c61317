"""The published 政府信息公开工作年度报告 on the portal (条例第四十九条: each department's by
31 January, the government's by 31 March): a list by unit and year, and each report as
published — its tables stored at publication, never recomputed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path

from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param, year_param
from fazhi.core.registry import PublicSection, register_public

from .annual import render as annual_render
from .annual import services, tables
from .models import DisclosureAnnualReport as Report

register_public(
    PublicSection(
        "政府信息公开工作年度报告",
        "disclosure_public:annual_reports",
        "区政府及各部门按国家统一格式编制的政府信息公开工作年度报告，可按单位和年度查阅。",
        order=46,
    )
)

PER_PAGE = 30


def published():
    return Report.objects.filter(state=Report.State.PUBLISHED).select_related("unit")


def report_list(request):
    qs = published()
    f: dict = {}
    year = year_param(request.GET.get("year"))
    if year:
        qs, f["year"] = qs.filter(year=year), year
    unit = int_param(request.GET.get("unit"))
    if unit:
        qs, f["unit"] = qs.filter(unit_id=unit), unit
    page = Paginator(qs.order_by("-year", "unit__sort_order", "unit__code"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "disclosure/annual_public_list.html",
        {
            "page": page,
            "rows": [(r, services.is_late(r)) for r in page],
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "units": OrgUnit.objects.filter(pk__in=published().values("unit_id")).order_by(
                "sort_order", "code"
            ),
            "years": sorted(set(published().values_list("year", flat=True)), reverse=True),
        },
    )


def report_page(request, pk: int):
    report = get_object_or_404(published(), pk=pk)
    return render(
        request,
        "disclosure/annual_public.html",
        {
            "x": report,
            "body": annual_render.html_body(report, tables.for_report(report)),
            "late": services.is_late(report),
            "due": services.due_on(report),
        },
    )


urlpatterns = [
    path("reports/", report_list, name="annual_reports"),
    path("reports/<int:pk>/", report_page, name="annual_report"),
]
