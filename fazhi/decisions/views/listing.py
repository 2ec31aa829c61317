"""The decision list (filters, and the decisions a figure counts)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from fazhi.core import access
from fazhi.core.models import OrgUnit
from fazhi.indicators.registry import filter_by_figure

from ..indicators import FIGURE_RECORDS
from ..models import MajorDecision
from .base import (
    _int,
)

# --- decision list and overview ---------------------------------------------------------------


@login_required
def decision_list(request):
    qs = access.restrict(MajorDecision.objects.select_related("unit", "item"), request.user, "view")
    year = request.GET.get("year", "")
    state = request.GET.get("state", "")
    unit = request.GET.get("unit", "")
    figure = request.GET.get("figure", "")
    # Opened from a figure's link: the decisions it counts.
    counted, figure_name = filter_by_figure(qs, FIGURE_RECORDS, figure, _int(year), "决策")
    if counted is not None:
        qs = counted
    elif _int(year):
        figure = ""
        qs = qs.filter(year=_int(year))
    if state in MajorDecision.State.values:
        qs = qs.filter(state=state)
    if _int(unit):
        u = OrgUnit.objects.filter(pk=_int(unit)).first()
        if u is not None:
            qs = qs.filter(unit__path__startswith=u.path)
    page = Paginator(qs.order_by("-year", "item__number", "pk"), 50).get_page(
        request.GET.get("page")
    )
    query = "".join(
        f"{k}={v}&"
        for k, v in (("year", year), ("state", state), ("unit", unit), ("figure", figure))
        if v
    )
    return render(
        request,
        "decisions/list.html",
        {
            "page": page,
            "query": query,
            "year": year,
            "state": state,
            "states": MajorDecision.State.choices,
            "figure": figure,
            "figure_name": figure_name,
        },
    )
