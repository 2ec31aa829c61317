"""Office pages of 学法活动 (会前学法, 中心组学法, 集体学法, 法治专题讲座): the list (filter,
search, paginate, XLSX export), record a session with its attendance, its page with the
full-process record, and the correction (stale-version protection)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.refusals import failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_sessions as forms
from . import rules
from .models import StudySession
from .services import sessions as svc
from .views_officials import (
    EXPORT_LIMIT,
    FAILURES,
    filter_units,
    filter_year,
    form_page,
    list_page,
    may_create,
    paged,
    picker,
    scoped,
    select,
    text,
    unit_select,
    units_for,
)  # fmt: skip

BASE = "/office/learning/sessions/"
KINDS = dict(rules.SESSION_KINDS)


def filtered(user, g):
    qs = scoped(StudySession, user).annotate(
        present=Count("attendance", filter=Q(attendance__status="present"))
    )
    f: dict = {}
    qs = filter_units(qs, g, f)
    qs = filter_year(qs, g, f, "held_on")
    kind = g.get("kind", "")
    if kind in KINDS:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(topic__contains=q) | Q(laws__contains=q) | Q(meeting__contains=q))
        f["q"] = q
    return qs.order_by("-held_on", "-pk"), f


@login_required
def session_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = paged(request, qs)
    rows = [
        {"url": f"{BASE}{s.pk}/",
         "cells": [s.topic, s.get_kind_display(), s.held_on.isoformat(), s.unit.name,
                   s.meeting or "—", s.hours, s.present]}
        for s in page
    ]  # fmt: skip
    return list_page(
        request, title="学法活动", note="会前学法、理论学习中心组学法、集体学法和法治专题讲座。",
        filters=[unit_select(user, f), select("kind", "形式", rules.SESSION_KINDS, f.get("kind")),
                 text("year", "年度", f.get("year"), "number"),
                 text("q", "主题、法律法规或会议", f.get("q"))],
        header=["学法主题", "形式", "日期", "组织单位", "会议", "学时", "出席人数"], rows=rows,
        page=page, buttons=[("登记学法活动", f"{BASE}new/", True)] if may_create(user) else [],
        export=f"{BASE}export.xlsx", clear=BASE,
    )  # fmt: skip


@login_required
def session_export(request):
    qs, _ = filtered(request.user, request.GET)
    rows = [[s.held_on, s.unit.name, s.get_kind_display(), s.meeting, s.topic, s.laws,
             s.lecturer, float(s.hours), s.present] for s in qs[:EXPORT_LIMIT]]  # fmt: skip
    header = ["学法日期", "组织单位", "形式", "会议名称", "学法主题", "学习的法律法规", "主讲人",
              "学时", "出席人数"]  # fmt: skip
    return xlsx("学法活动", header, rows, f"learning-sessions-{today():%Y%m%d}.xlsx")


def _save(form, user, s=None, version=None):
    d = form.cleaned_data
    attendance = svc.attendance_from(d["present"], d["leave"], d["absent"])
    kw = dict(kind=d["kind"], held_on=d["held_on"], topic=d["topic"], laws=d["laws"],
              lecturer=d["lecturer"], meeting=d["meeting"], hours=d["hours"],
              attendance=attendance, actor=user)  # fmt: skip
    if s is None:
        return svc.record_session(unit=d["unit"], **kw)
    return svc.correct_session(s, version=version, **kw)


@login_required
def session_new(request):
    user = request.user
    units = units_for(user, "change")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记学法活动")
    form = forms.SessionForm(request.POST or None, units=units, officials=picker(user),
                             initial={"unit": user.unit_id, "hours": 2})  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                s = _save(form, user)
                messages.success(request, "已登记学法活动")
                return redirect(f"{BASE}{s.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="登记学法活动", crumbs=[("学法活动", BASE)], form=form,
                     errors=errors, status=status)  # fmt: skip


@login_required
def session_detail(request, pk: int):
    user = request.user
    s = access.get_for(user, scoped(StudySession, user), "view", pk=pk)
    attendance = s.attendance.select_related("official__unit").order_by(
        "status", "official__unit__sort_order", "official__name"
    )
    return render(
        request,
        "learning/session_detail.html",
        {"x": s, "attendance": attendance, "may_change": access.can(user, "change", s.unit),
         "history": events.history("learning.studysession", str(s.pk))},
    )  # fmt: skip


@login_required
def session_edit(request, pk: int):
    user = request.user
    s = access.get_for(user, scoped(StudySession, user), "change", pk=pk)
    rows = list(s.attendance.all())
    initial = {
        "kind": s.kind, "held_on": s.held_on, "meeting": s.meeting, "topic": s.topic,
        "laws": s.laws, "lecturer": s.lecturer, "hours": s.hours,
        **{st: [a.official_id for a in rows if a.status == st]
           for st in ("present", "leave", "absent")},
    }  # fmt: skip
    form = forms.SessionForm(
        request.POST or None, officials=picker(user, [a.official_id for a in rows]), initial=initial
    )
    errors, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _save(form, user, s, locking.seen(request))
                messages.success(request, "已保存更正")
                return redirect(f"{BASE}{s.pk}/")
            except FAILURES as e:
                errors, status = failure(e)
    return form_page(request, title="更正学法活动", obj=s, form=form, errors=errors,
                     status=status, crumbs=[("学法活动", BASE), (s.topic, f"{BASE}{s.pk}/")])  # fmt: skip


urlpatterns = [
    path("sessions/", session_list, name="sessions"),
    path("sessions/export.xlsx", session_export, name="session_export"),
    path("sessions/new/", session_new, name="session_new"),
    path("sessions/<int:pk>/", session_detail, name="session"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
]
