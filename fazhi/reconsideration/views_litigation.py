"""Office pages of 行政应诉 and 司法/检察建议: the lists (year, unit, instance or kind,
result or state, search, pagination, XLSX export, and ``?figure=`` for the records a figure
counted), the registration forms and the record pages with their clocks, hearings,
timeline (全过程记录) and the action forms. Every query goes through ``core.access``;
every change through ``services``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
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
from fazhi.core.refusals import FAILURES as CORE_FAILURES
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining
from fazhi.core.sniff import UploadRejected
from fazhi.core.xlsx_out import xlsx
from fazhi.indicators.registry import filter_by_figure

from . import forms_litigation as forms
from .indicators_litigation import RECORDS, SUGGESTION_RECORDS
from .models import Case, Litigation, Suggestion
from .services import litigation as lit_svc
from .services import suggestions as sug_svc

FAILURES = (*CORE_FAILURES, UploadRejected)
PER_PAGE = 50
EXPORT_LIMIT = 20000


def litigations_for(user, action: str = "view"):
    return access.restrict(
        Litigation.objects.select_related("unit", "answer_deadline", "previous"), user, action
    )


def suggestions_for(user, action: str = "view"):
    return access.restrict(Suggestion.objects.select_related("unit", "deadline"), user, action)


def _unit_filter(qs, g, f):
    unit_id = _int(g.get("unit"))
    if unit_id:
        unit = OrgUnit.objects.filter(pk=unit_id).first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
        f["unit"] = unit
    return qs


def _figure(qs, g, f, records, noun):
    counted, banner = filter_by_figure(qs, records, g.get("figure", ""), _year(g.get("year")), noun)
    if counted is not None:
        f["figure"], f["figure_name"] = g.get("figure"), banner
    return counted


def _keep(request):
    keep = request.GET.copy()
    keep.pop("page", None)
    return keep


def _clock(label, dl: Deadline | None, today, user) -> dict | None:
    if dl is None:
        return None
    return {
        "label": label,
        "deadline": dl,
        "status": deadlines.status_of(dl, today, Remaining(today)),
        "visible": access.restrict(Deadline.objects.filter(pk=dl.pk), user, "view").exists(),
    }


# --- 行政应诉 ------------------------------------------------------------------------------

RESULT_FILTERS = [("open", "未结案"), *Litigation.Result.choices]


def filtered_litigation(user, g):
    qs = litigations_for(user)
    f: dict = {}
    counted = _figure(qs, g, f, RECORDS, "应诉案件")
    if counted is not None:
        qs = counted
    qs = _unit_filter(qs, g, f)
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(served_on__year=year)
    if year:
        f["year"] = year
    instance = g.get("instance", "")
    if instance in Litigation.Instance.values:
        qs = qs.filter(instance=instance)
        f["instance"] = instance
    res = g.get("result", "")
    if res == "open":
        qs = qs.filter(result="")
        f["result"] = res
    elif res in Litigation.Result.values:
        qs = qs.filter(result=res)
        f["result"] = res
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__contains=q)
            | Q(plaintiff_name__contains=q)
            | Q(cause__contains=q)
            | Q(court__contains=q)
            | Q(act__contains=q)
        )
        f["q"] = q
    return qs.order_by("-served_on", "-pk"), f


@login_required
def litigation_list(request):
    today = core.today()
    qs, f = filtered_litigation(request.user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        (c, deadlines.status_of(c.answer_deadline, today) if c.answer_deadline_id else None)
        for c in page
    ]
    keep = _keep(request)
    return render(
        request,
        "reconsideration/litigation_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "export_query": keep.urlencode(),
            "units": access.scope_units(request.user)
            .exclude(kind=OrgUnit.Kind.COMMUNITY)
            .order_by("sort_order", "code"),
            "instances": Litigation.Instance.choices,
            "results": RESULT_FILTERS,
            "can_create": forms.units_for(request.user).exists(),
        },
    )


@login_required
def litigation_export(request):
    qs, _ = filtered_litigation(request.user, request.GET)
    rows = []
    for c in qs.prefetch_related("hearings")[:EXPORT_LIMIT]:
        hearings = list(c.hearings.all())
        rows.append([
            c.number, c.court, c.get_instance_display(), c.unit.name, c.plaintiff_name, c.cause,
            c.act, c.served_on, c.answer_deadline.due_date if c.answer_deadline else None,
            c.answer_filed_on, "是" if lit_svc.answered_late(c) else "",
            len(hearings), "是" if any(h.head_appeared for h in hearings) else ("否" if hearings else ""),
            c.get_result_display() if c.result else "", c.result_on,
        ])  # fmt: skip
    header = ["法院案号", "审理法院", "审级", "被告", "原告", "案由", "被诉行政行为",
              "收到起诉状副本日期", "答辩期限", "提交答辩日期", "逾期答辩", "开庭次数",
              "负责人出庭", "裁判结果", "裁判日期"]  # fmt: skip
    name = f"litigation-{core.today():%Y%m%d}.xlsx"
    return xlsx("行政应诉案件", header, rows, name)


@login_required
def litigation_new(request):
    user = request.user
    if not forms.units_for(user).exists():
        raise PermissionDenied("只有经办人员可以登记应诉案件")
    form = forms.LitigationForm(user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                lit = lit_svc.register(actor=user, **d)
                messages.success(
                    request,
                    f"已登记应诉案件{lit.number}，答辩期限{lit.answer_deadline.due_date:%Y-%m-%d}",
                )
                return redirect("reconsideration:litigation", pk=lit.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "reconsideration/litigation_form.html",
        {"form": form, "errors": errors, "title": "登记应诉案件"},
        status=status,
    )


LIT_ACTIONS = {
    "answer": ("提交答辩状、证据和规范性依据", "提交", forms.AnswerForm),
    "hearing": ("登记开庭和出庭应诉情况", "登记开庭", forms.HearingForm),
    "result": ("登记裁判结果", "登记结果", forms.ResultForm),
}


def _lit_available(c: Litigation) -> list[str]:
    if c.result:
        return []
    return (["answer"] if not c.answer_filed_on else []) + ["hearing", "result"]


def _run_lit(code: str, c: Litigation, d: dict, user) -> str:
    if code == "answer":
        lit_svc.file_answer(c, on=d["on"], actor=user, attachments=d["files"], note=d["note"])
        return "已提交答辩状、证据和规范性依据"
    if code == "hearing":
        lit_svc.record_hearing(
            c, held_on=d["held_on"], actor=user, head_appeared=d["head_appeared"],
            head_name=d["head_name"], head_role=d["head_role"], staff_names=d["staff_names"],
            lawyer_names=d["lawyer_names"], excuse_kind=d["excuse_kind"], excuse=d["excuse"],
            explanation=d["explanation"],
        )  # fmt: skip
        return "已登记开庭和出庭应诉情况"
    lit_svc.record_result(c, result=d["result"], on=d["on"], reasons=d["reasons"], actor=user)
    return "已登记裁判结果"


def _action_page(request, obj, actions, available, run):
    """(forms to show, the posted action, errors, status, redirect?) for a record page."""
    user = request.user
    allowed = available(obj) if access.can(user, "change", obj.unit) else []
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in actions:
        raise Http404("未知操作")
    errors: list[str] = []
    status, bound, done = 200, None, None
    if action:
        status = 400
        bound = actions[action][2](request.POST, request.FILES, prefix=action)
        if bound.is_valid():
            try:
                done = run(action, obj, bound.cleaned_data, user)
            except FAILURES as e:
                errors, status = failure(e)
        if action not in allowed and status != 403:
            allowed = [*allowed, action]
    shown = []
    for code in allowed:
        form = bound if code == action else actions[code][2](prefix=code)
        label, button, _ = actions[code]
        shown.append(({"code": code, "label": label, "button": button}, form))
    return shown, action, errors, status, done


@login_required
def litigation_detail(request, pk: int):
    user = request.user
    c = access.get_for(user, litigations_for(user), "view", pk=pk)
    shown, action, errors, status, done = _action_page(
        request, c, LIT_ACTIONS, _lit_available, _run_lit
    )
    if done:
        messages.success(request, done)
        return redirect("reconsideration:litigation", pk=c.pk)
    today = core.today()
    clocks = [
        k
        for k in [_clock("答辩期限（《行政诉讼法》第六十七条）", c.answer_deadline, today, user)]
        if k
    ]
    return render(
        request,
        "reconsideration/litigation_detail.html",
        {
            "c": c,
            "late": lit_svc.answered_late(c),
            "hearings": list(c.hearings.all()),
            "next_instances": list(litigations_for(user).filter(previous=c)),
            "previous": litigations_for(user).filter(pk=c.previous_id).first(),
            "recon_case": access.restrict(Case.objects.all(), user)
            .filter(pk=c.reconsideration_case_id)
            .first(),
            "clocks": clocks,
            "forms": shown,
            "action": action,
            "errors": errors,
            "history": events.history("reconsideration.litigation", str(c.pk)),
        },
        status=status,
    )


# --- 司法建议、检察建议 -----------------------------------------------------------------------

STATE_FILTERS = (
    ("open", "待回复"),
    ("overdue", "已逾期未回复"),
    ("replied", "已回复"),
    ("late", "逾期回复"),
)


def filtered_suggestions(user, g, today: dt.date):
    qs = suggestions_for(user)
    f: dict = {}
    counted = _figure(qs, g, f, SUGGESTION_RECORDS, "建议")
    if counted is not None:
        qs = counted
    qs = _unit_filter(qs, g, f)
    year = _year(g.get("year"))
    if year and counted is None:
        qs = qs.filter(received_on__year=year)
    if year:
        f["year"] = year
    kind = g.get("kind", "")
    if kind in Suggestion.Kind.values:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    state = g.get("state", "")
    if state == "open":
        qs = qs.filter(replied_on__isnull=True)
    elif state == "overdue":
        qs = qs.filter(replied_on__isnull=True, reply_due_on__lt=today)
    elif state == "replied":
        qs = qs.filter(replied_on__isnull=False)
    elif state == "late":
        qs = qs.filter(replied_in_time=False)
    else:
        state = ""
    f["state"] = state
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(number__contains=q) | Q(issuer__contains=q) | Q(subject__contains=q)
            | Q(content__contains=q)
        )  # fmt: skip
        f["q"] = q
    return qs.order_by("-received_on", "-pk"), f


@login_required
def suggestion_list(request):
    today = core.today()
    qs, f = filtered_suggestions(request.user, request.GET, today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(s, deadlines.status_of(s.deadline, today) if s.deadline_id else None) for s in page]
    keep = _keep(request)
    return render(
        request,
        "reconsideration/suggestion_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "export_query": keep.urlencode(),
            "units": access.scope_units(request.user)
            .exclude(kind=OrgUnit.Kind.COMMUNITY)
            .order_by("sort_order", "code"),
            "kinds": Suggestion.Kind.choices,
            "states": STATE_FILTERS,
            "can_create": forms.units_for(request.user).exists(),
        },
    )


@login_required
def suggestion_export(request):
    qs, _ = filtered_suggestions(request.user, request.GET, core.today())
    rows = [
        [s.get_kind_display(), s.issuer, s.number, s.received_on, s.subject, s.unit.name,
         s.reply_due_on, s.replied_on,
         "" if s.replied_in_time is None else ("是" if s.replied_in_time else "否")]
        for s in qs[:EXPORT_LIMIT]
    ]  # fmt: skip
    header = [
        "类别",
        "制发机关",
        "文号",
        "收到日期",
        "事由",
        "承办单位",
        "回复期限",
        "回复日期",
        "按期回复",
    ]
    return xlsx("司法建议检察建议", header, rows, f"suggestions-{core.today():%Y%m%d}.xlsx")


@login_required
def suggestion_new(request):
    user = request.user
    if not forms.units_for(user).exists():
        raise PermissionDenied("只有经办人员可以登记司法建议、检察建议")
    form = forms.SuggestionForm(user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                s = sug_svc.register(actor=user, **form.cleaned_data)
                messages.success(
                    request,
                    f"已登记{s.get_kind_display()}{s.number}，回复期限{s.reply_due_on:%Y-%m-%d}",
                )
                return redirect("reconsideration:suggestion", pk=s.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "reconsideration/suggestion_form.html",
        {"form": form, "errors": errors, "title": "登记司法建议、检察建议"},
        status=status,
    )


SUG_ACTIONS = {
    "reply": ("登记回复", "登记回复", forms.ReplyForm),
    "reassign": ("改交其他单位办理", "改交", forms.ReassignForm),
}


def _sug_available(s: Suggestion) -> list[str]:
    return [] if s.replied_on else ["reply", "reassign"]


def _run_sug(code: str, s: Suggestion, d: dict, user) -> str:
    if code == "reply":
        s = sug_svc.reply(s, on=d["on"], text=d["text"], actor=user, attachment=d["attachment"])
        return "已登记回复（按期）" if s.replied_in_time else "已登记回复（逾期）"
    s = sug_svc.reassign(s, unit=d["unit"], reason=d["reason"], actor=user)
    return f"已改交{s.unit.name}办理"


@login_required
def suggestion_detail(request, pk: int):
    user = request.user
    s = access.get_for(user, suggestions_for(user), "view", pk=pk)
    shown, action, errors, status, done = _action_page(
        request, s, SUG_ACTIONS, _sug_available, _run_sug
    )
    if done:
        messages.success(request, done)
        if access.restrict(Suggestion.objects.filter(pk=s.pk), user).exists():
            return redirect("reconsideration:suggestion", pk=s.pk)
        return redirect("reconsideration:suggestions")  # handed to a unit outside the scope
    today = core.today()
    clocks = [k for k in [_clock("回复期限", s.deadline, today, user)] if k]
    return render(
        request,
        "reconsideration/suggestion_detail.html",
        {
            "s": s,
            "clocks": clocks,
            "forms": shown,
            "action": action,
            "errors": errors,
            "history": events.history("reconsideration.suggestion", str(s.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("litigation/", litigation_list, name="litigations"),
    path("litigation/export.xlsx", litigation_export, name="litigation_export"),
    path("litigation/new/", litigation_new, name="litigation_new"),
    path("litigation/<int:pk>/", litigation_detail, name="litigation"),
    path("suggestions/", suggestion_list, name="suggestions"),
    path("suggestions/export.xlsx", suggestion_export, name="suggestion_export"),
    path("suggestions/new/", suggestion_new, name="suggestion_new"),
    path("suggestions/<int:pk>/", suggestion_detail, name="suggestion"),
]
