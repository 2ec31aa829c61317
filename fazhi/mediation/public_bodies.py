"""Portal pages of 人民调解 (人民调解法 第五条: the 司法行政部门 guides the work and the
public is told where to turn): the directory of the district's 调解组织 — name, kind,
township, address, the body's phone and its members' names and roles, never a member's
phone or age — and the year's dispute statistics by township and by type, counts only:
no party, no summary, nothing that names a person (core.masking guards the body's phone
when it is a mobile number)."""

from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.urls import path

from fazhi.core.masking import mask_phone
from fazhi.core.models import OrgUnit
from fazhi.core.params import year_param
from fazhi.core.services import today

from .models import BodyMember, Dispute, MediationBody

_MOBILE = re.compile(r"1[3-9]\d{9}")
OTHER = "区直部门及其他"


def public_phone(value: str) -> str:
    """An office's landline as it is; a mobile number (a person's) masked."""
    digits = re.sub(r"\D", "", value or "")
    return mask_phone(value) if _MOBILE.search(digits) else (value or "")


class Townships:
    """The township (乡镇、街道) a unit lies in, by its place in the unit tree."""

    def __init__(self):
        self.units = {u.pk: u for u in OrgUnit.objects.only("pk", "name", "kind", "parent_id")}

    def of(self, unit_id: int) -> OrgUnit | None:
        u = self.units.get(unit_id)
        while u is not None:
            if u.kind == OrgUnit.Kind.TOWNSHIP:
                return u
            u = self.units.get(u.parent_id)
        return None

    def name(self, unit_id: int) -> str:
        t = self.of(unit_id)
        return t.name if t else OTHER


def directory(request):
    """人民调解组织名录: the bodies in operation, by township."""
    current = BodyMember.objects.filter(left_on=None).only("name", "role", "body_id")
    bodies = (
        MediationBody.objects.filter(active=True)
        .select_related("unit")
        .prefetch_related(Prefetch("members", queryset=current, to_attr="current"))
        .order_by("unit__path", "kind", "name")
    )
    kind = request.GET.get("kind", "")
    if kind in MediationBody.Kind.values:
        bodies = bodies.filter(kind=kind)
    else:
        kind = ""
    towns = Townships()
    groups: dict[str, list] = {}
    for b in bodies:
        groups.setdefault(towns.name(b.unit_id), []).append(
            {
                "name": b.name,
                "kind": b.get_kind_display(),
                "sector": b.sector,
                "unit": b.unit.name,
                "address": b.address,
                "phone": public_phone(b.phone),
                "members": [(m.name, m.get_role_display()) for m in b.current],
            }
        )
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == OTHER, kv[0]))
    return render(
        request,
        "mediation/public/directory.html",
        {"groups": ordered, "kinds": MediationBody.Kind.choices, "kind": kind},
    )


def statistics(request):
    """The year's disputes by township and by type: counts only (排查发现, 受理调解,
    调解成功), from the records as they stand."""
    now = today()
    year = year_param(request.GET.get("year")) or now.year
    if not 2000 <= year <= now.year:
        year = now.year
    found = Dispute.objects.filter(found_on__year=year)
    towns = Townships()
    counts = dict(
        found=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
        settled=Count("pk", filter=Q(state=Dispute.State.SETTLED)),
    )
    by_town: dict[str, dict] = {}
    for row in found.values("unit_id").annotate(**counts):
        t = by_town.setdefault(towns.name(row["unit_id"]), dict.fromkeys(counts, 0))
        for k in counts:
            t[k] += row[k]
    town_rows = sorted(by_town.items(), key=lambda kv: (kv[0] == OTHER, kv[0]))
    labels = dict(Dispute.Type.choices)
    type_rows = [
        (labels.get(r["type"], "其他纠纷"), r)
        for r in found.values("type").annotate(**counts).order_by("-found", "type")
    ]
    total = {k: sum(r[k] for _, r in town_rows) for k in counts}
    return render(
        request,
        "mediation/public/statistics.html",
        {
            "year": year,
            "years": list(range(now.year, max(now.year - 5, 2000) - 1, -1)),
            "town_rows": town_rows,
            "type_rows": type_rows,
            "total": total,
        },
    )


def home(request):
    return render(request, "mediation/public/home.html", {})


urlpatterns = [
    path("", home, name="home"),
    path("bodies/", directory, name="bodies"),
    path("statistics/", statistics, name="statistics"),
]
