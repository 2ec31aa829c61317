"""Office lists of 双随机、一公开 — the check items, the entity pool, the tasks and the drawn
entities a figure counted — each scoped through core.access, filtered, paginated. They are
the pages a figure's records link opens (indicators.py); the screens that change records
(commit, draw, results) come with the rest of the module's pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path

from fazhi.core import access
from fazhi.core.params import unit_filter as _unit
from fazhi.core.params import year_param as _year
from fazhi.indicators.registry import indicator_name

from . import indicators
from .models import RISK_CHOICES, CheckItem, DrawnEntity, Entity, InspectionTask

app_name = "inspections"


def _render(request, template, qs, extra):
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    ctx = {"page": page, "query": urlencode(keep) + "&" if keep else ""}
    ctx.update(extra)
    return render(request, template, ctx)


@login_required
def item_list(request):
    qs = access.restrict(CheckItem.objects.select_related("unit"), request.user, "view")
    active = request.GET.get("active") == "1"
    if active:
        qs = qs.filter(active=True)
    qs, unit = _unit(qs, "unit", request.GET.get("unit"))
    q = (request.GET.get("q") or "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    totals = qs.aggregate(n=Count("pk"), key=Count("pk", filter=Q(level="key")))
    return _render(
        request,
        "inspections/item_list.html",
        qs.order_by("unit__code", "code", "pk"),
        {
            "active": active,
            "unit": unit,
            "q": q,
            "totals": totals,
            "can_create": access.can(request.user, "change"),
        },
    )


@login_required
def entity_list(request):
    qs = access.restrict(Entity.objects.select_related("unit"), request.user, "view")
    status = request.GET.get("status", "")
    if status in Entity.Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    risk = request.GET.get("risk", "")
    if risk in {c for c, _ in RISK_CHOICES}:
        qs = qs.filter(risk_class=risk)
    else:
        risk = ""
    qs, unit = _unit(qs, "unit", request.GET.get("unit"))
    q = (request.GET.get("q") or "").strip()[:50]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(uscc__startswith=q.upper()))
    return _render(
        request,
        "inspections/entity_list.html",
        qs.order_by("uscc"),
        {
            "status": status,
            "risk": risk,
            "unit": unit,
            "q": q,
            "total": qs.count(),
            "statuses": Entity.Status.choices,
            "risks": RISK_CHOICES,
            "can_create": access.can(request.user, "change"),
        },
    )


# What each figure counted (indicators.py), for the list its records link opens: the tasks
# for the task figures, the drawn entities for the others.
TASK_FIGURES = {
    "inspections.tasks": indicators.year_tasks,
    "inspections.joint_task_share": indicators.year_tasks,
    "inspections.inspectors": indicators.year_tasks,
}
ENTITY_FIGURES = {
    "inspections.entities_checked": indicators.checked,
    "inspections.problem_rate": indicators.checked,
    "inspections.publication_on_time_rate": indicators.checked,
    **{
        f"inspections.coverage_{r.lower()}": (
            lambda year, r=r: DrawnEntity.objects.filter(
                task__in=indicators.year_tasks(year), risk_class=r
            )
        )
        for r in "ABCD"
    },
}


@login_required
def task_list(request):
    """The tasks of a year, or — opened from a figure — the tasks or the drawn entities
    that figure counted."""
    g = request.GET
    year = _year(g.get("year"))
    figure = g.get("figure", "")
    if figure in ENTITY_FIGURES and year:
        qs = access.restrict(
            DrawnEntity.objects.select_related("task", "entity", "unit"), request.user, "view"
        ).filter(pk__in=ENTITY_FIGURES[figure](year).values("pk"))
        qs, unit = _unit(qs, "unit", g.get("unit"))
        return _render(
            request,
            "inspections/drawn_list.html",
            qs.order_by("task__starts_on", "task_id", "order"),
            {
                "year": year,
                "unit": unit,
                "figure": figure,
                "banner": f"{year}年“{indicator_name(figure)}”计入的检查对象",
                "total": qs.count(),
            },
        )
    qs = access.restrict(
        InspectionTask.objects.select_related("unit", "plan").annotate(
            n_drawn=Count("drawn", distinct=True),
            n_checked=Count("drawn", filter=~Q(drawn__outcome=""), distinct=True),
        ),
        request.user,
        "view",
    )
    banner = ""
    if figure in TASK_FIGURES and year:
        qs = qs.filter(pk__in=TASK_FIGURES[figure](year).values("pk"))
        banner = f"{year}年“{indicator_name(figure)}”计入的抽查任务"
    elif year:
        qs = qs.filter(starts_on__year=year)
    qs, unit = _unit(qs, "unit", g.get("unit"))
    return _render(
        request,
        "inspections/task_list.html",
        qs.order_by("-starts_on", "-pk"),
        {
            "year": year or "",
            "unit": unit,
            "figure": figure if banner else "",
            "banner": banner,
            "can_create": access.can(request.user, "change"),
        },
    )


urlpatterns = [
    path("items/", item_list, name="items"),
    path("entities/", entity_list, name="entities"),
    path("tasks/", task_list, name="tasks"),
]

from . import views_records, views_tasks  # noqa: E402  (the pages that change records)

urlpatterns += views_tasks.urlpatterns + views_records.urlpatterns
