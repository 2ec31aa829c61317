"""Office pages of 主动公开 (条例 第十九—二十六条): each unit's 公开目录 by the 第二十条
categories, its releases (filters, search, XLSX export, the figures' records links), the
release page with its 20-working-day clock (第二十六条) and full-process record, the
actions 公开 (the reason asked when late), 修改 (stale-version protection) and 撤回, the
import of a unit's ledger, and the 政策解读. Every query goes through ``core.access``;
every change through ``services/releases.py``."""

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
from fazhi.core.models import Attachment, Deadline, OrgUnit
from fazhi.core.params import int_param as _int
from fazhi.core.params import year_param as _year
from fazhi.core.refusals import failure
from fazhi.core.remaining import Remaining
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing
from fazhi.core.xlsx_out import xlsx
from fazhi.indicators.registry import filter_by_figure, government

from . import forms_releases as forms
from . import importer_releases
from .indicators import RECORDS
from .models import CatalogueItem, Interpretation, ProactiveRelease
from .services import releases as svc

FAILURES = (ValidationError, PermissionDenied, UploadRejected, CalendarMissing)
PER_PAGE = 50
EXPORT_LIMIT = 20000
REL = ProactiveRelease
IMPORT_MAX_BYTES = 20 * 1024 * 1024


def releases_for(user, action: str = "view"):
    return access.restrict(
        REL.objects.select_related("unit", "catalogue", "deadline"), user, action
    )


def catalogue_for(user, action: str = "view"):
    return access.restrict(CatalogueItem.objects.select_related("unit"), user, action)


def interpretations_for(user, action: str = "view"):
    return access.restrict(Interpretation.objects.select_related("unit", "release"), user, action)


def units_for(user, action: str = "view"):
    return access.restrict(OrgUnit.objects.filter(active=True), user, action).order_by(
        "sort_order", "code"
    )


def _unit_narrow(qs, raw):
    """A unit filter as the figures count: the unit's own records; the government's unit
    (which carries the district's total) means every unit."""
    unit_id = _int(raw)
    if unit_id is None:
        return qs, None
    gov = government()
    if gov is not None and gov.pk == unit_id:
        return qs, unit_id
    return qs.filter(unit_id=unit_id), unit_id


def _query(request) -> tuple[str, str]:
    keep = request.GET.copy()
    keep.pop("page", None)
    return (f"{keep.urlencode()}&" if keep else ""), keep.urlencode()


# --- releases -----------------------------------------------------------------------------
def filtered(user, g):
    """The list's query from its GET parameters: (queryset, the filter values shown)."""
    qs = releases_for(user)
    f: dict = {}
    qs, unit_id = _unit_narrow(qs, g.get("unit"))
    if unit_id:
        f["unit"] = unit_id
    cat = _int(g.get("catalogue"))
    if cat:
        qs = qs.filter(catalogue_id=cat)
        f["catalogue"] = cat
    state = g.get("state", "")
    if state in REL.State.values:
        qs = qs.filter(state=state)
        f["state"] = state
    year = _year(g.get("year"))
    # Opened from a figure's link: exactly the records it counted that year.
    counted, banner = filter_by_figure(qs, RECORDS, g.get("figure", ""), year, "主动公开信息")
    if counted is not None:
        qs = counted
        f["figure"], f["figure_name"] = g.get("figure"), banner
    elif year:
        span = {"gte": dt.date(year, 1, 1), "lte": dt.date(year, 12, 31)}
        qs = qs.filter(
            Q(published_on__gte=span["gte"], published_on__lte=span["lte"])
            | Q(published_on=None, created_on__gte=span["gte"], created_on__lte=span["lte"])
        )
    if year:
        f["year"] = year
    late = g.get("late", "")
    if late in ("1", "0"):
        qs = qs.filter(late=late == "1")
        f["late"] = late
    q = g.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(title__contains=q) | Q(index_number__contains=q) | Q(document_number__contains=q)
        )
        f["q"] = q
    return qs.order_by("-published_on", "-created_on", "-pk"), f


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


@login_required
def release_list(request):
    user = request.user
    qs, f = filtered(user, request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    status = Statuses(core.today())
    rows = [(r, status(r.deadline) if r.state == REL.State.DRAFT else None) for r in page]
    query, export_query = _query(request)
    return render(
        request,
        "disclosure/office/release_list.html",
        {
            "page": page,
            "rows": rows,
            "f": f,
            "query": query,
            "export_query": export_query,
            "states": REL.State.choices,
            "units": units_for(user),
            "catalogues": _unit_narrow(catalogue_for(user), f.get("unit"))[0],
            "may_create": access.allowed_unit_choices(user).exists(),
        },
    )


@login_required
def release_export(request):
    """The filtered list as XLSX (at most ``EXPORT_LIMIT`` rows, in the list's order)."""
    today = core.today()
    qs, _ = filtered(request.user, request.GET)
    header = ["索引号", "公开主体", "公开目录", "第二十条类别", "标题", "文号",
              "信息形成或变更日期", "公开期限", "公开日期", "状态", "逾期公开", "逾期原因",
              "撤回日期", "撤回原因"]  # fmt: skip
    rows = [
        [
            r.index_number,
            r.unit.name,
            r.catalogue.name,
            r.catalogue.get_category_display(),
            r.title,
            r.document_number,
            r.created_on,
            r.deadline.due_date if r.deadline else None,
            r.published_on,
            r.get_state_display(),
            "是" if r.late else "否",
            r.late_reason,
            r.withdrawn_on,
            r.withdraw_reason,
        ]
        for r in qs[:EXPORT_LIMIT]
    ]
    return xlsx("主动公开信息", header, rows, f"disclosure-releases-{today:%Y%m%d}.xlsx")


def _writable_catalogues(user):
    return (
        catalogue_for(user, "change")
        .filter(active=True)
        .order_by("unit__sort_order", "unit__code", "category", "sort_order")
    )


@login_required
def release_new(request):
    user = request.user
    catalogues = _writable_catalogues(user)
    if not access.allowed_unit_choices(user).exists():
        raise PermissionDenied("只有经办人员可以登记主动公开信息")
    form = forms.ReleaseForm(request.POST or None, request.FILES or None, catalogues=catalogues)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                rel = svc.create_release(
                    unit=d["catalogue"].unit, catalogue=d["catalogue"], title=d["title"],
                    body=d["body"], created_on=d["created_on"],
                    document_number=d["document_number"], attachments=d["files"], actor=user,
                )  # fmt: skip
                messages.success(request, f"已登记待公开信息（索引号{rel.index_number}）")
                return redirect(rel.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "disclosure/office/release_form.html",
        {"form": form, "errors": errors, "obj": None, "no_catalogue": not catalogues.exists()},
        status=status,
    )


def clock_row(label: str, dl: Deadline | None, today, user) -> dict | None:
    if dl is None:
        return None
    try:
        explanation = core.explain(dl)
    except CalendarMissing as e:
        explanation = [str(e)]
    return {
        "label": label,
        "deadline": dl,
        "status": deadlines.status_of(dl, today, Remaining(today)),
        "explanation": explanation,
        "visible": access.restrict(Deadline.objects.filter(pk=dl.pk), user, "view").exists(),
    }


@login_required
def release_detail(request, pk: int):
    user = request.user
    rel = access.get_for(user, releases_for(user), "view", pk=pk)
    may_change = access.can(user, "change", rel.unit)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ("publish", "withdraw"):
        raise Http404("未知操作")
    if action and not may_change:
        raise PermissionDenied("只能办理本单位的主动公开信息")
    due = rel.deadline.due_date if rel.deadline_id else None
    publish_form = forms.PublishForm(prefix="publish", due=due)
    withdraw_form = forms.WithdrawForm(prefix="withdraw")
    errors: list[str] = []
    status = 200
    if action == "publish":
        status = 400
        publish_form = forms.PublishForm(request.POST, prefix="publish", due=due)
        if publish_form.is_valid():
            d = publish_form.cleaned_data
            try:
                rel = svc.publish(rel, on=d["published_on"], late_reason=d["late_reason"],
                                  actor=user)  # fmt: skip
                messages.success(request, "已公开" + ("（逾期公开）" if rel.late else ""))
                return redirect(rel.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    elif action == "withdraw":
        status = 400
        withdraw_form = forms.WithdrawForm(request.POST, prefix="withdraw")
        if withdraw_form.is_valid():
            d = withdraw_form.cleaned_data
            try:
                svc.withdraw(rel, on=d["on"], reason=d["reason"], actor=user)
                messages.success(request, "已撤回")
                return redirect(rel.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    today = core.today()
    clock = None
    if rel.deadline_id:
        dl = Deadline.objects.prefetch_related("pauses", "extensions").get(pk=rel.deadline_id)
        clock = clock_row("公开期限（形成或变更之日起20个工作日）", dl, today, user)
    return render(
        request,
        "disclosure/office/release_detail.html",
        {
            "x": rel,
            "clocks": [clock] if clock else [],
            "may_change": may_change,
            "publish_form": publish_form if rel.state == REL.State.DRAFT else None,
            "withdraw_form": withdraw_form if rel.state != REL.State.WITHDRAWN else None,
            "action": action,
            "errors": errors,
            "interpretations": interpretations_for(user).filter(release=rel),
            "attachments": access.restrict(_attachments(rel), user),
            "history": events.history("disclosure.proactiverelease", str(rel.pk)),
        },
        status=status,
    )


def _attachments(rel):
    return Attachment.objects.filter(
        record_type="disclosure.proactiverelease", record_id=str(rel.pk)
    ).order_by("pk")


@login_required
def release_edit(request, pk: int):
    """修改: the form carries the version it was opened at (core/locking.py); a save over
    someone else's change is refused, naming it, and what was typed stays."""
    user = request.user
    rel = access.get_for(user, releases_for(user), "change", pk=pk)
    initial = {"title": rel.title, "document_number": rel.document_number, "body": rel.body}
    form = forms.ReleaseEditForm(request.POST or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                svc.edit_release(rel, title=d["title"], body=d["body"],
                                 document_number=d["document_number"],
                                 version=locking.seen(request), actor=user)  # fmt: skip
                messages.success(request, "已保存修改")
                return redirect(rel.get_absolute_url())
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "disclosure/office/release_form.html",
        {"form": form, "errors": errors, "obj": rel},
        status=status,
    )


@login_required
def release_import(request):
    """导入本单位的主动公开台账: all rows or none, every bad row named by its line."""
    user = request.user
    units = access.allowed_unit_choices(user).order_by("sort_order", "code")
    if not units.exists():
        raise PermissionDenied("只有经办人员可以导入主动公开台账")
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, units=units,
        initial={"unit": user.unit_id},
    )  # fmt: skip
    errors: list[str] = []
    result = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            upload = d["file"]
            if upload.size > IMPORT_MAX_BYTES:
                errors = [f"文件不能超过{IMPORT_MAX_BYTES // 1024 // 1024}MB"]
            else:
                try:
                    result = importer_releases.import_releases(
                        importer_releases.read(upload.name, upload), unit=d["unit"],
                        actor=user, publish=d["publish"],
                    )  # fmt: skip
                except FAILURES as e:
                    errors, status = failure(e)
                else:
                    if result.errors:
                        errors = [*result.errors[:500]]
                        if len(result.errors) > 500:
                            errors.append(f"另有{len(result.errors) - 500}处错误未列出")
                        errors.append("未导入任何信息，请修改后重新上传")
                    else:
                        messages.success(
                            request,
                            f"已导入{result.rows}行：新增{result.created}条，更新{result.updated}条，"
                            f"未变{result.unchanged}条，登记公开{result.published}条"
                            f"（其中逾期{result.late}条）",
                        )
                        return redirect(f"/office/disclosure/releases/?unit={d['unit'].pk}")
    return render(
        request,
        "disclosure/office/release_import.html",
        {
            "form": form,
            "errors": errors,
            "columns": importer_releases.template_rows(),
            "no_reason": importer_releases.NO_REASON,
        },
        status=status,
    )


urlpatterns = [
    path("releases/", release_list, name="releases"),
    path("releases/export.xlsx", release_export, name="release_export"),
    path("releases/new/", release_new, name="release_new"),
    path("releases/import/", release_import, name="release_import"),
    path("releases/<int:pk>/", release_detail, name="release"),
    path("releases/<int:pk>/edit/", release_edit, name="release_edit"),
]
