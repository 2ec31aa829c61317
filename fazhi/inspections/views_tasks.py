"""Office pages of a 抽查任务: creating it, and its record page where the lead department
publishes the commitment, draws, reveals the seed or redoes the draw with a reason, and
where the responsible departments record each drawn entity's result, publish results and
link follow-up enforcement cases. Every action goes through ``services``; the page shows
the refusal in Chinese and keeps what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.forms import posted_id
from fazhi.core.refusals import FAILURES, failure

from . import forms, services
from .models import DrawnEntity, InspectionPlan, InspectionTask

ACTIONS = ("commit", "draw", "reveal", "redo", "result", "publish", "link")


def form_errors(form) -> list[str]:
    """A row form's errors as lines naming the field (the row shows no field messages)."""
    out = [str(e) for e in form.non_field_errors()]
    for name, errs in form.errors.items():
        if name != "__all__":
            label = form.fields[name].label if name in form.fields else name
            out += [f"{label}：{e}" for e in errs]
    return out


@login_required
def task_new(request):
    user = request.user
    if not access.can(user, "change"):
        raise PermissionDenied("只有经办人员可以创建抽查任务")
    initial = forms.TaskForm.initial_for()
    plan_id = posted_id(request.GET.get("plan"))
    if plan_id:
        plan = access.restrict(InspectionPlan.objects.all(), user, "change").filter(pk=plan_id)
        plan = plan.first()
        if plan is not None:
            initial.update(plan=plan.pk, title=f"{plan.year}年度{plan.unit.display_name}随机抽查")
    form = forms.TaskForm(user, request.POST or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                task = services.create_task(
                    form.cleaned_data["plan"], actor=user, **form.service_kwargs()
                )
                messages.success(request, "已创建抽查任务；请核对后公布抽取承诺")
                return redirect("inspections:task", pk=task.pk)
            except FAILURES as e:
                errors, status = failure(e)
    return render(
        request,
        "inspections/task_new.html",
        {"form": form, "errors": errors, "has_plans": form.fields["plan"].queryset.exists()},
        status=status,
    )


def _act(request, task: InspectionTask, action: str, bound: dict) -> InspectionTask | None:
    """Run one posted action; returns the task to redirect to (a redo opens a new one)."""
    user = request.user
    if action == "commit":
        services.commit(task, actor=user)
        messages.success(request, "已公布抽取承诺：随机种子的哈希和名录库快照的哈希已在门户公开")
    elif action == "draw":
        task = services.make_draw(task, actor=user)
        messages.success(request, f"已抽取检查对象{task.drawn.count()}家并分派执法检查人员")
    elif action == "reveal":
        services.reveal_seed(task, actor=user)
        messages.success(request, "已公布随机种子；任何人可在门户核验抽取结果")
    elif action == "redo":
        form = bound["redo"]
        if not form.is_valid():
            return None
        new = services.redo(task, reason=form.cleaned_data["reason"], actor=user)
        messages.success(request, "原任务已作废（仍在门户公开，连同原因）；已按原设置新建任务")
        return new
    elif action in ("result", "link"):
        form = bound[action]
        if not form.is_valid():
            return None
        drawn = (
            access.restrict(DrawnEntity.objects.all(), user, "view")
            .filter(task=task, pk=form.cleaned_data["drawn"])
            .first()
        )
        if drawn is None:
            raise ValidationError("该检查对象不在本任务的抽取结果中")
        d = form.cleaned_data
        if action == "result":
            services.record_result(
                drawn, outcome=d["outcome"], checked_on=d["checked_on"], note=d["note"],
                actor=user,
            )  # fmt: skip
            messages.success(request, f"已登记{drawn.entity.name}的检查结果")
        else:
            services.link_case(drawn, case_ref=d["case_ref"], actor=user)
            messages.success(request, f"已关联执法案件{d['case_ref']}")
    elif action == "publish":
        form = bound["publish"]
        if not form.is_valid():
            return None
        ids = [i for i in (posted_id(v) for v in request.POST.getlist("pick")) if i]
        if not ids:
            raise ValidationError("请勾选要公示的检查结果")
        picked = list(
            access.restrict(DrawnEntity.objects.all(), user, "view").filter(task=task, pk__in=ids)
        )
        if len(picked) != len(set(ids)):
            raise ValidationError("所选检查对象不在本任务的抽取结果中")
        rows = services.publish_results(
            picked, on=form.cleaned_data["on"], late_reason=form.cleaned_data["late_reason"],
            actor=user,
        )  # fmt: skip
        messages.success(request, f"已公示{len(rows)}项检查结果")
    return task


@login_required
def task_detail(request, pk: int):
    user = request.user
    qs = InspectionTask.objects.select_related("unit", "plan", "redo_of")
    task = access.get_for(user, qs, "view", pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ACTIONS:
        raise Http404("未知操作")
    today = core.today()

    def bind(name, cls, **kw):
        return cls(request.POST if action == name else None, prefix=name, **kw)

    bound = {
        "redo": bind("redo", forms.ReasonForm),
        "result": bind("result", forms.ResultForm, initial={"checked_on": today}),
        "publish": bind("publish", forms.PublishForm, initial={"on": today}),
        "link": bind("link", forms.CaseLinkForm),
    }
    errors: list[str] = []
    status = 200
    if action:
        status = 400
        try:
            after = _act(request, task, action, bound)
            if after is not None:
                return redirect("inspections:task", pk=after.pk)
            errors = form_errors(bound[action])
        except FAILURES as e:
            errors, status = failure(e)
    lead = access.can(user, "change", task.unit)
    member = lead or any(access.can(user, "change", d) for d in task.departments.all())
    drawn = access.restrict(DrawnEntity.objects.select_related("entity"), user, "view").filter(
        task=task
    )
    show = request.GET.get("show", "")
    listed = drawn
    if show == "todo":
        listed = drawn.filter(outcome="")
    elif show == "unpublished":
        listed = drawn.exclude(outcome="").filter(published_on=None)
    elif show == "late":
        listed = drawn.filter(published_on=None, publish_due_on__lt=today)
    else:
        show = ""
    page = Paginator(listed.order_by("order"), 50).get_page(request.GET.get("page"))
    names = {}
    snapshot = getattr(task, "snapshot", None) if task.committed_on else None
    if snapshot is not None:
        names = snapshot.inspector_names
    posted = bound["result"].data if action == "result" else {}
    linked = bound["link"].data if action == "link" else {}
    picked = set(request.POST.getlist("pick")) if action == "publish" else set()
    for d in page:
        d.picked = str(d.pk) in picked
        d.typed_case_ref = (
            linked.get("link-case_ref", "") if linked.get("link-drawn") == str(d.pk) else ""
        )
        d.inspector_list = [(c, names.get(c, ["", c])[1]) for c in d.inspectors]
        if posted and posted.get("result-drawn") == str(d.pk):
            d.typed = {
                "outcome": posted.get("result-outcome", ""),
                "checked_on": posted.get("result-checked_on", ""),
                "note": posted.get("result-note", ""),
            }
        else:
            d.typed = {
                "outcome": d.outcome,
                "checked_on": f"{d.checked_on or today:%Y-%m-%d}",
                "note": d.note,
            }
    counts = drawn.aggregate(
        n=Count("pk"),
        checked=Count("pk", filter=~Q(outcome="")),
        published=Count("pk", filter=Q(published_on__isnull=False)),
        late=Count("pk", filter=Q(published_on=None, publish_due_on__lt=today)),
        problems=Count("pk", filter=Q(outcome__in=["rectify", "case"])),
    )
    open_state = task.state in (InspectionTask.State.DRAWN, InspectionTask.State.CHECKING)
    return render(
        request,
        "inspections/task_detail.html",
        {
            "t": task,
            "departments": task.departments.order_by("code"),
            "items": task.items.select_related("unit").order_by("unit__code", "code"),
            "ratios": [(k, float(v) * 100) for k, v in sorted(task.ratios.items())],
            "filters": [
                (label, "、".join(task.pool_filter.get(key, [])))
                for key, label in services.tasks.FILTER_KEYS.items()
                if task.pool_filter.get(key)
            ],
            "snapshot": snapshot,
            "page": page,
            "show": show,
            "query": f"show={show}&" if show else "",
            "counts": counts,
            "lead": lead,
            "member": member and open_state,
            "can_commit": lead and task.state == InspectionTask.State.DRAFT,
            "can_draw": lead and task.state == InspectionTask.State.COMMITTED,
            "can_reveal": lead and task.drawn_on is not None and not task.seed_revealed_on,
            "can_redo": lead
            and task.state in (InspectionTask.State.COMMITTED, InspectionTask.State.DRAWN),
            "redone_by": InspectionTask.objects.filter(redo_of=task).first(),
            "outcomes": DrawnEntity.Outcome.choices[1:],
            "today": today,
            "errors": errors,
            "action": action,
            **{f"{k}_form": v for k, v in bound.items()},
            "history": events.history("inspections.inspectiontask", str(task.pk), user),
        },
        status=status,
    )


urlpatterns = [
    path("tasks/new/", task_new, name="task_new"),
    path("tasks/<int:pk>/", task_detail, name="task"),
]
