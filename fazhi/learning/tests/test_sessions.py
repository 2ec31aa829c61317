"""学法活动: a session that happened, with its attendance; 会前学法 names its meeting and is
attended by the government's leaders and the departments' principals; corrections keep the
event; every refusal in Chinese with nothing moved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.locking import StaleEdit
from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.learning.models import StudySession
from fazhi.learning.services import sessions as svc

from .study_data import session, staff  # noqa: F401

pytestmark = pytest.mark.today(2025, 11, 10)


def test_pre_meeting_study_with_leaders_and_principals(district, people, staff):
    s = session(district["gov"], [staff["mayor"], staff["deputy"], staff["sfj_head"],
                                  staff["town_head"]], kind="pre_meeting",
                meeting="区政府第12次常务会议", actor=people["coordinator"])  # fmt: skip
    assert s.attendance.filter(status="present").count() == 4
    ev = Event.objects.get(record_type="learning.studysession", record_id=str(s.pk))
    assert "出席4人" in ev.summary


def test_session_refusals(district, people, staff):
    gov, sfj = district["gov"], district["sfj"]
    coord, clerk = people["coordinator"], people["sfj_clerk"]
    with refused(ValidationError, "会前学法请填写会议名称（如区政府第X次常务会议）"):
        session(gov, [staff["mayor"]], kind="pre_meeting", actor=coord)
    with refused(
        ValidationError,
        "陈科员不能参加该学法：会前学法和中心组学法的参加人员应为本单位领导班子成员或所属单位的主要负责人",
    ):
        session(gov, [staff["mayor"], staff["sfj_a"]], kind="pre_meeting", meeting="常务会议",
                actor=coord)  # fmt: skip
    with refused(
        ValidationError,
        "赵副局长不能参加该学法：会前学法和中心组学法的参加人员应为本单位领导班子成员或所属单位的主要负责人",
    ):
        session(gov, [staff["sfj_deputy"]], kind="central_group", actor=coord)
    with refused(ValidationError, "学法日期不能晚于今天（2025-11-10），不能预先登记"):
        session(sfj, [staff["sfj_a"]], held_on=dt.date(2025, 11, 11), actor=clerk)
    with refused(ValidationError, "孙科员不是测试区司法局（或其所属单位）的工作人员"):
        session(sfj, [staff["sfj_a"], staff["scjg_a"]], actor=clerk)
    with refused(ValidationError, "请登记出席人员"):
        session(sfj, [staff["sfj_a"]], statuses={staff["sfj_a"].pk: "leave"}, actor=clerk)
    with refused(ValidationError, "陈科员重复登记"):
        session(sfj, [staff["sfj_a"], staff["sfj_a"]], actor=clerk)
    with refused(ValidationError, "学时应大于0"):
        session(sfj, [staff["sfj_a"]], hours=0, actor=clerk)
    with refused(PermissionDenied, "只能办理本单位的学法用法记录"):
        session(sfj, [staff["sfj_a"]], actor=people["scjg_clerk"])
    with refused(ValidationError, "陈科员于2025-06-01到岗，不能登记此前的学法"):
        o = staff["sfj_a"]
        o.joined_on = dt.date(2025, 6, 1)
        o.save()
        session(sfj, [o], held_on=dt.date(2025, 5, 30), actor=clerk)
    assert StudySession.objects.count() == 0


def test_a_township_session_may_name_its_communitys_staff(district, people, staff):
    s = session(district["town"], [staff["town_head"], staff["community_a"]],
                actor=people["town_clerk"])  # fmt: skip
    assert s.attendance.count() == 2


def test_correction_rewrites_attendance_and_refuses_a_stale_form(district, people, staff):
    clerk = people["sfj_clerk"]
    s = session(district["sfj"], [staff["sfj_a"], staff["sfj_b"]], actor=clerk)
    svc.correct_session(
        s, kind="collective", held_on=dt.date(2025, 3, 12), topic="学习《行政处罚法》",
        laws="行政处罚法", hours=3, version=s.version, actor=clerk,
        attendance=[(staff["sfj_a"], "present"), (staff["sfj_b"], "absent")],
    )  # fmt: skip
    s.refresh_from_db()
    assert s.hours == 3 and s.attendance.get(official=staff["sfj_b"]).status == "absent"
    ev = Event.objects.filter(record_id=str(s.pk), action="learning_session_corrected").get()
    assert ev.before["attendance"][str(staff["sfj_b"].pk)] == "present"
    with refused(
        StaleEdit, "你填写的内容仍在下方，未保存；请核对后再次保存（将以当前版本为准）。", s
    ):
        svc.correct_session(s, kind="collective", held_on=dt.date(2025, 3, 12), topic="x",
                            laws="x", version=1, actor=clerk,
                            attendance=[(staff["sfj_a"], "present")])  # fmt: skip
