"""学法 sessions (《关于完善国家工作人员学法用法制度的意见》 2016 二(一)): 会前学法 before the
government's 常务会议, the 党委（党组）理论学习中心组's study, departments' collective study
and lectures, with the laws studied and who attended. A 会前学法 names its meeting; its
attendance (and the 中心组's) is the unit's leaders and the principals of the units below
it; other sessions the officials of the unit and the units below it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from .. import conf, rules
from ..models import Official, SessionAttendance, StudySession
from .officials import check_attendee, hours_value, need_change, past, record, required

KINDS = dict(rules.SESSION_KINDS)
STATUSES = dict(rules.ATTENDANCE)
LEADERS_ONLY = ("pre_meeting", "central_group")


def snap(s: StudySession) -> dict:
    return {
        "kind": s.kind, "held_on": s.held_on, "topic": s.topic, "laws": s.laws,
        "lecturer": s.lecturer, "meeting": s.meeting, "hours": s.hours,
    }  # fmt: skip


def _attendance_snap(s: StudySession) -> dict:
    return {str(a.official_id): a.status for a in s.attendance.order_by("official_id")}


def _check(unit, kind, held_on, topic, laws, lecturer, meeting, hours):
    if kind not in KINDS:
        raise ValidationError("请选择学法形式")
    held_on = past(held_on, "学法日期")
    topic = required(topic, "学法主题", 200)
    laws = required(laws, "学习的法律法规", 5000)
    meeting = (meeting or "").strip()
    if kind == "pre_meeting" and not meeting:
        raise ValidationError("会前学法请填写会议名称（如区政府第X次常务会议）")
    if len(meeting) > 100:
        raise ValidationError("会议名称不能超过100字")
    lecturer = (lecturer or "").strip()
    if len(lecturer) > 100:
        raise ValidationError("主讲人不能超过100字")
    hours = hours_value(conf.session_default_hours() if hours in (None, "") else hours,
                        limit=24)  # fmt: skip
    return held_on, topic, laws, lecturer, meeting, hours


def _attendance(unit: OrgUnit, kind: str, held_on: dt.date, attendance) -> list:
    """[(official, status)] checked: each official once, each eligible on the day."""
    out, seen = [], set()
    for official, status in attendance:
        if status not in STATUSES:
            raise ValidationError("出勤情况应为出席、请假或缺席")
        if official.pk in seen:
            raise ValidationError(f"{official.name}重复登记")
        seen.add(official.pk)
        check_attendee(unit, official, held_on, leaders_only=kind in LEADERS_ONLY)
        out.append((official, status))
    if not any(st == "present" for _, st in out):
        raise ValidationError("请登记出席人员")
    return out


def _write_attendance(s: StudySession, rows) -> None:
    s.attendance.all().delete()
    SessionAttendance.objects.bulk_create(
        [SessionAttendance(session=s, official=o, status=st) for o, st in rows]
    )


def _summary(s, rows) -> str:
    present = sum(1 for _, st in rows if st == "present")
    return f"{KINDS[s.kind]}“{s.topic}”（{s.held_on:%Y-%m-%d}，{s.hours}学时），出席{present}人"


@transaction.atomic
def record_session(
    *, unit: OrgUnit, kind: str, held_on: dt.date, topic: str, laws: str, attendance,
    lecturer: str = "", meeting: str = "", hours=None, actor,
) -> StudySession:  # fmt: skip
    """Record a 学法 session that took place, with its attendance [(official, status)]."""
    need_change(actor, unit)
    fields = _check(unit, kind, held_on, topic, laws, lecturer, meeting, hours)
    rows = _attendance(unit, kind, fields[0], attendance)
    s = StudySession.objects.create(
        unit=unit, kind=kind, held_on=fields[0], topic=fields[1], laws=fields[2],
        lecturer=fields[3], meeting=fields[4], hours=fields[5], recorded_by=actor,
    )  # fmt: skip
    _write_attendance(s, rows)
    record(s, "learning_session_recorded", actor, unit, "登记" + _summary(s, rows),
           after=snap(s) | {"attendance": _attendance_snap(s)})  # fmt: skip
    return s


@transaction.atomic
def correct_session(
    s: StudySession, *, kind: str, held_on: dt.date, topic: str, laws: str, attendance,
    lecturer: str = "", meeting: str = "", hours=None, version=None, actor,
) -> StudySession:  # fmt: skip
    """Correct a recorded session (its facts and attendance); the event keeps both."""
    s = StudySession.objects.select_for_update().select_related("unit").get(pk=s.pk)
    need_change(actor, s.unit)
    fields = _check(s.unit, kind, held_on, topic, laws, lecturer, meeting, hours)
    rows = _attendance(s.unit, kind, fields[0], attendance)
    claim(s, version)
    before = snap(s) | {"attendance": _attendance_snap(s)}
    s.kind = kind
    s.held_on, s.topic, s.laws, s.lecturer, s.meeting, s.hours = fields
    s.save()
    _write_attendance(s, rows)
    record(s, "learning_session_corrected", actor, s.unit, "更正" + _summary(s, rows), before,
           snap(s) | {"attendance": _attendance_snap(s)})  # fmt: skip
    return s


def attendance_from(present=(), leave=(), absent=()) -> list[tuple[Official, str]]:
    """The form's three pickers as [(official, status)] (a person picked twice is refused)."""
    return ([(o, "present") for o in present] + [(o, "leave") for o in leave]
            + [(o, "absent") for o in absent])  # fmt: skip
