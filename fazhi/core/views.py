"""Back-office pages of core (login: ``core/login.py``): deadline board, deadlines, org units, users,
calendar, full-process record, attachments, API tokens. Every query goes through
``access.restrict``/``access.get_for``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from . import (
    access,
    deadlines,
    events,
    locking,
    record_titles,
    remaining,
    services,
    unit_import,
    waiting,
)
from .calendar import calendar
from .context import active_unit
from .forms import (
    MAX_DATE,
    MIN_DATE,
    AttachmentForm,
    CalendarYearForm,
    TokenForm,
    UnitForm,
    UnitImportForm,
    UserForm,
    WorkdaysForm,
    posted_id,
)
from .models import ApiToken, Attachment, CalendarYear, Deadline, Event, OrgUnit, User
from .refusals import messages_of
from .remaining import Remaining
from .sniff import UploadRejected
from .workdays import CalendarMissing

_errors = messages_of  # core/refusals.py: one wording of a refusal for every page


# --- deadline board ---------------------------------------------------------------------


@login_required
def board(request):
    """What waits for the user by role (core/waiting.py), then their clocks: mine, 即将到期
    (the horizon of core/remaining.py), overdue. Clocks due years ahead only with ?far=1."""
    today = services.today()
    qs = access.restrict(Deadline.objects.all(), request.user, "view")
    unit = active_unit(request)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    everything = access.is_global(request.user, "view")
    far = request.GET.get("far") == "1"
    face = Remaining(today)
    lists = deadlines.board(qs, request.user, today, everything=everything)
    far_count = 0
    if not far:
        far_count = lists["mine"].filter(due_date__gt=face.far_after).count()
        lists["mine"] = lists["mine"].exclude(due_date__gt=face.far_after)
    tab = request.GET.get("tab", "mine")
    if tab not in lists:
        tab = "mine"
    page = Paginator(lists[tab], 30).get_page(request.GET.get("page"))
    rows = [(d, *deadlines.status_of(d, today, face)) for d in page]
    sections = waiting.sections(request.user)
    request.fz_waiting_total = sum(n for _, n, _ in sections)  # the header's count, reused
    return render(
        request,
        "core/board.html",
        {
            "tab": tab,
            "far": far,
            "page": page,
            "rows": rows,
            "today": today,
            "counts": {k: v.count() for k, v in lists.items()},
            "far_count": far_count,
            "far_query": "far=1&" if far else "",
            "far_days": remaining.far_days(),
            "horizon": remaining.horizon_days(),
            "waiting": [
                (p, n, [(i, face(i.due) if i.due else None) for i in items])
                for p, n, items in sections
            ],
            "clocks": sorted(deadlines.CLOCKS.values(), key=lambda c: c.code),
            "active_unit": unit,
            "everything": everything,
        },
    )


@login_required
@require_POST
def switch_unit(request):
    if not access.is_global(request.user, "view"):
        raise PermissionDenied("只有统筹协调人员和领导可以切换单位")
    code = request.POST.get("unit", "")
    if code and OrgUnit.objects.filter(code=code).exists():
        request.session["active_unit"] = code
    else:
        request.session.pop("active_unit", None)
    nxt = request.POST.get("next", "")
    if not nxt.startswith("/office/"):
        nxt = reverse("core:board")
    return HttpResponseRedirect(nxt)


# --- deadlines --------------------------------------------------------------------------


@login_required
@require_safe
def deadline_detail(request, pk: int):
    """Read-only: every clock belongs to a module, whose own actions (which also change its
    record) pause, extend or complete it; this page explains the due date and links there."""
    deadline = access.get_for(request.user, Deadline.objects.select_related("unit"), "view", pk=pk)
    module = services.owning_module(deadline)
    clock = deadlines.CLOCKS.get(deadline.clock)
    try:
        explanation = services.explain(deadline)
    except CalendarMissing as e:
        explanation = [str(e)]
    return render(
        request,
        "core/deadline.html",
        {
            "d": deadline,
            "clock": clock,
            "status": deadlines.status_of(deadline, services.today()),
            "explanation": explanation,
            "can_change": access.can(request.user, "change", deadline.unit),
            "module": module,
            # Link the record only for those its page serves (a coordinator sees every clock;
            # the record's page may be for its unit only).
            "record_link": deadline.url
            if deadline.url
            and access.can_read_record(request.user, deadline.record_type, deadline.record_id)
            else "",
            "history": events.history(deadline.record_type, deadline.record_id, request.user),
            "attachments": Attachment.objects.filter(
                record_type=deadline._meta.label_lower, record_id=str(deadline.pk)
            ),
        },
    )


# --- org units --------------------------------------------------------------------------


@login_required
def units(request):
    q = request.GET.get("q", "").strip()
    qs = OrgUnit.objects.select_related("parent").annotate(n_members=Count("members"))
    if q:
        qs = qs.filter(
            Q(name__contains=q)
            | Q(code__contains=q)
            | Q(short_name__contains=q)
            | Q(aliases__contains=q)
        )
    kind = request.GET.get("kind", "")
    if kind in OrgUnit.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("sort_order", "code"), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "core/units.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": OrgUnit.Kind.choices,
            "can_manage": access.can(request.user, "manage_units"),
        },
    )


@login_required
def unit_detail(request, code: str):
    unit = OrgUnit.objects.filter(code=code).select_related("parent").first()
    if unit is None:
        raise Http404("单位不存在")
    members = (
        access.restrict(User.objects.filter(unit=unit), request.user, "view")
        if not access.is_global(request.user, "view")
        else User.objects.filter(unit=unit)
    )
    if not access.can(request.user, "view", unit):
        members = User.objects.none()
    return render(
        request,
        "core/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "members": members.prefetch_related("roles"),
            "can_manage": access.can(request.user, "manage_units"),
            "history": events.history("core.orgunit", str(unit.pk), request.user),
        },
    )


@login_required
def unit_edit(request, code: str | None = None):
    if not access.can(request.user, "manage_units"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以维护组织机构")
    unit = OrgUnit.objects.filter(code=code).first() if code else OrgUnit()
    if code and unit is None:
        raise Http404("单位不存在")
    form = UnitForm(request.POST or None, instance=unit)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_unit(
                form.save(commit=False), request.user, version=locking.seen(request)
            )
            messages.success(request, f"已保存“{saved.name}”")
            return redirect("core:unit", code=saved.code)
        except ValidationError as e:
            errors = e.messages
    return render(
        request,
        "core/unit_form.html",
        {"form": form, "unit": unit, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def unit_import_view(request):
    """Upload → preview (nothing written) → confirm (all rows or none)."""
    if not access.can(request.user, "manage_units"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以导入组织机构")
    form = UnitImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST":
        if request.POST.get("confirm") and request.session.get("unit_import"):
            stash = request.session.pop("unit_import")
            result = unit_import.commit(stash["name"], bytes.fromhex(stash["data"]), request.user)
            if not result.errors:
                messages.success(
                    request, f"导入完成：新增{result.created}个，修改{result.updated}个"
                )
                return redirect("core:units")
        elif form.is_valid():
            f = form.cleaned_data["file"]
            if f.size > 5 * 1024 * 1024:
                form.add_error("file", "导入文件不能超过5MB")
            else:
                data = f.read()
                result = unit_import.parse(f.name, data)
                if not result.errors:
                    request.session["unit_import"] = {"name": f.name, "data": data.hex()}
    return render(
        request,
        "core/unit_import.html",
        {
            "form": form,
            "result": result,
            "columns": list(unit_import.COLUMNS),
        },
        status=400 if result and result.errors else 200,
    )


# --- users ------------------------------------------------------------------------------


@login_required
def users(request):
    if not access.can(request.user, "manage_users"):
        raise PermissionDenied("只有系统管理员可以管理用户")
    q = request.GET.get("q", "").strip()
    qs = (
        User.objects.select_related("unit")
        .prefetch_related("roles")
        .order_by("unit__sort_order", "unit__code", "username")
    )
    if q:
        qs = qs.filter(
            Q(username__contains=q) | Q(full_name__contains=q) | Q(unit__name__contains=q)
        )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "core/users.html", {"page": page, "q": q})


@login_required
def user_edit(request, pk: int | None = None):
    if not access.can(request.user, "manage_users"):
        raise PermissionDenied("只有系统管理员可以管理用户")
    instance = User.objects.filter(pk=pk).first() if pk else User()
    if pk and instance is None:
        raise Http404("用户不存在")
    form = UserForm(request.POST or None, instance=instance)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            user = form.save(commit=False)
            services.save_user(
                user,
                form.cleaned_data["roles"],
                request.user,
                password=form.cleaned_data.get("password") or None,
                version=locking.seen(request),
            )
            messages.success(request, f"已保存账号“{user.username}”")
            return redirect("core:users")
        except ValidationError as e:
            errors = e.messages
    return render(
        request,
        "core/user_form.html",
        {"form": form, "obj": instance, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


# --- calendar ---------------------------------------------------------------------------


@login_required
def calendar_view(request):
    year = request.GET.get("year", "").strip()
    if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100:
        return redirect("core:calendar_year", year=int(year))
    years = CalendarYear.objects.annotate(n=Count("days"))
    return render(
        request,
        "core/calendar.html",
        {
            "years": years,
            "can_manage": access.can(request.user, "manage_calendar"),
        },
    )


DAY_KIND_LABELS = {
    "workday": "工作日",
    "weekend": "周末",
    "holiday": "法定节假日",
    "makeup_workday": "调休上班日",
}


def _year_grid(year: int, cal=None):
    """Twelve month grids of ``year`` from ``cal`` (the loaded calendar, or a preview)."""
    cal = cal or calendar()
    months = []
    for m in range(1, 13):
        first = dt.date(year, m, 1)
        nxt = dt.date(year + (m == 12), m % 12 + 1, 1)
        weeks, week = [], [None] * first.weekday()
        d = first
        while d < nxt:
            kind, name = cal.day_kind(d)
            week.append({"d": d, "kind": kind, "name": name or DAY_KIND_LABELS.get(kind, "")})
            if len(week) == 7:
                weeks.append(week)
                week = []
            d += dt.timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        months.append({"month": m, "weeks": weeks})
    return months


@login_required
def calendar_year(request, year: int):
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise Http404(f"年度应在{MIN_DATE.year}年至{MAX_DATE.year}年之间")
    obj = CalendarYear.objects.filter(year=year).first()
    can_manage = access.can(request.user, "manage_calendar")
    if obj is None and not can_manage:
        raise Http404("该年度工作日历尚未载入")
    initial = {"year": year, "notice": obj.notice if obj else ""}
    if obj:
        hol = [
            f"{d:%Y-%m-%d} {n}"
            for d, n in obj.days.filter(kind="holiday").values_list("date", "name")
        ]
        mk = [
            f"{d:%Y-%m-%d} {n}"
            for d, n in obj.days.filter(kind="makeup_workday").values_list("date", "name")
        ]
        initial |= {"holidays": "\n".join(hol), "makeup_workdays": "\n".join(mk)}
    form = CalendarYearForm(request.POST or None, initial=initial)
    errors: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("只有统筹协调人员或系统管理员可以维护工作日历")
        if form.is_valid() and form.cleaned_data["year"] == year:
            try:
                services.set_calendar_year(
                    year,
                    form.cleaned_data["days"],
                    request.user,
                    source=f"手工录入（{request.user}）",
                    notice=form.cleaned_data["notice"],
                    version=locking.seen(request),
                )
                messages.success(request, f"已保存{year}年工作日历")
                return redirect("core:calendar_year", year=year)
            except ValidationError as e:
                errors = e.messages
        elif form.is_valid():
            errors = ["表单中的年度与页面年度不一致"]
    workdays = None
    months = None
    if obj:
        cal = calendar()
        workdays = (
            cal.working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
            if CalendarYear.objects.filter(year=year - 1).exists()
            else sum(
                1
                for i in range(366)
                if (dt.date(year, 1, 1) + dt.timedelta(days=i)).year == year
                and cal.is_workday(dt.date(year, 1, 1) + dt.timedelta(days=i))
            )
        )
        months = _year_grid(year)
    return render(
        request,
        "core/calendar_year.html",
        {
            "year": year,
            "obj": obj,
            "form": form,
            "errors": errors,
            "can_manage": can_manage,
            "workdays": workdays,
            "months": months,
        },
        status=400 if errors or (request.method == "POST" and form.errors) else 200,
    )


def compute_workdays(form: WorkdaysForm):
    """Shared by the back-office and the portal calculator: (computation, error)."""
    if not form.is_valid():
        return None, None
    cal = calendar()
    d = form.cleaned_data
    try:
        if d["unit"] == "working":
            return cal.add_working_days(d["start"], d["length"]), None
        return cal.add_calendar_days(d["start"], d["length"]), None
    except CalendarMissing as e:
        return None, str(e)


@login_required
def workdays(request):
    form = WorkdaysForm(request.GET or None)
    comp, error = compute_workdays(form)
    return render(request, "core/workdays.html", {"form": form, "comp": comp, "error": error})


# --- full-process record ----------------------------------------------------------------


@login_required
def events_view(request):
    qs = access.restrict_events(Event.objects.all(), request.user).order_by("-seq")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(summary__contains=q)
            | Q(actor_name__contains=q)
            | Q(record_type=q)
            | Q(unit_code=q)
            | Q(unit_code__in=OrgUnit.objects.filter(name__contains=q).values("code"))
        )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    page.object_list = record_titles.label(page.object_list, request.user)
    problems = None
    if request.method == "POST":
        if not access.is_global(request.user, "change"):
            raise PermissionDenied("只有统筹协调人员或系统管理员可以校验全过程记录")
        problems = list(events.verify_chain())
    return render(
        request,
        "core/events.html",
        {
            "page": page,
            "q": q,
            "problems": problems,
            "can_verify": access.is_global(request.user, "change"),
            "total": Event.objects.count(),
        },
    )


# --- attachments ------------------------------------------------------------------------


@login_required
def attachment_download(request, pk: int):
    att = access.get_for(request.user, Attachment.objects.select_related("unit"), "view", pk=pk)
    resp = FileResponse(
        att.file.open("rb"), as_attachment=True, filename=att.original_name, content_type=att.mime
    )
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
def deadline_attach(request, pk: int):
    deadline = access.get_for(
        request.user, Deadline.objects.select_related("unit"), "change", pk=pk
    )
    form = AttachmentForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.attach_all(
                deadline,
                form.cleaned_data["file"],
                actor=request.user,
                unit=deadline.unit,
                description=form.cleaned_data["description"],
            )
            messages.success(request, f"已上传{len(done)}个附件")
            return redirect("core:deadline", pk=deadline.pk)
        except UploadRejected as e:
            error = str(e)
        except PermissionDenied as e:
            error = str(e)
    return render(
        request,
        "core/attach.html",
        {"form": form, "d": deadline, "error": error},
        status=400 if request.method == "POST" else 200,
    )


# --- API tokens -------------------------------------------------------------------------


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_key = None
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if "revoke" in request.POST:
            pk = posted_id(request.POST.get("revoke"))
            token = ApiToken.objects.filter(pk=pk, user=request.user).first() if pk else None
            if token is not None:
                services.revoke_token(token, request.user)
                messages.success(request, "令牌已吊销")
                return redirect("core:tokens")
            form = TokenForm()
            errors = ["要吊销的令牌不存在，或不是您本人的令牌"]
            status = 400
        elif form.is_valid():
            _, new_key = services.issue_token(request.user, form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "core/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "errors": errors,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
        status=status,
    )
