"""Office pages of 矛盾纠纷排查调解 (人民调解法): the clerk's daily list (filters, search, the
records a figure counts, XLSX export), the 排查登记 a 网格员 fills in on a phone, and the
dispute's page with its parties, sessions, outcome, agreement, 司法确认 (第三十三条),
回访, 导入法定途径 (第二十六条), its clocks and full-process record, and one form per step
its state allows. Every query goes through ``core.access``; every change through
``services/disputes.py``.

A step is taken against the version the page was opened at (``core.locking``): a mediator
whose page predates a colleague's step is told who changed what, and nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from fazhi.core import access, deadlines, events, locking
from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining
from fazhi.core.workdays import CalendarMissing
from fazhi.core.xlsx_out import xlsx

from . import forms_disputes as forms
from .deadlines import CONFIRMATION, MEDIATION
from .models import Dispute, MediationBody
from .permissions import DISPUTES, VIEW
from .services import dispute_import
from .services import disputes as svc

FAILURES = (ValidationError, PermissionDenied, CalendarMissing)
PER_PAGE = 50
EXPORT_LIMIT = 20000
D = Dispute
ST = D.State
RECORD_TYPE = "mediation.dispute"


def _figures() -> dict:
    """The module's figure → records map, when its indicators are registered."""
    try:
        from .indicators import RECORDS
    except ImportError:
        return {}
    return RECORDS


def disputes_for(user, action: str = VIEW):
    return access.restrict(
        D.objects.select_related("unit", "body", "deadline", "confirmation_deadline"),
        user,
        action,
    )


def units_for(user):
    ids = disputes_for(user).values("unit_id")
    return OrgUnit.objects.filter(pk__in=ids).order_by("sort_order", "code")


def bodies_for(user):
    ids = disputes_for(user).exclude(body=None).values("body_id")
    return MediationBody.objects.filter(pk__in=ids).order_by("unit__path", "name")


def _month(raw) -> tuple[int, int] | None:
    """``YYYY-MM`` (what ``<input type=month>`` sends), else None."""
    text = str(raw or "").strip()
    if len(text) != 7 or text[4] != "-" or not text.replace("-", "").isdigit():
        return None
    y, m = int(text[:4]), int(text[5:])
    if not (2000 <= y <= 2100 and 1 <= m <= 12):
        return None
    return y, m


def filtered(user, g, today: dt.date):
    """The list's query from its GET parameters: (queryset, the filter values shown)."""
    qs = disputes_for(user)
    f: dict = {}
    state = g.get("state", "")
    if state in ST.values:
        qs = qs.filter(state=state)
        f["state"] = state
    year = _year(g.get("year"))
    figures = _figures()
    code = g.get("figure", "")
    if code in figures and year:
        from fazhi.indicators.registry import filter_by_figure

        counted, banner = filter_by_figure(qs, figures, code, year, "矛盾纠纷")
        qs = counted
        f["figure"], f["figure_name"], f["year"] = code, banner, year
    elif year:
        qs = qs.filter(found_on__year=year)
        f["year"] = year
    for key, field, values in (
        ("type", "type", D.Type.values),
        ("source", "source", D.Source.values),
        ("outcome", "outcome", D.Outcome.values),
    ):
        value = g.get(key, "")
        if value in values:
            qs = qs.filter(**{field: value})
            f[key] = value
    unit = _int(g.get("unit"))
    if unit:
        qs = qs.filter(unit_id=unit)
        f["unit"] = unit
    body = _int(g.get("body"))
    if body:
        qs = qs.filter(body_id=body)
        f["body"] = body
    month = _month(g.get("month"))
    if month:
        qs = qs.filter(found_on__year=month[0], found_on__month=month[1])
        f["month"] = f"{month[0]:04d}-{month[1]:02d}"
    if g.get("overdue", "") == "1":
        qs = qs.filter(
            state=ST.MEDIATING,
            deadline__state=Deadline.State.RUNNING,
            deadline__due_date__lt=today,
        )
        f["overdue"] = "1"
    q = str(g.get("q", "")).strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__contains=q) | Q(summary__contains=q) | Q(parties__name__contains=q)
        ).distinct()
        f["q"] = q
    return qs, f


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


def current_clock(d: Dispute) -> Deadline | None:
    """The clock the list shows: the mediation period while it is mediated, then the
    period to apply for 司法确认 while it runs."""
    if d.state == ST.MEDIATING and d.deadline_id:
        return d.deadline
    dl = d.confirmation_deadline if d.confirmation_deadline_id else None
    if dl is not None and dl.state == Deadline.State.RUNNING:
        return dl
    return None


def _query(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


def party_names(d: Dispute) -> str:
    return "、".join(p.name for p in d.parties.all())


@login_required
def dispute_list(request):
    today = core.today()
    qs, f = filtered(request.user, request.GET, today)
    page = Paginator(qs.prefetch_related("parties"), PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(today)
    rows = []
    for d in page:
        dl = current_clock(d)
        rows.append((d, party_names(d), dl, status(dl)))
    query, export_query = _query(request)
    return render(
        request,
        "mediation/dispute_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": query,
            "export_query": export_query,
            "states": ST.choices,
            "types": D.Type.choices,
            "sources": D.Source.choices,
            "outcomes": D.Outcome.choices,
            "units": units_for(request.user),
            "bodies": bodies_for(request.user),
            "can_create": access.allowed_unit_choices(request.user, DISPUTES).exists(),
        },
    )


@login_required
def dispute_export(request):
    """The filtered list as XLSX (at most ``EXPORT_LIMIT`` rows, in the list's order)."""
    today = core.today()
    qs, _ = filtered(request.user, request.GET, today)
    status = Statuses(today)
    header = ["纠纷编号", "责任单位", "排查发现日期", "来源", "纠纷类型", "当事人", "纠纷简要情况",
              "涉及金额（元）", "涉及人数", "调解组织", "受理调解日期", "调解员", "状态",
              "期限届满日", "期限状态", "调解结果", "调解终结日期", "协议形式", "司法确认",
              "回访", "导入途径"]  # fmt: skip
    rows = []
    for d in qs.prefetch_related("parties")[:EXPORT_LIMIT]:
        dl = current_clock(d)
        st = status(dl)
        rows.append([
            d.number, d.unit.name, d.found_on, d.get_source_display(), d.get_type_display(),
            party_names(d), d.summary, d.amount, d.people_involved,
            d.body.name if d.body_id else "", d.accepted_on, d.mediators, d.get_state_display(),
            dl.due_date if dl else None, st[1] if st else "",
            d.get_outcome_display() if d.outcome else "", d.concluded_on,
            d.get_agreement_form_display() if d.agreement_form else "",
            d.get_confirmation_result_display() if d.confirmation_result
            else ("已申请" if d.confirmation_applied_on else ""),
            ("已履行" if d.performed else "未履行") if d.followed_up_on else "",
            d.get_escalation_route_display() if d.escalation_route else "",
        ])  # fmt: skip
    return xlsx("矛盾纠纷", header, rows, f"mediation-disputes-{today:%Y%m%d}.xlsx")


@login_required
def dispute_new(request):
    """排查登记: a 网格员 or clerk enters a dispute found in the field (the service checks who
    may again); the parties are rows of the same form, blank rows ignored."""
    user = request.user
    if not access.allowed_unit_choices(user, DISPUTES).exists():
        raise PermissionDenied("只有本单位的工作人员可以登记矛盾纠纷")
    data = request.POST if request.method == "POST" else None
    form = forms.DisputeRecordForm(user, data)
    parties = forms.party_formset(data)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        form_ok = form.is_valid()
        if parties.is_valid() and form_ok:
            try:
                d = svc.record_dispute(user, parties=parties.parties(), **form.cleaned_data)
                messages.success(request, f"已登记：{d.number}")
                return redirect(d.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "mediation/dispute_new.html",
        {"form": form, "parties": parties, "errors": errors},
        status=status,
    )


IMPORT_MAX_BYTES = 20 * 1024 * 1024


@login_required
def dispute_import_view(request):
    """导入本单位的人民调解台账: all rows or none, every bad row named by its line."""
    user = request.user
    if not access.allowed_unit_choices(user, DISPUTES).exists():
        raise PermissionDenied("只有本单位的工作人员可以导入人民调解台账")
    form = forms.ImportForm(user, request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            unit, upload = form.cleaned_data["unit"], form.cleaned_data["file"]
            if upload.size > IMPORT_MAX_BYTES:
                errors = [f"文件不能超过{IMPORT_MAX_BYTES // 1024 // 1024}MB"]
            else:
                try:
                    result = dispute_import.import_disputes(
                        dispute_import.read(upload.name, upload), unit=unit, actor=user
                    )
                except FAILURES as e:
                    errors, status = failure(e)
                else:
                    if result.errors:
                        errors = [*result.errors[:500]]
                        if len(result.errors) > 500:
                            errors.append(f"另有{len(result.errors) - 500}处错误未列出")
                        errors.append("未导入任何纠纷，请修改后重新上传")
                    else:
                        messages.success(
                            request,
                            f"已导入{result.rows}行：新增{result.created}件，"
                            f"更新{result.updated}件，未变{result.unchanged}件",
                        )
                        return redirect(f"{reverse('mediation:disputes')}?unit={unit.pk}")
    return render(
        request,
        "mediation/dispute_import.html",
        {"form": form, "errors": errors, "columns": dispute_import.template_rows()},
        status=status,
    )


# --- the steps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # the form's heading
    button: str
    done: str  # the success message
    form: type


ACTIONS = {
    a.code: a
    for a in (
        Action("accept", "受理调解（人民调解法第十七条）", "受理", "已受理调解，调解期限开始计算",
               forms.AcceptForm),
        Action("session", "登记调解记录", "保存记录", "已登记调解记录", forms.SessionForm),
        Action("extend", "当事人同意延长调解期限", "登记延长", "已登记延长调解期限",
               forms.ExtendForm),
        Action("conclude", "调解终结（第二十八条）", "登记结果", "已登记调解结果",
               forms.ConcludeForm),
        Action("apply_confirmation", "申请司法确认（第三十三条，协议生效之日起三十日内）",
               "登记申请", "已登记司法确认申请", forms.ApplyConfirmationForm),
        Action("record_confirmation", "登记司法确认结果", "登记", "已登记司法确认结果",
               forms.RecordConfirmationForm),
        Action("follow_up", "回访（协议履行情况）", "登记回访", "已登记回访",
               forms.FollowUpForm),
        Action("escalate", "导入法定途径（第二十六条）", "登记", "已登记导入法定途径",
               forms.EscalateForm),
    )
}  # fmt: skip


def allowed(d: Dispute, user) -> list[str]:
    """What the dispute's state offers: only to those who may change the responsible
    unit's records (the services refuse everyone else anyway)."""
    if not access.can(user, DISPUTES, d.unit):
        return []
    if d.state == ST.FOUND:
        return ["accept", "conclude"]  # a party may refuse before acceptance (第十七条)
    if d.state == ST.MEDIATING:
        return ["session", "extend", "conclude"]
    out = []
    if d.state == ST.SETTLED:
        if d.agreement_form == D.AgreementForm.WRITTEN and not d.confirmation_applied_on:
            out.append("apply_confirmation")
        if d.confirmation_applied_on and not d.confirmation_result:
            out.append("record_confirmation")
        if not d.followed_up_on:
            out.append("follow_up")
        if d.confirmation_result == D.ConfirmationResult.REJECTED:
            out.append("escalate")
    if d.state in (ST.FAILED, ST.REFUSED):
        out.append("escalate")
    return out


def run(code: str, d: Dispute, c: dict, user, seen=None) -> str:
    """Run step ``code`` with the cleaned values ``c`` against the version ``seen`` (a
    posted ``locking`` token, a version number from the API, or None)."""
    with transaction.atomic():
        locking.claim(d, seen, bump=False)
        _run(code, d, c, user)
    return ACTIONS[code].done


def _run(code: str, d: Dispute, c: dict, user) -> None:
    if code == "accept":
        svc.accept(user, d, body=c["body"], accepted_on=c["accepted_on"],
                   mediators=c["mediators"])  # fmt: skip
    elif code == "session":
        svc.add_session(user, d, held_on=c["held_on"], mediators=c["mediators"],
                        notes=c["notes"], place=c.get("place") or "")  # fmt: skip
    elif code == "extend":
        svc.extend_mediation(user, d, start=c["start"], end=c["end"], reason=c["reason"])
    elif code == "conclude":
        svc.conclude(
            user, d, outcome=c["outcome"], concluded_on=c["concluded_on"],
            note=c.get("note") or "", agreement_form=c.get("agreement_form") or "",
            agreement_number=c.get("agreement_number") or "",
            agreement_terms=c.get("agreement_terms") or "",
            agreement_amount=c.get("agreement_amount"),
        )  # fmt: skip
    elif code == "apply_confirmation":
        svc.apply_confirmation(user, d, applied_on=c["applied_on"], court=c["court"])
    elif code == "record_confirmation":
        svc.record_confirmation(user, d, result=c["result"], confirmed_on=c["confirmed_on"])
    elif code == "follow_up":
        svc.follow_up(user, d, followed_up_on=c["followed_up_on"], performed=c["performed"],
                      note=c["note"])  # fmt: skip
    elif code == "escalate":
        svc.escalate(user, d, route=c["route"], escalated_on=c["escalated_on"],
                     note=c.get("note") or "")  # fmt: skip
    else:  # pragma: no cover - the callers only pass ACTIONS' codes
        raise KeyError(code)


LABELS = {MEDIATION: "调解期限", CONFIRMATION: "申请司法确认期限"}


def clocks(d: Dispute, today, user) -> list[dict]:
    """Every clock of the dispute, oldest first, with how its due date was computed."""
    face = Remaining(today)
    out = []
    qs = Deadline.objects.filter(record_type=RECORD_TYPE, record_id=str(d.pk))
    readable = set(access.restrict(qs, user, "view").values_list("pk", flat=True))
    for dl in qs.order_by("pk").prefetch_related("pauses", "extensions"):
        try:
            explanation = core.explain(dl)
        except CalendarMissing as e:
            explanation = [str(e)]
        out.append({
            "label": LABELS.get(dl.clock) or deadlines.get_clock(dl.clock).name,
            "deadline": dl,
            "status": deadlines.status_of(dl, today, face),
            "explanation": explanation,
            "pauses": list(dl.pauses.all()),
            "extensions": list(dl.extensions.all()),
            "visible": dl.pk in readable,
        })  # fmt: skip
    return out


def _form(code, d, user, data=None):
    return ACTIONS[code].form(d, data, prefix=code, user=user)


@login_required
def dispute_detail(request, pk: int):
    user = request.user
    d = access.get_for(user, disputes_for(user), VIEW, pk=pk)
    ok = allowed(d, user)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ACTIONS:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        status = 400
        bound = _form(action, d, user, request.POST)
        if bound.is_valid():
            try:
                done = run(action, d, bound.cleaned_data, user, locking.seen(request))
                messages.success(request, done)
                return redirect(d.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
                d = disputes_for(user).get(pk=d.pk)  # as it is now (a stale form)
        if action not in ok and status != 403:
            ok = [*ok, action]  # keep the refused form on screen with what was typed
    action_forms = [
        (ACTIONS[code], bound if code == action else _form(code, d, user)) for code in ok
    ]
    today = core.today()
    return render(
        request,
        "mediation/dispute_detail.html",
        {
            "d": d,
            "parties": list(d.parties.all()),
            "sessions": list(d.sessions.all()),
            "clocks": clocks(d, today, user),
            "forms": action_forms,
            "action": action,
            "errors": errors,
            "inline": action in ok,
            "can_edit": access.can(user, DISPUTES, d.unit) and d.state in D.OPEN_STATES,
            "history": events.history(RECORD_TYPE, str(d.pk)),
        },
        status=status,
    )


@login_required
def dispute_edit(request, pk: int):
    """修改排查情况: the form carries the version it was opened at (core/locking.py); a save
    over someone else's change is refused, naming it, and what was typed stays."""
    user = request.user
    d = access.get_for(user, disputes_for(user, DISPUTES), DISPUTES, pk=pk)
    form = forms.DisputeFactsForm(request.POST or None, initial=forms.facts_initial(d))
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.update_dispute(user, d, version=locking.seen(request), **form.cleaned_data)
                messages.success(request, "已保存修改")
                return redirect(d.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "mediation/dispute_edit.html",
        {"form": form, "errors": errors, "obj": d},
        status=status,
    )


urlpatterns = [
    path("disputes/", dispute_list, name="disputes"),
    path("disputes/export.xlsx", dispute_export, name="dispute_export"),
    path("disputes/new/", dispute_new, name="dispute_new"),
    path("disputes/import/", dispute_import_view, name="dispute_import"),
    path("disputes/<int:pk>/", dispute_detail, name="dispute"),
    path("disputes/<int:pk>/edit/", dispute_edit, name="dispute_edit"),
]
