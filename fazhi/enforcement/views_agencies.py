"""Office pages of the 权责清单 side: the agencies a person may see, each agency's page
(powers, delegations received and given, 免罚轻罚清单, 裁量基准 with bands, 法制审核情形,
officers) with the forms that change them, and the XLSX import/export of its power list and
officers. Every query goes through core.access; every change through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.forms import posted_id
from fazhi.core.models import OrgUnit
from fazhi.core.refusals import messages_of

from . import forms_lists as forms
from . import importer_lists, services
from .models import Agency, Delegation, DiscretionStandard, Officer

_errors = messages_of  # core/refusals.py: one wording of a refusal for every page


def agencies_for(user, action: str = "view"):
    return access.restrict(Agency.objects.select_related("unit"), user, action)


def _units(user):
    return (
        access.allowed_unit_choices(user)
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )


@login_required
def agency_list(request):
    qs = agencies_for(request.user).annotate(
        n_powers=Count("powers", filter=Q(powers__active=True), distinct=True),
        n_officers=Count("officers", filter=Q(officers__status="active"), distinct=True),
    )
    kind = request.GET.get("kind", "")
    if kind in Agency.Kind.values:
        qs = qs.filter(kind=kind)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(name__icontains=q)
    page = Paginator(qs.order_by("unit__sort_order", "unit__code", "name"), 30).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enforcement/agency_list.html",
        {
            "page": page,
            "kinds": Agency.Kind.choices,
            "kind": kind,
            "q": q,
            "query": f"{params.urlencode()}&" if params else "",
            "can_create": access.can(request.user, "change") and _units(request.user).exists(),
        },
    )


@login_required
def agency_new(request):
    units = _units(request.user)
    if not units.exists():
        raise PermissionDenied("无权登记执法主体")
    form = forms.AgencyForm(units, request.POST or None, initial={"unit": request.user.unit})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.create_agency(actor=request.user, **form.cleaned_data)
            messages.success(request, f"已登记执法主体：{agency.name}")
            return redirect("enforcement:agency", pk=agency.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    return render(
        request,
        "enforcement/lists_form.html",
        {"form": form, "errors": errors, "title": "登记执法主体", "back": "enforcement:agencies"},
        status=400 if request.method == "POST" else 200,
    )


# The agency page's forms: action -> (title, form factory).
ACTIONS = {
    "power": "增加执法事项",
    "delegate": "赋权乡镇（街道）",
    "withdraw": "收回赋权",
    "exemption": "增加免罚轻罚清单事项",
    "criteria": "设置重大执法决定法制审核情形",
}


def _form(action: str, agency: Agency, data=None, initial=None):
    today = timezone.localdate()
    if action == "power":
        return forms.PowerForm(data, prefix="power")
    if action == "delegate":
        return forms.DelegateForm(
            agency, data, prefix="delegate", initial=initial or {"delegated_on": today}
        )
    if action == "exemption":
        return forms.ExemptionForm(data, prefix="exemption")
    if action == "criteria":
        current = [
            {"kind": c.kind, "amount": c.amount, "party_kind": c.party_kind}
            for c in agency.criteria.all()
        ]
        return forms.CriteriaFormSet(data, prefix="criteria", initial=None if data else current)
    raise Http404("未知操作")


def _criteria(formset) -> list[tuple]:
    rows = []
    for f in formset.forms:
        d = f.cleaned_data if f.is_valid() else {}
        if d.get("kind"):
            rows.append((d["kind"], d.get("amount"), d.get("party_kind", "")))
    return rows


def _act(action: str, agency: Agency, form, user) -> str:
    if action == "power":
        p = services.add_power(agency=agency, actor=user, **form.cleaned_data)
        return f"已增加执法事项：{p}"
    if action == "delegate":
        d = form.cleaned_data
        services.delegate(actor=user, **d)
        return f"已将“{d['power'].name}”赋予{d['to_agency'].name}"
    if action == "exemption":
        services.add_exemption(agency=agency, actor=user, **form.cleaned_data)
        return "已增加免罚轻罚清单事项"
    if action == "criteria":
        services.set_criteria(agency, _criteria(form), actor=user)
        return "已更新重大执法决定法制审核情形"
    raise Http404("未知操作")


@login_required
def agency_detail(request, pk: int):
    user = request.user
    agency = access.get_for(user, Agency.objects.select_related("unit"), pk=pk)
    can_change = access.can(user, "change", agency.unit)
    errors: list[str] = []
    status = 200
    posted: tuple[str, object] | None = None
    withdraw_values: dict = {}
    if request.method == "POST":
        agency = access.get_for(user, Agency.objects.select_related("unit"), "change", pk=pk)
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            raise Http404("未知操作")
        try:
            if action == "withdraw":
                f = forms.WithdrawForm(request.POST, prefix="withdraw")
                withdraw_values = {
                    "delegation": request.POST.get("withdraw-delegation", ""),
                    "on": request.POST.get("withdraw-on", "")[:20],
                }
                if not f.is_valid():
                    raise ValidationError("请填写有效的收回日期")
                d_pk = posted_id(f.cleaned_data["delegation"])
                delegation = Delegation.objects.filter(power__agency=agency, pk=d_pk).first()
                if delegation is None:
                    raise Http404("赋权记录不存在")
                services.withdraw_delegation(delegation, on=f.cleaned_data["on"], actor=user)
                messages.success(request, f"已收回赋予{delegation.to_agency.name}的执法事项")
                return redirect("enforcement:agency", pk=agency.pk)
            form = _form(action, agency, request.POST)
            posted = (action, form)
            if form.is_valid():
                messages.success(request, _act(action, agency, form, user))
                return redirect("enforcement:agency", pk=agency.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
        status = 400
    action_forms = []
    if can_change:
        for a in ("power", "delegate", "exemption", "criteria"):
            if posted and posted[0] == a:
                action_forms.append((a, ACTIONS[a], posted[1]))
            else:
                action_forms.append((a, ACTIONS[a], _form(a, agency)))
    given = (
        Delegation.objects.filter(power__agency=agency)
        .select_related("power", "to_agency")
        .order_by("withdrawn_on", "-delegated_on", "pk")
    )
    received = (
        Delegation.objects.filter(to_agency=agency)
        .select_related("power", "power__agency")
        .order_by("withdrawn_on", "-delegated_on", "pk")
    )
    return render(
        request,
        "enforcement/agency.html",
        {
            "agency": agency,
            "can_change": can_change,
            "powers": agency.powers.order_by("code"),
            "given": given,
            "received": received,
            "exemptions": agency.exemptions.order_by("kind", "pk"),
            "standards": DiscretionStandard.objects.filter(agency=agency)
            .select_related("power")
            .prefetch_related("bands")
            .order_by("code"),
            "criteria": agency.criteria.all(),
            "officers": Officer.objects.filter(agency=agency).order_by("name", "pk"),
            "action_forms": action_forms,
            "errors": errors,
            "withdraw_values": withdraw_values,
            "today": timezone.localdate(),
            "history": events.history("enforcement.agency", str(agency.pk)),
        },
        status=status,
    )


@login_required
def standard_new(request, pk: int):
    """A 裁量基准 entry with its circumstance bands (one form and a formset of bands)."""
    agency = access.get_for(request.user, Agency.objects.select_related("unit"), "change", pk=pk)
    form = forms.StandardForm(agency, request.POST or None)
    bands = forms.BandFormSet(request.POST or None, prefix="bands")
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and bands.is_valid():
        rows = [
            (
                b.cleaned_data["circumstance"],
                b.cleaned_data["description"],
                b.cleaned_data["min_fine"],
                b.cleaned_data["max_fine"],
            )
            for b in bands.forms
            if b.cleaned_data
        ]
        try:
            services.add_standard(
                agency=agency, bands=rows, actor=request.user, **form.cleaned_data
            )
            messages.success(request, "已增加裁量基准")
            return redirect("enforcement:agency", pk=agency.pk)
        except (ValidationError, PermissionDenied) as e:
            errors = _errors(e)
    if request.method == "POST" and bands.non_form_errors():
        errors += list(bands.non_form_errors())
    return render(
        request,
        "enforcement/standard_form.html",
        {"agency": agency, "form": form, "bands": bands, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


# --- XLSX ------------------------------------------------------------------------------

KINDS = {
    "powers": ("权责清单", importer_lists.POWER_COLUMNS, importer_lists.commit_powers),
    "officers": ("执法人员", importer_lists.OFFICER_COLUMNS, importer_lists.commit_officers),
}


def _import(request, pk: int, kind: str):
    """Upload an XLSX: every row checked, bad rows reported by line, all or nothing."""
    agency = access.get_for(request.user, Agency.objects.select_related("unit"), "change", pk=pk)
    title, columns, commit = KINDS[kind]
    result = None
    file_error = ""
    if request.method == "POST":
        f = request.FILES.get("file")
        if f is None:
            file_error = "请选择要导入的XLSX文件"
        elif f.size > importer_lists.MAX_BYTES:
            file_error = "导入文件不能超过5MB"
        else:
            result = commit(agency, f.read(), request.user)
            if not result.errors:
                messages.success(
                    request,
                    f"{title}导入完成：新增{result.created}条，更新{result.updated}条，"
                    f"未变化{result.unchanged}条",
                )
                return redirect("enforcement:agency", pk=agency.pk)
    return render(
        request,
        "enforcement/lists_import.html",
        {
            "agency": agency,
            "title": title,
            "kind": kind,
            "columns": list(columns),
            "result": result,
            "file_error": file_error,
        },
        status=400 if (result and result.errors) or file_error else 200,
    )


@login_required
def powers_import(request, pk: int):
    return _import(request, pk, "powers")


@login_required
def officers_import(request, pk: int):
    return _import(request, pk, "officers")


@login_required
def powers_xlsx(request, pk: int):
    return importer_lists.export_powers(access.get_for(request.user, Agency.objects.all(), pk=pk))


@login_required
def officers_xlsx(request, pk: int):
    return importer_lists.export_officers(access.get_for(request.user, Agency.objects.all(), pk=pk))


urlpatterns = [
    path("agencies/", agency_list, name="agencies"),
    path("agencies/new/", agency_new, name="agency_new"),
    path("agencies/<int:pk>/", agency_detail, name="agency"),
    path("agencies/<int:pk>/standards/new/", standard_new, name="standard_new"),
    path("agencies/<int:pk>/powers/import/", powers_import, name="powers_import"),
    path("agencies/<int:pk>/powers.xlsx", powers_xlsx, name="powers_xlsx"),
    path("agencies/<int:pk>/officers/import/", officers_import, name="officers_import"),
    path("agencies/<int:pk>/officers.xlsx", officers_xlsx, name="officers_xlsx"),
]
