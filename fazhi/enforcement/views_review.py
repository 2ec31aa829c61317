"""Office pages of 案卷评查: scoring sheets, campaigns (draw, results per agency), the files
and their scoring. The coordinator (司法局) organises and scores; an agency's clerks read
their own agency's files and results only (``access.restrict`` on the file's unit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import urlencode

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import OrgUnit
from fazhi.core.refusals import FAILURES, failure
from fazhi.indicators.registry import filter_by_figure

from . import forms_review as forms
from . import indicators_review
from .models import CaseFileReview, ReviewCampaign, ScoringSheet
from .services import casefile_review as review


def number(value, low: int = 1, high: int = 10**12) -> int | None:
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 13:
        return None
    n = int(text)
    return n if low <= n <= high else None


def unit_filter(qs, raw):
    unit_id = number(raw)
    if unit_id is None:
        return qs, None
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        return qs.none(), None
    return qs.filter(unit__path__startswith=unit.path), unit


def xlsx(filename: str, title: str, header: list[str], rows) -> HttpResponse:
    """A list as a one-sheet workbook: the title, the header, the rows (the whole filtered
    list, not one page)."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "列表"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    resp = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f"attachment; filename={filename}"
    return resp


def _organiser(user) -> bool:
    return access.is_global(user, "change")


# --- sheets ---------------------------------------------------------------------------------


@login_required
def sheet_list(request):
    sheets = ScoringSheet.objects.prefetch_related("items")
    return render(
        request,
        "enforcement/review_sheets.html",
        {"sheets": sheets, "can_edit": _organiser(request.user)},
    )


@login_required
def sheet_edit(request, pk: int | None = None):
    user = request.user
    sheet = None
    if pk is not None:
        sheet = ScoringSheet.objects.filter(pk=pk).first()
        if sheet is None:
            raise Http404("评分表不存在")
    if (request.method == "POST" or sheet is None) and not _organiser(user):
        raise PermissionDenied("只有司法行政部门（统筹协调）可以制定评分表")
    initial = {}
    if sheet is not None:
        initial = {
            "name": sheet.name,
            "pass_mark": sheet.pass_mark,
            "items": forms.items_text(sheet),
        }
    elif not request.POST:
        initial = {
            "pass_mark": review.DEFAULT_PASS_MARK,
            "items": "\n".join(f"{t}|{w}|{g}" for t, w, g in review.DEFAULT_ITEMS),
        }
    form = forms.SheetForm(request.POST or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                sheet = review.save_sheet(
                    name=d["name"], pass_mark=d["pass_mark"], items=d["items"], actor=user,
                    sheet=sheet,
                )  # fmt: skip
                messages.success(request, f"已保存评分表“{sheet.name}”")
                return redirect("enforcement:review_sheet", pk=sheet.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "enforcement/review_sheet.html",
        {
            "sheet": sheet,
            "form": form,
            "errors": errors,
            "can_edit": _organiser(user),
            "history": events.history("enforcement.scoringsheet", str(sheet.pk)) if sheet else [],
        },
        status=status,
    )


# --- campaigns ------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    user = request.user
    campaigns = access.restrict(ReviewCampaign.objects.select_related("sheet"), user, "view")
    files = access.restrict(CaseFileReview.objects.all(), user, "view")
    return render(
        request,
        "enforcement/review_campaigns.html",
        {
            "campaigns": campaigns,
            "can_create": _organiser(user),
            "results": review.results(files) if not access.is_global(user, "view") else [],
        },
    )


@login_required
def campaign_new(request):
    user = request.user
    if not _organiser(user):
        raise PermissionDenied("只有司法行政部门（统筹协调）可以组织案卷评查")
    today = core.today()
    form = forms.CampaignForm(
        user,
        request.POST or None,
        initial={
            "year": today.year,
            "title": f"{today.year}年度行政执法案卷评查",
            "per_agency": 3,
        },
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                c = review.create_campaign(actor=user, **d)
                messages.success(request, "已建立评查活动，请抽取案卷")
                return redirect("enforcement:review_campaign", pk=c.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request, "enforcement/review_campaign_new.html", {"form": form, "errors": errors},
        status=status,
    )  # fmt: skip


@login_required
def campaign_detail(request, pk: int):
    user = request.user
    c = access.get_for(user, ReviewCampaign.objects.select_related("sheet", "unit"), "view", pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ("draw", "close"):
        raise Http404("未知操作")
    today = core.today()
    draw_form = forms.DrawForm(
        request.POST if action == "draw" else None, prefix="draw", initial={"on": today}
    )
    close_form = forms.CloseForm(
        request.POST if action == "close" else None, prefix="close", initial={"on": today}
    )
    errors: list[str] = []
    status = 200
    if action:
        if not access.can(user, "change", c.unit) or not _organiser(user):
            raise PermissionDenied("只有司法行政部门（统筹协调）可以组织案卷评查")
        form = draw_form if action == "draw" else close_form
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "draw":
                    review.draw(c, on=d["on"], seed=d["seed"], actor=user)
                    messages.success(request, "已随机抽取案卷")
                else:
                    review.close_campaign(c, on=d["on"], actor=user)
                    messages.success(request, "评查活动已结束")
                return redirect("enforcement:review_campaign", pk=c.pk)
            except FAILURES as e:
                errors, status = failure(e)
    files = c.files.select_related("case", "agency")
    return render(
        request,
        "enforcement/review_campaign.html",
        {
            "c": c,
            "draw_form": draw_form,
            "close_form": close_form,
            "errors": errors,
            "can_act": _organiser(user) and c.state != ReviewCampaign.State.CLOSED,
            "can_draw": _organiser(user)
            and c.state != ReviewCampaign.State.CLOSED
            and not c.files.filter(scored_on__isnull=False).exists(),
            "agencies": review.agencies_of(c),
            "results": review.results(c.files.all()),
            "files": files,
            "verified": review.verify_draw(c),
            "pool": sum(len(v) for v in c.candidates.values()),
            "history": events.history("enforcement.reviewcampaign", str(c.pk)),
        },
        status=status,
    )


# --- files ----------------------------------------------------------------------------------


@login_required
def file_list(request):
    """The drawn files the user may read; ``?figure=`` shows exactly a figure's files."""
    user = request.user
    qs = access.restrict(
        CaseFileReview.objects.select_related("campaign", "case", "agency"), user, "view"
    )
    g = request.GET
    year = number(g.get("year"), 1900, 2999)
    banner = ""
    figured, banner = filter_by_figure(
        qs, indicators_review.FILE_RECORDS, g.get("figure", ""), year, "评查案卷"
    )
    if figured is not None:
        qs = figured
    elif year:
        qs = qs.filter(campaign__year=year)
    qs, unit = unit_filter(qs, g.get("unit"))
    result = g.get("result", "")
    if result == "pass":
        qs = qs.filter(passed=True)
    elif result == "fail":
        qs = qs.filter(passed=False)
    elif result == "todo":
        qs = qs.filter(scored_on__isnull=True)
    qs = qs.order_by("-campaign__year", "agency__name", "case_id")
    if g.get("format") == "xlsx":
        return xlsx(
            "casefile-reviews.xlsx",
            banner or "评查案卷",
            ["评查活动", "执法主体", "案号", "案由", "得分", "结论", "评查日期"],
            (
                [
                    f.campaign.title,
                    f.agency.name,
                    f.case.number,
                    f.case.title,
                    float(f.total) if f.total is not None else None,
                    ("合格" if f.passed else "不合格") if f.scored_on else "待评",
                    f.scored_on,
                ]
                for f in qs.iterator(chunk_size=500)
            ),
        )
    page = Paginator(qs, 50).get_page(g.get("page"))
    keep = {k: v for k, v in g.items() if k != "page" and v}
    return render(
        request,
        "enforcement/review_files.html",
        {
            "page": page,
            "banner": banner,
            "unit": unit,
            "f": {"year": year or "", "result": result},
            "query": urlencode(keep) + "&" if keep else "",
            "export": urlencode({**keep, "format": "xlsx"}),
        },
    )


@login_required
def file_detail(request, pk: int):
    user = request.user
    f = access.get_for(
        user,
        CaseFileReview.objects.select_related("campaign__sheet", "case", "agency", "reviewer"),
        "view",
        pk=pk,
    )
    items = list(f.campaign.sheet.items.all())
    scored = {s.item_id: s for s in f.scores.all()}
    initial = {"on": core.today(), "comment": f.comment}
    for i in items:
        if i.pk in scored:
            initial[f"score_{i.pk}"] = scored[i.pk].score
            initial[f"why_{i.pk}"] = scored[i.pk].comment
    form = forms.ScoreForm(items, request.POST or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if not _organiser(user):
            raise PermissionDenied("只有司法行政部门（统筹协调）可以评查案卷")
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                review.score_file(
                    f, scores=form.scores(), on=d["on"], comment=d["comment"], actor=user
                )
                messages.success(request, "已保存评分")
                return redirect("enforcement:review_file", pk=f.pk)
            except FAILURES as e:
                errors, status = failure(e)
    rows = [(i, scored.get(i.pk)) for i in items]
    return render(
        request,
        "enforcement/review_file.html",
        {
            "f": f,
            "rows": rows,
            "form": form,
            "pairs": [(form[f"score_{i.pk}"], form[f"why_{i.pk}"]) for i in items],
            "errors": errors,
            "can_score": _organiser(user) and f.campaign.state == ReviewCampaign.State.DRAWN,
            "history": events.history("enforcement.casefilereview", str(f.pk), user),
        },
        status=status,
    )


urlpatterns = [
    path("review/", campaign_list, name="review_campaigns"),
    path("review/new/", campaign_new, name="review_campaign_new"),
    path("review/<int:pk>/", campaign_detail, name="review_campaign"),
    path("review/files/", file_list, name="review_files"),
    path("review/files/<int:pk>/", file_detail, name="review_file"),
    path("review/sheets/", sheet_list, name="review_sheets"),
    path("review/sheets/new/", sheet_edit, name="review_sheet_new"),
    path("review/sheets/<int:pk>/", sheet_edit, name="review_sheet"),
]
