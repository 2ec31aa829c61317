"""Office pages of the 干部名录 (学法用法): the directory by unit (filter, search, paginate,
XLSX export), an official's page (the year's hours by source, other credited hours, 离岗,
the full-process record), add, edit (stale-version protection) and the import of a unit's
directory. Also what the other 学法 screens share (lists, the attendee picker). Every
query goes through ``core.access``; every change through ``services/``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param, unit_filter, year_param
from fazhi.core.refusals import failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_officials as forms
from . import hours as hours_mod
from . import rules
from .models import LearningCredit, Official
from .services import credits as credit_svc
from .services import officials as svc

FAILURES = (ValidationError, PermissionDenied)
PER_PAGE = 50
EXPORT_LIMIT = 20000
IMPORT_MAX_BYTES = 10 * 1024 * 1024


# --- shared by the 学法 screens ------------------------------------------------------------
def scoped(model, user, action: str = "view"):
    return access.restrict(model.objects.select_related("unit"), user, action)


def units_for(user, action: str = "view"):
    if action == "view":
        qs = access.scope_units(user).filter(active=True)
    else:
        qs = access.allowed_unit_choices(user, action)
    return qs.order_by("sort_order", "code")


def picker(user, keep=()):
    """Officials a person may name on attendance: those they may read; whoever may record
    for the government unit (its 会前学法, district-wide trainings) every official. In
    service only, except ``keep`` (those already on the record being corrected)."""
    qs = Official.objects.select_related("unit").filter(Q(left_on=None) | Q(pk__in=list(keep)))
    gov = units_for(user, "change").filter(kind=OrgUnit.Kind.GOVERNMENT).exists()
    if not gov:
        qs = access.restrict(qs, user, "view")
    return qs.order_by("unit__sort_order", "unit__code", "level", "name", "pk")


def query_of(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


def paged(request, qs):
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def filter_units(qs, g, f: dict):
    qs, unit = unit_filter(qs, "unit", g.get("unit"))
    if unit is not None:
        f["unit"] = unit.pk
    return qs


def filter_year(qs, g, f: dict, field: str):
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(**{f"{field}__year": year})
        f["year"] = year
    return qs


def select(name, label, options, value) -> dict:
    return {"name": name, "label": label, "kind": "select", "options": options, "value": value}


def text(name, label, value, kind="search") -> dict:
    return {"name": name, "label": label, "kind": kind, "value": value or ""}


def unit_select(user, f) -> dict:
    return select("unit", "单位", [(u.pk, u.name) for u in units_for(user)], f.get("unit"))


def list_page(request, *, title, note, filters, header, rows, page, buttons, export, clear):
    query, export_query = query_of(request)
    return render(
        request,
        "learning/study_list.html",
        {
            "title": title, "note": note, "filters": filters, "header": header, "rows": rows,
            "page": page, "query": query, "buttons": buttons,
            "export": f"{export}?{export_query}", "clear": clear,
        },
    )  # fmt: skip


def form_page(request, *, title, crumbs, form, errors, status, obj=None, multipart=False,
              note=""):  # fmt: skip
    return render(
        request,
        "learning/study_form.html",
        {"title": title, "crumbs": crumbs, "form": form, "errors": errors, "obj": obj,
         "multipart": multipart, "note": note},
        status=status,
    )  # fmt: skip


def may_create(user) -> bool:
    return access.allowed_unit_choices(user).exists()


# --- the directory -------------------------------------------------------------------------
LEVELS = dict(rules.LEVELS)


def filtered(user, g):
    qs = scoped(Official, user)
    f: dict = {}
    qs = filter_units(qs, g, f)
    level = g.get("level", "")
    if level in LEVELS:
        qs = qs.filter(level=level)
        f["level"] = level
    state = g.get("state", "")
    if state == "in":
        qs = qs.filter(left_on=None)
    elif state == "left":
        qs = qs.exclude(left_on=None)
    if state in ("in", "left"):
        f["state"] = state
    q = g.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(post__contains=q) | Q(staff_number=q))
        f["q"] = q
    return qs.order_by("unit__sort_order", "unit__code", "level", "name", "pk"), f


@login_required
def official_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = paged(request, qs)
    rows = [
        {"url": f"/office/learning/officials/{o.pk}/",
         "cells": [o.name, o.post, o.get_level_display(), o.unit.name, o.staff_number or "—",
                   "在岗" if o.left_on is None else f"{o.left_on:%Y-%m-%d}离岗"]}
        for o in page
    ]  # fmt: skip
    buttons = []
    if may_create(user):
        buttons = [("新增人员", "/office/learning/officials/new/", True),
                   ("导入名录", "/office/learning/officials/import/", False)]  # fmt: skip
    return list_page(
        request, title="干部名录", note="学法用法的对象：各单位国家工作人员，领导干部带头学法。",
        filters=[unit_select(user, f),
                 select("level", "类别", rules.LEVELS, f.get("level")),
                 select("state", "状态", [("in", "在岗"), ("left", "已离岗")], f.get("state")),
                 text("q", "姓名、职务或人员编号", f.get("q"))],
        header=["姓名", "职务", "类别", "所在单位", "人员编号", "状态"], rows=rows, page=page,
        buttons=buttons, export="/office/learning/officials/export.xlsx",
        clear="/office/learning/officials/",
    )  # fmt: skip


@login_required
def official_export(request):
    qs, _ = filtered(request.user, request.GET)
    rows = [[o.staff_number, o.name, o.post, o.get_level_display(), o.unit.name, o.joined_on,
             o.left_on] for o in qs[:EXPORT_LIMIT]]  # fmt: skip
    header = ["人员编号", "姓名", "职务", "类别", "所在单位", "到岗日期", "离岗日期"]
    return xlsx("干部名录", header, rows, f"learning-officials-{today():%Y%m%d}.xlsx")


@login_required
def official_new(request):
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以维护干部名录")
    form = forms.OfficialForm(request.POST or None, units=units, initial={"unit": user.unit_id})
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                o = svc.add_official(unit=d["unit"], name=d["name"], post=d["post"],
                                     level=d["level"], staff_number=d["staff_number"],
                                     joined_on=d["joined_on"], actor=user)  # fmt: skip
                messages.success(request, f"已将{o.name}加入干部名录")
                return redirect(f"/office/learning/officials/{o.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="新增人员", crumbs=[("干部名录", "/office/learning/officials/")],
                     form=form, errors=errors, status=status)  # fmt: skip


@login_required
def official_detail(request, pk: int):
    user = request.user
    o = access.get_for(user, scoped(Official, user), "view", pk=pk)
    may_change = access.can(user, "change", o.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ("leave", "credit", "remove_credit"):
        raise Http404("未知操作")
    if action and not may_change:
        raise PermissionDenied("只能维护本单位的干部名录")
    leave_form = forms.LeaveForm(prefix="leave")
    credit_form = forms.CreditForm(prefix="credit")
    errors, status = [], 200
    if action == "leave":
        status = 400
        leave_form = forms.LeaveForm(request.POST, prefix="leave")
        if leave_form.is_valid():
            try:
                svc.leave(o, on=leave_form.cleaned_data["left_on"], actor=user)
                messages.success(request, "已登记离岗")
                return redirect(f"/office/learning/officials/{o.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    elif action == "credit":
        status = 400
        credit_form = forms.CreditForm(request.POST, prefix="credit")
        if credit_form.is_valid():
            d = credit_form.cleaned_data
            try:
                credit_svc.add_credit(official=o, earned_on=d["earned_on"], source=d["source"],
                                      description=d["description"], hours=d["hours"],
                                      actor=user)  # fmt: skip
                messages.success(request, "已登记学时")
                return redirect(f"/office/learning/officials/{o.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    elif action == "remove_credit":
        credit = LearningCredit.objects.filter(
            official=o, pk=int_param(request.POST.get("credit"))
        ).first()
        if credit is None:
            raise Http404("学时记录不存在")
        try:
            credit_svc.remove_credit(credit, actor=user)
            messages.success(request, "已删除该学时记录")
            return redirect(f"/office/learning/officials/{o.pk}/")
        except FAILURES as e:
            errors, status = failure(e)
    year = year_param(request.GET.get("year")) or today().year
    return render(
        request,
        "learning/official_detail.html",
        {
            "x": o, "may_change": may_change, "year": year,
            "hours": hours_mod.official_hours(o, year),
            "credits": o.credits.filter(earned_on__year=year).order_by("-earned_on", "-pk"),
            "leave_form": leave_form if o.left_on is None else None,
            "credit_form": credit_form, "errors": errors, "action": action,
            "history": events.history("learning.official", str(o.pk)),
        },
        status=status,
    )  # fmt: skip


@login_required
def official_edit(request, pk: int):
    user = request.user
    o = access.get_for(user, scoped(Official, user), "change", pk=pk)
    initial = {"name": o.name, "post": o.post, "level": o.level,
               "staff_number": o.staff_number, "joined_on": o.joined_on}  # fmt: skip
    form = forms.OfficialForm(request.POST or None, initial=initial)
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.update_official(o, name=d["name"], post=d["post"], level=d["level"],
                                    staff_number=d["staff_number"], joined_on=d["joined_on"],
                                    version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect(f"/office/learning/officials/{o.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(
        request, title=f"修改：{o.name}", obj=o, form=form, errors=errors, status=status,
        crumbs=[("干部名录", "/office/learning/officials/"),
                (o.name, f"/office/learning/officials/{o.pk}/")],
    )  # fmt: skip


@login_required
def official_import(request):
    """导入干部名录: all rows or none, every bad row named by its line; a second import
    updates by 人员编号 (or name within the unit)."""
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以导入干部名录")
    form = forms.ImportForm(request.POST or None, request.FILES or None, units=units,
                            initial={"unit": user.unit_id})  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            upload = d["file"]
            if upload.size > IMPORT_MAX_BYTES:
                errors = [f"文件不能超过{IMPORT_MAX_BYTES // 1024 // 1024}MB"]
            else:
                try:
                    result = svc.import_officials(svc.read_officials(upload.name, upload),
                                                  unit=d["unit"], actor=user)  # fmt: skip
                except FAILURES as e:
                    errors, status = failure(e)
                else:
                    if result.errors:
                        errors = [*result.errors[:500], "未导入任何人员，请修改后重新上传"]
                    else:
                        messages.success(
                            request,
                            f"已导入{result.rows}行：新增{result.created}人，更新{result.updated}人，"
                            f"未变{result.unchanged}人，登记离岗{result.left}人",
                        )
                        return redirect(f"/office/learning/officials/?unit={d['unit'].pk}")
    columns = svc.template_rows()
    note = ("第一行为列名：" + "、".join(columns[0]) + "。类别填写" + "、".join(LEVELS.values())
            + "。再次导入时按人员编号（无编号的按姓名）更新。")  # fmt: skip
    return form_page(request, title="导入干部名录", form=form, errors=errors, status=status,
                     multipart=True, note=note,
                     crumbs=[("干部名录", "/office/learning/officials/")])  # fmt: skip


urlpatterns = [
    path("officials/", official_list, name="officials"),
    path("officials/export.xlsx", official_export, name="official_export"),
    path("officials/new/", official_new, name="official_new"),
    path("officials/import/", official_import, name="official_import"),
    path("officials/<int:pk>/", official_detail, name="official"),
    path("officials/<int:pk>/edit/", official_edit, name="official_edit"),
]
