"""Back-office pages of enforcement cases: the clerk's daily list (filtered, sorted by the
decision clock, XLSX export), the new case and 当场处罚 forms, and the case page with its
parties, officers, stage timeline, clocks, legality review, publication, history and the
action forms of the stage it is in. Every query goes through ``core.access``; every change
through ``services`` (via ``actions_cases``)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, deadlines, events
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import messages_of
from fazhi.core.remaining import Remaining
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing
from fazhi.indicators.registry import filter_by_figure

from . import actions_cases, docx_out, forms_cases, services
from .deadlines import WITHDRAWAL
from .indicators import RECORDS
from .models import Agency, Case, CaseKind, Party
from .services import service_clock

FAILURES = (ValidationError, PermissionDenied, UploadRejected, CalendarMissing)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PER_PAGE = 50
EXPORT_LIMIT = 20000
S = Case.Stage
OPEN = [s.value for s in Case.OPEN_STAGES]


_messages = messages_of  # core/refusals.py: one wording of a refusal for every page


def _status(exc: Exception) -> int:
    return 403 if isinstance(exc, PermissionDenied) else 400


def cases_for(user, action: str = "view"):
    return access.restrict(
        Case.objects.select_related("agency", "unit", "deadline", "power"), user, action
    )


CLOCK_FILTERS = (("overdue", "已超期"), ("soon", "即将到期"), ("open", "办理中"))
SORTS = (("due", "按办理期限"), ("filed", "按立案日期（新的在前）"))


def filtered(user, g, today: dt.date):
    """The list's query from its GET parameters: (queryset, the filter values shown)."""
    qs = cases_for(user)
    f = {}
    # Opened from a figure's records link: exactly the cases the figure counted (its year
    # is the figure's, e.g. decided in the year, so the filing-year filter stands aside).
    counted, banner = filter_by_figure(
        qs, RECORDS, g.get("figure", ""), _year(g.get("year")), "执法案件"
    )
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    unit_id = _int(g.get("unit"))
    if unit_id:
        unit = OrgUnit.objects.filter(pk=unit_id).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
        f["unit"] = unit
    agency = _int(g.get("agency"))
    if agency:
        qs = qs.filter(agency_id=agency)
        f["agency"] = agency
    kind = g.get("kind", "")
    if kind in CaseKind.values:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    stage = g.get("stage", "")
    if stage in S.values:
        qs = qs.filter(stage=stage)
        f["stage"] = stage
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(filed_on__gte=dt.date(year, 1, 1), filed_on__lte=dt.date(year, 12, 31))
        f["year"] = year
    clock = g.get("clock", "")
    running = Q(stage__in=OPEN, deadline__state=Deadline.State.RUNNING)
    if clock == "overdue":
        qs = qs.filter(running, deadline__due_date__lt=today)
    elif clock == "soon":
        end = Remaining(today).horizon_end
        qs = qs.filter(running, deadline__due_date__gte=today, deadline__due_date__lte=end)
    elif clock == "open":
        qs = qs.filter(stage__in=OPEN)
    else:
        clock = ""
    f["clock"] = clock
    q = g.get("q", "").strip()[:100]
    if q:
        party = Party.objects.filter(case=OuterRef("pk"), name__contains=q)
        qs = qs.filter(Q(number__contains=q) | Q(title__contains=q) | Exists(party))
        f["q"] = q
    sort = g.get("sort", "due")
    if sort == "filed":
        qs = qs.order_by("-filed_on", "-pk")
    else:
        sort = "due"
        qs = qs.order_by(F("deadline__due_date").asc(nulls_last=True), "-filed_on", "-pk")
    f["sort"] = sort
    return qs, f


class Statuses:
    """``deadlines.status_of`` for many rows: computed once per (state, due, completed) —
    rows share due dates, and each wording counts working days on the calendar."""

    def __init__(self, today: dt.date):
        self.today, self.face, self.seen = today, Remaining(today), {}

    def __call__(self, dl: Deadline | None):
        if dl is None:
            return None
        key = (dl.state, dl.due_date, dl.completed_on)
        if key not in self.seen:
            self.seen[key] = deadlines.status_of(dl, self.today, self.face)
        return self.seen[key]


@login_required
def case_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET, today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(today)
    rows = [(c, status(c.deadline) if c.deadline_id else None) for c in page]
    keep = request.GET.copy()
    keep.pop("page", None)
    can_change = (
        access.can(request.user, "change") and forms_cases.agencies_for(request.user).exists()
    )
    return render(
        request,
        "enforcement/case_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "export_query": keep.urlencode(),
            "agencies": access.restrict(Agency.objects.all(), request.user, "view"),
            "kinds": CaseKind.choices,
            "stages": S.choices,
            "clocks": CLOCK_FILTERS,
            "sorts": SORTS,
            "can_create": can_change,
        },
    )


@login_required
def case_export(request):
    """The filtered list as XLSX (at most ``EXPORT_LIMIT`` rows, in the list's order)."""
    from openpyxl import Workbook

    today = core.today()
    qs, _ = filtered(request.user, request.GET, today)
    status = Statuses(today)
    wb = Workbook()
    ws = wb.active
    ws.title = "执法案件"
    ws.append(
        ["案号", "案由", "案件类别", "程序", "执法主体", "当事人", "立案日期", "办理阶段",
         "办理期限", "期限状态", "处理结果", "罚款（元）", "决定书文号", "决定日期"]
    )  # fmt: skip
    rows = list(qs[:EXPORT_LIMIT])
    names: dict[int, list[str]] = {}
    for case_id, name in Party.objects.filter(case__in=[c.pk for c in rows]).values_list(
        "case_id", "name"
    ):
        names.setdefault(case_id, []).append(name)
    dates = {7, 9, 14}  # 立案日期, 办理期限, 决定日期 (1-based columns)
    for r, c in enumerate(rows, start=2):
        dl = c.deadline
        values = [
            c.number,
            c.title,
            c.get_kind_display(),
            c.get_procedure_display(),
            c.agency.name,
            "、".join(names.get(c.pk, [])),
            c.filed_on,
            c.get_stage_display(),
            dl.due_date if dl else None,
            status(dl)[1] if dl else "",
            c.get_outcome_display() if c.outcome else "",
            float(c.fine) if c.fine else None,
            c.decision_number,
            c.decided_on,
        ]
        ws.append(values)
        for col, v in enumerate(values, start=1):
            if col in dates and v:
                ws.cell(row=r, column=col).number_format = "yyyy-mm-dd"
            elif isinstance(v, str) and v.startswith("="):
                ws.cell(row=r, column=col).data_type = "s"  # typed text, never a formula
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=enforcement-cases-{today:%Y%m%d}.xlsx"
    return resp


def _need_creator(user):
    if not access.can(user, "change") or not forms_cases.agencies_for(user).exists():
        raise PermissionDenied("只有执法主体所属单位的经办人员可以登记案件")


def _party_data(pf) -> dict:
    d = pf.cleaned_data
    return {k: d.get(k, "") for k in ("kind", "name", "id_number", "uscc", "representative",
                                       "address", "phone", "minor")}  # fmt: skip


@login_required
def case_new(request):
    user = request.user
    _need_creator(user)
    post = request.method == "POST"
    form = forms_cases.CaseHeadForm(user, request.POST or None, request.FILES or None)
    parties = forms_cases.party_forms(request.POST if post else None)
    errors: list[str] = []
    status = 200
    if post:
        status = 400
        ok = form.is_valid() & all([pf.is_valid() for pf in parties])
        if ok:
            d = form.cleaned_data
            try:
                case = services.open_case(
                    agency=d["agency"],
                    kind=d["kind"],
                    title=d["title"],
                    filed_on=d["filed_on"],
                    parties=[_party_data(pf) for pf in parties if pf.has_changed()],
                    officers=list(d["officers"]),
                    documents=form.documents(),
                    actor=user,
                    power=d["power"],
                    facts=d["facts"],
                    on_site=d["on_site"],
                    complex_case=d["complex_case"],
                )
                messages.success(request, f"已立案：{case.number}")
                return redirect("enforcement:case", pk=case.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    return render(
        request,
        "enforcement/case_new.html",
        {"form": form, "parties": parties, "errors": errors},
        status=status,
    )


@login_required
def case_summary(request):
    """当场处罚 (简易程序, 行政处罚法 第51—52条): one party, decided and served on the spot."""
    user = request.user
    _need_creator(user)
    post = request.method == "POST"
    form = forms_cases.SummaryForm(user, request.POST or None, request.FILES or None)
    party = forms_cases.PartyForm(request.POST if post else None, prefix="party0")
    errors: list[str] = []
    status = 200
    if post:
        status = 400
        if form.is_valid() & party.is_valid():
            d = form.cleaned_data
            try:
                case = services.summary_penalty(
                    agency=d["agency"],
                    title=d["title"],
                    on=d["on"],
                    party=_party_data(party),
                    officers=list(d["officers"]),
                    documents=form.documents(),
                    actor=user,
                    fine=d["fine"] or 0,
                    power=d["power"],
                    facts=d["facts"],
                    place=d["place"],
                )
                messages.success(request, f"已登记当场处罚：{case.number}")
                return redirect("enforcement:case", pk=case.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
    return render(
        request,
        "enforcement/case_summary.html",
        {"form": form, "party": party, "errors": errors},
        status=status,
    )


FORMS = {
    "investigate": forms_cases.InvestigateForm,
    "notify": forms_cases.NotifyForm,
    "request_hearing": forms_cases.RequestHearingForm,
    "hearing": forms_cases.HearingForm,
    "review": forms_cases.ReviewForm,
    "discuss": forms_cases.DiscussForm,
    "decide": forms_cases.DecideForm,
    "serve": forms_cases.ServeForm,
    "execute": forms_cases.ExecuteForm,
    "close": forms_cases.CloseForm,
    "extend": forms_cases.ExtendForm,
    "terminate": forms_cases.TerminateForm,
    "revoke": forms_cases.RevokeForm,
    "publish": forms_cases.PublishForm,
    "withhold": forms_cases.WithholdForm,
    "withdraw": forms_cases.WithdrawForm,
}


def _clock(label: str, dl: Deadline | None, today, face, user) -> dict | None:
    if dl is None:
        return None
    return {
        "label": label,
        "deadline": dl,
        "status": deadlines.status_of(dl, today, face),
        "visible": access.restrict(Deadline.objects.filter(pk=dl.pk), user, "view").exists(),
    }


def _clocks(case: Case, pub, today, user) -> list[dict]:
    face = Remaining(today)
    ids = [case.deadline_id, case.hearing_deadline_id, pub.deadline_id if pub else None]
    found = {d.pk: d for d in Deadline.objects.filter(pk__in=[i for i in ids if i])}
    withdrawal = (
        Deadline.objects.filter(
            clock=WITHDRAWAL, record_type="enforcement.case", record_id=str(case.pk)
        )
        .order_by("-pk")
        .first()
    )
    rows = [
        _clock("办理期限（作出决定）", found.get(case.deadline_id), today, face, user),
        _clock("当事人申请听证期限", found.get(case.hearing_deadline_id), today, face, user),
        _clock("决定书送达期限", service_clock.find(case), today, face, user),
        _clock("决定公示期限", found.get(pub.deadline_id) if pub else None, today, face, user),
        _clock("撤回公示期限", withdrawal, today, face, user),
    ]
    return [r for r in rows if r]


def _publication_state(case: Case, pub, today) -> tuple[str, str] | None:
    """(css, wording) of the 事后公示: due, published (late or not), withheld, withdrawn."""
    if pub is None:
        return None
    if pub.withdrawn_on:
        return ("secondary", f"已于{pub.withdrawn_on:%Y-%m-%d}撤回公示")
    if pub.published_on:
        if case.revoked_on:
            return ("danger", f"决定已被撤销或变更，应于{pub.withdraw_due_on:%Y-%m-%d}前撤回公示")
        if pub.late:
            return ("warning", f"已于{pub.published_on:%Y-%m-%d}公示（逾期公示）")
        return ("success", f"已于{pub.published_on:%Y-%m-%d}公示")
    if pub.withheld_reason:
        return ("secondary", f"不予公开：{pub.withheld_reason}")
    if case.revoked_on:
        return ("secondary", "决定已被撤销或变更，不再公示")
    if pub.due_on < today:
        return ("danger", f"应于{pub.due_on:%Y-%m-%d}前公示，已逾期")
    return ("warning", f"应于{pub.due_on:%Y-%m-%d}前公示")


def _steps(case: Case) -> list:
    steps = list(case.steps.select_related("actor"))
    return steps


def _review(case: Case) -> dict | None:
    from fazhi.legal import interface

    review = interface.latest_review(case)
    if review is None:
        return None
    return {
        "summary": interface.review_summary(case),
        # The review's own page (legal scopes it: the requesting unit reads it too).
        "url": f"/office/legal/reviews/{review.pk}/",
    }


@login_required
def case_detail(request, pk: int):
    user = request.user
    case = access.get_for(user, cases_for(user), "view", pk=pk)
    can_change = access.can(user, "change", case.unit)
    allowed = actions_cases.available(case) if can_change else []
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in FORMS:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = FORMS[action](case, request.POST, request.FILES, prefix=action)
        if bound.is_valid():
            documents = bound.documents() if hasattr(bound, "documents") else {}
            try:
                done = actions_cases.run(action, case, bound.cleaned_data, documents, user)
                messages.success(request, done)
                return redirect("enforcement:case", pk=case.pk)
            except FAILURES as e:
                errors, status = _messages(e), _status(e)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]  # keep the refused form on screen with what was typed
    forms = []
    for code in allowed:
        form = bound if code == action else FORMS[code](case, prefix=code)
        forms.append((actions_cases.ACTIONS[code], form))
    pub = actions_cases.publication_of(case)
    today = core.today()
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "c": case,
            "parties": list(case.parties.all()),
            "assignments": list(case.assignments.select_related("officer")),
            "steps": _steps(case),
            "clocks": _clocks(case, pub, today, user),
            "pub": pub,
            "pub_state": _publication_state(case, pub, today),
            "review": _review(case),
            "forms": forms,
            "action": action,
            "errors": errors,
            "today": today,
            "docs": docx_out.available(case),
            "history": events.history("enforcement.case", str(case.pk)),
        },
        status=status,
    )


def _money(raw) -> Decimal:
    """An amount typed into the 告知书 form: 0 for anything that is not a sane amount."""
    try:
        value = Decimal(str(raw or "0").strip()[:20])
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return value if value.is_finite() and 0 <= value < Decimal(10) ** 12 else Decimal(0)


def _proposal(g) -> dict:
    """The proposal a 告知书 states before the decision (行政处罚法 第44条)."""
    return {
        "fine": _money(g.get("fine")),
        "confiscation": _money(g.get("confiscation")),
        "revocation": g.get("revocation") == "1",
    }


@login_required
def case_docx(request, pk: int, doc: str):
    case = access.get_for(request.user, cases_for(request.user), "view", pk=pk)
    if doc not in docx_out.available(case):
        raise Http404("该案件尚无此文书")
    resp = HttpResponse(docx_out.render(case, doc, _proposal(request.GET)), content_type=DOCX)
    resp["Content-Disposition"] = f"attachment; filename=case-{case.pk}-{doc}.docx"
    return resp


urlpatterns = [
    path("cases/", case_list, name="cases"),
    path("cases/export.xlsx", case_export, name="case_export"),
    path("cases/new/", case_new, name="case_new"),
    path("cases/summary/", case_summary, name="case_summary"),
    path("cases/<int:pk>/", case_detail, name="case"),
    path("cases/<int:pk>/<slug:doc>.docx", case_docx, name="case_docx"),
]
