"""The 驾驶舱 page and its export (figures: ``core/cockpit.py`` and each app's
``cockpit.py``)."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import access, cockpit, services

FIRST_YEAR = 2000


def _allowed(request) -> None:
    if not access.can(request.user, "steer"):
        raise PermissionDenied("驾驶舱供统筹协调人员、领导和系统管理员使用")


def _year(request, today) -> int:
    """The year asked for (?year=), else the default; anything else falls back quietly."""
    raw = request.GET.get("year", "")
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= today.year:
        return int(raw)
    return cockpit.default_year(today)


@login_required
@require_safe
def cockpit_page(request):
    _allowed(request)
    today = services.today()
    year = _year(request, today)
    figures = cockpit.build(request.user, today, year)
    charts = {f.code: f.chart.as_json() for f in figures if f.chart is not None}
    return render(
        request,
        "core/cockpit.html",
        {
            "figures": figures,
            "charts": charts,
            "year": year,
            "years": list(range(today.year, max(FIRST_YEAR, today.year - 6) - 1, -1)),
            "today": today,
        },
    )


def _sheet_name(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, "")
    return title[:31]


@login_required
@require_safe
def cockpit_export(request):
    """?figure=CODE (or all) &format=xlsx|csv &year=Y: the figures' tables as a file; a
    CSV holds one figure, an XLSX workbook one sheet per figure."""
    _allowed(request)
    today = services.today()
    year = _year(request, today)
    code = request.GET.get("figure", "all")
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404("导出格式应为 xlsx 或 csv")
    if code != "all" and code not in cockpit.PROVIDERS:
        raise Http404("没有这项数据")
    if fmt == "csv" and code == "all":
        raise Http404("CSV 每次导出一项数据，请选择具体一项")
    figures = cockpit.build(request.user, today, year, only=None if code == "all" else code)
    name = f"cockpit-{year}-{code}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        for fig in figures:
            writer.writerow(fig.columns)
            writer.writerows([[cockpit.cell_text(v) for v in row] for row in fig.rows])
        # A byte-order mark so that Excel opens the UTF-8 file as Chinese text.
        resp = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for fig in figures:
            ws = wb.create_sheet(_sheet_name(fig.title))
            ws.append([f"{fig.title}（{year}年，{today:%Y-%m-%d}导出）"])
            ws.append(fig.columns)
            for row in fig.rows:
                ws.append([cockpit.export_value(v) for v in row])
        if not wb.worksheets:
            wb.create_sheet("无数据")
        buf = io.BytesIO()
        wb.save(buf)
        resp = HttpResponse(
            buf.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    resp["Content-Disposition"] = f"attachment; filename={name}.{fmt}"
    return resp
