"""What the portal shows of reports: published annual reports, with their publication date
and whether publication was on time. Each figure links to its entry in the report's 数据来源
appendix (the public cannot open the back-office records behind it)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe

from fazhi.core.printing import source_address
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public

from .deadlines import publish_due
from .export import render_html
from .models import AnnualReport
from .sources import figure_sources

register_public(
    PublicSection(
        "法治政府建设年度报告",
        "reports_public:list",
        "按《法治政府建设与责任落实督察工作规定》每年4月1日前向社会公开的年度报告。",
        order=10,
    )
)


def published():
    return AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).select_related("unit")


@register_latest
def latest(limit: int) -> list[Publication]:
    return [
        Publication(
            "年度报告", r.title, r.published_on, reverse("reports_public:detail", args=[r.pk])
        )
        for r in published().order_by("-published_on", "-pk")[:limit]
    ]


def public_list(request):
    rows = [(r, r.published_on > publish_due(r.year)) for r in published()]
    return render(request, "reports/public_list.html", {"rows": rows})


def _body(report):
    return mark_safe(
        render_html(
            report.doc,
            link_figures=False,
            sources=figure_sources(report.doc, report.unit, public=True),
        )
    )


def public_print(request, pk: int):
    """打印版: the report with its title, publication date and source address, no navigation."""
    report = published().filter(pk=pk).first()
    if report is None:
        raise Http404("报告不存在或尚未发布")
    detail = reverse("reports_public:detail", args=[report.pk])
    return render(
        request,
        "portal/print.html",
        {
            "title": report.title,
            "issuer": report.unit.name,
            "date": report.published_on,
            "source": source_address(request, detail),
            "source_path": detail,
            "body": _body(report),
        },
    )


def public_detail(request, pk: int):
    report = published().filter(pk=pk).first()
    if report is None:
        raise Http404("报告不存在或尚未发布")
    return render(
        request,
        "reports/public_detail.html",
        {
            "report": report,
            "late": report.published_on > publish_due(report.year),
            "due": publish_due(report.year),
            "body": _body(report),
        },
    )


app_name = "reports_public"
urlpatterns = [
    path("", public_list, name="list"),
    path("<int:pk>/", public_detail, name="detail"),
    path("<int:pk>/print/", public_print, name="print"),
]
