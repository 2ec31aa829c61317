"""Office pages of the 政府信息公开工作年度报告: the list (and opening a year's report), the
report page (its tables computed now, the form's check, the deadline, the record), the
narrative editor with a first draft from the records, publication, and DOCX/HTML out.

Each unit's clerks write their own unit's report; the coordinator (依法治区办) and the
司法局 read every unit's (``annual.scope``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.deadlines import status_of
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param, year_param
from fazhi.core.refusals import FAILURES, failure
from fazhi.core.remaining import Remaining

from . import forms_annual
from .annual import check, services, tables
from .annual import render as annual_render
from .models import DisclosureAnnualReport as Report

PER_PAGE = 50


def reports_for(user, action: str = "view"):
    return access.restrict(Report.objects.select_related("unit", "deadline"), user, action)


def _units(user):
    return access.restrict(OrgUnit.objects.filter(active=True), user, "change").order_by(
        "sort_order", "code"
    )


@login_required
def report_list(request):
    g = request.GET
    qs = reports_for(request.user)
    f: dict = {}
    year = year_param(g.get("year"))
    if year:
        qs, f["year"] = qs.filter(year=year), year
    unit = int_param(g.get("unit"))
    if unit:
        qs, f["unit"] = qs.filter(unit_id=unit), unit
    if g.get("state") in Report.State.values:
        qs, f["state"] = qs.filter(state=g["state"]), g["state"]
    units = _units(request.user)
    form = forms_annual.CreateForm(
        request.POST or None, units=units, initial={"year": core.today().year - 1}
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST" and not units.exists():
        errors, status = ["只能由本单位工作人员创建本单位的年度报告"], 403
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = services.create(unit=d["unit"], year=d["year"], actor=request.user)
                messages.success(request, f"已创建{services.title(report)}")
                return redirect("disclosure:annual_report", pk=report.pk)
            except FAILURES as e:
                errors, status = failure(e)
    page = Paginator(qs.order_by("-year", "unit__sort_order", "unit__code"), PER_PAGE).get_page(
        g.get("page")
    )
    keep = g.copy()
    keep.pop("page", None)
    return render(
        request,
        "disclosure/annual_list.html",
        {
            "page": page,
            "rows": [(r, services.due_on(r), services.is_late(r)) for r in page],
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "states": Report.State.choices,
            "filter_units": OrgUnit.objects.filter(
                pk__in=reports_for(request.user).values("unit_id")
            ).order_by("sort_order", "code"),
            "form": form if units.exists() else None,
            "errors": errors,
        },
        status=status,
    )


def _clock(report, user):
    if not report.deadline_id:
        return None
    today = core.today()
    dl = Deadline.objects.get(pk=report.deadline_id)
    return {
        "label": "公开年度报告",
        "deadline": dl,
        "status": status_of(dl, today, Remaining(today)),
        "pauses": [],
        "extensions": [],
        "explanation": core.explain(dl),
        "visible": True,
    }


@login_required
def report_detail(request, pk: int):
    user = request.user
    report = access.get_for(user, reports_for(user), "view", pk=pk)
    may_change = report.state == Report.State.DRAFT and access.can(user, "change", report.unit)
    form = forms_annual.PublishForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not access.can(user, "change", report.unit):
            errors, status = ["只能公开本单位的政府信息公开工作年度报告"], 403
        else:
            status = 400
            if form.is_valid():
                try:
                    services.publish(report, on=form.cleaned_data["published_on"], actor=user)
                    messages.success(request, f"已公开{services.title(report)}")
                    return redirect("disclosure:annual_report", pk=report.pk)
                except FAILURES as e:
                    errors, status = failure(e)
    data = tables.for_report(report)
    return render(
        request,
        "disclosure/annual_detail.html",
        {
            "x": report,
            "body": annual_render.html_body(report, data),
            "failures": check.failures(data["section3"]),
            "clocks": [c for c in [_clock(report, user)] if c],
            "due": services.due_on(report),
            "late": services.is_late(report),
            "may_change": may_change,
            "form": form if may_change else None,
            "errors": errors,
            "history": events.history("disclosure.disclosureannualreport", str(report.pk), user),
        },
        status=status,
    )


@login_required
def report_edit(request, pk: int):
    user = request.user
    report = access.get_for(user, reports_for(user, "change"), "change", pk=pk)
    errors: list[str] = []
    status = 200
    if report.state == Report.State.PUBLISHED:
        messages.info(request, "报告已经公开，不能再修改")
        return redirect("disclosure:annual_report", pk=report.pk)
    draft = services.draft(tables.compute(report.year, report.unit, report.fee_income))
    drafted = [label for name, label in services.NARRATIVE if not getattr(report, name)]
    initial = {name: getattr(report, name) or draft[name] for name, _ in services.NARRATIVE} | {
        "fee_income": report.fee_income
    }
    form = forms_annual.EditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.edit(
                    report, overview=d["overview"], problems=d["problems"],
                    other_matters=d["other_matters"], fee_income=d["fee_income"], actor=user,
                    seen=locking.seen(request),
                )  # fmt: skip
                messages.success(request, "已保存")
                return redirect("disclosure:annual_report", pk=report.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "disclosure/annual_edit.html",
        {"x": report, "form": form, "errors": errors, "drafted": drafted},
        status=status,
    )


@login_required
def report_download(request, pk: int, fmt: str):
    report = access.get_for(request.user, reports_for(request.user), "view", pk=pk)
    data = tables.for_report(report)
    name = f"{services.title(report)}.{fmt}"
    if fmt == "docx":
        body = annual_render.docx_bytes(report, data)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = annual_render.html_document(report, data).encode()
        kind = "text/html; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


urlpatterns = [
    path("reports/", report_list, name="annual_reports"),
    path("reports/<int:pk>/", report_detail, name="annual_report"),
    path("reports/<int:pk>/edit/", report_edit, name="annual_report_edit"),
    path(
        "reports/<int:pk>/report.docx", report_download, {"fmt": "docx"}, name="annual_report_docx"
    ),
    path(
        "reports/<int:pk>/report.html", report_download, {"fmt": "html"}, name="annual_report_html"
    ),
]
