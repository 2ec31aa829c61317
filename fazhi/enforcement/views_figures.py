"""The records behind the officer figures — exam sittings, certificates issued, training
sessions, delegated powers — each a scoped list by year and unit, the page a figure's
records link opens (indicators.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path

from fazhi.core import access
from fazhi.core.params import unit_filter as _unit

from .models import Delegation, ExamResult, Officer, Training
from .views_cases import _year


def _render(request, template, qs, title, extra=None):
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    ctx = {"page": page, "title": title, "query": urlencode(keep) + "&" if keep else ""}
    ctx.update(extra or {})
    return render(request, template, ctx)


@login_required
def exam_list(request):
    qs = access.restrict(ExamResult.objects.select_related("unit"), request.user, "view")
    year = _year(request.GET.get("year"))
    if year:
        qs = qs.filter(sat_on__year=year)
    passed = request.GET.get("passed") == "1"
    if passed:
        qs = qs.filter(passed=True)
    qs, unit = _unit(qs, "unit", request.GET.get("unit"))
    totals = qs.aggregate(sat=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    return _render(
        request,
        "enforcement/exam_list.html",
        qs.order_by("-sat_on", "candidate", "pk"),
        "行政执法资格考试",
        {"year": year or "", "unit": unit, "passed": passed, "totals": totals},
    )


@login_required
def certificate_list(request):
    qs = access.restrict(Officer.objects.select_related("agency", "unit"), request.user, "view")
    year = _year(request.GET.get("year"))
    if year:
        qs = qs.filter(issued_on__year=year)
    qs, unit = _unit(qs, "unit", request.GET.get("unit"))
    return _render(
        request,
        "enforcement/certificate_list.html",
        qs.order_by("-issued_on", "name", "pk"),
        "办理行政执法证件",
        {"year": year or "", "unit": unit},
    )


@login_required
def training_list(request):
    qs = access.restrict(
        Training.objects.select_related("unit").annotate(n=Count("attendees")), request.user, "view"
    )
    year = _year(request.GET.get("year"))
    if year:
        qs = qs.filter(held_on__year=year)
    qs, unit = _unit(qs, "unit", request.GET.get("unit"))
    return _render(
        request,
        "enforcement/training_list.html",
        qs.order_by("-held_on", "pk"),
        "行政执法培训",
        {"year": year or "", "unit": unit},
    )


@login_required
def delegation_list(request):
    """Powers held by townships under delegation at the end of ``year`` (as the figure
    counts them), or all delegations when no year is given."""
    qs = access.restrict(
        Delegation.objects.select_related("power__agency", "to_agency"), request.user, "view"
    )
    year = _year(request.GET.get("year"))
    if year:
        import datetime as dt

        end = dt.date(year, 12, 31)
        qs = qs.filter(delegated_on__lte=end).exclude(withdrawn_on__lte=end)
    qs, unit = _unit(qs, "to_agency__unit", request.GET.get("unit"))
    return _render(
        request,
        "enforcement/delegation_list.html",
        qs.order_by("to_agency__name", "power__code", "pk"),
        "赋予乡镇（街道）的执法事项",
        {"year": year or "", "unit": unit},
    )


urlpatterns = [
    path("exams/", exam_list, name="exams"),
    path("certificates/", certificate_list, name="certificates"),
    path("trainings/", training_list, name="trainings"),
    path("delegations/", delegation_list, name="delegations"),
]
