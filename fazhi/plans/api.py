"""Plan routes of the JSON API: the tasks a person may see, with each unit's progress."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.pagination import paginate

from fazhi.core import access

from .models import Task

PREFIX = "/plans"
router = Router(tags=["计划与任务"])


class ProgressOut(Schema):
    unit_code: str
    period: str
    status: str
    state: str
    text: str
    on_time: bool


class TaskOut(Schema):
    id: int
    plan: str
    section: str
    number: int
    title: str
    lead_unit: str | None
    units: list[str]
    external_participants: list[str]
    unmatched_names: list[str]
    progress: list[ProgressOut]


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("tasks", response=list[TaskOut], summary="任务（按权限范围：本单位负责的任务）")
@paginate
def tasks(request, plan: int | None = None):
    qs = access.restrict(
        Task.objects.select_related("plan", "section", "lead_unit"), _user(request), "view"
    ).prefetch_related("assignments__unit", "assignments__progress__period")
    if plan:
        qs = qs.filter(plan_id=plan)
    out = []
    for t in qs.order_by("plan_id", "number"):
        out.append(
            {
                "id": t.pk,
                "plan": t.plan.title,
                "section": f"{t.section.number}、{t.section.title}",
                "number": t.number,
                "title": t.title,
                "lead_unit": t.lead_unit.code if t.lead_unit else None,
                "units": [a.unit.code for a in t.assignments.all()],
                "external_participants": t.external_participants,
                "unmatched_names": t.unmatched_names,
                "progress": [
                    {
                        "unit_code": a.unit.code,
                        "period": p.period.name,
                        "status": p.status,
                        "state": p.state,
                        "text": p.text,
                        "on_time": p.on_time,
                    }
                    for a in t.assignments.all()
                    for p in a.progress.all()
                ],
            }
        )
    return out
