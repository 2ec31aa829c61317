"""Plan pages: list, import with preview and hand resolution, plan detail, task detail
with reporting and review (the progress matrix is in overview.py). Scoped through
core.access."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render

from fazhi.core import access, events
from fazhi.core.forms import (
    BootstrapMixin,
    DateField,
    ModelMultipleChoiceField,
    MultipleFileField,
    posted_id,
)
from fazhi.core.ledger_files import decode_text
from fazhi.core.models import Attachment, OrgUnit
from fazhi.core.sniff import UploadRejected
from fazhi.core.workdays import CalendarMissing

from . import services
from .models import Plan, Progress, Task
from .overview import plans_for as _plans_for
from .preview import build_preview


class ImportForm(BootstrapMixin, forms.Form):
    title = forms.CharField(
        label="标题", max_length=200, required=False, help_text="留空则使用文本中的标题"
    )
    kind = forms.ChoiceField(label="类型", choices=Plan.Kind.choices)
    start_year = forms.IntegerField(label="起始年度", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label="截止年度", min_value=2000, max_value=2100)
    text = forms.CharField(
        label="计划全文",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="可直接粘贴网页上复制的全文，网页栏目、索引号等会自动去除",
    )
    file = forms.FileField(label="或上传文本文件（.txt，UTF-8或GBK编码）", required=False)

    def clean(self):
        data = super().clean()
        f = data.get("file")
        if f:
            raw = f.read(2 * 1024 * 1024 + 1)
            if len(raw) > 2 * 1024 * 1024:
                raise forms.ValidationError("文本文件不能超过2MB")
            text = decode_text(raw)
            if text is None:
                raise forms.ValidationError("无法识别文件编码，请另存为UTF-8编码的文本文件")
            data["text"] = text
        if not (data.get("text") or "").strip():
            raise forms.ValidationError("请粘贴计划全文或上传文本文件")
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["start_year"] > data["end_year"]
        ):
            self.add_error("end_year", "截止年度不能早于起始年度")
        return data


class PeriodForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label="名称", max_length=50, help_text="如：2025年上半年")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    start = DateField(label="周期起始日")
    end = DateField(label="周期截止日")
    report_due = DateField(label="报送期限")


class ProgressForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label="工作进展",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="写明采取的举措、形成的制度文件（名称、文号）和取得的成效",
    )
    status = forms.ChoiceField(label="完成情况", choices=Progress.Status.choices)
    evidence = MultipleFileField(label="佐证材料（可一次选择多个）", required=False)


class TaskForm(BootstrapMixin, forms.Form):
    section = forms.ModelChoiceField(label="所属部分", queryset=None)
    title = forms.CharField(label="任务名称", max_length=300)
    body = forms.CharField(
        label="任务内容", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    units = ModelMultipleChoiceField(
        label="责任单位（第一个为牵头单位）",
        queryset=OrgUnit.objects.filter(active=True).exclude(kind=OrgUnit.Kind.COMMUNITY),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.all()


@login_required
def plan_list(request):
    plans = _plans_for(request.user).annotate(
        n_tasks=Count("tasks", distinct=True), n_periods=Count("periods", distinct=True)
    )
    return render(
        request,
        "plans/list.html",
        {
            "plans": plans,
            "can_import": access.is_global(request.user, "change"),
        },
    )


def _units_for_choice():
    return (
        OrgUnit.objects.filter(active=True)
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )


@login_required
def plan_import(request):
    if not access.is_global(request.user, "change"):
        raise PermissionDenied("只有统筹协调人员可以导入计划")
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    errors: list[str] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        parsed, resolutions = services.analyse(text)
        preview = build_preview(parsed, resolutions)
        if request.POST.get("confirm") and not parsed.errors:
            manual = {}
            for name in {u["name"] for u in preview["unmatched"]}:
                choice = request.POST.getlist(f"resolve::{name}")
                if choice == [services.EXTERNAL]:
                    manual[name] = services.EXTERNAL
                elif choice:
                    manual[name] = [c for c in choice if c != services.EXTERNAL]
            try:
                plan = services.import_plan(
                    text,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    start_year=form.cleaned_data["start_year"],
                    end_year=form.cleaned_data["end_year"],
                    actor=request.user,
                    manual=manual,
                )
                left = sum(len(t.unmatched_names) for t in plan.tasks.all())
                messages.success(
                    request,
                    f"已导入“{plan.title}”"
                    + (f"；仍有{left}处单位名称待确认，请在任务页逐一确认" if left else ""),
                )
                return redirect("plans:detail", pk=plan.pk)
            except ValidationError as e:
                errors = e.messages
                status = 400
        elif parsed.errors:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "plans/import.html",
        {
            "form": form,
            "preview": preview,
            "errors": errors,
            "units": _units_for_choice(),
        },
        status=status,
    )


@login_required
def plan_detail(request, pk: int):
    plan = _plans_for(request.user).filter(pk=pk).first()
    if plan is None:
        raise Http404("计划不存在或无权访问")
    tasks = (
        access.restrict(plan.tasks.all(), request.user, "view")
        .select_related("section", "lead_unit")
        .annotate(n_units=Count("assignments"))
    )
    by_section = defaultdict(list)
    for t in tasks:
        by_section[t.section_id].append(t)
    sections = [(s, by_section[s.pk]) for s in plan.sections.all() if by_section[s.pk]]
    is_coord = access.is_global(request.user, "change")
    pform = PeriodForm(request.POST or None, prefix="period") if is_coord else None
    errors: list[str] = []
    if request.method == "POST":
        if not is_coord:
            raise PermissionDenied("只有统筹协调人员可以开启报送周期")
        if pform.is_valid():
            try:
                services.open_period(plan, actor=request.user, **pform.cleaned_data)
                messages.success(request, "报送周期已开启，各责任单位的报送期限已进入工作台")
                return redirect("plans:detail", pk=plan.pk)
            except (ValidationError, CalendarMissing) as e:
                errors = e.messages if isinstance(e, ValidationError) else [str(e)]
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "sections": sections,
            "periods": plan.periods.all(),
            "pform": pform,
            "errors": errors,
            "is_coord": is_coord,
            "unmatched": [t for t in tasks if t.unmatched_names],
            "history": events.history("plans.plan", str(plan.pk)),
        },
        status=400 if errors or (pform is not None and pform.errors) else 200,
    )


@login_required
def task_detail(request, pk: int):
    task = access.get_for(
        request.user, Task.objects.select_related("plan", "section", "lead_unit"), "view", pk=pk
    )
    user = request.user
    # Each unit sees its own reporting; the lead unit (and the coordinator) everyone's.
    assignments = list(access.restrict(task.assignments.all(), user, "view").select_related("unit"))
    hidden_units = task.assignments.count() - len(assignments)
    periods = list(task.plan.periods.all())
    progress = {
        (p.assignment_id, p.period_id): p
        for p in access.restrict(
            Progress.objects.filter(assignment__task=task), user, "view"
        ).select_related("submitted_by")
    }
    mine = [
        a
        for a in assignments
        if access.can(user, "change", a.unit) and not access.is_global(user, "change")
    ]
    open_period = next((p for p in reversed(periods)), None)
    errors: list[str] = []
    form = None
    target = None
    if mine and open_period:
        target = mine[0]
        existing = progress.get((target.pk, open_period.pk))
        if existing is None or existing.state == Progress.State.RETURNED:
            initial = {"text": existing.text, "status": existing.status} if existing else None
            form = ProgressForm(
                request.POST or None, request.FILES or None, initial=initial, prefix="progress"
            )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                if form is None:
                    raise PermissionDenied("当前没有可报送的进展")
                if form.is_valid():
                    files = form.cleaned_data["evidence"]
                    services.submit_progress(
                        target,
                        open_period,
                        text=form.cleaned_data["text"],
                        status=form.cleaned_data["status"],
                        actor=user,
                        files=files,
                    )
                    messages.success(request, "进展已报送，等待审核")
                    return redirect("plans:task", pk=task.pk)
                status = 400
            elif action in ("accept", "return"):
                progress_pk = posted_id(request.POST.get("progress"))
                p = (
                    Progress.objects.filter(pk=progress_pk, assignment__task=task).first()
                    if progress_pk
                    else None
                )
                if p is None:
                    raise ValidationError("要审核的进展不存在，请刷新页面后重试")
                if action == "accept":
                    services.accept_progress(p, user)
                    messages.success(request, "已审核通过")
                else:
                    services.return_progress(p, reason=request.POST.get("reason", ""), actor=user)
                    messages.success(request, "已退回，并给该单位设定了重新报送期限")
                return redirect("plans:task", pk=task.pk)
            elif action == "resolve":
                name = request.POST.get("name", "")
                choice = request.POST.getlist("choice")
                services.resolve_name(
                    task,
                    name,
                    services.EXTERNAL
                    if choice == [services.EXTERNAL]
                    else [c for c in choice if c != services.EXTERNAL],
                    user,
                )
                messages.success(request, f"已确认“{name}”")
                return redirect("plans:task", pk=task.pk)
            else:
                raise Http404("未知操作")
        except (ValidationError, UploadRejected, CalendarMissing) as e:
            errors = e.messages if isinstance(e, ValidationError) else [str(e)]
            status = 400
    reviewable = {
        p.pk
        for p in progress.values()
        if p.state == Progress.State.SUBMITTED and services.can_review(user, p)
    }
    atts = defaultdict(list)
    for att in Attachment.objects.filter(
        record_type="plans.progress", record_id__in=[str(p.pk) for p in progress.values()]
    ):
        atts[int(att.record_id)].append(att)
    rows = []
    for a in assignments:
        cells = []
        for per in periods:
            p = progress.get((a.pk, per.pk))
            cells.append((per, p, atts.get(p.pk, []) if p else []))
        rows.append((a, cells))
    return render(
        request,
        "plans/task.html",
        {
            "task": task,
            "rows": rows,
            "periods": periods,
            "form": form,
            "target": target,
            "open_period": open_period,
            "errors": errors,
            "reviewable": reviewable,
            "posted": request.POST,
            "hidden_units": hidden_units,
            "is_coord": access.is_global(user, "change"),
            "units": _units_for_choice(),
            "history": events.history("plans.task", str(task.pk)),
        },
        status=status,
    )


@login_required
def task_new(request, pk: int):
    plan = Plan.objects.filter(pk=pk).first()
    if plan is None:
        raise Http404("计划不存在")
    if not access.is_global(request.user, "change"):
        raise PermissionDenied("只有统筹协调人员可以新增任务")
    form = TaskForm(plan, request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            task = services.create_task(
                plan,
                section=d["section"],
                title=d["title"],
                body=d["body"],
                unit_codes=[u.code for u in d["units"]],
                actor=request.user,
            )
            messages.success(request, f"已新增任务{task.number}")
            return redirect("plans:task", pk=task.pk)
        except (ValidationError, CalendarMissing) as e:
            errors = e.messages if isinstance(e, ValidationError) else [str(e)]
    return render(
        request,
        "plans/task_new.html",
        {"form": form, "plan": plan, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )
