"""学法学时 by unit and year: each official's hours by source (sessions attended, trainings,
旁听庭审, other credited hours), the district's minimum (leaders: theirs), and those under it
flagged; XLSX export. Four grouped queries for the page (hours.py), never one per person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from fazhi.core.params import unit_filter, year_param
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import conf, rules
from . import hours as hours_mod
from .models import Official
from .views_officials import EXPORT_LIMIT, PER_PAGE, query_of, scoped, units_for

LEVELS = dict(rules.LEVELS)


def compute(user, g):
    qs = scoped(Official, user)
    f: dict = {"year": year_param(g.get("year")) or today().year}
    qs, unit = unit_filter(qs, "unit", g.get("unit"))
    if unit is not None:
        f["unit"] = unit.pk
    level = g.get("level", "")
    if level in LEVELS:
        qs = qs.filter(level=level)
        f["level"] = level
    qs = qs.order_by("unit__sort_order", "unit__code", "level", "name", "pk")
    rows = hours_mod.year_rows(qs, f["year"])
    if g.get("under") == "1":
        rows = [r for r in rows if r.under]
        f["under"] = "1"
    return rows, f


@login_required
def hours_page(request):
    user = request.user
    rows, f = compute(user, request.GET)
    under = sum(1 for r in rows if r.under)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query, export_query = query_of(request)
    return render(
        request,
        "learning/hours.html",
        {"page": page, "f": f, "query": query, "export_query": export_query,
         "units": units_for(user), "levels": rules.LEVELS, "count": len(rows), "under": under,
         "minimum": conf.minimum_hours(), "minimum_leaders": conf.minimum_hours_leaders(),
         "ongoing": f["year"] >= today().year},
    )  # fmt: skip


@login_required
def hours_export(request):
    rows, f = compute(request.user, request.GET)
    header = ["姓名", "职务", "类别", "所在单位", "学法活动学时", "培训学时", "旁听庭审学时",
              "其他学时", "合计", "年度最低学时", "未达到最低学时", "离岗日期"]  # fmt: skip
    out = [[r.official.name, r.official.post, r.official.get_level_display(),
            r.official.unit.name, float(r.sessions), float(r.trainings), float(r.court),
            float(r.credits), float(r.total), float(r.minimum), "是" if r.under else "否",
            r.official.left_on] for r in rows[:EXPORT_LIMIT]]  # fmt: skip
    return xlsx(f"{f['year']}年学法学时", header, out, f"learning-hours-{f['year']}.xlsx")


urlpatterns = [
    path("hours/", hours_page, name="hours"),
    path("hours/export.xlsx", hours_export, name="hours_export"),
]
