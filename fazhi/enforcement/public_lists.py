"""Portal pages of 事前公示 (行政处罚法 第39条; 国办发〔2018〕118号): the agencies with their
legal basis, office address and telephone (the office's, never a person's) and remedies;
each agency's power list, delegations to townships, 免罚轻罚清单 and 裁量基准; and the
officers who may act today, by name, certificate number and agency only — the 执法人员名单
and 证件号 118号 requires to be public, nothing else about them (no status reasons, no
dates, no exams or training)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from fazhi.core.forms import posted_id
from fazhi.core.registry import PublicSection, register_public

from .forms_lists import is_mobile
from .models import Agency, Delegation, DiscretionStandard, Officer

register_public(
    PublicSection(
        "行政执法公示",
        "enforcement_public:agencies",
        "行政执法主体、执法依据与救济渠道，权责清单、赋权乡镇（街道）事项、免罚轻罚清单、"
        "行政处罚裁量基准，以及持证执法人员名单。",
        order=50,
    )
)


def _agencies():
    return Agency.objects.filter(active=True).select_related("unit")


def _contact(agency: Agency) -> Agency:
    """The office telephone only: a mobile number typed in by mistake (a person's) is not
    published."""
    agency.public_phone = "" if is_mobile(agency.phone) else agency.phone
    return agency


def public_officers_qs(today):
    """Officers the public list shows: 在岗 with an enforcement certificate valid today."""
    return Officer.objects.filter(
        status=Officer.Status.ACTIVE,
        certificate_kind=Officer.CertificateKind.ENFORCEMENT,
        certified_since__lte=today,
        valid_until__gte=today,
        agency__active=True,
    )


def public_agencies(request):
    rows = [_contact(a) for a in _agencies().order_by("unit__sort_order", "unit__code", "name")]
    return render(request, "enforcement/public_agencies.html", {"agencies": rows})


def public_agency(request, pk: int):
    agency = _agencies().filter(pk=pk).first()
    if agency is None:
        raise Http404("执法主体不存在")
    _contact(agency)
    open_delegation = Q(withdrawn_on__isnull=True)
    return render(
        request,
        "enforcement/public_agency.html",
        {
            "agency": agency,
            "powers": agency.powers.filter(active=True).order_by("code"),
            "given": Delegation.objects.filter(open_delegation, power__agency=agency)
            .select_related("power", "to_agency")
            .order_by("power__code", "pk"),
            "received": Delegation.objects.filter(open_delegation, to_agency=agency)
            .select_related("power", "power__agency")
            .order_by("power__code", "pk"),
            "exemptions": agency.exemptions.filter(active=True).order_by("kind", "pk"),
            "standards": DiscretionStandard.objects.filter(agency=agency, active=True)
            .select_related("power")
            .prefetch_related("bands")
            .order_by("code"),
            "officer_count": public_officers_qs(timezone.localdate()).filter(agency=agency).count(),
        },
    )


def public_officers(request):
    qs = public_officers_qs(timezone.localdate()).select_related("agency")
    agency = posted_id(request.GET.get("agency"))
    if agency:
        qs = qs.filter(agency_id=agency)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(certificate_number__icontains=q.upper()))
    rows = qs.order_by("agency__name", "name", "pk").values(
        "name", "certificate_number", "agency__name"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enforcement/public_officers.html",
        {
            "page": page,
            "agencies": _agencies().order_by("name").values("pk", "name"),
            "agency": agency,
            "q": q,
            "query": f"{params.urlencode()}&" if params else "",
        },
    )


urlpatterns = [
    path("agencies/", public_agencies, name="agencies"),
    path("agencies/<int:pk>/", public_agency, name="agency"),
    path("officers/", public_officers, name="officers"),
]
