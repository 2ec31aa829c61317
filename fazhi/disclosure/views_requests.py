"""Office pages of 依申请公开 for the clerks of each agency that answers requests: the daily
list (filters, search, the records a figure counts, XLSX export), the counter entry of
letters, visits, faxes and e-mails (条例 第二十九、三十一条) and the request's page with its
clocks (reply period with its pauses and extension, 补正, consultation and fee periods),
the full-process record and one form per step its state allows. Every query goes through
``core.access``; every change through ``services/requests.py`` (via ``actions_requests``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, deadlines, events, locking
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing
from fazhi.core.xlsx_out import xlsx
from fazhi.indicators.registry import filter_by_figure

from . import actions_requests, conf, forms_requests, rules, views_docx
from .deadlines import CONSULTATION, CORRECTION, CORRECTION_NOTICE, FEE, REPLY
from .indicators import RECORDS
from .models import DisclosureRequest, ThirdPartyConsultation
from .services import fees
from .services import requests as svc

FAILURES = (ValidationError, PermissionDenied, UploadRejected, CalendarMissing)
PER_PAGE = 50
EXPORT_LIMIT = 20000
R = DisclosureRequest
ST = R.State
RECORD_TYPE = "disclosure.disclosurerequest"


def requests_for(user, action: str = "view"):
    return access.restrict(
        R.objects.select_related("unit", "deadline", "correction_deadline"), user, action
    )


def units_for(user):
    """The agencies the unit filter offers: those of requests the user reads."""
    ids = requests_for(user).values("unit_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code")


def filtered(user, g, today: dt.date):
    """The list's query from its GET parameters: (queryset, the filter values shown)."""
    qs = requests_for(user)
    f: dict = {}
    state = g.get("state", "")
    if state in ST.values:
        qs = qs.filter(state=state)
        f["state"] = state
    # Opened from a figure's records link: exactly the records it counted that year.
    counted, banner = filter_by_figure(
        qs, RECORDS, g.get("figure", ""), _year(g.get("year")), "政府信息公开申请"
    )
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(received_on__gte=dt.date(year, 1, 1), received_on__lte=dt.date(year, 12, 31))
    if year:
        f["year"] = year
    unit = _int(g.get("unit"))
    if unit:
        qs = qs.filter(unit_id=unit)
        f["unit"] = unit
    kind = g.get("kind", "")
    if kind in R.ApplicantKind.values:
        qs = qs.filter(applicant_kind=kind)
        f["kind"] = kind
    late = g.get("late", "")
    if late in ("1", "0"):
        qs = qs.filter(late=late == "1")
        f["late"] = late
    if g.get("overdue", "") == "1":
        qs = qs.filter(
            state__in=R.OPEN_STATES,
            deadline__state=Deadline.State.RUNNING,
            deadline__due_date__lt=today,
        )
        f["overdue"] = "1"
    result = g.get("result", "")
    if result in rules.ROW_CODES:
        qs = qs.filter(result=result)
        f["result"] = result
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(tracking_number__contains=q)
            | Q(applicant_name__contains=q)
            | Q(description__contains=q)
        )
        f["q"] = q
    return qs, f


def current_clock(req: DisclosureRequest) -> Deadline | None:
    """The clock the list shows: the applicant's 补正 period while it runs, else the
    reply period."""
    if req.state == ST.CORRECTION and req.correction_deadline_id:
        return req.correction_deadline
    return req.deadline if req.deadline_id else None


class Statuses:
    """``deadlines.status_of`` for many rows, once per (state, due, completed)."""

    def __init__(self, today: dt.date):
        self.today, self.face, self.seen = today, Remaining(today), {}

    def __call__(self, dl: Deadline | None):
        if dl is None:
            return None
        key = (dl.state, dl.due_date, dl.completed_on)
        if key not in self.seen:
            self.seen[key] = deadlines.status_of(dl, self.today, self.face)
        return self.seen[key]


def _query(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


def _result_label(req: DisclosureRequest) -> str:
    return rules.row_label(req.result) if req.result else ""


@login_required
def request_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET, today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(today)
    rows = []
    for r in page:
        dl = current_clock(r) if r.state in R.OPEN_STATES else None
        rows.append((r, dl, status(dl), _result_label(r)))
    query, export_query = _query(request)
    return render(
        request,
        "disclosure/office/request_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": query,
            "export_query": export_query,
            "states": ST.choices,
            "kinds": R.ApplicantKind.choices,
            "results": [(c, f"{g}{i}") for c, g, i in rules.RESULT_ROWS],
            "units": units_for(request.user),
            "can_create": access.allowed_unit_choices(request.user).exists(),
        },
    )


@login_required
def request_export(request):
    """The filtered list as XLSX (at most ``EXPORT_LIMIT`` rows, in the list's order)."""
    today = core.today()
    qs, _ = filtered(request.user, request.GET, today)
    status = Statuses(today)
    header = ["申请编号", "受理机关", "收到日期", "申请方式", "申请人", "申请人类型",
              "所需信息", "办理状态", "答复（补正）期限", "期限状态", "答复或终止日期",
              "答复类型", "年报统计口径", "逾期答复"]  # fmt: skip
    rows = []
    for r in qs[:EXPORT_LIMIT]:
        dl = current_clock(r) if r.state in R.OPEN_STATES else None
        st = status(dl)
        rows.append([
            r.tracking_number, r.unit.name, r.received_on, r.get_channel_display(),
            r.applicant_name, r.get_applicant_kind_display(), r.description,
            r.get_state_display(), dl.due_date if dl else None, st[1] if st else "",
            r.replied_on, r.get_reply_type_display() if r.reply_type else "",
            _result_label(r), "是" if r.late else "否",
        ])  # fmt: skip
    return xlsx("政府信息公开申请", header, rows, f"disclosure-requests-{today:%Y%m%d}.xlsx")


@login_required
def request_new(request):
    """窗口登记: a clerk of an agency enters a request it received (the service checks who
    may again)."""
    if not access.allowed_unit_choices(request.user).exists():
        raise PermissionDenied("只有受理机关的工作人员可以登记政府信息公开申请")
    form = forms_requests.RequestCounterForm(
        request.user, request.POST or None, request.FILES or None
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                req, code = svc.submit(actor=request.user, **form.service_kwargs())
                note = f"已登记：{req.tracking_number}。申请人查询码：{code}（仅显示一次，请告知申请人）"
                if req.repeat_of_id:
                    note += "。该申请可能属于重复申请，请核实"
                messages.success(request, note)
                return redirect("disclosure:request", pk=req.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "disclosure/office/request_new.html",
        {"form": form, "errors": errors},
        status=status,
    )


LABELS = {
    REPLY: "答复期限",
    CORRECTION_NOTICE: "一次性告知补正期限",
    CORRECTION: "申请人补正期限",
    FEE: "申请人缴纳信息处理费期限",
}


def _clocks(req: DisclosureRequest, today, user) -> list[dict]:
    """Every clock of the request, oldest first, with how its due date was computed
    (pauses and the extension are events on the clock, never an edited date)."""
    face = Remaining(today)
    parties = {c.deadline_id: c.party for c in req.consultations.exclude(deadline=None)}
    out = []
    clocks = Deadline.objects.filter(record_type=RECORD_TYPE, record_id=str(req.pk))
    readable = set(access.restrict(clocks, user, "view").values_list("pk", flat=True))
    for dl in clocks.order_by("pk").prefetch_related("pauses", "extensions"):
        try:
            explanation = core.explain(dl)
        except CalendarMissing as e:
            explanation = [str(e)]
        if dl.clock == CONSULTATION:
            label = f"{parties.get(dl.pk, '')}提出意见期限"
        else:
            label = LABELS.get(dl.clock, deadlines.get_clock(dl.clock).name)
        out.append({
            "label": label,
            "deadline": dl,
            "status": deadlines.status_of(dl, today, face),
            "explanation": explanation,
            "pauses": list(dl.pauses.all()),
            "extensions": list(dl.extensions.all()),
            "visible": dl.pk in readable,
        })  # fmt: skip
    return out


def _fee_preview(req: DisclosureRequest, bound) -> dict:
    """What the fee form shows: the applicant's count this month and what each scale
    would charge (国办函〔2020〕109号)."""
    rank = svc.month_rank(req)
    pages = None
    if bound is not None and bound.is_bound:
        pages = _int(bound.data.get("fee-pages"))
    return {
        "rank": rank,
        "free": conf.PER_REQUEST_FREE,
        "per_request": fees.fee(fees.PER_REQUEST, nth=rank),
        "pages": pages,
        "per_page": fees.fee(fees.PER_PAGE, pages=pages) if pages else None,
    }


@login_required
def request_detail(request, pk: int):
    user = request.user
    req = access.get_for(user, requests_for(user), "view", pk=pk)
    allowed = actions_requests.allowed(req, user)
    table = actions_requests.ACTIONS
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in table:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = table[action].form(req, request.POST, request.FILES, prefix=action)
        if bound.is_valid():
            try:
                done = actions_requests.run(
                    action, req, bound.cleaned_data, user, locking.seen(request)
                )
                messages.success(request, done)
                return redirect(req.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
                req = requests_for(user).get(pk=req.pk)  # as it is now (a stale form)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]  # keep the refused form on screen with what was typed
    action_forms = [
        (table[code], bound if code == action else table[code].form(req, prefix=code))
        for code in allowed
    ]
    repeat = None
    if req.repeat_of_id:
        repeat = requests_for(user).filter(pk=req.repeat_of_id).first()
    today = core.today()
    return render(
        request,
        "disclosure/office/request_detail.html",
        {
            "r": req,
            "clocks": _clocks(req, today, user),
            "consultations": [(c, views_docx.downloads(c)) for c in req.consultations.all()],
            "docs": views_docx.downloads(req),
            "forms": action_forms,
            "action": action,
            "errors": errors,
            "inline": action in allowed,  # the refusal shows on its form, else on top
            "repeat": repeat,
            "result_label": _result_label(req),
            "ground_label": dict(rules.grounds_for(req.reply_type)).get(req.ground, ""),
            "fee": _fee_preview(req, bound if action == "fee" else None)
            if "fee" in allowed
            else None,
            "grounds_map": forms_requests.grounds_map(),
            "history": events.history(RECORD_TYPE, str(req.pk)),
            "consultation_kinds": ThirdPartyConsultation.Kind,
        },
        status=status,
    )


urlpatterns = [
    path("requests/", request_list, name="requests"),
    path("requests/export.xlsx", request_export, name="request_export"),
    path("requests/new/", request_new, name="request_new"),
    path("requests/<int:pk>/", request_detail, name="request"),
]
