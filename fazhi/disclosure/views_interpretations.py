"""The office pages of 政策解读: the list, the form linking an interpretation to a published
release of the unit or to a 规范性文件 (through the documents module's interface), and the
interpretation page with its withdrawal."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.documents import interface as documents
from fazhi.indicators.registry import filter_by_figure

from . import forms_releases as forms
from .indicators import RECORDS
from .models import ProactiveRelease
from .services import releases as svc
from .views_releases import (
    FAILURES,
    PER_PAGE,
    _query,
    _unit_narrow,
    interpretations_for,
    releases_for,
    units_for,
)


# --- interpretations ----------------------------------------------------------------------
@login_required
def interpretation_list(request):
    user = request.user
    g = request.GET
    qs = interpretations_for(user)
    f: dict = {}
    qs, unit_id = _unit_narrow(qs, g.get("unit"))
    if unit_id:
        f["unit"] = unit_id
    year = _year(g.get("year"))
    counted, banner = filter_by_figure(qs, RECORDS, g.get("figure", ""), year, "政策解读")
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    elif year:
        qs = qs.filter(
            published_on__gte=dt.date(year, 1, 1), published_on__lte=dt.date(year, 12, 31)
        )
    if year:
        f["year"] = year
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(document_title__contains=q))
        f["q"] = q
    page = Paginator(qs.order_by("-published_on", "-pk"), PER_PAGE).get_page(g.get("page"))
    query, _ = _query(request)
    return render(
        request,
        "disclosure/office/interpretation_list.html",
        {
            "page": page,
            "f": f,
            "query": query,
            "units": units_for(user),
            "may_create": access.allowed_unit_choices(user).exists(),
        },
    )


@login_required
def interpretation_new(request):
    user = request.user
    units = access.allowed_unit_choices(user).order_by("sort_order", "code")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以发布政策解读")
    unit = units.filter(pk=_int(request.POST.get("unit") or request.GET.get("unit"))).first()
    unit = unit or units.filter(pk=user.unit_id).first() or units.first()
    releases = releases_for(user, "change").filter(
        unit=unit, state=ProactiveRelease.State.PUBLISHED
    )
    docs = documents.normative_documents_for_interpretation(unit)
    initial = {"unit": unit}
    rel_pk = _int(request.GET.get("release"))
    if rel_pk:
        initial["release"] = releases.filter(pk=rel_pk).first()
    form = forms.InterpretationForm(
        request.POST or None, request.FILES or None, units=units, releases=releases,
        documents=docs, initial=initial,
    )  # fmt: skip
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            doc = form.documents.get(d["document_ref"]) if d["document_ref"] else None
            try:
                obj = svc.publish_interpretation(
                    unit=d["unit"], title=d["title"], body=d["body"],
                    published_on=d["published_on"], form=d["form"], release=d["release"],
                    document_ref=d["document_ref"],
                    document_title=doc["title"] if doc else "", attachments=d["files"],
                    actor=user,
                )  # fmt: skip
                messages.success(request, "已发布政策解读")
                return redirect(obj.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "disclosure/office/interpretation_form.html",
        {"form": form, "errors": errors, "unit": unit},
        status=status,
    )


@login_required
def interpretation_detail(request, pk: int):
    user = request.user
    obj = access.get_for(user, interpretations_for(user), "view", pk=pk)
    may_change = access.can(user, "change", obj.unit)
    form = forms.WithdrawForm(request.POST or None, prefix="withdraw")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied("只能办理本单位的政策解读")
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.withdraw_interpretation(obj, on=d["on"], reason=d["reason"], actor=user)
                messages.success(request, "已撤回政策解读")
                return redirect(obj.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    release = obj.release
    if release is not None and not releases_for(user).filter(pk=release.pk).exists():
        release = None
    return render(
        request,
        "disclosure/office/interpretation_detail.html",
        {
            "x": obj,
            "release": release,
            "may_change": may_change,
            "form": form if not obj.withdrawn_on else None,
            "errors": errors,
            "history": events.history("disclosure.interpretation", str(obj.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("interpretations/", interpretation_list, name="interpretations"),
    path("interpretations/new/", interpretation_new, name="interpretation_new"),
    path("interpretations/<int:pk>/", interpretation_detail, name="interpretation"),
]
