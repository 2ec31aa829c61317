"""Office pages of officers (执法人员): the list (by agency, status, certificate expiring,
training below the yearly minimum), each officer's page (certificate, exams, trainings
with the year's hours against ``conf.training_hours_minimum()``, status history) with its
forms, registration and training sessions. Scoped by core.access; changes by services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.forms import posted_id

from . import conf, services
from . import forms_lists as forms
from .models import Officer, Training
from .views_agencies import _errors, _units, agencies_for

EXPIRING_DAYS = 60  # the list's filter "certificate expiring within 60 days" (issue 13)


def _year(value, default: int) -> int:
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return default


def _hours_subquery(year: int):
    through = Training.attendees.through
    rows = (
        through.objects.filter(officer_id=OuterRef("pk"), training__held_on__year=year)
        .values("officer_id")
        .annotate(h=Sum("training__hours"))
        .values("h")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=8, decimal_places=1)),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=8, decimal_places=1),
    )


@login_required
def officer_list(request):
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    minimum = conf.training_hours_minimum()
    qs = access.restrict(Officer.objects.select_related("agency", "unit"), request.user).annotate(
        hours=_hours_subquery(year)
    )
    agencies = agencies_for(request.user).order_by("name")
    agency = posted_id(request.GET.get("agency"))
    if agency:
        qs = qs.filter(agency_id=agency)
    status = request.GET.get("status", "")
    if status in Officer.Status.values:
        qs = qs.filter(status=status)
    expiring = request.GET.get("expiring") == "1"
    if expiring:
        qs = qs.filter(
            status=Officer.Status.ACTIVE,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=EXPIRING_DAYS),
        )
    short = request.GET.get("short") == "1"
    if short:
        qs = qs.filter(status=Officer.Status.ACTIVE, hours__lt=minimum)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(certificate_number__icontains=q.upper()))
    page = Paginator(qs.order_by("agency__name", "name", "pk"), 30).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "page": page,
            "agencies": agencies,
            "agency": agency,
            "statuses": Officer.Status.choices,
            "status": status,
            "expiring": expiring,
            "expiring_days": EXPIRING_DAYS,
            "short": short,
            "year": year,
            "minimum": minimum,
            "q": q,
            "today": today,
            "soon": today + dt.timedelta(days=EXPIRING_DAYS),
            "query": f"{params.urlencode()}&" if params else "",
            "can_create": access.can(request.user, "change") and _units(request.user).exists(),
            # Registering needs an agency of one's own (officer_new refuses otherwise).
            "can_register": agencies_for(request.user, "change").filter(active=True).exists(),
        },
    )


@login_required
def officer_new(request):
    agencies = agencies_for(request.user, "change").filter(active=True).order_by("name")
    if not agencies.exists():
        raise PermissionDenied("无权登记执法人员（请先登记本单位的执法主体）")
    initial = {"issuer": "", "agency": posted_id(request.GET.get("agency"))}
    form = forms.OfficerForm(agencies, request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.register_officer(actor=request.user, **form.cleaned_data)
            messages.success(request, f"已登记执法人员{officer.name}")
            return redirect("enforcement:officer", pk=officer.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    return render(
        request,
        "enforcement/lists_form.html",
        {"form": form, "errors": errors, "title": "登记执法人员", "back": "enforcement:officers"},
        status=400 if request.method == "POST" else 200,
    )


ACTIONS = {"renew": "换证", "status": "变更证件状态", "exam": "登记考试结果"}


def _form(action: str, officer: Officer, data=None):
    today = timezone.localdate()
    if action == "renew":
        return forms.RenewForm(data, prefix="renew", initial={"issued_on": today})
    if action == "status":
        return forms.StatusForm(data, prefix="status")
    if action == "exam":
        return forms.ExamForm(data, prefix="exam", initial={"sat_on": today})
    raise Http404("未知操作")


def _act(action: str, officer: Officer, d: dict, user) -> str:
    if action == "renew":
        services.renew_certificate(officer, actor=user, **d)
        return f"已换证，有效期至{d['valid_until']:%Y-%m-%d}"
    if action == "status":
        o = services.set_status(officer, actor=user, **d)
        return f"证件状态已变更为“{o.get_status_display()}”"
    if action == "exam":
        services.record_exam(
            unit=officer.unit, officer=officer, candidate=officer.name, actor=user, **d
        )
        return "已登记考试结果"
    raise Http404("未知操作")


@login_required
def officer_detail(request, pk: int):
    user = request.user
    qs = Officer.objects.select_related("agency", "unit", "expiry_deadline")
    officer = access.get_for(user, qs, pk=pk)
    can_change = access.can(user, "change", officer.unit)
    errors: list[str] = []
    status = 200
    posted = None
    if request.method == "POST":
        officer = access.get_for(user, qs, "change", pk=pk)
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404("未知操作")
        form = _form(action, officer, request.POST)
        posted = (action, form)
        if form.is_valid():
            try:
                messages.success(request, _act(action, officer, form.cleaned_data, user))
                return redirect("enforcement:officer", pk=officer.pk)
            except (ValidationError, PermissionDenied) as e:
                errors = _errors(e)
        status = 400
    action_forms = []
    if can_change and officer.status != Officer.Status.REVOKED:
        for a in ACTIONS:
            form = posted[1] if posted and posted[0] == a else _form(a, officer)
            action_forms.append((a, ACTIONS[a], form))
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    trainings = officer.trainings.order_by("-held_on", "-pk")
    hours = sum((t.hours for t in trainings if t.held_on.year == year), Decimal(0))
    statuses = events.history("enforcement.officer", str(officer.pk)).filter(
        action__in=("enforcement_officer_register", "enforcement_officer_status")
    )
    return render(
        request,
        "enforcement/officer.html",
        {
            "officer": officer,
            "certified": officer.certified_on(today),
            "today": today,
            "year": year,
            "hours": hours,
            "minimum": conf.training_hours_minimum(),
            "trainings": trainings,
            "exams": officer.exams.order_by("-sat_on", "-pk"),
            "status_history": statuses,
            "action_forms": action_forms,
            "errors": errors,
            "history": events.history("enforcement.officer", str(officer.pk)),
        },
        status=status,
    )


@login_required
def training_new(request):
    """A training session and who attended (a searchable multi-select of the officers the
    person may change)."""
    units = _units(request.user)
    officers = (
        access.restrict(Officer.objects.select_related("agency"), request.user, "change")
        .exclude(status=Officer.Status.REVOKED)
        .order_by("agency__name", "name")
    )
    if not units.exists():
        raise PermissionDenied("无权登记培训")
    today = timezone.localdate()
    form = forms.TrainingForm(
        units,
        officers,
        request.POST or None,
        initial={"unit": request.user.unit, "held_on": today},
    )
    form.fields["attendees"].label_from_instance = lambda o: (
        f"{o.name}（{o.certificate_number}，{o.agency.name}）"
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            t = services.record_training(actor=request.user, **form.cleaned_data)
            messages.success(request, f"已登记培训“{t.topic}”，{t.attendees.count()}人参训")
            return redirect("enforcement:officers")
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    return render(
        request,
        "enforcement/lists_form.html",
        {"form": form, "errors": errors, "title": "登记培训", "back": "enforcement:officers"},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("officers/", officer_list, name="officers"),
    path("officers/new/", officer_new, name="officer_new"),
    path("officers/<int:pk>/", officer_detail, name="officer"),
    path("trainings/new/", training_new, name="training_new"),
]
