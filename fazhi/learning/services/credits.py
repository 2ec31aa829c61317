"""Hours an official earned outside the recorded sessions (网上学法平台, 党校 courses, 自学),
counted in the yearly hours (hours.py) like the recorded ones."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import rules
from ..models import LearningCredit, Official
from .officials import hours_value, need_change, past, record, required

SOURCES = dict(rules.CREDIT_SOURCES)


def snap(c: LearningCredit) -> dict:
    return {"official": c.official_id, "earned_on": c.earned_on, "source": c.source,
            "description": c.description, "hours": c.hours}  # fmt: skip


@transaction.atomic
def add_credit(
    *, official: Official, earned_on: dt.date, source: str, description: str, hours, actor,
) -> LearningCredit:  # fmt: skip
    official = Official.objects.select_related("unit").get(pk=official.pk)
    need_change(actor, official.unit)
    if source not in SOURCES:
        raise ValidationError("请选择学时来源")
    earned_on = past(earned_on, "取得日期")
    if official.left_on is not None and earned_on > official.left_on:
        raise ValidationError(
            f"{official.name}已于{official.left_on:%Y-%m-%d}离岗，不能登记此后的学时"
        )
    description = required(description, "内容", 200)
    hours = hours_value(hours, limit=200)
    c = LearningCredit.objects.create(official=official, earned_on=earned_on, source=source,
                                      description=description, hours=hours,
                                      recorded_by=actor)  # fmt: skip
    record(c, "learning_credit_added", actor, official.unit,
           f"{official.name}：{SOURCES[source]}“{description}”{hours}学时（{earned_on:%Y-%m-%d}）",
           after=snap(c))  # fmt: skip
    return c


@transaction.atomic
def remove_credit(c: LearningCredit, *, actor) -> None:
    c = LearningCredit.objects.select_related("official__unit").get(pk=c.pk)
    need_change(actor, c.official.unit)
    before = snap(c)
    record_type, record_id = "learning.learningcredit", str(c.pk)
    c.delete()
    from fazhi.core import events

    events.append(action="learning_credit_removed", record_type=record_type,
                  record_id=record_id, actor=actor, unit=c.official.unit,
                  summary=f"删除{c.official.name}的学时记录“{c.description}”", before=before)  # fmt: skip
