"""双随机、一公开 routes of the JSON API.

Public (auth=None), exactly what the portal shows (``public.py``): the tasks with a
published commitment, a task's commitment (and its seed once revealed), its drawn list
with inspectors by name and certificate number, its published results (notes masked), and
the verification of the stored result — refused before the seed's reveal
(``verifiable: false`` with the reason, as on the portal page), computed at most once per
task state (``public.verdict``).

Scoped (session or token, ``core.access.restrict``): the caller's units' tasks with their
draw and check progress, drafts included.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from fazhi.core import access
from fazhi.core.forms import MAX_DB_INT
from fazhi.core.masking import mask_text
from fazhi.core.pagination import LimitOffset
from fazhi.core.params import unit_filter

from . import public
from .models import DrawnEntity, InspectionTask

PREFIX = "/inspections"
router = Router(tags=["双随机、一公开"])
TASK_ID = Path(..., ge=1, le=MAX_DB_INT, description="抽查任务ID")
YEAR = Query(None, ge=1900, le=2999, description="检查开始的年度")


class InspItemOut(Schema):
    code: str
    name: str
    department: str
    basis: str


class InspRatioOut(Schema):
    risk_class: str
    ratio: str
    pool_count: int | None


class InspPublicTaskOut(Schema):
    id: int
    title: str
    state: str
    state_label: str
    lead_department: str
    departments: list[str]
    joint: bool
    starts_on: dt.date
    ends_on: dt.date
    per_department: int
    algorithm: str
    seed_hash: str
    snapshot_hash: str
    ratios: list[InspRatioOut]
    committed_on: dt.datetime | None
    drawn_on: dt.datetime | None
    result_hash: str
    seed: str
    seed_revealed_on: dt.datetime | None
    redo_of_id: int | None
    redo_reason: str


class InspPublicTaskDetailOut(InspPublicTaskOut):
    items: list[InspItemOut]
    voided_reason: str
    redone_by_id: int | None


class InspInspectorOut(Schema):
    name: str
    certificate_number: str


class InspDrawnOut(Schema):
    order: int
    entity_name: str
    uscc: str
    risk_class: str
    inspectors: list[InspInspectorOut]


class InspResultOut(Schema):
    order: int
    entity_name: str
    uscc: str
    outcome: str
    checked_on: dt.date | None
    published_on: dt.date | None
    late: bool
    late_reason: str
    note: str


class InspVerifyOut(Schema):
    task_id: int
    verifiable: bool
    consistent: bool | None
    problems: list[str]
    result_hash: str


class InspOfficeTaskOut(Schema):
    id: int
    title: str
    state: str
    lead_unit_code: str
    joint: bool
    starts_on: dt.date
    ends_on: dt.date
    committed_on: dt.datetime | None
    drawn_on: dt.datetime | None
    seed_revealed_on: dt.datetime | None
    drawn: int
    checked: int
    published: int


class _Rows:
    """A queryset paginated first and converted after: only one page is ever built
    (a province's drawn list has 150,000 rows)."""

    def __init__(self, qs, convert):
        self.qs, self.convert = qs, convert

    def all(self):
        return self

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, s):
        return self.convert(list(self.qs[s]))


def _task_out(t: InspectionTask) -> dict:
    revealed = bool(t.seed_revealed_on)
    return {
        "id": t.pk,
        "title": t.title,
        "state": t.state,
        "state_label": t.get_state_display(),
        "lead_department": t.unit.name,
        "departments": [d.name for d in t.departments.all()],
        "joint": t.joint,
        "starts_on": t.starts_on,
        "ends_on": t.ends_on,
        "per_department": t.per_department,
        "algorithm": t.algorithm,
        "seed_hash": t.seed_hash,
        "snapshot_hash": t.snapshot_hash,
        "ratios": [
            {"risk_class": r, "ratio": str(t.ratios.get(r, "0")), "pool_count": n}
            for r, _, n in public.ratio_rows(t)
        ],
        "committed_on": t.committed_on,
        "drawn_on": t.drawn_on,
        "result_hash": t.result_hash,
        "seed": t.seed if revealed else "",
        "seed_revealed_on": t.seed_revealed_on,
        "redo_of_id": t.redo_of_id,
        "redo_reason": mask_text(t.redo_reason),
    }


@router.get(
    "public/tasks",
    response=list[InspPublicTaskOut],
    auth=None,
    summary="已公布抽取承诺的抽查任务（含已作废的）",
)
@paginate(LimitOffset)
def public_tasks(
    request,
    year: int | None = YEAR,
    department: int | None = Query(None, ge=1, le=MAX_DB_INT, description="责任部门ID"),
):
    qs = public.visible().prefetch_related("departments").order_by("-starts_on", "-pk")
    if year:
        qs = qs.filter(starts_on__year=year)
    if department:
        qs = qs.filter(departments=department).distinct()
    return _Rows(qs, lambda rows: [_task_out(t) for t in rows])


@router.get(
    "public/tasks/{pk}",
    response=InspPublicTaskDetailOut,
    auth=None,
    summary="一个抽查任务的抽取承诺、抽取结果哈希和（公布后的）随机种子",
)
def public_task(request, pk: int = TASK_ID):
    t = public.public_task(pk)
    out = _task_out(t)
    voided = t.state == InspectionTask.State.VOIDED
    new = public.redone_by(t) if voided else None
    out.update(
        items=[
            {"code": i.code, "name": i.name, "department": i.unit.name, "basis": i.basis}
            for i in t.items.select_related("unit").order_by("unit__code", "code")
        ],
        voided_reason=public.redo_reason(t) if voided else "",
        redone_by_id=new.pk if new else None,
    )
    return out


@router.get(
    "public/tasks/{pk}/drawn",
    response=list[InspDrawnOut],
    auth=None,
    summary="抽取结果：检查对象及执法检查人员（姓名、执法证号）",
)
@paginate(LimitOffset)
def public_drawn(request, pk: int = TASK_ID):
    t = public.public_task(pk)
    qs = public.drawn_qs(t) if t.drawn_on else DrawnEntity.objects.none()
    return _Rows(qs, lambda rows: [
        {
            "order": r.order,
            "entity_name": r.name,
            "uscc": r.uscc,
            "risk_class": r.risk_class,
            "inspectors": [{"name": n, "certificate_number": c} for n, c in r.inspectors],
        }
        for r in public.drawn_rows(t, rows)
    ])  # fmt: skip


@router.get(
    "public/tasks/{pk}/results",
    response=list[InspResultOut],
    auth=None,
    summary="已公示的抽查结果（检查情况已脱敏）",
)
@paginate(LimitOffset)
def public_results(request, pk: int = TASK_ID):
    t = public.public_task(pk)
    qs = public.drawn_qs(t).exclude(published_on=None)
    return _Rows(qs, lambda rows: [
        {
            "order": r.order,
            "entity_name": r.name,
            "uscc": r.uscc,
            "outcome": r.outcome,
            "checked_on": r.checked_on,
            "published_on": r.published_on,
            "late": r.late,
            "late_reason": r.late_reason,
            "note": r.note,
        }
        for r in public.drawn_rows(t, rows)
    ])  # fmt: skip


@router.get(
    "public/tasks/{pk}/verify",
    response=InspVerifyOut,
    auth=None,
    summary="核验保存的抽取结果（随机种子公布前不予核验）",
)
def public_verify(request, pk: int = TASK_ID):
    """verifiable=false with the reason before the seed is revealed (or before the draw);
    else consistent=true (一致) or false with each problem (不一致)."""
    t = public.public_task(pk)
    v = public.verdict(t)
    return {
        "task_id": t.pk,
        "verifiable": v.verifiable,
        "consistent": v.consistent,
        "problems": v.problems,
        "result_hash": t.result_hash,
    }


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get(
    "tasks", response=list[InspOfficeTaskOut], summary="本单位的抽查任务（按权限范围，含草拟）"
)
@paginate(LimitOffset)
def office_tasks(
    request,
    year: int | None = YEAR,
    unit: int | None = Query(None, ge=1, le=MAX_DB_INT, description="牵头部门ID（含下级）"),
    state: str | None = None,
):
    qs = access.restrict(
        InspectionTask.objects.select_related("unit"), _user(request), "view"
    ).annotate(
        n_drawn=Count("drawn", distinct=True),
        n_checked=Count("drawn", filter=~Q(drawn__outcome=""), distinct=True),
        n_published=Count("drawn", filter=Q(drawn__published_on__isnull=False), distinct=True),
    )
    if year:
        qs = qs.filter(starts_on__year=year)
    if state:
        qs = qs.filter(state=state)
    qs, _ = unit_filter(qs, "unit", unit)
    return _Rows(qs.order_by("-starts_on", "-pk"), lambda rows: [
        {
            "id": t.pk,
            "title": t.title,
            "state": t.state,
            "lead_unit_code": t.unit.code,
            "joint": t.joint,
            "starts_on": t.starts_on,
            "ends_on": t.ends_on,
            "committed_on": t.committed_on,
            "drawn_on": t.drawn_on,
            "seed_revealed_on": t.seed_revealed_on,
            "drawn": t.n_drawn,
            "checked": t.n_checked,
            "published": t.n_published,
        }
        for t in rows
    ])  # fmt: skip
