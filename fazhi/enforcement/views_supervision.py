"""Office pages of 行政执法监督: supervision checks (findings, rectification, closure),
complaints about enforcement, the 特邀行政执法监督员 roster and the annual 行政执法数据.
Lists and records go through ``access.restrict``: an agency's clerks see their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import urlencode

from fazhi.core import access, deadlines, events
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.indicators.registry import filter_by_figure

from . import forms_review as forms
from . import indicators_review
from .models import (
    Agency,
    AnnualDataPublication,
    EnforcementComplaint,
    SpecialSupervisor,
    SupervisionCheck,
    SupervisionFinding,
)
from .services import supervision as sv
from .views_review import FAILURES, failure, number, unit_filter, xlsx


def _supervisor(user) -> bool:
    return access.is_global(user, "change")


def _page(request, qs, per: int = 50):
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    return Paginator(qs, per).get_page(request.GET.get("page")), (
        urlencode(keep) + "&" if keep else ""
    )


# --- checks ---------------------------------------------------------------------------------


@login_required
def check_list(request):
    user = request.user
    qs = access.restrict(
        SupervisionCheck.objects.select_related("agency", "checker_unit"), user, "view"
    )
    g = request.GET
    year = number(g.get("year"), 1900, 2999)
    figured, banner = filter_by_figure(
        qs, indicators_review.CHECK_RECORDS, g.get("figure", ""), year, "监督检查"
    )
    if figured is not None:
        qs = figured
    elif year:
        qs = qs.filter(checked_on__year=year)
    qs, unit = unit_filter(qs, g.get("unit"))
    state = g.get("state", "")
    if state in SupervisionCheck.State.values:
        qs = qs.filter(state=state)
    if g.get("format") == "xlsx":
        return xlsx(
            "supervision-checks.xlsx",
            banner or "行政执法监督检查",
            ["检查日期", "被检查执法主体", "检查内容", "检查单位", "问题数", "状态", "办结日期"],
            (
                [
                    c.checked_on,
                    c.agency.name,
                    c.subject,
                    c.checker_unit.name,
                    c.n,
                    c.get_state_display(),
                    c.closed_on,
                ]
                for c in qs.annotate(n=Count("findings"))
            ),
        )
    page, query = _page(request, qs)
    keep = {k: v for k, v in g.items() if k != "page" and v}
    return render(
        request,
        "enforcement/supervision_checks.html",
        {
            "page": page,
            "query": query,
            "banner": banner,
            "unit": unit,
            "f": {"year": year or "", "state": state},
            "states": SupervisionCheck.State.choices,
            "can_create": _supervisor(user),
            "export": urlencode({**keep, "format": "xlsx"}),
        },
    )


@login_required
def check_new(request):
    user = request.user
    if not _supervisor(user):
        raise PermissionDenied("只有司法行政部门（统筹协调）可以登记监督检查")
    form = forms.CheckForm(user, request.POST or None, initial={"checked_on": core.today()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                check = sv.record_check(actor=user, **form.cleaned_data)
                messages.success(request, "已登记监督检查，请登记发现的问题和整改期限")
                return redirect("enforcement:supervision_check", pk=check.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "enforcement/supervision_form.html",
        {"form": form, "errors": errors, "title": "登记执法监督检查",
         "back": "enforcement:supervision_checks"},
        status=status,
    )  # fmt: skip


CHECK_ACTIONS = ("finding", "rectify", "close")


@login_required
def check_detail(request, pk: int):
    user = request.user
    check = access.get_for(
        user,
        SupervisionCheck.objects.select_related("agency", "checker_unit", "unit"),
        "view",
        pk=pk,
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in CHECK_ACTIONS:
        raise Http404("未知操作")
    today = core.today()

    def bound(name):
        return request.POST if name == action else None

    fs = {
        "finding": forms.FindingForm(bound("finding"), prefix="finding"),
        "rectify": forms.RectifyForm(bound("rectify"), prefix="rectify", initial={"on": today}),
        "close": forms.CloseForm(bound("close"), prefix="close", initial={"on": today}),
    }
    errors: list[str] = []
    status = 200
    if action:
        if not access.can(user, "change", check.unit):
            raise PermissionDenied("只能办理本单位的监督检查整改")
        form = fs[action]
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "finding":
                    sv.add_finding(check, description=d["description"], due_on=d["due_on"],
                                   actor=user)  # fmt: skip
                    done = "已登记问题，整改期限已上督办台"
                elif action == "rectify":
                    finding = SupervisionFinding.objects.filter(
                        pk=d["finding"], check_record=check
                    ).first()
                    if finding is None:
                        raise Http404("问题不存在")
                    sv.report_rectification(
                        finding, on=d["on"], rectification=d["rectification"], actor=user
                    )
                    done = "已报告整改情况"
                else:
                    sv.close_check(check, on=d["on"], note=d["note"], actor=user)
                    done = "监督检查已办结"
                messages.success(request, done)
                return redirect("enforcement:supervision_check", pk=check.pk)
            except FAILURES as e:
                errors, status = failure(e)
    findings = list(check.findings.select_related("deadline"))
    rows = [
        (f, deadlines.status_of(f.deadline, today) if f.deadline and not f.rectified_on else None)
        for f in findings
    ]
    open_ = check.state == SupervisionCheck.State.OPEN
    return render(
        request,
        "enforcement/supervision_check.html",
        {
            "c": check,
            "rows": rows,
            "forms": fs,
            "posted": action,
            "errors": errors,
            "can_supervise": open_ and _supervisor(user),
            "can_rectify": open_ and access.can(user, "change", check.unit),
            "history": events.history("enforcement.supervisioncheck", str(check.pk), user),
        },
        status=status,
    )


# --- complaints -----------------------------------------------------------------------------


@login_required
def complaint_list(request):
    user = request.user
    qs = access.restrict(
        EnforcementComplaint.objects.select_related("agency", "deadline"), user, "view"
    )
    state = request.GET.get("state", "")
    if state in EnforcementComplaint.State.values:
        qs = qs.filter(state=state)
    year = number(request.GET.get("year"), 1900, 2999)
    if year:
        qs = qs.filter(received_on__year=year)
    page, query = _page(request, qs)
    today = core.today()
    rows = [
        (c, deadlines.status_of(c.deadline, today) if c.deadline and c.state == "open" else None)
        for c in page
    ]
    return render(
        request,
        "enforcement/complaints.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "f": {"state": state, "year": year or ""},
            "states": EnforcementComplaint.State.choices,
            "can_create": access.can(user, "change"),
        },
    )


@login_required
def complaint_new(request):
    user = request.user
    if not access.can(user, "change"):
        raise PermissionDenied("只有经办人员可以登记投诉举报")
    form = forms.ComplaintForm(user, request.POST or None, initial={"received_on": core.today()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                c = sv.receive_complaint(actor=user, **form.cleaned_data)
                messages.success(request, f"已受理，应于{c.deadline.due_date:%Y-%m-%d}前办结")
                return redirect("enforcement:complaint", pk=c.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "enforcement/supervision_form.html",
        {"form": form, "errors": errors, "title": "受理执法投诉举报",
         "back": "enforcement:complaints"},
        status=status,
    )  # fmt: skip


@login_required
def complaint_detail(request, pk: int):
    user = request.user
    c = access.get_for(
        user, EnforcementComplaint.objects.select_related("agency", "unit", "deadline"), pk=pk
    )
    form = forms.ReplyForm(request.POST or None, initial={"on": core.today()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not access.can(user, "change", c.unit):
            raise PermissionDenied("只能办理本单位的投诉举报")
        status = 400
        if form.is_valid():
            try:
                sv.reply_complaint(c, actor=user, **form.cleaned_data)
                messages.success(request, "已答复")
                return redirect("enforcement:complaint", pk=c.pk)
            except FAILURES as e:
                errors, status = failure(e)
    dl = c.deadline
    visible = (
        dl is not None and access.restrict(Deadline.objects.filter(pk=dl.pk), user, "view").exists()
    )
    return render(
        request,
        "enforcement/complaint.html",
        {
            "c": c,
            "form": form,
            "errors": errors,
            "deadline": dl if visible else None,
            "status": deadlines.status_of(dl, core.today()) if visible else None,
            "can_reply": c.state == "open" and access.can(user, "change", c.unit),
            "history": events.history("enforcement.enforcementcomplaint", str(c.pk), user),
        },
        status=status,
    )


# --- 特邀行政执法监督员 ----------------------------------------------------------------------


@login_required
def supervisor_list(request):
    user = request.user
    qs = SpecialSupervisor.objects.select_related("unit")
    appointing = request.method == "POST" and "dismiss" not in request.POST
    form = forms.SupervisorForm(request.POST if appointing else None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not _supervisor(user):
            raise PermissionDenied("只有司法行政部门（统筹协调）可以聘请特邀监督员")
        status = 400
        pk = number(request.POST.get("dismiss"))
        try:
            if pk is not None:
                person = SpecialSupervisor.objects.filter(pk=pk).first()
                if person is None:
                    raise Http404("监督员不存在")
                sv.dismiss_supervisor(person, reason=request.POST.get("reason", ""), actor=user)
                messages.success(request, f"已解聘{person.name}")
                return redirect("enforcement:supervisors")
            if form.is_valid():
                p = sv.appoint_supervisor(actor=user, **form.cleaned_data)
                messages.success(request, f"已聘请{p.name}")
                return redirect("enforcement:supervisors")
        except FAILURES as e:
            errors, status = failure(e)
    return render(
        request,
        "enforcement/supervisors.html",
        {
            "people": qs,
            "form": form,
            "errors": errors,
            "today": core.today(),
            "can_edit": _supervisor(user),
        },
        status=status,
    )


# --- annual 行政执法数据 ---------------------------------------------------------------------


@login_required
def annual_data(request):
    """Per agency in the user's scope: the year's publication, or its computed figures and a
    form to publish them."""
    user = request.user
    today = core.today()
    year = number(request.GET.get("year"), 2000, 2999) or today.year - 1
    agencies = access.restrict(Agency.objects.filter(active=True), user, "view").order_by("name")
    form = forms.AnnualDataForm(request.POST or None, initial={"on": today})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            agency = (
                access.restrict(Agency.objects.all(), user, "change").filter(pk=d["agency"]).first()
            )
            if agency is None:
                raise PermissionDenied("只能公开本单位的行政执法数据")
            try:
                sv.publish_annual_data(agency, year=year, on=d["on"], actor=user)
                messages.success(request, f"已公开{agency.name}{year}年度行政执法数据")
                return redirect(f"{request.path}?year={year}")
            except FAILURES as e:
                errors, status = failure(e)
    published = {
        p.agency_id: p for p in AnnualDataPublication.objects.filter(year=year, agency__in=agencies)
    }
    figures = sv.annual_figures(year)
    rows = []
    for a in agencies:
        pub = published.get(a.pk)
        shown = pub.figures if pub else figures.get(a.pk, sv.empty_figures())
        rows.append(
            {
                "agency": a,
                "pub": pub,
                "figures": sv.figure_rows(shown),
                "can_publish": pub is None and access.can(user, "change", a.unit),
            }
        )
    from . import conf_review

    return render(
        request,
        "enforcement/annual_data.html",
        {
            "year": year,
            "years": range(today.year - 1, today.year - 6, -1),
            "due": conf_review.annual_data_due(year),
            "rows": rows,
            "form": form,
            "errors": errors,
            "posted_agency": number(request.POST.get("agency"))
            if request.method == "POST"
            else None,
        },
        status=status,
    )


urlpatterns = [
    path("supervision/checks/", check_list, name="supervision_checks"),
    path("supervision/checks/new/", check_new, name="supervision_check_new"),
    path("supervision/checks/<int:pk>/", check_detail, name="supervision_check"),
    path("supervision/complaints/", complaint_list, name="complaints"),
    path("supervision/complaints/new/", complaint_new, name="complaint_new"),
    path("supervision/complaints/<int:pk>/", complaint_detail, name="complaint"),
    path("supervision/supervisors/", supervisor_list, name="supervisors"),
    path("supervision/annual-data/", annual_data, name="annual_data"),
]
