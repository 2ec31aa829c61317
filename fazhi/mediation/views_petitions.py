"""Office pages of 信访 (信访工作条例): the clerk's daily list (filters, search, XLSX export),
the registration form, and the petition's page with its clocks, 复查/复核, full-process
record and one form per step its state offers. The registering unit's clerks route it and
record its reviews; the unit it was transferred to reads it here and gives notice, handles
and concludes it. Every query goes through ``core.access``; every change through
``services/petitions`` (via ``actions_petitions``)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_safe

from fazhi.core import access, deadlines, events, locking
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.core.refusals import FAILURES, failure
from fazhi.core.remaining import Remaining
from fazhi.core.workdays import CalendarMissing
from fazhi.core.xlsx_out import xlsx

from . import actions_petitions, docx_petitions, forms_petitions
from .access_petitions import HANDLE
from .models import Petition
from .services import petitions as svc

PER_PAGE = 50
EXPORT_LIMIT = 20000
P = Petition
ST = P.State
RECORD_TYPE = "mediation.petition"


def petitions_for(user, action: str = "view"):
    return access.restrict(
        P.objects.select_related("unit", "handling_unit", "routing_deadline", "notice_deadline",
                                 "deadline"), user, action,
    )  # fmt: skip


def _month(raw: str) -> tuple[dt.date, dt.date] | None:
    """ "2025-03" → the month's first and last day; anything else None."""
    text = (raw or "").strip()
    try:
        first = dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None
    if not 1900 <= first.year <= 2999:
        return None
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def filtered(user, g, today: dt.date):
    qs = petitions_for(user)
    f: dict = {}
    for name, values in (("state", ST.values), ("category", P.Category.values),
                         ("channel", P.Channel.values)):  # fmt: skip
        value = g.get(name, "")
        if value in values:
            qs = qs.filter(**{name: value})
            f[name] = value
    month = _month(g.get("month", ""))
    if month:
        qs = qs.filter(received_on__gte=month[0], received_on__lte=month[1])
        f["month"] = g.get("month").strip()
    side = g.get("side", "")
    if side == "handling" and user.unit_id:
        qs = qs.filter(access.unit_scope_q(user, "handling_unit")).exclude(
            access.unit_scope_q(user, "unit")
        )
        f["side"] = side
    elif side == "registered" and user.unit_id:
        qs = qs.filter(access.unit_scope_q(user, "unit"))
        f["side"] = side
    if g.get("overdue", "") == "1":
        qs = qs.filter(state__in=P.OPEN_STATES).filter(
            Q(routing_deadline__state=Deadline.State.RUNNING,
              routing_deadline__due_date__lt=today)
            | Q(notice_deadline__state=Deadline.State.RUNNING,
                notice_deadline__due_date__lt=today)
            | Q(deadline__state=Deadline.State.RUNNING, deadline__due_date__lt=today)
        )  # fmt: skip
        f["overdue"] = "1"
    if g.get("late", "") == "1":
        qs = qs.filter(late=True)
        f["late"] = "1"
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__contains=q) | Q(petitioner_name__contains=q) | Q(subject__contains=q)
        )
        f["q"] = q
    return qs, f


def current_clock(p: Petition) -> Deadline | None:
    """The clock the list shows: routing while registered, notice while routed, handling
    while handled."""
    if p.state == ST.REGISTERED:
        return p.routing_deadline
    if p.state == ST.ROUTED:
        return p.notice_deadline
    if p.state == ST.HANDLING:
        return p.deadline
    return None


def _status(dl, today, face):
    return deadlines.status_of(dl, today, face) if dl is not None else None


def _query(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


@login_required
def petition_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET, today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    face = Remaining(today)
    rows = []
    for p in page:
        dl = current_clock(p)
        rows.append((p, dl, _status(dl, today, face)))
    query, export_query = _query(request)
    return render(request, "mediation/petition_list.html", {
        "page": page, "rows": rows, "f": f, "query": query, "export_query": export_query,
        "states": ST.choices, "categories": P.Category.choices, "channels": P.Channel.choices,
        "can_create": access.allowed_unit_choices(request.user).exists(),
    })  # fmt: skip


@login_required
def petition_export(request):
    today = core.today()
    qs, _ = filtered(request.user, request.GET, today)
    face = Remaining(today)
    header = ["信访件编号", "登记单位", "收到日期", "信访形式", "类别", "信访人", "来访人数",
              "信访事项", "状态", "办理单位", "当前期限", "期限状态", "办结日期", "处理结果",
              "逾期办结"]  # fmt: skip
    rows = []
    for p in qs[:EXPORT_LIMIT]:
        dl = current_clock(p)
        st = _status(dl, today, face)
        rows.append([
            p.number, p.unit.name, p.received_on, p.get_channel_display(),
            p.get_category_display(), p.petitioner_name, p.people_count, p.subject,
            p.get_state_display(), p.handling_unit.name if p.handling_unit_id else "",
            dl.due_date if dl else None, st[1] if st else "", p.concluded_on,
            p.get_result_display() if p.result else "", "是" if p.late else "否",
        ])  # fmt: skip
    return xlsx("信访事项", header, rows, f"petitions-{today:%Y%m%d}.xlsx")


@login_required
def petition_new(request):
    """登记: a clerk enters a petition the unit received (the service checks who may)."""
    if not access.allowed_unit_choices(request.user).exists():
        raise PermissionDenied("只有登记单位的工作人员可以登记信访事项")
    form = forms_petitions.PetitionForm(request.user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                p = svc.register(actor=request.user, **form.service_kwargs())
                note = f"已登记：{p.number}"
                repeat = svc.reviewed_repeat(p)
                if repeat is not None:
                    note += f"。与{repeat.number}为同一信访事项，已经复核，不再受理，只能不予受理"
                messages.success(request, note)
                return redirect("mediation:petition", pk=p.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(request, "mediation/petition_new.html", {"form": form, "errors": errors},
                  status=status)  # fmt: skip


def _clocks(p: Petition, today, user) -> list[dict]:
    face = Remaining(today)
    out = []
    clocks = Deadline.objects.filter(record_type=RECORD_TYPE, record_id=str(p.pk))
    readable = set(access.restrict(clocks, user, "view").values_list("pk", flat=True))
    for dl in clocks.order_by("pk").prefetch_related("pauses", "extensions"):
        try:
            explanation = core.explain(dl)
        except CalendarMissing as e:
            explanation = [str(e)]
        out.append({
            "label": deadlines.get_clock(dl.clock).name, "deadline": dl,
            "status": deadlines.status_of(dl, today, face), "explanation": explanation,
            "pauses": list(dl.pauses.all()), "extensions": list(dl.extensions.all()),
            "visible": dl.pk in readable,
        })  # fmt: skip
    return out


@login_required
def petition_detail(request, pk: int):
    user = request.user
    p = access.get_for(user, petitions_for(user), "view", pk=pk)
    allowed = actions_petitions.allowed(p, user)
    table = actions_petitions.ACTIONS
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in table:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = actions_petitions.make_form(action, p, request.POST, prefix=action)
        if bound.is_valid():
            try:
                done = actions_petitions.run(action, p, bound.cleaned_data, user,
                                             locking.seen(request))  # fmt: skip
                messages.success(request, done)
                return redirect(p.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
                p = petitions_for(user).get(pk=p.pk)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]
    forms = [
        (table[c], bound if c == action else actions_petitions.make_form(c, p, prefix=c))
        for c in allowed
    ]
    repeat = svc.reviewed_repeat(p)
    if repeat is not None and not petitions_for(user).filter(pk=repeat.pk).exists():
        repeat_link = None
    else:
        repeat_link = repeat
    return render(request, "mediation/petition_detail.html", {
        "p": p, "clocks": _clocks(p, core.today(), user), "reviews": list(p.reviews.all()),
        "forms": forms, "action": action, "errors": errors, "inline": action in allowed,
        "repeat": repeat, "repeat_link": repeat_link,
        "can_handle": p.handling_unit_id is not None and access.can(user, HANDLE,
                                                                    p.handling_unit),
        "history": events.history(RECORD_TYPE, str(p.pk)),
        "docs": [(k, t) for k, t in (("notice", "受理（不予受理）告知书"),
                                     ("opinion", "信访处理意见书"))
                 if not docx_petitions.refusal(p, k)],
    }, status=status)  # fmt: skip


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_safe
@login_required
def petition_docx(request, pk: int, kind: str):
    """The 受理（不予受理）告知书 or the 信访处理意见书 as DOCX; read through the same scope as
    the petition's page (404 outside it); 409 with the reason when the record cannot give it
    yet."""
    if kind not in docx_petitions.KINDS:
        raise Http404("没有这种文书")
    p = access.get_for(request.user, petitions_for(request.user), "view", pk=pk)
    why = docx_petitions.refusal(p, kind)
    if why:
        return render(request, "core/error.html", {"status": 409, "title": "暂不能制作该文书",
                      "text": why, "back": p.get_absolute_url()}, status=409)  # fmt: skip
    doc, payload = docx_petitions.render(p, kind)
    resp = HttpResponse(payload, content_type=DOCX)
    label = quote(f"{doc['title']}{p.number}.docx")
    resp["Content-Disposition"] = (
        f"attachment; filename=petition-{p.pk}-{kind}.docx; filename*=UTF-8''{label}"
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


urlpatterns = [
    path("petitions/", petition_list, name="petitions"),
    path("petitions/export.xlsx", petition_export, name="petition_export"),
    path("petitions/new/", petition_new, name="petition_new"),
    path("petitions/<int:pk>/", petition_detail, name="petition"),
    path("petitions/<int:pk>/docx/<str:kind>/", petition_docx, name="petition_docx"),
]
