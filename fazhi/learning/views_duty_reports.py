"""Office pages of 述法: the list (filters, search, XLSX export), registering and correcting a
report (stale-version protection), its page with the evaluation and the full-process
record, and the round page of a year: which units' principals have reported, who has not
yet, and the evaluations (《关于完善国家工作人员学法用法制度的意见》; 第一责任人职责规定
第十条). Every query goes through ``core.access``; every change through
``services/duty_reports.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.params import year_param
from fazhi.core.refusals import FAILURES, failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_education as forms
from . import rules
from .models import LawDutyReport, Official
from .services import duty_reports as svc
from .views_education import EXPORT_LIMIT, PER_PAGE, query_strings, unit_narrow, units_for

REP = LawDutyReport


def reports_for(user, action: str = "view"):
    return access.restrict(REP.objects.select_related("unit", "official"), user, action)


def filtered(user, g):
    qs = reports_for(user)
    f: dict = {}
    qs, unit = unit_narrow(qs, g.get("unit"))
    if unit:
        f["unit"] = unit.pk
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(year=year)
        f["year"] = year
    form = g.get("form", "")
    if form in REP.Form.values:
        qs = qs.filter(form=form)
        f["form"] = form
    ev = g.get("evaluation", "")
    if ev in REP.Evaluation.values:
        qs = qs.filter(evaluation=ev)
        f["evaluation"] = ev
    elif ev == "none":
        qs = qs.filter(evaluation="")
        f["evaluation"] = ev
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(official__name__contains=q) | Q(meeting__contains=q)
                       | Q(content__contains=q))  # fmt: skip
        f["q"] = q
    return qs.order_by("-year", "unit__sort_order", "unit__code", "pk"), f


@login_required
def report_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query, export_query = query_strings(request)
    return render(request, "learning/duty_report_list.html", {
        "page": page, "f": f, "query": query, "export_query": export_query,
        "units": units_for(user), "forms": REP.Form.choices, "evaluations": REP.Evaluation.choices,
        "may_create": access.allowed_unit_choices(user).exists(),
    })  # fmt: skip


@login_required
def report_export(request):
    qs, _ = filtered(request.user, request.GET)
    header = ["述法年度", "单位", "述法人", "职务", "形式", "述法日期", "述法会议", "评议结果",
              "评议得分", "评议主体", "评议日期"]  # fmt: skip
    rows = [
        [r.year, r.unit.name, r.official.name, r.official.post, r.get_form_display(),
         r.reported_on, r.meeting, r.get_evaluation_display(),
         float(r.score) if r.score is not None else None, r.evaluated_by, r.evaluated_on]
        for r in qs[:EXPORT_LIMIT]
    ]  # fmt: skip
    return xlsx("述法", header, rows, f"learning-duty-reports-{today():%Y%m%d}.xlsx")


def leaders_for(user):
    return access.restrict(
        Official.objects.filter(level__in=rules.LEADER_LEVELS, left_on__isnull=True), user,
        "change",
    ).order_by("unit__sort_order", "unit__code", "level", "name")  # fmt: skip


@login_required
def report_new(request):
    user = request.user
    if not access.allowed_unit_choices(user).exists():
        raise PermissionDenied("只有经办人员可以登记述法")
    initial = {"year": today().year - 1 if today().month <= 3 else today().year}
    if request.method == "GET" and year_param(request.GET.get("year")):
        initial["year"] = year_param(request.GET.get("year"))
    form = forms.DutyReportForm(request.POST or None, officials=leaders_for(user),
                                initial=initial)  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                rep = svc.record_report(
                    official=d["official"], year=d["year"], form=d["form"],
                    reported_on=d["reported_on"], meeting=d["meeting"], content=d["content"],
                    actor=user,
                )  # fmt: skip
                messages.success(request, "已登记述法")
                return redirect("learning:duty_report", rep.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/duty_report_form.html",
                  {"form": form, "errors": errors, "obj": None}, status=status)  # fmt: skip


@login_required
def report_detail(request, pk: int):
    user = request.user
    rep = access.get_for(user, reports_for(user), "view", pk=pk)
    may_change = access.can(user, "change", rep.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action != "evaluate":
        raise Http404("未知操作")
    if action and not may_change:
        raise PermissionDenied("只能办理本单位的述法")
    initial = {"evaluation": rep.evaluation, "score": rep.score,
               "evaluated_by": rep.evaluated_by, "evaluated_on": rep.evaluated_on}  # fmt: skip
    eval_form = forms.EvaluationForm(prefix="ev", initial=initial)
    errors: list[str] = []
    status = 200
    if action == "evaluate":
        status = 400
        eval_form = forms.EvaluationForm(request.POST, prefix="ev")
        if eval_form.is_valid():
            d = eval_form.cleaned_data
            try:
                svc.evaluate(rep, evaluation=d["evaluation"], score=d["score"],
                             evaluated_by=d["evaluated_by"], evaluated_on=d["evaluated_on"],
                             actor=user)  # fmt: skip
                messages.success(request, "已登记评议结果")
                return redirect("learning:duty_report", rep.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/duty_report_detail.html", {
        "x": rep, "may_change": may_change, "eval_form": eval_form, "errors": errors,
        "history": events.history("learning.lawdutyreport", str(rep.pk)),
    }, status=status)  # fmt: skip


@login_required
def report_edit(request, pk: int):
    """更正: the form carries the version it was opened at (core/locking.py)."""
    user = request.user
    rep = access.get_for(user, reports_for(user), "change", pk=pk)
    initial = {"form": rep.form, "reported_on": rep.reported_on, "meeting": rep.meeting,
               "content": rep.content}  # fmt: skip
    form = forms.DutyReportForm(request.POST or None, initial=initial, editing=True)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.edit_report(rep, form=d["form"], reported_on=d["reported_on"],
                                meeting=d["meeting"], content=d["content"],
                                version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存更正")
                return redirect("learning:duty_report", rep.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/duty_report_form.html",
                  {"form": form, "errors": errors, "obj": rep}, status=status)  # fmt: skip


@login_required
def report_round(request):
    """The year's 述法 round: for each unit in the viewer's scope, its principals (党政主要
    负责人) and whether each has reported, and every report of the year with its evaluation."""
    user = request.user
    year = year_param(request.GET.get("year")) or (today().year - 1)
    units = list(units_for(user).exclude(kind="community"))
    principals = (
        access.restrict(Official.objects.filter(level="principal"), user)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=f"{year}-01-01"))
        .select_related("unit")
    )  # fmt: skip
    reports = {r.official_id: r for r in reports_for(user).filter(year=year)}
    by_unit: dict[int, list] = {}
    for o in principals:
        by_unit.setdefault(o.unit_id, []).append((o, reports.get(o.pk)))
    rows = [(u, by_unit.get(u.pk, [])) for u in units]
    done = sum(1 for pairs in by_unit.values() for _, r in pairs if r)
    due = sum(len(pairs) for pairs in by_unit.values())
    others = [r for r in reports.values() if r.official.level != "principal"]
    return render(request, "learning/duty_report_round.html", {
        "year": year, "rows": rows, "done": done, "due": due, "missing": due - done, "others": others,
        "evaluated": sum(1 for r in reports.values() if r.evaluation),
        "reported": len(reports),
    })  # fmt: skip


urlpatterns = [
    path("duty-reports/", report_list, name="duty_reports"),
    path("duty-reports/export.xlsx", report_export, name="duty_report_export"),
    path("duty-reports/new/", report_new, name="duty_report_new"),
    path("duty-reports/round/", report_round, name="duty_report_round"),
    path("duty-reports/<int:pk>/", report_detail, name="duty_report"),
    path("duty-reports/<int:pk>/edit/", report_edit, name="duty_report_edit"),
]
