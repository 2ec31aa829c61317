"""What the portal shows of reports: published annual reports, with their publication date
and whether publication was on time. Each figure links to its entry in the report's 数据来源
appendix (the public cannot open the back-office records behind it)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

from fazhi.core.registry import PublicSection, register_public

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


def public_list(request):
    rows = [(r, r.published_on > publish_due(r.year)) for r in published()]
    return render(request, "reports/public_list.html", {"rows": rows})


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
            "body": mark_safe(
                render_html(
                    report.doc,
                    link_figures=False,
                    sources=figure_sources(report.doc, report.unit, public=True),
                )
            ),
        },
    )


app_name = "reports_public"
urlpatterns = [
    path("", public_list, name="list"),
    path("<int:pk>/", public_detail, name="detail"),
]
