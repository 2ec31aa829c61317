"""Report routes of the JSON API: published reports are public; drafts are scoped."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from fazhi.core import access

from .models import AnnualReport

PREFIX = "/reports"
router = Router(tags=["年度报告"])


class ReportOut(Schema):
    id: int
    year: int
    unit_code: str
    title: str
    state: str
    published_on: dt.date | None


class ReportDetail(ReportOut):
    doc: dict


def _out(r):
    return {
        "id": r.pk,
        "year": r.year,
        "unit_code": r.unit.code,
        "title": r.title,
        "state": r.state,
        "published_on": r.published_on,
        "doc": r.doc,
    }


@router.get("published", response=list[ReportOut], auth=None, summary="已发布的年度报告")
def published(request):
    return [_out(r) for r in AnnualReport.objects.filter(state="published").select_related("unit")]


@router.get("{pk}", response=ReportDetail, summary="报告内容（结构化，数据带来源）")
def detail(request, pk: int):
    user = request.auth if hasattr(request.auth, "pk") else request.user
    report = AnnualReport.objects.select_related("unit").filter(pk=pk, state="published").first()
    if report is None:
        report = access.get_for(user, AnnualReport.objects.select_related("unit"), "view", pk=pk)
    return _out(report)
