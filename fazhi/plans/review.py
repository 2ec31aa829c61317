"""Batch review of progress reports (进展审核): the coordinator, or a reviewer of a task's
lead unit, sees every report waiting for them — or only those reported late — and accepts
several at once.

Each acceptance goes through ``services.accept_progress`` in its own transaction and
appends its own event, exactly as when accepted one by one on the task's page. A report
the service refuses (taken by someone else meanwhile, not the reviewer's to accept) is
named with the reason and left as it was; **the others proceed**: one stale row must not
undo a reviewer's work on seventy others, and each acceptance is complete in itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from fazhi.core import access
from fazhi.core.forms import posted_id

from . import services
from .models import Progress
from .waiting import reviewable

SHOW = {
    "pending": "待审核",
    "late": "只看逾期报送",
    "all": "全部（含已审核、已退回）",
}


def label(p: Progress) -> str:
    """A report by name: task number and title, reporting unit, period."""
    a = p.assignment
    return f"任务{a.task.number}“{a.task.title}”（{a.unit.display_name}，{p.period.name}）"


@dataclass
class Outcome:
    accepted: list[Progress]
    refused: list[tuple[str, str]]  # (report by name, why)
    missing: int = 0  # ids that name no report the actor may see


def accept_many(ids: list[int], actor) -> Outcome:
    """Accept each report through the plans service; refused ones are named, the others
    proceed (module docstring)."""
    found = {
        p.pk: p
        for p in access.restrict(Progress.objects.filter(pk__in=ids), actor, "view").select_related(
            "assignment__task", "assignment__unit", "period"
        )
    }
    out = Outcome(accepted=[], refused=[], missing=len(set(ids) - set(found)))
    for pk in sorted(set(ids) & set(found)):
        p = found[pk]
        try:
            out.accepted.append(services.accept_progress(p, actor))
        except (ValidationError, PermissionDenied) as e:
            why = "；".join(e.messages) if isinstance(e, ValidationError) else str(e)
            out.refused.append((label(p), why))
    return out


@login_required
def review(request):
    user = request.user
    if not access.can(user, "review"):
        raise PermissionDenied("只有统筹协调人员和审核人可以审核任务进展")
    show = request.GET.get("show", "pending")
    if show not in SHOW:
        show = "pending"
    if request.method == "POST":
        raw = request.POST.getlist("progress")
        ids = [i for i in (posted_id(r) for r in raw) if i]
        if not raw:
            messages.error(request, "请先勾选要审核通过的进展")
        elif not ids:
            messages.error(request, "所选进展不存在，请刷新页面后重试")
        else:
            out = accept_many(ids, user)
            if out.accepted:
                messages.success(request, f"已审核通过{len(out.accepted)}项进展")
            for name, why in out.refused:
                messages.error(request, f"未能审核通过：{name}——{why}")
            if out.missing:
                messages.error(request, f"有{out.missing}项进展不存在或无权查看，未作处理")
        return redirect(f"{request.path}?show={show}")
    qs = reviewable(user)
    if show == "pending":
        qs = qs.filter(state=Progress.State.SUBMITTED)
    elif show == "late":
        qs = qs.filter(state=Progress.State.SUBMITTED, on_time=False)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/review.html",
        {
            "page": page,
            "show": show,
            "shows": SHOW.items(),
            "pending": sum(1 for p in page if p.state == Progress.State.SUBMITTED),
        },
    )
