"""Office pages of 行政复议案件: the list (filters, search, XLSX export, each row with its
decision clock) and the case page with its timeline, clocks (the decision clock with its
中止 pauses and approved extensions, 第39条 / 第62条), full-process record and the actions of
its state. The respondent department reads the cases against it (``Case.scope_extra``) and
files its answer there; everything else stays with the 复议机构 (the services check it)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining
from fazhi.core.xlsx_out import xlsx
from fazhi.indicators.registry import filter_by_figure

from . import actions_office, views_docx
from .deadlines import PUBLICATION, SUSPENSION
from .indicators import RECORDS
from .models import Case, Outcome
from .services import cases as cases_svc
from .views_applications import EXPORT_LIMIT, FAILURES, PER_PAGE, Statuses, clock_row

CS = Case.State
OPEN = [CS.REVIEW, CS.SUSPENDED]


def cases_for(user, action: str = "view"):
    return access.restrict(
        Case.objects.select_related("unit", "respondent", "application", "deadline"),
        user,
        action,
    )


def respondents_for(user):
    ids = cases_for(user).exclude(respondent=None).values("respondent_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code")


def filtered(user, g, today: dt.date):
    """The list's query from its GET parameters: (queryset, the filter values shown)."""
    qs = cases_for(user)
    f: dict = {}
    state = g.get("state", "")
    if state in CS.values:
        qs = qs.filter(state=state)
        f["state"] = state
    procedure = g.get("procedure", "")
    if procedure in Case.Procedure.values:
        qs = qs.filter(procedure=procedure)
        f["procedure"] = procedure
    # Opened from a figure's records link: exactly the records it counted that year.
    counted, banner = filter_by_figure(
        qs, RECORDS, g.get("figure", ""), _year(g.get("year")), "复议案件"
    )
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(accepted_on__gte=dt.date(year, 1, 1), accepted_on__lte=dt.date(year, 12, 31))
    if year:
        f["year"] = year
    respondent = _int(g.get("respondent"))
    if respondent:
        # As the figures count: an agency outside the platform counts for the 复议机构.
        qs = qs.filter(Q(respondent_id=respondent) | Q(respondent=None, unit_id=respondent))
        f["respondent"] = respondent
    if g.get("overdue") in ("1", "true", True):
        qs = qs.filter(
            state__in=OPEN, deadline__state=Deadline.State.RUNNING, deadline__due_date__lt=today
        )
        f["overdue"] = "1"
    outcome = g.get("outcome", "")
    if outcome in Outcome.values:
        qs = qs.filter(outcome=outcome)
        f["outcome"] = outcome
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__contains=q)
            | Q(application__tracking_number__contains=q)
            | Q(application__applicant_name__contains=q)
            | Q(application__act__contains=q)
        )
        f["q"] = q
    qs = qs.order_by(F("deadline__due_date").asc(nulls_last=True), "-accepted_on", "-pk")
    return qs, f


@login_required
def case_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET, today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(today)
    rows = [(c, status(c.deadline) if c.deadline_id else None) for c in page]
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "reconsideration/office/case_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "export_query": keep.urlencode(),
            "states": CS.choices,
            "procedures": Case.Procedure.choices,
            "outcomes": Outcome.choices,
            "respondents": respondents_for(request.user),
        },
    )


@login_required
def case_export(request):
    """The filtered list as XLSX (at most ``EXPORT_LIMIT`` rows, in the list's order)."""
    today = core.today()
    qs, _ = filtered(request.user, request.GET, today)
    status = Statuses(today)
    header = ["案号", "申请编号", "申请人", "被申请人", "被申请复议的行政行为", "审理程序",
              "受理日期", "办理状态", "决定期限", "期限状态", "处理结果", "决定书文号", "决定日期"]  # fmt: skip
    rows = []
    for c in qs[:EXPORT_LIMIT]:
        dl = c.deadline
        st = status(dl)
        rows.append([
            c.number, c.application.tracking_number, c.application.applicant_name,
            c.respondent_name, c.application.act, c.get_procedure_display(), c.accepted_on,
            c.get_state_display(), dl.due_date if dl else None, st[1] if st else "",
            c.get_outcome_display() if c.outcome else "", c.decision_number, c.decided_on,
        ])  # fmt: skip
    return xlsx("行政复议案件", header, rows, f"reconsideration-cases-{today:%Y%m%d}.xlsx")


def _clock_of(case: Case, clock: str) -> Deadline | None:
    return (
        Deadline.objects.filter(
            record_type="reconsideration.case", record_id=str(case.pk), clock=clock
        )
        .order_by("-pk")
        .first()
    )


def _clocks(case: Case, today, user) -> list[dict]:
    face = Remaining(today)
    ids = [case.deadline_id, case.copy_deadline_id, case.answer_deadline_id]
    found = {
        d.pk: d
        for d in Deadline.objects.filter(pk__in=[i for i in ids if i]).prefetch_related(
            "pauses", "extensions"
        )
    }
    rows = [
        clock_row("作出复议决定期限", found.get(case.deadline_id), today, face, user),
        clock_row("发送申请书副本期限", found.get(case.copy_deadline_id), today, face, user),
        clock_row("被申请人答复期限", found.get(case.answer_deadline_id), today, face, user),
        clock_row("中止满六十日终止", _clock_of(case, SUSPENSION), today, face, user),
        clock_row("公开决定书期限", _clock_of(case, PUBLICATION), today, face, user),
    ]
    return [r for r in rows if r]


def _timeline(case: Case) -> list[tuple[str, dt.date | None, str]]:
    """The statutory steps and the days they happened (blank: not yet)."""
    app = case.application
    out = [
        ("收到申请", app.received_on, app.get_channel_display()),
        ("受理", case.accepted_on, case.get_procedure_display()
         + ("（视为受理）" if app.deemed_accepted else "")),
        ("发送申请书副本", case.copy_sent_on, ""),
        ("被申请人答复", case.answered_on,
         "逾期未答复，视为没有证据、依据" if case.no_answer and not case.answered_on else ""),
        ("听证", case.hearing_on,
         f"{case.hearing_notified_on:%Y-%m-%d}通知" if case.hearing_notified_on else ""),
    ]  # fmt: skip
    if case.suspended_on:
        ground = cases_svc.SUSPENSION_GROUNDS.get(case.suspension_ground, case.suspension_ground)
        out.append(("中止审理", case.suspended_on, ground))
        out.append(("恢复审理", case.resumed_on, ""))
    out += [
        ("作出决定（结案）", case.decided_on,
         f"{case.get_outcome_display()} {case.decision_number}" if case.outcome else ""),
        ("送达决定书", case.served_on, ""),
    ]  # fmt: skip
    if case.state == CS.DECIDED or case.published_on:
        out.append(("公开决定书", case.published_on, ""))
    if cases_svc.superior_copy_required(case):
        out.append(("抄告上一级主管部门", case.superior_copied_on, ""))
    return out


@login_required
def case_detail(request, pk: int):
    user = request.user
    case = access.get_for(user, cases_for(user), "view", pk=pk)
    allowed = actions_office.case_actions(case, user)
    table = actions_office.CASE_ACTIONS
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in table:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = table[action].form(case, request.POST, request.FILES, prefix=action)
        if bound.is_valid():
            try:
                done = actions_office.run_case(action, case, bound.cleaned_data, user)
                messages.success(request, done)
                return redirect("reconsideration:case", pk=case.pk)
            except FAILURES as e:
                errors, status = failure(e)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]  # keep the refused form on screen with what was typed
    action_forms = [
        (table[code], bound if code == action else table[code].form(case, prefix=code))
        for code in allowed
    ]
    today = core.today()
    app = case.application
    return render(
        request,
        "reconsideration/office/case_detail.html",
        {
            "c": case,
            "a": app,
            "timeline": _timeline(case),
            "clocks": _clocks(case, today, user),
            "forms": action_forms,
            "action": action,
            "errors": errors,
            "superior_required": cases_svc.superior_copy_required(case),
            "suspension_label": cases_svc.SUSPENSION_GROUNDS.get(case.suspension_ground, ""),
            "docs": views_docx.downloads(case),
            "may_issue_letter": access.can(user, "change", case.unit),
            "letters": case.letters.order_by("issued_on", "pk"),
            "history": events.history("reconsideration.case", str(case.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("cases/", case_list, name="cases"),
    path("cases/export.xlsx", case_export, name="case_export"),
    path("cases/<int:pk>/", case_detail, name="case"),
]
