"""普法 (谁执法谁普法): each unit's yearly 普法责任清单, its publication, and the 普法 activities
that carry it out (中办、国办《关于实行国家机关“谁执法谁普法”普法责任制的意见》(2017): 建立
普法责任清单 and 向社会公开; activities reported with their reach).

Once a unit has published its list for a year, the public has read it, so: changing a
published item needs a reason, kept in the event; an item added to a published list is
published at once (the portal always shows the whole list as the unit keeps it)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import events
from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import need_change, past, record, required, today

from .. import rules
from ..models import LegalEducationActivity, LegalEducationDuty

DUTY = LegalEducationDuty
ACT = LegalEducationActivity
WHAT = "本单位的普法工作"
FIRST_YEAR = 2004
DUTY_SNAPSHOT = ("year", "laws", "audience", "planned_activities", "planned_count",
                 "responsible", "published_on")  # fmt: skip
ACT_SNAPSHOT = ("duty_id", "held_on", "title", "form", "place", "reach", "materials",
                "published_on")  # fmt: skip


def snap_duty(d: LegalEducationDuty) -> dict:
    return {f: getattr(d, f) for f in DUTY_SNAPSHOT}


def snap_activity(a: LegalEducationActivity) -> dict:
    return {f: getattr(a, f) for f in ACT_SNAPSHOT}


def list_year(year) -> int:
    """A list is for a year that has begun or the next one (drawn up before it starts)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("请填写清单年度") from None
    last = today().year + 1
    if year < FIRST_YEAR or year > last:
        raise ValidationError(f"清单年度应在{FIRST_YEAR}年至{last}年之间")
    return year


def _count(value, label: str, least: int) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"请填写{label}") from None
    if n < least:
        raise ValidationError(f"{label}不能少于{least}")
    if n > 100_000_000:
        raise ValidationError(f"{label}过大，请核对")
    return n


def is_published(unit: OrgUnit, year: int) -> bool:
    """Has the unit published its list for the year (any item carries a date)?"""
    return DUTY.objects.filter(unit=unit, year=year, published_on__isnull=False).exists()


def _duty_fields(laws, audience, planned_activities, planned_count, responsible) -> dict:
    if audience not in dict(rules.AUDIENCES):
        raise ValidationError("请选择普法对象")
    return {
        "laws": required(laws, "普法内容（法律法规）", 300),
        "audience": audience,
        "planned_activities": required(planned_activities, "计划开展的普法活动", 5000),
        "planned_count": _count(planned_count, "计划活动次数", 1),
        "responsible": (responsible or "").strip()[:100],
    }


@transaction.atomic
def add_duty(
    *, unit: OrgUnit, year, laws: str, audience: str, planned_activities: str,
    planned_count=1, responsible: str = "", actor,
) -> LegalEducationDuty:  # fmt: skip
    """Add an item to the unit's list for the year; published at once when the list is."""
    need_change(actor, unit, WHAT)
    year = list_year(year)
    fields = _duty_fields(laws, audience, planned_activities, planned_count, responsible)
    published = is_published(unit, year)
    duty = DUTY.objects.create(
        unit=unit, year=year, published_on=today() if published else None, **fields
    )
    record(duty, "learning_duty_item_added", actor, unit,
           f"{year}年度普法责任清单新增事项：{duty.laws}" + ("（清单已公布，随即公布）" if published else ""),
           after=snap_duty(duty))  # fmt: skip
    return duty


@transaction.atomic
def edit_duty(
    duty: LegalEducationDuty, *, laws: str, audience: str, planned_activities: str,
    planned_count=1, responsible: str = "", reason: str = "", version=None, actor,
) -> LegalEducationDuty:  # fmt: skip
    """Change an item. A published item's change needs the reason, kept in its event."""
    duty = DUTY.objects.select_for_update(of=("self",)).get(pk=duty.pk)
    need_change(actor, duty.unit, WHAT)
    fields = _duty_fields(laws, audience, planned_activities, planned_count, responsible)
    reason = (reason or "").strip()
    if duty.published_on and not reason:
        raise ValidationError("该事项已向社会公布，修改须填写调整原因")
    if len(reason) > 300:
        raise ValidationError("调整原因不能超过300字")
    claim(duty, version)
    before = snap_duty(duty)
    for k, v in fields.items():
        setattr(duty, k, v)
    duty.save()
    record(duty, "learning_duty_item_edited", actor, duty.unit,
           "修改普法责任清单事项" + (f"（已公布，调整原因：{reason}）" if duty.published_on else ""),
           before, snap_duty(duty) | ({"reason": reason} if reason else {}))  # fmt: skip
    return duty


@transaction.atomic
def publish_list(*, unit: OrgUnit, year, on: dt.date, actor) -> int:
    """Publish the unit's list for the year: every item not yet published gets the date."""
    need_change(actor, unit, WHAT)
    year = list_year(year)
    on = past(on, "公布日期")
    items = list(DUTY.objects.select_for_update().filter(unit=unit, year=year).order_by("pk"))
    if not items:
        raise ValidationError(f"本单位{year}年度普法责任清单尚无事项，不能公布")
    waiting = [d for d in items if d.published_on is None]
    if not waiting:
        raise ValidationError(f"本单位{year}年度普法责任清单已公布")
    for d in waiting:
        d.published_on = on
        d.save(update_fields=["published_on"])
    events.append_many(
        action="learning_duty_list_published", records=waiting, actor=actor,
        unit_of=lambda d: d.unit,
        summary_of=lambda d: f"{year}年度普法责任清单公布（{on:%Y-%m-%d}）：{d.laws}",
    )  # fmt: skip
    return len(waiting)


def _duty_for(unit: OrgUnit, duty: LegalEducationDuty | None, held_on: dt.date):
    if duty is None:
        return None
    if duty.unit_id != unit.pk or duty.year != held_on.year:
        raise ValidationError(f"请选择本单位{held_on.year}年度普法责任清单中的事项")
    return duty


def _activity_fields(title, form, place, reach, materials, summary) -> dict:
    if form not in dict(rules.ACTIVITY_FORMS):
        raise ValidationError("请选择活动形式")
    return {
        "title": required(title, "活动名称", 200),
        "form": form,
        "place": (place or "").strip()[:200],
        "reach": _count(reach, "受众人数", 0),
        "materials": _count(materials, "发放资料份数", 0),
        "summary": (summary or "").strip()[:5000],
    }


@transaction.atomic
def record_activity(
    *, unit: OrgUnit, duty: LegalEducationDuty | None, held_on: dt.date, title: str,
    form: str, place: str = "", reach=0, materials=0, summary: str = "", actor,
) -> LegalEducationActivity:  # fmt: skip
    """Register a 普法 activity carried out, under the list item it fulfils."""
    need_change(actor, unit, WHAT)
    held_on = past(held_on, "活动日期")
    duty = _duty_for(unit, duty, held_on)
    fields = _activity_fields(title, form, place, reach, materials, summary)
    act = ACT.objects.create(unit=unit, duty=duty, held_on=held_on, recorded_by=actor, **fields)
    record(act, "learning_activity_recorded", actor, unit,
           f"登记普法活动：{act.title}（{held_on:%Y-%m-%d}，{act.reach}人次）",
           after=snap_activity(act))  # fmt: skip
    return act


@transaction.atomic
def edit_activity(
    act: LegalEducationActivity, *, duty: LegalEducationDuty | None, held_on: dt.date,
    title: str, form: str, place: str = "", reach=0, materials=0, summary: str = "",
    version=None, actor,
) -> LegalEducationActivity:  # fmt: skip
    act = ACT.objects.select_for_update(of=("self",)).get(pk=act.pk)
    need_change(actor, act.unit, WHAT)
    held_on = past(held_on, "活动日期")
    if act.published_on and held_on > act.published_on:
        raise ValidationError("活动日期不能晚于公开日期")
    duty = _duty_for(act.unit, duty, held_on)
    fields = _activity_fields(title, form, place, reach, materials, summary)
    claim(act, version)
    before = snap_activity(act)
    act.duty, act.held_on = duty, held_on
    for k, v in fields.items():
        setattr(act, k, v)
    act.save()
    record(act, "learning_activity_edited", actor, act.unit, "修改普法活动记录", before,
           snap_activity(act))  # fmt: skip
    return act


@transaction.atomic
def publish_activity(act: LegalEducationActivity, *, on: dt.date, actor) -> LegalEducationActivity:
    """Show the activity on the portal (名称、日期、形式、地点、受众人数、活动情况)."""
    act = ACT.objects.select_for_update(of=("self",)).get(pk=act.pk)
    need_change(actor, act.unit, WHAT)
    if act.published_on:
        raise ValidationError(f"该活动已于{act.published_on:%Y-%m-%d}公开")
    on = past(on, "公开日期")
    if on < act.held_on:
        raise ValidationError("公开日期不能早于活动日期")
    before = snap_activity(act)
    act.published_on = on
    act.save(update_fields=["published_on"])
    record(act, "learning_activity_published", actor, act.unit,
           f"普法活动在门户网站公开（{on:%Y-%m-%d}）", before, snap_activity(act))  # fmt: skip
    return act
