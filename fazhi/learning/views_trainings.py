"""Office pages of 法治培训: the courses (filter, search, paginate, XLSX export), register
and edit a course (stale-version protection), and its page: who attended with the hours
each earned (at most the course's) and who completed it, and the full-process record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.refusals import failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_trainings as forms
from . import rules
from .models import Official, Training
from .services import trainings as svc
from .views_officials import (
    EXPORT_LIMIT,
    FAILURES,
    filter_units,
    filter_year,
    form_page,
    list_page,
    may_create,
    paged,
    picker,
    scoped,
    select,
    text,
    unit_select,
    units_for,
)  # fmt: skip

BASE = "/office/learning/trainings/"
KINDS = dict(rules.TRAINING_KINDS)


def filtered(user, g):
    qs = scoped(Training, user).annotate(
        people=Count("attendance"), done=Count("attendance", filter=Q(attendance__completed=True))
    )
    f: dict = {}
    qs = filter_units(qs, g, f)
    qs = filter_year(qs, g, f, "starts_on")
    kind = g.get("kind", "")
    if kind in KINDS:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(content__contains=q) | Q(place__contains=q))
        f["q"] = q
    return qs.order_by("-starts_on", "-pk"), f


@login_required
def training_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = paged(request, qs)
    rows = [
        {"url": f"{BASE}{t.pk}/",
         "cells": [t.name, t.get_kind_display(), f"{t.starts_on:%Y-%m-%d}至{t.ends_on:%Y-%m-%d}",
                   t.unit.name, t.hours, t.people, t.done]}
        for t in page
    ]  # fmt: skip
    return list_page(
        request, title="法治培训", note="领导干部法治专题培训、公务员法治培训、行政执法人员法律知识培训等。",
        filters=[unit_select(user, f), select("kind", "类别", rules.TRAINING_KINDS, f.get("kind")),
                 text("year", "年度", f.get("year"), "number"),
                 text("q", "名称、内容或地点", f.get("q"))],
        header=["培训名称", "类别", "日期", "举办单位", "学时", "参训人数", "结业人数"],
        rows=rows, page=page,
        buttons=[("登记培训", f"{BASE}new/", True)] if may_create(user) else [],
        export=f"{BASE}export.xlsx", clear=BASE,
    )  # fmt: skip


@login_required
def training_export(request):
    qs, _ = filtered(request.user, request.GET)
    rows = [[t.name, t.get_kind_display(), t.unit.name, t.starts_on, t.ends_on, float(t.hours),
             t.place, t.people, t.done] for t in qs[:EXPORT_LIMIT]]  # fmt: skip
    header = ["培训名称", "类别", "举办单位", "开班日期", "结业日期", "学时", "地点", "参训人数",
              "结业人数"]  # fmt: skip
    return xlsx("法治培训", header, rows, f"learning-trainings-{today():%Y%m%d}.xlsx")


def _fields(d):
    return dict(kind=d["kind"], name=d["name"], starts_on=d["starts_on"], ends_on=d["ends_on"],
                hours=d["hours"], place=d["place"], content=d["content"])  # fmt: skip


@login_required
def training_new(request):
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记培训")
    form = forms.TrainingForm(request.POST or None, units=units, initial={"unit": user.unit_id})
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                t = svc.create_training(unit=form.cleaned_data["unit"],
                                        **_fields(form.cleaned_data), actor=user)  # fmt: skip
                messages.success(request, "已登记培训")
                return redirect(f"{BASE}{t.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="登记培训", crumbs=[("法治培训", BASE)], form=form,
                     errors=errors, status=status)  # fmt: skip


@login_required
def training_detail(request, pk: int):
    user = request.user
    t = access.get_for(user, scoped(Training, user), "view", pk=pk)
    may_change = access.can(user, "change", t.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ("attend", "remove"):
        raise Http404("未知操作")
    if action and not may_change:
        raise PermissionDenied("只能办理本单位的培训")
    officials = picker(user) if may_change else Official.objects.none()
    form = forms.AttendanceForm(prefix="att", officials=officials, initial={"completed": True})
    errors, status = [], 200
    if action == "attend":
        status = 400
        form = forms.AttendanceForm(request.POST, prefix="att", officials=officials)
        if form.is_valid():
            d = form.cleaned_data
            try:
                with transaction.atomic():  # all the picked officials, or none
                    for o in d["officials"]:
                        svc.set_attendance(t, official=o, hours=d["hours"],
                                           completed=d["completed"], actor=user)  # fmt: skip
                messages.success(request, f"已登记{len(d['officials'])}名参训人员")
                return redirect(f"{BASE}{t.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    elif action == "remove":
        status = 400
        rm = forms.RemoveForm(request.POST, officials=Official.objects.filter(
            pk__in=t.attendance.values("official_id")))  # fmt: skip
        if not rm.is_valid():
            raise Http404("该人员不在参训名单中")
        try:
            svc.remove_attendance(t, official=rm.cleaned_data["official"], actor=user)
            messages.success(request, "已移出参训名单")
            return redirect(f"{BASE}{t.pk}/")
        except FAILURES as e:
            errors, status = failure(e)
    attendance = t.attendance.select_related("official__unit").order_by(
        "official__unit__sort_order", "official__name"
    )
    return render(
        request,
        "learning/training_detail.html",
        {"x": t, "attendance": attendance, "may_change": may_change, "form": form,
         "errors": errors, "history": events.history("learning.training", str(t.pk))},
        status=status,
    )  # fmt: skip


@login_required
def training_edit(request, pk: int):
    user = request.user
    t = access.get_for(user, scoped(Training, user), "change", pk=pk)
    initial = {"kind": t.kind, "name": t.name, "starts_on": t.starts_on, "ends_on": t.ends_on,
               "hours": t.hours, "place": t.place, "content": t.content}  # fmt: skip
    form = forms.TrainingForm(request.POST or None, initial=initial)
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.update_training(t, **_fields(form.cleaned_data),
                                    version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect(f"{BASE}{t.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="修改培训", obj=t, form=form, errors=errors, status=status,
                     crumbs=[("法治培训", BASE), (t.name, f"{BASE}{t.pk}/")])  # fmt: skip


urlpatterns = [
    path("trainings/", training_list, name="trainings"),
    path("trainings/export.xlsx", training_export, name="training_export"),
    path("trainings/new/", training_new, name="training_new"),
    path("trainings/<int:pk>/", training_detail, name="training"),
    path("trainings/<int:pk>/edit/", training_edit, name="training_edit"),
]
