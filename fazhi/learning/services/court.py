"""旁听庭审 (《关于完善国家工作人员学法用法制度的意见》 2016 二(二); 国家工作人员旁听庭审):
the hearing (court, case), the hours credited to each attendee and their reflections."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from .. import conf
from ..models import CourtObservation
from .officials import check_attendee, hours_value, need_change, past, record, required


def snap(c: CourtObservation) -> dict:
    return {
        "held_on": c.held_on, "court": c.court, "case_number": c.case_number,
        "case_name": c.case_name, "hours": c.hours,
        "attendees": sorted(c.attendees.values_list("pk", flat=True)),
    }  # fmt: skip


def _check(unit, held_on, court, case_number, case_name, hours, attendees):
    held_on = past(held_on, "庭审日期")
    court = required(court, "审理法院", 100)
    case_name = required(case_name, "案由", 200)
    case_number = (case_number or "").strip()
    if len(case_number) > 60:
        raise ValidationError("案号不能超过60字")
    hours = hours_value(conf.court_observation_hours() if hours in (None, "") else hours,
                        limit=24)  # fmt: skip
    people = list(attendees)
    if not people:
        raise ValidationError("请选择旁听人员")
    if len({o.pk for o in people}) != len(people):
        raise ValidationError("旁听人员有重复")
    for o in people:
        check_attendee(unit, o, held_on)
    return held_on, court, case_number, case_name, hours, people


@transaction.atomic
def record_observation(
    *, unit: OrgUnit, held_on: dt.date, court: str, case_name: str, attendees,
    case_number: str = "", hours=None, reflections: str = "", actor,
) -> CourtObservation:  # fmt: skip
    need_change(actor, unit)
    held_on, court, number, name, hours, people = _check(
        unit, held_on, court, case_number, case_name, hours, attendees
    )
    c = CourtObservation.objects.create(
        unit=unit, held_on=held_on, court=court, case_number=number, case_name=name,
        hours=hours, reflections=(reflections or "").strip()[:5000], recorded_by=actor,
    )  # fmt: skip
    c.attendees.set(people)
    record(c, "learning_court_recorded", actor, unit,
           f"登记旁听庭审：{court}“{name}”（{held_on:%Y-%m-%d}），{len(people)}人旁听",
           after=snap(c))  # fmt: skip
    return c


@transaction.atomic
def correct_observation(
    c: CourtObservation, *, held_on: dt.date, court: str, case_name: str, attendees,
    case_number: str = "", hours=None, reflections: str = "", version=None, actor,
) -> CourtObservation:  # fmt: skip
    c = CourtObservation.objects.select_for_update().select_related("unit").get(pk=c.pk)
    need_change(actor, c.unit)
    held_on, court, number, name, hours, people = _check(
        c.unit, held_on, court, case_number, case_name, hours, attendees
    )
    claim(c, version)
    before = snap(c)
    c.held_on, c.court, c.case_number, c.case_name, c.hours = held_on, court, number, name, hours
    c.reflections = (reflections or "").strip()[:5000]
    c.save()
    c.attendees.set(people)
    record(c, "learning_court_corrected", actor, c.unit, f"更正旁听庭审“{name}”", before,
           snap(c))  # fmt: skip
    return c
