"""Office pages of 年度考法 (法治理论知识考试): the exams (filter, paginate, XLSX export),
register and edit one (one per unit and year; stale-version protection), and its page: the
results typed one by one or imported from a score sheet (all rows or none, bad rows by
line), the pass rate, the full-process record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.params import year_param
from fazhi.core.refusals import failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_exams as forms
from .models import Exam, Official
from .services import exams as svc
from .views_officials import (
    EXPORT_LIMIT,
    FAILURES,
    IMPORT_MAX_BYTES,
    filter_units,
    form_page,
    list_page,
    may_create,
    paged,
    picker,
    scoped,
    text,
    unit_select,
    units_for,
)  # fmt: skip

BASE = "/office/learning/exams/"


def filtered(user, g):
    qs = scoped(Exam, user).annotate(
        taken=Count("results", filter=Q(results__absent=False)),
        passed=Count("results", filter=Q(results__absent=False,
                                         results__score__gte=F("pass_mark"))),
        absent=Count("results", filter=Q(results__absent=True)),
    )  # fmt: skip
    f: dict = {}
    qs = filter_units(qs, g, f)
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(year=year)
        f["year"] = year
    return qs.order_by("-year", "unit__sort_order", "-pk"), f


def rate(passed: int, taken: int) -> str:
    return f"{passed * 100 / taken:.1f}%" if taken else "—"


@login_required
def exam_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = paged(request, qs)
    rows = [
        {"url": f"{BASE}{e.pk}/",
         "cells": [e.name, e.year, e.unit.name, e.held_on.isoformat(), e.pass_mark, e.taken,
                   e.passed, e.absent, rate(e.passed, e.taken)]}
        for e in page
    ]  # fmt: skip
    return list_page(
        request, title="年度考法", note="法治理论知识考试：每个单位每年一次。",
        filters=[unit_select(user, f), text("year", "年度", f.get("year"), "number")],
        header=["考试名称", "年度", "组织单位", "考试日期", "合格分数线", "参考人数", "合格人数",
                "缺考人数", "合格率"],
        rows=rows, page=page,
        buttons=[("登记考试", f"{BASE}new/", True)] if may_create(user) else [],
        export=f"{BASE}export.xlsx", clear=BASE,
    )  # fmt: skip


@login_required
def exam_export(request):
    qs, _ = filtered(request.user, request.GET)
    rows = [[e.year, e.unit.name, e.name, e.held_on, float(e.pass_mark), e.taken, e.passed,
             e.absent, rate(e.passed, e.taken)] for e in qs[:EXPORT_LIMIT]]  # fmt: skip
    header = ["年度", "组织单位", "考试名称", "考试日期", "合格分数线", "参考人数", "合格人数",
              "缺考人数", "合格率"]  # fmt: skip
    return xlsx("年度考法", header, rows, f"learning-exams-{today():%Y%m%d}.xlsx")


@login_required
def exam_new(request):
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记考试")
    form = forms.ExamForm(request.POST or None, units=units,
                          initial={"unit": user.unit_id, "year": today().year})  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                e = svc.create_exam(unit=d["unit"], year=d["year"], name=d["name"],
                                    held_on=d["held_on"], pass_mark=d["pass_mark"], actor=user)  # fmt: skip
                messages.success(request, "已登记考试")
                return redirect(f"{BASE}{e.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="登记考试", crumbs=[("年度考法", BASE)], form=form,
                     errors=errors, status=status)  # fmt: skip


@login_required
def exam_detail(request, pk: int):
    user = request.user
    e = access.get_for(user, scoped(Exam, user), "view", pk=pk)
    may_change = access.can(user, "change", e.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ("result", "import"):
        raise Http404("未知操作")
    if action and not may_change:
        raise PermissionDenied("只能办理本单位的考试")
    officials = picker(user) if may_change else Official.objects.none()
    form = forms.ResultForm(prefix="r", officials=officials)
    upload = forms.ResultImportForm(prefix="imp")
    errors, status = [], 200
    if action == "result":
        status = 400
        form = forms.ResultForm(request.POST, prefix="r", officials=officials)
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.set_result(e, official=d["official"], score=d["score"], absent=d["absent"],
                               actor=user)  # fmt: skip
                messages.success(request, "已登记成绩")
                return redirect(f"{BASE}{e.pk}/")
            except FAILURES as err:
                errors, status = failure(err)
    elif action == "import":
        status = 400
        upload = forms.ResultImportForm(request.POST, request.FILES, prefix="imp")
        if upload.is_valid():
            f = upload.cleaned_data["file"]
            if f.size > IMPORT_MAX_BYTES:
                errors = [f"文件不能超过{IMPORT_MAX_BYTES // 1024 // 1024}MB"]
            else:
                try:
                    result = svc.import_results(e, svc.read_results(f.name, f), actor=user)
                except FAILURES as err:
                    errors, status = failure(err)
                else:
                    if result.errors:
                        errors = [*result.errors[:500], "未导入任何成绩，请修改后重新上传"]
                    else:
                        messages.success(request, f"已导入{result.saved}人的成绩")
                        return redirect(f"{BASE}{e.pk}/")
    results = e.results.select_related("official__unit").order_by(
        "official__unit__sort_order", "official__name"
    )
    rows = [(r, svc.passed(e, r)) for r in results]
    taken = sum(1 for r, _ in rows if not r.absent)
    passed = sum(1 for _, p in rows if p)
    return render(
        request,
        "learning/exam_detail.html",
        {"x": e, "rows": rows, "taken": taken, "passed": passed, "rate": rate(passed, taken),
         "absent": len(rows) - taken, "may_change": may_change, "form": form,
         "upload": upload, "errors": errors, "action": action,
         "history": events.history("learning.exam", str(e.pk))},
        status=status,
    )  # fmt: skip


@login_required
def exam_edit(request, pk: int):
    user = request.user
    e = access.get_for(user, scoped(Exam, user), "change", pk=pk)
    initial = {"name": e.name, "held_on": e.held_on, "pass_mark": e.pass_mark}
    form = forms.ExamForm(request.POST or None, initial=initial)
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.update_exam(e, name=d["name"], held_on=d["held_on"],
                                pass_mark=d["pass_mark"] if d["pass_mark"] is not None else e.pass_mark,
                                version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect(f"{BASE}{e.pk}/")
            except FAILURES as err:
                errors, status = failure(err)
    return form_page(request, title="修改考试", obj=e, form=form, errors=errors, status=status,
                     crumbs=[("年度考法", BASE), (e.name, f"{BASE}{e.pk}/")])  # fmt: skip


urlpatterns = [
    path("exams/", exam_list, name="exams"),
    path("exams/export.xlsx", exam_export, name="exam_export"),
    path("exams/new/", exam_new, name="exam_new"),
    path("exams/<int:pk>/", exam_detail, name="exam"),
    path("exams/<int:pk>/edit/", exam_edit, name="exam_edit"),
]
