"""Office pages of 旁听庭审: the list (filter, search, paginate, XLSX export), record an
observation with its attendees, its page with the full-process record, and the correction
(stale-version protection)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.refusals import failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_court as forms
from .models import CourtObservation
from .services import court as svc
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
    text,
    unit_select,
    units_for,
)  # fmt: skip

BASE = "/office/learning/court/"


def filtered(user, g):
    qs = scoped(CourtObservation, user).annotate(people=Count("attendees"))
    f: dict = {}
    qs = filter_units(qs, g, f)
    qs = filter_year(qs, g, f, "held_on")
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(case_name__contains=q) | Q(court__contains=q) | Q(case_number=q))
        f["q"] = q
    return qs.order_by("-held_on", "-pk"), f


@login_required
def court_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = paged(request, qs)
    rows = [
        {"url": f"{BASE}{c.pk}/",
         "cells": [c.case_name, c.court, c.case_number or "—", c.held_on.isoformat(),
                   c.unit.name, c.hours, c.people]}
        for c in page
    ]  # fmt: skip
    return list_page(
        request, title="旁听庭审", note="组织国家工作人员旁听庭审，以案学法。",
        filters=[unit_select(user, f), text("year", "年度", f.get("year"), "number"),
                 text("q", "案由、法院或案号", f.get("q"))],
        header=["案由", "审理法院", "案号", "庭审日期", "组织单位", "学时", "旁听人数"],
        rows=rows, page=page,
        buttons=[("登记旁听庭审", f"{BASE}new/", True)] if may_create(user) else [],
        export=f"{BASE}export.xlsx", clear=BASE,
    )  # fmt: skip


@login_required
def court_export(request):
    qs, _ = filtered(request.user, request.GET)
    rows = [[c.held_on, c.unit.name, c.court, c.case_number, c.case_name, float(c.hours),
             c.people] for c in qs[:EXPORT_LIMIT]]  # fmt: skip
    header = ["庭审日期", "组织单位", "审理法院", "案号", "案由", "学时", "旁听人数"]
    return xlsx("旁听庭审", header, rows, f"learning-court-{today():%Y%m%d}.xlsx")


def _fields(d):
    return dict(held_on=d["held_on"], court=d["court"], case_number=d["case_number"],
                case_name=d["case_name"], hours=d["hours"], attendees=d["attendees"],
                reflections=d["reflections"])  # fmt: skip


@login_required
def court_new(request):
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记旁听庭审")
    form = forms.CourtForm(request.POST or None, units=units, officials=picker(user),
                           initial={"unit": user.unit_id, "hours": 4})  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                c = svc.record_observation(unit=form.cleaned_data["unit"],
                                           **_fields(form.cleaned_data), actor=user)  # fmt: skip
                messages.success(request, "已登记旁听庭审")
                return redirect(f"{BASE}{c.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="登记旁听庭审", crumbs=[("旁听庭审", BASE)], form=form,
                     errors=errors, status=status)  # fmt: skip


@login_required
def court_detail(request, pk: int):
    user = request.user
    c = access.get_for(user, scoped(CourtObservation, user), "view", pk=pk)
    return render(
        request,
        "learning/court_detail.html",
        {"x": c, "attendees": c.attendees.select_related("unit").order_by("unit__sort_order",
                                                                             "name"),
         "may_change": access.can(user, "change", c.unit),
         "history": events.history("learning.courtobservation", str(c.pk))},
    )  # fmt: skip


@login_required
def court_edit(request, pk: int):
    user = request.user
    c = access.get_for(user, scoped(CourtObservation, user), "change", pk=pk)
    people = list(c.attendees.values_list("pk", flat=True))
    initial = {"held_on": c.held_on, "court": c.court, "case_number": c.case_number,
               "case_name": c.case_name, "hours": c.hours, "attendees": people,
               "reflections": c.reflections}  # fmt: skip
    form = forms.CourtForm(request.POST or None, officials=picker(user, people), initial=initial)
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.correct_observation(c, **_fields(form.cleaned_data),
                                        version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存更正")
                return redirect(f"{BASE}{c.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="更正旁听庭审", obj=c, form=form, errors=errors,
                     status=status, crumbs=[("旁听庭审", BASE), (c.case_name, f"{BASE}{c.pk}/")])  # fmt: skip


urlpatterns = [
    path("court/", court_list, name="court"),
    path("court/export.xlsx", court_export, name="court_export"),
    path("court/new/", court_new, name="court_new"),
    path("court/<int:pk>/", court_detail, name="court_observation"),
    path("court/<int:pk>/edit/", court_edit, name="court_edit"),
]
