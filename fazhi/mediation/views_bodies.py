"""Office pages of the 调解组织 (人民调解法 第八、九条): the list by unit and kind, with the
committees whose composition fails the rule of 第九条 flagged with what is wrong; a body's
page with its members, term and disputes; the forms to set up and edit a body, add a
member, record a member leaving and start a new term. Every query goes through
``core.access``; every change through ``services/bodies.py``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.refusals import failure
from fazhi.core.workdays import CalendarMissing

from . import forms_bodies as forms
from .models import MediationBody
from .permissions import BODIES, VIEW
from .services import bodies as svc

FAILURES = (ValidationError, PermissionDenied, CalendarMissing)
PER_PAGE = 50
B = MediationBody
RECORD_TYPE = "mediation.mediationbody"


def bodies_for(user, action: str = VIEW):
    return access.restrict(B.objects.select_related("unit"), user, action)


def problems(body: MediationBody, on) -> list[str]:
    """What fails the composition rule of 第九条 (committees only)."""
    if not body.is_committee or not body.active:
        return []
    return list(svc.composition_problems(body, on))


def term_ends_on(body: MediationBody):
    """The last day of the current term (three years, 第九条)."""
    start = body.term_starts_on
    return None if start is None else svc.term_end(start) - dt.timedelta(days=1)


def filtered(user, g):
    qs = bodies_for(user)
    f: dict = {}
    unit = _int(g.get("unit"))
    if unit:
        qs = qs.filter(unit_id=unit)
        f["unit"] = unit
    kind = g.get("kind", "")
    if kind in B.Kind.values:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    active = g.get("active", "1")
    if active in ("1", "0"):
        qs = qs.filter(active=active == "1")
        f["active"] = active
    q = str(g.get("q", "")).strip()[:100]
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(members__name__contains=q)).distinct()
        f["q"] = q
    return qs, f


@login_required
def body_list(request):
    user = request.user
    today = core.today()
    qs, f = filtered(user, request.GET)
    qs = qs.annotate(
        n_members=Count("members", filter=Q(members__left_on=None), distinct=True),
        n_disputes=Count("disputes", distinct=True),
    ).order_by("unit__path", "name")
    only_failing = request.GET.get("failing") == "1"
    if only_failing:
        f["failing"] = "1"
        rows = [(b, p) for b in qs if (p := problems(b, today))]
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        rows = list(page)
    else:
        page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
        rows = [(b, problems(b, today)) for b in page]
    keep = request.GET.copy()
    keep.pop("page", None)
    units = OrgUnit.objects.filter(pk__in=bodies_for(user).values("unit_id")).order_by(
        "sort_order", "code"
    )
    return render(
        request,
        "mediation/body_list.html",
        {
            "rows": rows,
            "page": page,
            "f": f,
            "query": f"{keep.urlencode()}&" if keep else "",
            "kinds": B.Kind.choices,
            "units": units,
            "can_create": access.allowed_unit_choices(user, BODIES).exists(),
        },
    )


@login_required
def body_new(request):
    user = request.user
    if not access.allowed_unit_choices(user, BODIES).exists():
        raise PermissionDenied("只有本单位的工作人员可以登记调解组织")
    form = forms.BodyForm(user, request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                body = svc.create_body(user, **form.cleaned_data)
                messages.success(request, f"已登记调解组织：{body.name}")
                return redirect(body.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request, "mediation/body_form.html", {"form": form, "errors": errors}, status=status
    )


@login_required
def body_edit(request, pk: int):
    """修改: the form carries the version it was opened at (core/locking.py)."""
    user = request.user
    body = access.get_for(user, bodies_for(user, BODIES), BODIES, pk=pk)
    form = forms.BodyEditForm(request.POST or None, initial=forms.body_initial(body))
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                svc.update_body(user, body, version=locking.seen(request), **form.cleaned_data)
                messages.success(request, "已保存修改")
                return redirect(body.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "mediation/body_form.html",
        {"form": form, "errors": errors, "obj": body},
        status=status,
    )


STEPS = {
    "member": ("增加调解员", "增加", forms.MemberForm),
    "leave": ("调解员离任", "登记离任", forms.LeaveForm),
    "term": ("换届（任期三年，人民调解法第九条）", "开始新一届任期", forms.TermForm),
}


def _step(code: str, body, user, c: dict) -> str:
    if code == "member":
        svc.add_member(user, body, **c)
        return f"已增加调解员：{c['name']}"
    if code == "leave":
        svc.member_leaves(user, c["member"], left_on=c["left_on"])
        return f"已登记{c['member'].name}离任"
    svc.start_term(user, body, starts_on=c["starts_on"])
    return "已开始新一届任期"


@login_required
def body_detail(request, pk: int):
    user = request.user
    body = access.get_for(user, bodies_for(user), VIEW, pk=pk)
    can_change = access.can(user, BODIES, body.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in STEPS:
        raise Http404("未知操作")
    errors: list[str] = []
    status = 200
    bound = None
    if action:
        if not can_change:
            raise PermissionDenied("无权修改该调解组织")
        status = 400
        bound = STEPS[action][2](body, request.POST, prefix=action)
        if bound.is_valid():
            try:
                messages.success(request, _step(action, body, user, bound.cleaned_data))
                return redirect(body.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    step_forms = []
    if can_change:
        for code, (label, button, cls) in STEPS.items():
            if code == "leave" and not body.members.filter(left_on=None).exists():
                continue
            form = bound if code == action else cls(body, prefix=code)
            step_forms.append((code, label, button, form))
    today = core.today()
    members = list(body.members.all())
    disputes = access.restrict(body.disputes.all(), user, VIEW)
    return render(
        request,
        "mediation/body_detail.html",
        {
            "b": body,
            "current": [m for m in members if m.left_on is None],
            "former": [m for m in members if m.left_on is not None],
            "problems": problems(body, today),
            "term_ends_on": term_ends_on(body),
            "disputes_total": body.disputes.count(),
            "disputes_open": body.disputes.filter(state="mediating").count(),
            "disputes_link": disputes.exists(),
            "steps": step_forms,
            "action": action,
            "errors": errors,
            "can_change": can_change,
            "history": events.history(RECORD_TYPE, str(body.pk)),
        },
        status=status,
    )


urlpatterns = [
    path("bodies/", body_list, name="bodies"),
    path("bodies/new/", body_new, name="body_new"),
    path("bodies/<int:pk>/", body_detail, name="body"),
    path("bodies/<int:pk>/edit/", body_edit, name="body_edit"),
]
