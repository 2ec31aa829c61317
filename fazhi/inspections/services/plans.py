"""The yearly 抽查工作计划: 县级以上 market regulators set an annual plan (scope, numbers,
timing per batch) and file it with the next level up (市场监管总局关于全面推进“双随机、
一公开”监管工作的通知, 2019; rules.md §6). One plan per department and year."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import OrgUnit

from ..models import InspectionPlan
from .common import need_change, past, record, required

WHAT = "本单位的抽查工作计划"


@transaction.atomic
def create_plan(*, unit: OrgUnit, year: int, title: str, actor, body: str = "") -> InspectionPlan:
    need_change(actor, unit, WHAT)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("请填写年度") from None
    if not 2000 <= year <= 2100:
        raise ValidationError("年度应为四位数的公历年份")
    if InspectionPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit}的{year}年度抽查工作计划已经制定")
    plan = InspectionPlan.objects.create(
        unit=unit, year=year, title=required(title, "计划名称", 200), body=(body or "").strip()
    )
    record(plan, "inspections_plan_create", actor, unit, f"制定{year}年度抽查工作计划：{plan}")
    return plan


@transaction.atomic
def file_plan(plan: InspectionPlan, *, filed_with: str, on: dt.date, actor) -> InspectionPlan:
    """报备: the plan is filed with the level above (once; a later change is a new plan)."""
    plan = InspectionPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    need_change(actor, plan.unit, WHAT)
    if plan.filed_on:
        raise ValidationError(f"该计划已于{plan.filed_on:%Y-%m-%d}报备{plan.filed_with}")
    filed_with = required(filed_with, "报备机关", 100)
    on = past(on, "报备日期")
    if on.year > plan.year:
        # Filing late is allowed (a plan filed after its year has begun) but not after it.
        raise ValidationError(f"{plan.year}年度计划不能在{on.year}年报备")
    plan.filed_with, plan.filed_on = filed_with, on
    plan.save(update_fields=["filed_with", "filed_on"])
    plan.refresh_from_db()
    record(
        plan,
        "inspections_plan_file",
        actor,
        plan.unit,
        f"{on:%Y-%m-%d}向{filed_with}报备{plan.year}年度抽查工作计划",
        after={"filed_with": filed_with, "filed_on": on},
    )
    return plan
