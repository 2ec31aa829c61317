"""Plan routes of the JSON API: the tasks a person may see, with each unit's progress."""

from __future__ import annotations

from django.db.models import Prefetch
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.forms import MAX_DB_INT

from .models import Progress, Task

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


@router.get(
    "tasks",
    response=list[TaskOut],
    summary="任务（按权限范围：本单位负责的任务；进展只含本单位的，牵头单位含各参与单位的）",
)
@paginate
def tasks(request, plan: int | None = Query(None, ge=1, le=MAX_DB_INT, description="计划ID")):
    user = _user(request)
    progress = access.restrict(Progress.objects.select_related("period"), user, "view")
    qs = access.restrict(
        Task.objects.select_related("plan", "section", "lead_unit"), user, "view"
    ).prefetch_related("assignments__unit", Prefetch("assignments__progress", queryset=progress))
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
