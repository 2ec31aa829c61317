"""Office pages that keep the 一单两库 and the plans: yearly plans and their filing (报备),
adding, editing and retiring check items, importing the entity pool, and inspectors'
declared interests (回避). Every change goes through ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.refusals import FAILURES, failure

from . import forms, services
from .models import Avoidance, CheckItem, Entity, InspectionPlan


def _need_clerk(user, what: str) -> None:
    if not access.can(user, "change"):
        raise PermissionDenied(f"只有经办人员可以{what}")


# --- plans ----------------------------------------------------------------------------------


@login_required
def plan_list(request):
    qs = access.restrict(
        InspectionPlan.objects.select_related("unit").annotate(n_tasks=Count("tasks")),
        request.user,
        "view",
    ).order_by("-year", "unit__code")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/plan_list.html",
        {"page": page, "query": "", "can_create": access.can(request.user, "change")},
    )


@login_required
def plan_new(request):
    user = request.user
    _need_clerk(user, "制定抽查工作计划")
    year = core.today().year
    form = forms.PlanForm(
        user, request.POST or None, initial={"year": year, "title": f"{year}年度随机抽查工作计划"}
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                plan = services.create_plan(actor=user, **form.cleaned_data)
                messages.success(
                    request, "已制定抽查工作计划；请向上级部门报备并在此登记，再按计划创建抽查任务"
                )
                return redirect("inspections:plan", pk=plan.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "inspections/form_page.html",
        {"form": form, "errors": errors, "title": "制定抽查工作计划", "button": "保存",
         "back": "inspections:plans", "back_label": "抽查工作计划"},
        status=status,
    )  # fmt: skip


@login_required
def plan_detail(request, pk: int):
    user = request.user
    plan = access.get_for(user, InspectionPlan.objects.select_related("unit"), "view", pk=pk)
    form = forms.FileForm(request.POST or None, initial={"on": core.today()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.file_plan(plan, actor=user, **form.cleaned_data)
                messages.success(request, "已登记报备")
                return redirect("inspections:plan", pk=plan.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "form": form,
            "errors": errors,
            "can_change": access.can(user, "change", plan.unit),
            "tasks": access.restrict(plan.tasks.select_related("unit"), user, "view"),
            "history": events.history("inspections.inspectionplan", str(plan.pk), user),
        },
        status=status,
    )


# --- check items ----------------------------------------------------------------------------


@login_required
def item_new(request):
    user = request.user
    _need_clerk(user, "添加抽查事项")
    form = forms.ItemForm(user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                item = services.create_item(
                    unit=form.cleaned_data["unit"], actor=user, **form.service_kwargs()
                )
                messages.success(request, f"已添加抽查事项“{item}”")
                return redirect("inspections:items")
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "inspections/form_page.html",
        {"form": form, "errors": errors, "title": "添加抽查事项", "button": "保存",
         "back": "inspections:items", "back_label": "随机抽查事项清单"},
        status=status,
    )  # fmt: skip


def _item_initial(item: CheckItem) -> dict:
    return {
        "unit": item.unit_id,
        "code": item.code,
        "name": item.name,
        "basis": item.basis,
        "object_type": item.object_type,
        "method": item.method,
        "level": item.level,
        # As typed (5, not 5.0000: the field takes at most 3 decimals, the column keeps 4).
        "ratio": None if item.ratio is None else format((item.ratio * 100).normalize(), "f"),
        "frequency": item.frequency,
    }


@login_required
def item_edit(request, pk: int):
    user = request.user
    item = access.get_for(user, CheckItem.objects.select_related("unit"), "view", pk=pk)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    if action not in (None, "save", "deactivate"):
        raise Http404("未知操作")
    form = forms.ItemForm(
        user, request.POST if action == "save" else None, initial=_item_initial(item)
    )
    form.fields["unit"].disabled = True
    form.fields["unit"].queryset = form.fields["unit"].queryset | type(item.unit).objects.filter(
        pk=item.unit_id
    )
    retire = forms.DeactivateForm(request.POST if action == "deactivate" else None, prefix="off")
    errors: list[str] = []
    status = 200
    if action:
        status = 400
        try:
            if action == "save" and form.is_valid():
                services.update_item(
                    item, actor=user, version=locking.seen(request), **form.service_kwargs()
                )
                messages.success(request, "已保存抽查事项")
                return redirect("inspections:item_edit", pk=item.pk)
            if action == "deactivate" and retire.is_valid():
                services.deactivate_item(item, reason=retire.cleaned_data["reason"], actor=user)
                messages.success(request, "已停用抽查事项")
                return redirect("inspections:item_edit", pk=item.pk)
        except FAILURES as e:
            errors, status = failure(e)
    item.refresh_from_db()
    return render(
        request,
        "inspections/item_edit.html",
        {
            "item": item,
            "form": form,
            "retire": retire,
            "errors": errors,
            "can_change": item.active and access.can(user, "change", item.unit),
            "history": events.history("inspections.checkitem", str(item.pk), user),
        },
        status=status,
    )


# --- the entity pool ------------------------------------------------------------------------


@login_required
def entity_import(request):
    user = request.user
    _need_clerk(user, "导入检查对象名录库")
    form = forms.ImportForm(user, request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                result = services.import_entities(
                    d["file"], unit=d["unit"], actor=user, on=core.today()
                )
                status = 200
                messages.success(
                    request,
                    f"已导入{result.rows}家检查对象：新增{result.created}家，更新{result.updated}家，"
                    f"未变{result.unchanged}家",
                )
                return redirect("inspections:entities")
            except FAILURES as e:
                errors, status = failure(e)
            except (OSError, UnicodeError, ValueError, KeyError):
                errors = ["文件无法读取：请上传XLSX或CSV（UTF-8或GB18030编码）文件"]
    return render(
        request,
        "inspections/entity_import.html",
        {"form": form, "errors": errors, "columns": services.entities.COLUMNS},
        status=status,
    )


# --- avoidances -----------------------------------------------------------------------------


@login_required
def avoidance_list(request):
    user = request.user
    qs = access.restrict(Avoidance.objects.select_related("unit", "entity"), user, "view")
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (None, "declare", "withdraw"):
        raise Http404("未知操作")
    form = forms.AvoidanceForm(
        user, request.POST if action == "declare" else None, initial={"on": core.today()}
    )
    errors: list[str] = []
    status = 200
    if action:
        status = 400
        try:
            if action == "declare":
                _need_clerk(user, "登记回避申报")
                if form.is_valid():
                    d = form.cleaned_data
                    entity = Entity.objects.filter(uscc=d["uscc"]).first()
                    if entity is None:
                        raise ValidationError(
                            f"检查对象名录库中没有统一社会信用代码为{d['uscc']}的对象"
                        )
                    services.declare_avoidance(
                        unit=d["unit"], certificate_number=d["certificate_number"],
                        entity=entity, reason=d["reason"], on=d["on"], actor=user,
                    )  # fmt: skip
                    messages.success(request, "已登记回避申报；抽取时不会派该人员检查该对象")
                    return redirect("inspections:avoidances")
            else:
                raw = str(request.POST.get("avoidance", ""))
                ok = raw.isascii() and raw.isdigit() and len(raw) <= 18
                a = qs.filter(pk=int(raw)).first() if ok else None
                if a is None:
                    raise ValidationError("该回避申报不存在或无权办理")
                services.withdraw_avoidance(a, on=core.today(), actor=user)
                messages.success(request, "已撤回回避申报")
                return redirect("inspections:avoidances")
        except FAILURES as e:
            errors, status = failure(e)
    show = request.GET.get("show", "")
    if show != "all":
        qs = qs.filter(withdrawn_on=None)
    page = Paginator(qs.order_by("-declared_on", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/avoidance_list.html",
        {
            "page": page,
            "query": "show=all&" if show == "all" else "",
            "show": show,
            "form": form,
            "errors": errors,
            "can_change": access.can(user, "change"),
        },
        status=status,
    )


urlpatterns = [
    path("plans/", plan_list, name="plans"),
    path("plans/new/", plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_detail, name="plan"),
    path("items/new/", item_new, name="item_new"),
    path("items/<int:pk>/edit/", item_edit, name="item_edit"),
    path("entities/import/", entity_import, name="entity_import"),
    path("avoidances/", avoidance_list, name="avoidances"),
]
