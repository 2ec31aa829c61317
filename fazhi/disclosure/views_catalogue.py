"""The office page of a unit's 政府信息公开目录 (条例 第二十条 categories): its headings,
added, renamed and switched off through ``services/releases.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access
from fazhi.core.params import int_param as _int
from fazhi.core.refusals import failure

from . import forms_releases as forms
from . import rules
from .models import CatalogueItem, ProactiveRelease
from .services import releases as svc
from .views_releases import FAILURES, units_for


# --- catalogue ----------------------------------------------------------------------------
@login_required
def catalogue(request):
    """The 公开目录 of one unit, grouped by the 第二十条 categories; add, rename, deactivate."""
    user = request.user
    units = units_for(user)
    unit_id = _int(request.GET.get("unit") or request.POST.get("unit")) or user.unit_id
    unit = units.filter(pk=unit_id).first() or units.first()
    if unit is None:
        raise Http404("记录不存在或无权访问")
    may_change = access.can(user, "change", unit)
    errors: list[str] = []
    status = 200
    editing = None
    form = forms.CatalogueItemForm(prefix="new")
    item_forms: dict[int, forms.CatalogueItemForm] = {}
    if request.method == "POST":
        status = 400
        item_pk = _int(request.POST.get("item"))
        if item_pk:
            editing = access.get_for(user, CatalogueItem.objects.all(), "view", pk=item_pk)
            if editing.unit_id != unit.pk:
                raise Http404("记录不存在或无权访问")
            bound = forms.CatalogueItemForm(request.POST, prefix=f"i{item_pk}")
            item_forms[item_pk] = bound
        else:
            bound = form = forms.CatalogueItemForm(request.POST, prefix="new")
        if bound.is_valid():
            d = bound.cleaned_data
            try:
                saved = svc.save_catalogue_item(
                    unit=unit, category=d["category"], name=d["name"],
                    description=d["description"], sort_order=d["sort_order"],
                    active=d["active"], item=editing, actor=user,
                )  # fmt: skip
                messages.success(request, f"已保存公开目录“{saved.name}”")
                return redirect(f"{request.path}?unit={unit.pk}")
            except FAILURES as e:
                errors, status = failure(e)
    items = list(CatalogueItem.objects.filter(unit=unit).order_by("category", "sort_order", "pk"))
    counts = dict(
        ProactiveRelease.objects.filter(catalogue__in=items)
        .values("catalogue_id")
        .annotate(n=Count("pk"))
        .values_list("catalogue_id", "n")
    )
    groups = []
    for code, label in rules.CATEGORIES:
        rows = []
        for it in items:
            if it.category != code:
                continue
            f = item_forms.get(it.pk) or forms.CatalogueItemForm(
                prefix=f"i{it.pk}",
                initial={"category": it.category, "name": it.name, "active": it.active,
                         "description": it.description, "sort_order": it.sort_order},
            )  # fmt: skip
            rows.append((it, counts.get(it.pk, 0), f))
        groups.append((code, label, rows))
    return render(
        request,
        "disclosure/office/catalogue_list.html",
        {
            "unit": unit,
            "units": units,
            "groups": groups,
            "form": form,
            "may_change": may_change,
            "errors": errors,
            "editing": editing,
        },
        status=status,
    )


urlpatterns = [
    path("catalogue/", catalogue, name="catalogue"),
]
