"""Office pages of 行政复议申请: the queue of the 复议机构 (filters, search, XLSX export, each
row with its review or 补正 clock), the counter intake (窗口登记, 行政复议法 第22条) and the
application page with its data, period check (第20—21条), clocks, full-process record and
the review actions (补正, 受理, 不予受理, 告知, 撤回). Every query goes through
``core.access``; every change through the services (via ``actions_office``)."""

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

from fazhi.core import access, deadlines, events
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

from . import actions_office, forms, views_docx
from .indicators import RECORDS
from .models import Application, Case
from .services import applications as apps_svc
from .services.common import body_unit

FAILURES = (ValidationError, PermissionDenied, UploadRejected, CalendarMissing)
PER_PAGE = 50
EXPORT_LIMIT = 20000
ST = Application.State


def applications_for(user, action: str = "view"):
    return access.restrict(
        Application.objects.select_related(
            "unit", "respondent", "review_deadline", "correction_deadline"
        ),
        user,
        action,
    )


def respondents_for(user):
    """The respondents the filter offers: those named by an application the user reads."""
    ids = applications_for(user).exclude(respondent=None).values("respondent_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code")


def filtered(user, g):
    """The queue's query from its GET parameters: (queryset, the filter values shown)."""
    qs = applications_for(user)
    f: dict = {}
    state = g.get("state", "")
    if state in ST.values:
        qs = qs.filter(state=state)
        f["state"] = state
    # Opened from a figure's records link: exactly the records it counted that year.
    counted, banner = filter_by_figure(
        qs, RECORDS, g.get("figure", ""), _year(g.get("year")), "复议申请"
    )
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(received_on__gte=dt.date(year, 1, 1), received_on__lte=dt.date(year, 12, 31))
    if year:
        f["year"] = year
    respondent = _int(g.get("respondent"))
    if respondent:
        # As the figures count: an agency outside the platform counts for the 复议机构.
        qs = qs.filter(Q(respondent_id=respondent) | Q(respondent=None, unit_id=respondent))
        f["respondent"] = respondent
    late = g.get("late", "")
    if late in ("1", "0"):
        qs = qs.filter(late=late == "1")
        f["late"] = late
    channel = g.get("channel", "")
    if channel in Application.Channel.values:
        qs = qs.filter(channel=channel)
        f["channel"] = channel
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(tracking_number__contains=q) | Q(applicant_name__contains=q) | Q(act__contains=q)
        )
        f["q"] = q
    return qs, f


def current_clock(app: Application) -> Deadline | None:
    """The clock the queue shows: the applicant's 补正 period while it runs, else the
    review period."""
    if app.state == ST.CORRECTION and app.correction_deadline_id:
        return app.correction_deadline
    return app.review_deadline if app.review_deadline_id else None


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


def clock_row(label: str, dl: Deadline | None, today, face, user) -> dict | None:
    """One clock as the record pages show it: its due date and status, how the due date was
    computed (pauses and extensions are events on the clock, never an edited date)."""
    if dl is None:
        return None
    try:
        explanation = core.explain(dl)
    except CalendarMissing as e:
        explanation = [str(e)]
    return {
        "label": label,
        "deadline": dl,
        "status": deadlines.status_of(dl, today, face),
        "explanation": explanation,
        "pauses": list(dl.pauses.all()),
        "extensions": list(dl.extensions.all()),
        "visible": access.restrict(Deadline.objects.filter(pk=dl.pk), user, "view").exists(),
    }


def _query(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


@login_required
def application_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(today)
    rows = []
    for a in page:
        dl = current_clock(a) if a.state in Application.OPEN_STATES else None
        rows.append((a, dl, status(dl)))
    query, export_query = _query(request)
    body = body_unit()
    return render(
        request,
        "reconsideration/office/application_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": query,
            "export_query": export_query,
            "states": ST.choices,
            "channels": Application.Channel.choices,
            "respondents": respondents_for(request.user),
            "can_create": body is not None and access.can(request.user, "change", body),
        },
    )


@login_required
def application_export(request):
    """The filtered queue as XLSX (at most ``EXPORT_LIMIT`` rows, in the queue's order)."""
    today = core.today()
    qs, _ = filtered(request.user, request.GET)
    status = Statuses(today)
    header = ["申请编号", "收到日期", "申请方式", "申请人", "被申请人", "被申请复议的行政行为",
              "办理状态", "超过申请期限", "申请期限届满日", "审查（补正）期限", "期限状态"]  # fmt: skip
    rows = []
    for a in qs[:EXPORT_LIMIT]:
        dl = current_clock(a) if a.state in Application.OPEN_STATES else None
        st = status(dl)
        rows.append([
            a.tracking_number, a.received_on, a.get_channel_display(), a.applicant_name,
            a.respondent_name, a.act, a.get_state_display(), "是" if a.late else "否",
            a.period_end, dl.due_date if dl else None, st[1] if st else "",
        ])  # fmt: skip
    return xlsx("行政复议申请", header, rows, f"reconsideration-applications-{today:%Y%m%d}.xlsx")


@login_required
def application_new(request):
    """窗口登记: only the 复议机构's clerks (the service checks it again)."""
    body = body_unit()
    if body is None or not access.can(request.user, "change", body):
        raise PermissionDenied("只有行政复议机构的工作人员可以登记行政复议申请")
    form = forms.CounterForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    period = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.service_kwargs()
            if "check" in request.POST:
                # 核查申请期限 before saving: the same check the saved application keeps.
                if d["received_on"] and d["known_on"]:
                    period = apps_svc.check_period(
                        received_on=d["received_on"],
                        known_on=d["known_on"],
                        remedy_told=d["remedy_told"],
                        remedy_known_on=d["remedy_known_on"],
                        act_on=d["act_on"],
                        immovable=d["immovable"],
                        inaction=d["inaction"],
                    )
                status = 200
            else:
                try:
                    app, code = apps_svc.submit(actor=request.user, **d)
                    messages.success(
                        request,
                        f"已登记：{app.tracking_number}。申请人查询码：{code}"
                        "（仅显示一次，请告知申请人）",
                    )
                    return redirect("reconsideration:application", pk=app.pk)
                except FAILURES as e:
                    errors, status = failure(e)
    return render(
        request,
        "reconsideration/office/application_new.html",
        {"form": form, "errors": errors, "period": period},
        status=status,
    )


def _clocks(app: Application, today, user) -> list[dict]:
    face = Remaining(today)
    ids = [app.review_deadline_id, app.correction_deadline_id]
    found = {
        d.pk: d
        for d in Deadline.objects.filter(pk__in=[i for i in ids if i]).prefetch_related(
            "pauses", "extensions"
        )
    }
    rows = [
        clock_row("受理审查期限", found.get(app.review_deadline_id), today, face, user),
        clock_row("申请人补正期限", found.get(app.correction_deadline_id), today, face, user),
    ]
    return [r for r in rows if r]


@login_required
def application_detail(request, pk: int):
    user = request.user
    app = access.get_for(user, applications_for(user), "view", pk=pk)
    allowed = actions_office.application_actions(app, user)
    table = actions_office.APPLICATION_ACTIONS
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in table:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = table[action].form(app, request.POST, request.FILES, prefix=action)
        if bound.is_valid():
            try:
                done, shown = actions_office.run_application(action, app, bound.cleaned_data, user)
                messages.success(request, done)
                return redirect(shown.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]  # keep the refused form on screen with what was typed
    action_forms = [
        (table[code], bound if code == action else table[code].form(app, prefix=code))
        for code in allowed
    ]
    case = Case.objects.filter(application=app).first()
    if case is not None and not access.restrict(Case.objects.filter(pk=case.pk), user).exists():
        case = None
    today = core.today()
    return render(
        request,
        "reconsideration/office/application_detail.html",
        {
            "a": app,
            "case": case,
            "clocks": _clocks(app, today, user),
            "forms": action_forms,
            "action": action,
            "errors": errors,
            "simple_grounds": actions_office.cases_svc.SIMPLE_GROUNDS,
            "docs": views_docx.downloads(app),
            "history": events.history("reconsideration.application", str(app.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("applications/", application_list, name="applications"),
    path("applications/export.xlsx", application_export, name="application_export"),
    path("applications/new/", application_new, name="application_new"),
    path("applications/<int:pk>/", application_detail, name="application"),
]
