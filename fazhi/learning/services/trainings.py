"""法治培训 (《关于完善国家工作人员学法用法制度的意见》 2016 二(二)): a course (期) with its
dates and hours, who attended with the hours each earned (never more than the course's)
and who completed it (结业). The government's courses may name any official of the
district; a unit's courses its own officials and those of the units below it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from .. import rules
from ..models import Official, Training, TrainingAttendance
from .officials import check_attendee, hours_value, need_change, record, required, today

KINDS = dict(rules.TRAINING_KINDS)


def snap(t: Training) -> dict:
    return {
        "kind": t.kind, "name": t.name, "starts_on": t.starts_on, "ends_on": t.ends_on,
        "hours": t.hours, "place": t.place,
    }  # fmt: skip


def _check(kind, name, starts_on, ends_on, hours, place, content):
    if kind not in KINDS:
        raise ValidationError("请选择培训类别")
    name = required(name, "培训名称", 200)
    if starts_on is None or ends_on is None:
        raise ValidationError("请填写开班日期和结业日期")
    if ends_on < starts_on:
        raise ValidationError("结业日期不能早于开班日期")
    if (ends_on - starts_on).days > 366:
        raise ValidationError("一期培训不能超过一年")
    hours = hours_value(hours, "培训学时")
    place = (place or "").strip()
    if len(place) > 120:
        raise ValidationError("地点不能超过120字")
    return name, hours, place, (content or "").strip()[:5000]


@transaction.atomic
def create_training(
    *, unit: OrgUnit, kind: str, name: str, starts_on: dt.date, ends_on: dt.date, hours,
    place: str = "", content: str = "", actor,
) -> Training:  # fmt: skip
    """Register a course (it may be registered before it opens; attendance after)."""
    need_change(actor, unit)
    name, hours, place, content = _check(kind, name, starts_on, ends_on, hours, place, content)
    t = Training.objects.create(unit=unit, kind=kind, name=name, starts_on=starts_on,
                                ends_on=ends_on, hours=hours, place=place, content=content,
                                recorded_by=actor)  # fmt: skip
    record(t, "learning_training_created", actor, unit,
           f"登记培训“{name}”（{starts_on:%Y-%m-%d}至{ends_on:%Y-%m-%d}，{hours}学时）",
           after=snap(t))  # fmt: skip
    return t


@transaction.atomic
def update_training(
    t: Training, *, kind: str, name: str, starts_on: dt.date, ends_on: dt.date, hours,
    place: str = "", content: str = "", version=None, actor,
) -> Training:  # fmt: skip
    t = Training.objects.select_for_update().select_related("unit").get(pk=t.pk)
    need_change(actor, t.unit)
    name, hours, place, content = _check(kind, name, starts_on, ends_on, hours, place, content)
    most = max((a.hours for a in t.attendance.all()), default=None)
    if most is not None and most > hours:
        raise ValidationError(f"已有参训人员获得{most}学时，培训学时不能少于此数")
    if t.attendance.exists() and starts_on > today():
        raise ValidationError("已登记参训人员，开班日期不能晚于今天")
    claim(t, version)
    before = snap(t)
    t.kind, t.name, t.starts_on, t.ends_on = kind, name, starts_on, ends_on
    t.hours, t.place, t.content = hours, place, content
    t.save()
    record(t, "learning_training_updated", actor, t.unit, f"修改培训“{name}”", before, snap(t))
    return t


@transaction.atomic
def set_attendance(
    t: Training, *, official: Official, hours=None, completed: bool = True, actor,
) -> TrainingAttendance:  # fmt: skip
    """Record (or correct) one official's attendance: hours earned, at most the course's;
    completed (结业) or not."""
    t = Training.objects.select_for_update().select_related("unit").get(pk=t.pk)
    need_change(actor, t.unit)
    if t.starts_on > today():
        raise ValidationError("培训尚未开班，不能登记参训人员")
    hours = t.hours if hours in (None, "") else hours_value(hours, "获得学时")
    if hours > t.hours:
        raise ValidationError(f"获得学时不能超过培训学时（{t.hours}）")
    check_attendee(t.unit, official, t.starts_on)
    row = TrainingAttendance.objects.filter(training=t, official=official).first()
    before = None if row is None else {"hours": row.hours, "completed": row.completed}
    if row is None:
        row = TrainingAttendance(training=t, official=official)
    row.hours, row.completed = hours, bool(completed)
    row.save()
    claim(t, None)
    record(t, "learning_training_attendance", actor, t.unit,
           f"{'登记' if before is None else '更正'}参训：{official.name}，{hours}学时，"
           f"{'已结业' if completed else '未结业'}", before,
           {"official": official.pk, "hours": hours, "completed": bool(completed)})  # fmt: skip
    return row


@transaction.atomic
def remove_attendance(t: Training, *, official: Official, actor) -> None:
    t = Training.objects.select_for_update().select_related("unit").get(pk=t.pk)
    need_change(actor, t.unit)
    row = TrainingAttendance.objects.filter(training=t, official=official).first()
    if row is None:
        raise ValidationError(f"{official.name}不在该培训的参训名单中")
    before = {"official": official.pk, "hours": row.hours, "completed": row.completed}
    row.delete()
    claim(t, None)
    record(t, "learning_training_attendance_removed", actor, t.unit,
           f"移出参训名单：{official.name}", before)  # fmt: skip
