"""Office pages of 规范性文件附带审查 raised in 行政复议 (行政复议法 第56—60条): the list with
each review's running clocks, and the record page with its clocks, the action of the
stage it is in (forms keep what was typed on a refusal) and its full-process record.
Every query goes through ``core.access``; every change through ``services.ancillary``."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, deadlines, events
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.refusals import messages_of
from fazhi.core.remaining import Remaining
from fazhi.core.workdays import CalendarMissing

from . import forms_ancillary as forms
from .models import AncillaryReview, NormativeDocument
from .services import ancillary

A = AncillaryReview
ST = A.State
FAILURES = (ValidationError, PermissionDenied, CalendarMissing)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 20000

# The clocks of a review, in the order of the procedure.
CLOCKS = (
    ("handle_deadline", "处理期限（30日）"),
    ("forward_deadline", "转送期限（7个工作日）"),
    ("maker_deadline", "制定机关答复期限（10个工作日）"),
    ("reply_deadline", "接受转送机关回复期限（60日）"),
)


def reviews_for(user, action: str = "view"):
    return access.restrict(
        A.objects.select_related("unit", "document", *(f for f, _ in CLOCKS)), user, action
    )


def _clocks(review: AncillaryReview, today, face, *, running_only: bool = False) -> list[dict]:
    rows = []
    for field, label in CLOCKS:
        dl: Deadline | None = getattr(review, field)
        if dl is None:
            continue
        if running_only and dl.state != Deadline.State.RUNNING:
            continue
        rows.append(
            {"label": label, "deadline": dl, "status": deadlines.status_of(dl, today, face)}
        )
    return rows


def _filtered(user, params):
    qs = reviews_for(user)
    state = params.get("state", "")
    if state in ST.values:
        qs = qs.filter(state=state)
    else:
        state = ""
    q = params.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(
            Q(case_number__icontains=q)
            | Q(document_title__icontains=q)
            | Q(document_number__icontains=q)
        )
    return qs.order_by("-received_on", "-pk"), state, q


@login_required
def ancillary_list(request):
    today = core.today()
    face = Remaining(today)
    qs, state, q = _filtered(request.user, request.GET)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    rows = [(r, _clocks(r, today, face, running_only=True)) for r in page]
    return render(
        request,
        "documents/ancillary_list.html",
        {
            "page": page,
            "rows": rows,
            "states": ST.choices,
            "state": state,
            "q": q,
            "query": f"{params.urlencode()}&" if params else "",
        },
    )


@login_required
def ancillary_export(request):
    """The filtered list as XLSX, in the list's order (the applicant's name left out)."""
    from openpyxl import Workbook

    today = core.today()
    face = Remaining(today)
    qs, _, _ = _filtered(request.user, request.GET)
    wb = Workbook()
    ws = wb.active
    ws.title = "规范性文件附带审查"
    ws.append(["行政复议案号", "规范性文件", "文号", "收到日期", "办理状态", "处理方式",
               "处理或转送日期", "转送机关", "制定机关答复日期", "审查结论", "结论日期",
               "正在计时的期限"])  # fmt: skip
    dates = {4, 7, 9, 11}
    for row, r in enumerate(qs[:EXPORT_LIMIT], start=2):
        clocks = "；".join(
            f"{k['label']}至{k['deadline'].due_date:%Y-%m-%d}（{k['status'][1]}）"
            for k in _clocks(r, today, face, running_only=True)
            if k["deadline"].due_date
        )
        values = [r.case_number, r.document_title, r.document_number, r.received_on,
                  r.get_state_display(), r.get_route_display() if r.route else "", r.routed_on,
                  r.forwarded_to, r.maker_answered_on,
                  r.get_conclusion_display() if r.conclusion else "", r.concluded_on,
                  clocks]  # fmt: skip
        ws.append(values)
        for col, v in enumerate(values, start=1):
            if col in dates and v:
                ws.cell(row=row, column=col).number_format = "yyyy-mm-dd"
            elif isinstance(v, str) and v.startswith("="):
                ws.cell(row=row, column=col).data_type = "s"  # typed text, never a formula
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=ancillary-reviews-{today:%Y%m%d}.xlsx"
    return resp


ACTIONS = {
    "route": ("决定处理方式", forms.RouteForm),
    "answer": ("登记制定机关书面答复", forms.AnswerForm),
    "conclude": ("登记审查结论", forms.ConcludeForm),
}


def _available(review: AncillaryReview) -> list[str]:
    if review.state == ST.RECEIVED:
        return ["route"]
    if review.state == ST.HANDLING:
        return ["conclude"] if review.maker_answered_on else ["answer", "conclude"]
    if review.state == ST.FORWARDED:
        return ["conclude"]
    return []


def _form(action: str, data=None):
    today = core.today()
    return ACTIONS[action][1](data, prefix=action, initial={"on": today})


def _act(action: str, review: AncillaryReview, d: dict, user) -> str:
    if action == "route":
        r = ancillary.route(review, actor=user, **d)
        return f"已决定：{r.get_route_display()}"
    if action == "answer":
        ancillary.record_maker_answer(review, actor=user, **d)
        return "已登记制定机关的书面答复"
    r = ancillary.conclude(review, actor=user, **d)
    return f"已登记审查结论：{r.get_conclusion_display()}"


@login_required
def ancillary_detail(request, pk: int):
    user = request.user
    review = access.get_for(user, reviews_for(user), "view", pk=pk)
    can_change = access.can(user, "change", review.unit)
    allowed = _available(review) if can_change else []
    errors: list[str] = []
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    bound = None
    if action is not None:
        review = access.get_for(user, reviews_for(user, "change"), "change", pk=pk)
        if action not in ACTIONS:
            raise Http404("未知操作")
        status = 400
        bound = _form(action, request.POST)
        if bound.is_valid():
            try:
                messages.success(request, _act(action, review, bound.cleaned_data, user))
                return redirect("documents:ancillary", pk=review.pk)
            except FAILURES as e:
                errors = messages_of(e)
                status = 403 if isinstance(e, PermissionDenied) else 400
        if action not in allowed and status != 403:
            allowed = [*allowed, action]  # keep the refused form on screen with what was typed
    action_forms = [
        (code, ACTIONS[code][0], bound if code == action else _form(code)) for code in allowed
    ]
    today = core.today()
    return render(
        request,
        "documents/ancillary.html",
        {
            "r": review,
            "clocks": _clocks(review, today, Remaining(today)),
            "action_forms": action_forms,
            "errors": errors,
            "document_visible": review.document_id is not None
            and access.restrict(
                NormativeDocument.objects.filter(pk=review.document_id), user
            ).exists(),
            "history": events.history("documents.ancillaryreview", str(review.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("ancillary/", ancillary_list, name="ancillary_list"),
    path("ancillary/export.xlsx", ancillary_export, name="ancillary_export"),
    path("ancillary/<int:pk>/", ancillary_detail, name="ancillary"),
]
