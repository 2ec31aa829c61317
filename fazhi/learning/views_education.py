"""Office pages of 普法 (谁执法谁普法): the items of the units' 普法责任清单 (list, filters,
export, adding and changing an item — a published one with the reason), each unit's list
for a year with each item's planned and done activities and reach, and its publication;
the 普法 activities (list, export, registering, correcting, publishing on the portal).
Every query goes through ``core.access``; every change through ``services/education.py``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param, unit_filter, year_param
from fazhi.core.refusals import FAILURES, failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_education as forms
from .models import LegalEducationActivity, LegalEducationDuty
from .services import education as svc

PER_PAGE = 50
EXPORT_LIMIT = 20000
DUTY = LegalEducationDuty
ACT = LegalEducationActivity


# --- shared by the three screen families ------------------------------------------------
def units_for(user, action: str = "view"):
    return access.restrict(OrgUnit.objects.filter(active=True), user, action).order_by(
        "sort_order", "code"
    )


def unit_narrow(qs, raw):
    """A unit filter: that unit and those below it (the government's id: everything)."""
    return unit_filter(qs, "unit", raw)


def query_strings(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


# --- the lists' items -------------------------------------------------------------------
def duties_for(user, action: str = "view"):
    return access.restrict(DUTY.objects.select_related("unit"), user, action)


def activities_for(user, action: str = "view"):
    return access.restrict(ACT.objects.select_related("unit", "duty"), user, action)


def filtered_duties(user, g):
    qs = duties_for(user)
    f: dict = {}
    qs, unit = unit_narrow(qs, g.get("unit"))
    if unit:
        f["unit"] = unit.pk
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(year=year)
        f["year"] = year
    audience = g.get("audience", "")
    if audience in DUTY.Audience.values:
        qs = qs.filter(audience=audience)
        f["audience"] = audience
    published = g.get("published", "")
    if published in ("1", "0"):
        qs = qs.filter(published_on__isnull=published == "0")
        f["published"] = published
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(laws__contains=q) | Q(planned_activities__contains=q)
                       | Q(responsible__contains=q))  # fmt: skip
        f["q"] = q
    qs = qs.annotate(done=Count("activities"), reach_sum=Sum("activities__reach"))
    return qs.order_by("-year", "unit__sort_order", "unit__code", "pk"), f


@login_required
def duty_list(request):
    user = request.user
    qs, f = filtered_duties(user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query, export_query = query_strings(request)
    return render(request, "learning/duty_list.html", {
        "page": page, "f": f, "query": query, "export_query": export_query,
        "units": units_for(user), "audiences": DUTY.Audience.choices,
        "may_create": access.allowed_unit_choices(user).exists(),
    })  # fmt: skip


@login_required
def duty_export(request):
    qs, _ = filtered_duties(request.user, request.GET)
    header = ["年度", "责任单位", "普法内容（法律法规）", "普法对象", "计划开展的普法活动",
              "计划活动次数", "已开展活动次数", "受众人数（人次）", "责任科室", "公布日期"]  # fmt: skip
    rows = [
        [d.year, d.unit.name, d.laws, d.get_audience_display(), d.planned_activities,
         d.planned_count, d.done, d.reach_sum or 0, d.responsible, d.published_on]
        for d in qs[:EXPORT_LIMIT]
    ]  # fmt: skip
    return xlsx("普法责任清单", header, rows, f"learning-duties-{today():%Y%m%d}.xlsx")


@login_required
def duty_new(request):
    user = request.user
    units = access.allowed_unit_choices(user).order_by("sort_order", "code")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以编制普法责任清单")
    initial = {"unit": user.unit_id, "year": today().year}
    if request.method == "GET":
        initial["unit"] = int_param(request.GET.get("unit")) or user.unit_id
        initial["year"] = year_param(request.GET.get("year")) or today().year
    form = forms.DutyForm(request.POST or None, units=units, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                duty = svc.add_duty(
                    unit=d["unit"], year=d["year"], laws=d["laws"], audience=d["audience"],
                    planned_activities=d["planned_activities"],
                    planned_count=d["planned_count"], responsible=d["responsible"], actor=user,
                )  # fmt: skip
                messages.success(request, "已添加清单事项")
                return redirect("learning:duty", duty.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/duty_form.html",
                  {"form": form, "errors": errors, "obj": None}, status=status)  # fmt: skip


@login_required
def duty_detail(request, pk: int):
    user = request.user
    duty = access.get_for(user, duties_for(user), "view", pk=pk)
    acts = activities_for(user).filter(duty=duty).order_by("held_on", "pk")
    return render(request, "learning/duty_detail.html", {
        "x": duty, "activities": acts, "reach": sum(a.reach for a in acts),
        "may_change": access.can(user, "change", duty.unit),
        "history": events.history("learning.legaleducationduty", str(duty.pk)),
    })  # fmt: skip


@login_required
def duty_edit(request, pk: int):
    """修改 an item; a published one asks the reason (services/education.py)."""
    user = request.user
    duty = access.get_for(user, duties_for(user), "change", pk=pk)
    initial = {k: getattr(duty, k) for k in ("laws", "audience", "planned_activities",
                                             "planned_count", "responsible")}  # fmt: skip
    form = forms.DutyForm(request.POST or None, initial=initial, editing=True,
                          published=bool(duty.published_on))  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.edit_duty(
                    duty, laws=d["laws"], audience=d["audience"],
                    planned_activities=d["planned_activities"],
                    planned_count=d["planned_count"], responsible=d["responsible"],
                    reason=d.get("reason", ""), version=locking.seen(request), actor=user,
                )  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect("learning:duty", duty.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/duty_form.html",
                  {"form": form, "errors": errors, "obj": duty}, status=status)  # fmt: skip


@login_required
def plan(request):
    """One unit's 普法责任清单 for a year: each item's planned and done activities and reach,
    the activities outside the list, and (for its clerks) publishing the list."""
    user = request.user
    units = units_for(user)
    year = year_param(request.GET.get("year")) or today().year
    asked = request.GET.get("unit")
    if asked:  # a unit named in the address: one in the viewer's scope, else 404
        unit = units.filter(pk=int_param(asked) or 0).first()
    else:
        unit = units.filter(pk=user.unit_id).first() if user.unit_id else None
        unit = unit or units.first()
    if unit is None:
        raise Http404("记录不存在或无权访问")
    may_change = access.can(user, "change", unit)
    errors: list[str] = []
    status = 200
    form = forms.PublishListForm(prefix="pub", initial={"on": today()})
    if request.method == "POST":
        if request.POST.get("action") != "publish":
            raise Http404("未知操作")
        if not may_change:
            raise PermissionDenied("只能办理本单位的普法工作")
        status = 400
        form = forms.PublishListForm(request.POST, prefix="pub")
        if form.is_valid():
            try:
                n = svc.publish_list(unit=unit, year=year, on=form.cleaned_data["on"],
                                     actor=user)  # fmt: skip
                messages.success(request, f"已公布{year}年度普法责任清单（{n}项）")
                return redirect(f"{request.path}?unit={unit.pk}&year={year}")
            except FAILURES as e:
                errors, status = failure(e)
    items = list(
        duties_for(user).filter(unit=unit, year=year)
        .annotate(done=Count("activities"), reach_sum=Sum("activities__reach")).order_by("pk")
    )  # fmt: skip
    loose = activities_for(user).filter(unit=unit, duty__isnull=True,
                                        held_on__year=year).order_by("held_on")  # fmt: skip
    span = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    all_acts = activities_for(user).filter(unit=unit, held_on__range=span)
    return render(request, "learning/education_plan.html", {
        "unit": unit, "year": year, "units": units, "items": items, "loose": loose,
        "planned": sum(d.planned_count for d in items), "done": sum(d.done for d in items),
        "reach": all_acts.aggregate(n=Sum("reach"))["n"] or 0, "total": all_acts.count(),
        "published": any(d.published_on for d in items),
        "waiting": any(d.published_on is None for d in items),
        "may_change": may_change, "form": form, "errors": errors,
    }, status=status)  # fmt: skip


# --- activities -------------------------------------------------------------------------
def filtered_activities(user, g):
    qs = activities_for(user)
    f: dict = {}
    qs, unit = unit_narrow(qs, g.get("unit"))
    if unit:
        f["unit"] = unit.pk
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(held_on__year=year)
        f["year"] = year
    form = g.get("form", "")
    if form in ACT.Form.values:
        qs = qs.filter(form=form)
        f["form"] = form
    published = g.get("published", "")
    if published in ("1", "0"):
        qs = qs.filter(published_on__isnull=published == "0")
        f["published"] = published
    duty = int_param(g.get("duty"))
    if duty:
        qs = qs.filter(duty_id=duty)
        f["duty"] = duty
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(place__contains=q) | Q(summary__contains=q))
        f["q"] = q
    return qs.order_by("-held_on", "-pk"), f


@login_required
def activity_list(request):
    user = request.user
    qs, f = filtered_activities(user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query, export_query = query_strings(request)
    return render(request, "learning/activity_list.html", {
        "page": page, "f": f, "query": query, "export_query": export_query,
        "units": units_for(user), "activity_forms": ACT.Form.choices,
        "may_create": access.allowed_unit_choices(user).exists(),
    })  # fmt: skip


@login_required
def activity_export(request):
    qs, _ = filtered_activities(request.user, request.GET)
    header = ["活动日期", "举办单位", "活动名称", "形式", "地点", "受众人数（人次）",
              "发放资料（份）", "对应的责任清单事项", "公开日期"]  # fmt: skip
    rows = [
        [a.held_on, a.unit.name, a.title, a.get_form_display(), a.place, a.reach, a.materials,
         a.duty.laws if a.duty else "", a.published_on]
        for a in qs[:EXPORT_LIMIT]
    ]  # fmt: skip
    return xlsx("普法活动", header, rows, f"learning-activities-{today():%Y%m%d}.xlsx")


def _writable_duties(user):
    return (
        duties_for(user, "change")
        .filter(year__gte=today().year - 1)
        .order_by("-year", "unit__sort_order", "pk")
    )


@login_required
def activity_new(request):
    user = request.user
    units = access.allowed_unit_choices(user).order_by("sort_order", "code")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记普法活动")
    initial = {"unit": user.unit_id}
    if request.method == "GET" and int_param(request.GET.get("duty")):
        initial["duty"] = int_param(request.GET.get("duty"))
    form = forms.ActivityForm(request.POST or None, units=units,
                              duties=_writable_duties(user), initial=initial)  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                act = svc.record_activity(
                    unit=d["unit"], duty=d["duty"], held_on=d["held_on"], title=d["title"],
                    form=d["form"], place=d["place"], reach=d["reach"],
                    materials=d["materials"], summary=d["summary"], actor=user,
                )  # fmt: skip
                messages.success(request, "已登记普法活动")
                return redirect("learning:activity", act.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/activity_form.html",
                  {"form": form, "errors": errors, "obj": None}, status=status)  # fmt: skip


@login_required
def activity_detail(request, pk: int):
    user = request.user
    act = access.get_for(user, activities_for(user), "view", pk=pk)
    may_change = access.can(user, "change", act.unit)
    errors: list[str] = []
    status = 200
    form = forms.PublishActivityForm(prefix="pub", initial={"on": today()})
    if request.method == "POST":
        if request.POST.get("action") != "publish":
            raise Http404("未知操作")
        if not may_change:
            raise PermissionDenied("只能办理本单位的普法工作")
        status = 400
        form = forms.PublishActivityForm(request.POST, prefix="pub")
        if form.is_valid():
            try:
                svc.publish_activity(act, on=form.cleaned_data["on"], actor=user)
                messages.success(request, "已在门户网站公开")
                return redirect("learning:activity", act.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/activity_detail.html", {
        "x": act, "may_change": may_change, "form": form, "errors": errors,
        "history": events.history("learning.legaleducationactivity", str(act.pk)),
    }, status=status)  # fmt: skip


@login_required
def activity_edit(request, pk: int):
    user = request.user
    act = access.get_for(user, activities_for(user), "change", pk=pk)
    initial = {k: getattr(act, k) for k in ("held_on", "title", "form", "place", "reach",
                                            "materials", "summary")}  # fmt: skip
    initial["duty"] = act.duty_id
    duties = duties_for(user, "change").filter(unit=act.unit).order_by("-year", "pk")
    form = forms.ActivityForm(request.POST or None, duties=duties, initial=initial,
                              editing=True)  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.edit_activity(
                    act, duty=d["duty"], held_on=d["held_on"], title=d["title"],
                    form=d["form"], place=d["place"], reach=d["reach"],
                    materials=d["materials"], summary=d["summary"],
                    version=locking.seen(request), actor=user,
                )  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect("learning:activity", act.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "learning/activity_form.html",
                  {"form": form, "errors": errors, "obj": act}, status=status)  # fmt: skip


urlpatterns = [
    path("education/duties/", duty_list, name="duties"),
    path("education/duties/export.xlsx", duty_export, name="duty_export"),
    path("education/duties/new/", duty_new, name="duty_new"),
    path("education/duties/<int:pk>/", duty_detail, name="duty"),
    path("education/duties/<int:pk>/edit/", duty_edit, name="duty_edit"),
    path("education/plan/", plan, name="education_plan"),
    path("education/activities/", activity_list, name="activities"),
    path("education/activities/export.xlsx", activity_export, name="activity_export"),
    path("education/activities/new/", activity_new, name="activity_new"),
    path("education/activities/<int:pk>/", activity_detail, name="activity"),
    path("education/activities/<int:pk>/edit/", activity_edit, name="activity_edit"),
]
