"""Office pages of the meetings where 法治 was on the agenda (政府常务会议、全体会议、专题
会议, 党委（党组）会议): the list (filters, search, XLSX export), registering and correcting a
meeting with its 法治 topics (stale-version protection), and its page with the
full-process record (第一责任人职责规定 第六条). Every query goes through ``core.access``;
every change through ``services/meetings.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events, locking
from fazhi.core.params import year_param
from fazhi.core.refusals import FAILURES, failure
from fazhi.core.rule_checks import today
from fazhi.core.xlsx_out import xlsx

from . import forms_education as forms
from . import rules
from .models import LeadershipMeeting, Official
from .services import meetings as svc
from .views_education import EXPORT_LIMIT, PER_PAGE, query_strings, unit_narrow, units_for

MTG = LeadershipMeeting


def meetings_for(user, action: str = "view"):
    return access.restrict(MTG.objects.select_related("unit", "chaired_by"), user, action)


def chairs_for(user, unit=None):
    qs = access.restrict(Official.objects.filter(level__in=rules.LEADER_LEVELS), user, "change")
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("unit__sort_order", "unit__code", "level", "name")


def filtered(user, g):
    qs = meetings_for(user)
    f: dict = {}
    qs, unit = unit_narrow(qs, g.get("unit"))
    if unit:
        f["unit"] = unit.pk
    year = year_param(g.get("year"))
    if year:
        qs = qs.filter(held_on__year=year)
        f["year"] = year
    kind = g.get("kind", "")
    if kind in MTG.Kind.values:
        qs = qs.filter(kind=kind)
        f["kind"] = kind
    topic = g.get("topic", "")
    if topic in dict(rules.TOPIC_KINDS):
        qs = qs.filter(topics__kind=topic).distinct()
        f["topic"] = topic
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(minutes_number__contains=q)
                       | Q(topics__title__contains=q)).distinct()  # fmt: skip
        f["q"] = q
    qs = qs.annotate(n_topics=Count("topics", distinct=True))
    return qs.order_by("-held_on", "-pk"), f


@login_required
def meeting_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query, export_query = query_strings(request)
    return render(request, "learning/meeting_list.html", {
        "page": page, "f": f, "query": query, "export_query": export_query,
        "units": units_for(user), "kinds": MTG.Kind.choices, "topic_kinds": rules.TOPIC_KINDS,
        "may_create": access.allowed_unit_choices(user).exists(),
    })  # fmt: skip


@login_required
def meeting_export(request):
    qs, _ = filtered(request.user, request.GET)
    header = ["会议日期", "单位", "会议类型", "会议名称", "主持人", "会议纪要文号", "法治议题",
              "研究决定"]  # fmt: skip
    rows = []
    for m in qs.prefetch_related("topics")[:EXPORT_LIMIT]:
        topics = list(m.topics.all())
        rows.append([
            m.held_on, m.unit.name, m.get_kind_display(), m.name,
            m.chaired_by.name if m.chaired_by else "", m.minutes_number,
            "；".join(f"{t.get_kind_display()}：{t.title}" for t in topics),
            "；".join(t.decision for t in topics if t.decision),
        ])  # fmt: skip
    return xlsx("研究法治工作的会议", header, rows, f"learning-meetings-{today():%Y%m%d}.xlsx")


def _run(request, form, save):
    errors: list[str] = []
    status = 400
    if form.is_valid():
        try:
            m = save(form.cleaned_data, form.topics())
            messages.success(request, "已保存会议记录")
            return redirect("learning:meeting", m.pk), [], 302
        except FAILURES as e:
            errors, status = failure(e)
    return None, errors, status


@login_required
def meeting_new(request):
    user = request.user
    units = access.allowed_unit_choices(user).order_by("sort_order", "code")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以登记会议")
    form = forms.MeetingForm(request.POST or None, units=units, chairs=chairs_for(user),
                             initial={"unit": user.unit_id})  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":

        def save(d, topics):
            return svc.record_meeting(
                unit=d["unit"], kind=d["kind"], name=d["name"], held_on=d["held_on"],
                chaired_by=d["chaired_by"], minutes_number=d["minutes_number"], topics=topics,
                actor=user,
            )  # fmt: skip

        done, errors, status = _run(request, form, save)
        if done:
            return done
    return render(request, "learning/meeting_form.html",
                  {"form": form, "errors": errors, "obj": None}, status=status)  # fmt: skip


@login_required
def meeting_detail(request, pk: int):
    user = request.user
    m = access.get_for(user, meetings_for(user), "view", pk=pk)
    return render(request, "learning/meeting_detail.html", {
        "x": m, "topics": m.topics.order_by("pk"),
        "may_change": access.can(user, "change", m.unit),
        "history": events.history("learning.leadershipmeeting", str(m.pk)),
    })  # fmt: skip


@login_required
def meeting_edit(request, pk: int):
    """更正: the form carries the version it was opened at (core/locking.py)."""
    user = request.user
    m = access.get_for(user, meetings_for(user), "change", pk=pk)
    initial = {"kind": m.kind, "name": m.name, "held_on": m.held_on,
               "chaired_by": m.chaired_by_id, "minutes_number": m.minutes_number}  # fmt: skip
    initial |= forms.topic_initial(m)
    rows = max(forms.TOPIC_ROWS, m.topics.count() + 2)
    form = forms.MeetingForm(request.POST or None, chairs=chairs_for(user, m.unit),
                             initial=initial, rows=rows, editing=True)  # fmt: skip
    errors, status = [], 200
    if request.method == "POST":

        def save(d, topics):
            return svc.correct_meeting(
                m, kind=d["kind"], name=d["name"], held_on=d["held_on"],
                chaired_by=d["chaired_by"], minutes_number=d["minutes_number"], topics=topics,
                version=locking.seen(request), actor=user,
            )  # fmt: skip

        done, errors, status = _run(request, form, save)
        if done:
            return done
    return render(request, "learning/meeting_form.html",
                  {"form": form, "errors": errors, "obj": m}, status=status)  # fmt: skip


urlpatterns = [
    path("meetings/", meeting_list, name="meetings"),
    path("meetings/export.xlsx", meeting_export, name="meeting_export"),
    path("meetings/new/", meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_edit, name="meeting_edit"),
]
