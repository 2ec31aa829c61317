"""事后公示 on the portal (国办发〔2018〕118号): the published enforcement decisions,
filterable by agency, kind and year, each showing only ``Publication.content`` — the text
masked by core when it was published (``services.publication.public_text``) — never the
case's own fields. A late publication is marked 逾期公示; a withdrawn one shows the
withdrawal note in its place (行政处罚法 第48条第2款)."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.masking import mask_text
from fazhi.core.registry import Publication as Latest
from fazhi.core.registry import PublicSection, register_latest, register_public

from .models import Agency, CaseKind, Publication

register_public(
    PublicSection(
        "行政执法决定公示",
        "enforcement_public:decisions",
        "行政许可、行政处罚等执法决定自作出之日起按期公示（已脱敏），可按执法主体、类别和年份筛选；"
        "逾期公示的予以标注，被撤销或变更的决定撤回并说明理由。",
        order=30,
    )
)

PER_PAGE = 20


def published() -> QuerySet:
    today = timezone.localdate()
    return (
        Publication.objects.filter(published_on__isnull=False, published_on__lte=today)
        .select_related("case__agency")
        .order_by("-published_on", "-pk")
    )


def _int(value) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text) or None


def _line(content: str, label: str) -> str:
    for line in content.splitlines():
        if line.startswith(f"{label}："):
            return line.removeprefix(f"{label}：")
    return ""


def _row(pub: Publication) -> dict:
    """What the list shows of one publication: from its masked content only."""
    return {
        "pk": pub.pk,
        "number": _line(pub.content, "决定书文号"),
        "agency": pub.case.agency.name,
        "kind": pub.case.get_kind_display(),
        "subject": _line(pub.content, "案由"),
        "result": _line(pub.content, "处理结果"),
        "published_on": pub.published_on,
        "late": pub.late,
        "withdrawn_on": pub.withdrawn_on,
        "withdraw_reason": mask_text(pub.withdraw_reason),
    }


def decision_list(request):
    qs = published()
    agency, kind = _int(request.GET.get("agency")), request.GET.get("kind", "")
    year = _int(request.GET.get("year"))
    if agency:
        qs = qs.filter(case__agency_id=agency)
    if kind in CaseKind.values:
        qs = qs.filter(case__kind=kind)
    else:
        kind = ""
    if year and 1900 <= year <= 2999:
        qs = qs.filter(
            published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31)
        )
    else:
        year = None
    page = Paginator(qs.defer("case__facts"), PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    years = sorted({d.year for d in published().dates("published_on", "year")}, reverse=True)
    return render(
        request,
        "enforcement/public_decisions.html",
        {
            "page": page,
            "rows": [_row(p) for p in page],
            "query": f"{params.urlencode()}&" if params else "",
            "agencies": Agency.objects.filter(
                pk__in=published().values("case__agency_id")
            ).order_by("name"),
            "kinds": CaseKind.choices,
            "years": years,
            "f": {"agency": agency, "kind": kind, "year": year},
        },
    )


def decision_detail(request, pk: int):
    pub = published().filter(pk=pk).first()
    if pub is None:
        raise Http404("该决定不存在或尚未公示")
    return render(
        request,
        "enforcement/public_decision.html",
        {"p": _row(pub), "lines": [] if pub.withdrawn_on else pub.content.splitlines()},
    )


@register_latest
def latest(limit: int) -> list[Latest]:
    rows = published().filter(withdrawn_on__isnull=True)[:limit]
    return [
        Latest(
            "执法决定公示",
            f"{p.case.agency.name} {_line(p.content, '决定书文号')}",
            p.published_on,
            reverse("enforcement_public:decision", args=[p.pk]),
        )
        for p in rows
    ]


urlpatterns = [
    path("decisions/", decision_list, name="decisions"),
    path("decisions/<int:pk>/", decision_detail, name="decision"),
]
