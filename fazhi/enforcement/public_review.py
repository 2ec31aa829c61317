"""Portal pages of supervision: each agency's annual 行政执法数据 (国办发〔2018〕118号, by
31 January, late ones flagged) and the results of finished 案卷评查 campaigns per agency.
Only counts: no case number, party, reviewer or complainant."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from fazhi.core.registry import PublicSection, register_public

from .models import AnnualDataPublication, ReviewCampaign
from .services import casefile_review as review
from .services import supervision as sv

register_public(
    PublicSection(
        "行政执法数据与案卷评查",
        "enforcement_public:annual_data",
        "各行政执法主体公开的上年度行政执法数据，以及案卷评查结果（按执法主体）。",
        order=45,
    )
)


def annual_data(request):
    pubs = AnnualDataPublication.objects.select_related("agency").order_by("-year", "agency__name")
    years: dict[int, list] = {}
    for p in pubs:
        years.setdefault(p.year, []).append((p, sv.figure_rows(p.figures)))
    campaigns = [
        (c, review.results(c.files.all()))
        for c in ReviewCampaign.objects.filter(state=ReviewCampaign.State.CLOSED).order_by(
            "-year", "-pk"
        )
    ]
    return render(
        request,
        "enforcement/public_annual_data.html",
        {"years": sorted(years.items(), reverse=True), "campaigns": campaigns},
    )


urlpatterns = [path("data/", annual_data, name="annual_data")]
