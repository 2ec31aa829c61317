"""Figures inspections computes from its records, per unit, the government's unit carrying
the district figure (as every module does). Counting rules:

* inspections.entities — entities in the 检查对象名录库 with status 存续 (today's pool),
  by the department that keeps it.
* inspections.check_items — items of the 随机抽查事项清单 in force (active), by department.
* inspections.inspectors — distinct certified inspectors in the snapshots of the year's
  tasks (those committed, not voided), by their unit: the 执法检查人员名录库 the draws
  really read, frozen at each commitment — not today's certificate list, which moves.
* inspections.tasks — tasks whose check period starts in the year, committed and not
  voided, by lead department.
* inspections.entities_checked — drawn entities whose check was made (result recorded)
  in the year, by lead department.
* inspections.problem_rate — of those, the share where a problem was found (责令整改 or
  立案查处), %.
* inspections.publication_on_time_rate — of the results checked in the year whose
  publication period has ended or that were published, the share published by the due
  date (20 working days), %.
* inspections.joint_task_share — joint tasks (several departments) among the year's tasks, %.
* inspections.coverage_a … _d — distinct entities of the class drawn by the year's tasks,
  % of the class's entities in the pool (存续), by the department keeping the pool.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import timezone

from fazhi.indicators.registry import (
    figure_records_url,
    government,
    pooled_rates,
    register,
    with_total,
)

from .models import CheckItem, DrawnEntity, Entity, InspectionTask, Snapshot

BASE = "/office/inspections/"
COUNTED = (InspectionTask.State.DRAFT, InspectionTask.State.VOIDED)
PROBLEM = (DrawnEntity.Outcome.RECTIFY, DrawnEntity.Outcome.CASE)


def _count(qs, field: str = "unit_id"):
    return qs.values(field).annotate(n=Count("pk")).values_list(field, "n")


def year_tasks(year: int):
    return InspectionTask.objects.filter(starts_on__year=year).exclude(state__in=COUNTED)


def checked(year: int):
    return DrawnEntity.objects.filter(checked_on__year=year).exclude(outcome="")


def _url(code: str):
    return figure_records_url(code, f"{BASE}tasks/", "unit")


def _gov_id():
    gov = government()
    return gov.pk if gov is not None else None


@register(
    "inspections.entities",
    records_url=lambda unit_id, year: (
        f"{BASE}entities/?status=active"
        + ("" if unit_id in (None, _gov_id()) else f"&unit={unit_id}")
    ),
)
def entities(year: int):
    return with_total(_count(Entity.objects.filter(status=Entity.Status.ACTIVE)))


@register(
    "inspections.check_items",
    records_url=lambda unit_id, year: (
        f"{BASE}items/?active=1" + ("" if unit_id in (None, _gov_id()) else f"&unit={unit_id}")
    ),
)
def check_items(year: int):
    return with_total(_count(CheckItem.objects.filter(active=True)))


def explain_inspectors(year: int, unit_id: int | None) -> str:
    return (
        f"{year}年各抽查任务公布抽取承诺时冻结的执法检查人员名录库中，不重复的在岗持证执法"
        "人员人数（按执法证号去重；已作废的任务不计）。取抽取时实际使用的名录库，而不是"
        "今天的持证名单，因为证件状态每天都在变化"
    )


def _inspectors(year: int) -> tuple[dict[int, set], set]:
    per_unit: dict[int, set] = {}
    everyone: set = set()
    for names in Snapshot.objects.filter(task__in=year_tasks(year)).values_list(
        "inspector_names", flat=True
    ):
        for number, (_, _, unit_id) in names.items():
            per_unit.setdefault(unit_id, set()).add(number)
            everyone.add(number)
    return per_unit, everyone


@register(
    "inspections.inspectors",
    explain=explain_inspectors,
    records_url=_url("inspections.inspectors"),
)
def inspectors(year: int):
    per_unit, everyone = _inspectors(year)
    out = {u: Decimal(len(s)) for u, s in per_unit.items() if s}
    gov = _gov_id()
    if gov is not None and everyone:
        out[gov] = Decimal(len(everyone))
    return out


@register("inspections.tasks", records_url=_url("inspections.tasks"))
def tasks(year: int):
    return with_total(_count(year_tasks(year)))


@register("inspections.entities_checked", records_url=_url("inspections.entities_checked"))
def entities_checked(year: int):
    return with_total(_count(checked(year)))


@register("inspections.problem_rate", records_url=_url("inspections.problem_rate"))
def problem_rate(year: int):
    rows = (
        checked(year)
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(outcome__in=PROBLEM)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
    )
    return pooled_rates({u: (n, d) for u, n, d in rows})


@register(
    "inspections.publication_on_time_rate",
    records_url=_url("inspections.publication_on_time_rate"),
)
def publication_on_time_rate(year: int):
    today = timezone.localdate()
    due = Q(publish_due_on__isnull=False) & (
        Q(publish_due_on__lt=today) | Q(published_on__isnull=False)
    )
    rows = (
        checked(year)
        .filter(due)
        .values("unit_id")
        .annotate(
            n=Count("pk", filter=Q(published_on__lte=F("publish_due_on"))),
            d=Count("pk"),
        )
        .values_list("unit_id", "n", "d")
    )
    return pooled_rates({u: (n, d) for u, n, d in rows})


@register("inspections.joint_task_share", records_url=_url("inspections.joint_task_share"))
def joint_task_share(year: int):
    rows = (
        year_tasks(year)
        .values("unit_id")
        .annotate(n=Count("pk", filter=Q(joint=True)), d=Count("pk"))
        .values_list("unit_id", "n", "d")
    )
    return pooled_rates({u: (n, d) for u, n, d in rows})


def _coverage(risk: str):
    def compute(year: int):
        pool = dict(_count(Entity.objects.filter(status=Entity.Status.ACTIVE, risk_class=risk)))
        drawn = DrawnEntity.objects.filter(task__in=year_tasks(year), risk_class=risk)
        by_keeper = dict(
            drawn.values("entity__unit_id")
            .annotate(n=Count("entity_id", distinct=True))
            .values_list("entity__unit_id", "n")
        )
        everyone = drawn.values("entity_id").distinct().count()
        return pooled_rates(
            {u: (by_keeper.get(u, 0), d) for u, d in pool.items()},
            district=(everyone, sum(pool.values())),
        )

    return compute


for _risk in ("A", "B", "C", "D"):
    _code = f"inspections.coverage_{_risk.lower()}"
    register(_code, records_url=_url(_code))(_coverage(_risk))
