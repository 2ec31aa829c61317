"""法治培训: a course's dates in order and hours above 0; attendance hours never above the
course's; 结业; the government's course may name any official, a department's only its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.locking import StaleEdit
from fazhi.core.tests.refusal import refused
from fazhi.learning.services import trainings as svc

from .study_data import staff  # noqa: F401

pytestmark = pytest.mark.today(2025, 11, 10)


def course(unit, actor=None, **kw):
    data = dict(kind="officials", name="2025年公务员法治培训班", starts_on=dt.date(2025, 9, 22),
                ends_on=dt.date(2025, 9, 24), hours=16)  # fmt: skip
    data.update(kw)
    return svc.create_training(unit=unit, actor=actor, **data)


def test_course_refusals(district, people):
    clerk = people["sfj_clerk"]
    with refused(ValidationError, "结业日期不能早于开班日期"):
        course(district["sfj"], clerk, ends_on=dt.date(2025, 9, 21))
    with refused(ValidationError, "培训学时应大于0"):
        course(district["sfj"], clerk, hours=0)
    with refused(ValidationError, "请选择培训类别"):
        course(district["sfj"], clerk, kind="fun")
    with refused(PermissionDenied, "只能办理本单位的学法用法记录"):
        course(district["sfj"], people["scjg_clerk"])


def test_attendance_hours_and_completion(district, people, staff):
    clerk = people["sfj_clerk"]
    t = course(district["sfj"], clerk)
    row = svc.set_attendance(t, official=staff["sfj_a"], actor=clerk)
    assert row.hours == Decimal("16") and row.completed
    svc.set_attendance(t, official=staff["sfj_b"], hours=8, completed=False, actor=clerk)
    with refused(ValidationError, "获得学时不能超过培训学时（16.0）", t):
        svc.set_attendance(t, official=staff["sfj_head"], hours="16.5", actor=clerk)
    with refused(ValidationError, "孙科员不是测试区司法局（或其所属单位）的工作人员", t):
        svc.set_attendance(t, official=staff["scjg_a"], actor=clerk)
    with refused(ValidationError, "已有参训人员获得16.0学时，培训学时不能少于此数", t):
        svc.update_training(t, kind="officials", name=t.name, starts_on=t.starts_on,
                            ends_on=t.ends_on, hours=12, actor=clerk)  # fmt: skip
    t.refresh_from_db()
    with refused(
        StaleEdit, "你填写的内容仍在下方，未保存；请核对后再次保存（将以当前版本为准）。", t
    ):
        svc.update_training(t, kind="officials", name="改名", starts_on=t.starts_on,
                            ends_on=t.ends_on, hours=16, version=1, actor=clerk)  # fmt: skip


def test_not_before_the_course_opens(district, people, staff):
    clerk = people["sfj_clerk"]
    t = course(district["sfj"], clerk, starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2025, 12, 2))
    with refused(ValidationError, "培训尚未开班，不能登记参训人员", t):
        svc.set_attendance(t, official=staff["sfj_a"], actor=clerk)


def test_the_governments_course_names_officials_of_any_unit(district, people, staff):
    t = course(district["gov"], people["coordinator"], kind="leaders")
    for key in ("deputy", "sfj_head", "scjg_head", "community_a"):
        svc.set_attendance(t, official=staff[key], actor=people["coordinator"])
    assert t.attendance.count() == 4
