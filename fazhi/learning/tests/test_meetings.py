"""Leadership meetings where 法治 was on the agenda: kind, date, chaired by a leader of the
unit, at least one 法治 topic; corrections keep the earlier version in the event."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.learning.services import meetings as svc

from .education_fixtures import make_official, officials_fixture  # noqa: F401

pytestmark = pytest.mark.today(2025, 11, 10)

TOPIC = {"kind": "report", "title": "听取2025年法治政府建设工作情况汇报", "decision": "原则同意"}


def meeting(district, officials, people, **kw):
    data = dict(
        unit=district["gov"], kind="executive", name="区政府第45次常务会议",
        held_on=dt.date(2025, 10, 30), chaired_by=officials["gov_head"], topics=[TOPIC],
        minutes_number="区政府常务会议纪要〔2025〕45号", actor=people["coordinator"],
    )  # fmt: skip
    data.update(kw)
    return svc.record_meeting(**data)


def test_a_meeting_with_its_topics(district, officials, people):
    m = meeting(district, officials, people, topics=[TOPIC, {"kind": "", "title": ""},
                {"kind": "study", "title": "学习《中华人民共和国行政复议法》"}])  # fmt: skip
    assert [t.kind for t in m.topics.all()] == ["report", "study"]
    assert Event.objects.filter(record_type="learning.leadershipmeeting").count() == 1


def test_at_least_one_topic(district, officials, people):
    with refused(ValidationError, "请至少填写一项法治议题"):
        meeting(district, officials, people, topics=[{"kind": "", "title": " "}])


def test_topic_kind_from_the_list(district, officials, people):
    with refused(ValidationError, "请选择议题“议题一”的类别"):
        meeting(district, officials, people, topics=[{"kind": "x", "title": "议题一"}])


def test_chaired_by_a_leader_of_the_unit(district, officials, people):
    with refused(ValidationError, "会议主持人应为本单位的党政主要负责人或领导班子成员"):
        meeting(district, officials, people, chaired_by=officials["scjg_head"])
    staff = make_official(district["gov"], "王五", "科员")
    with refused(ValidationError, "会议主持人应为本单位的党政主要负责人或领导班子成员"):
        meeting(district, officials, people, chaired_by=staff)
    with refused(ValidationError, "请选择会议主持人"):
        meeting(district, officials, people, chaired_by=None)
    # A deputy may chair a 专题会议.
    assert meeting(district, officials, people, kind="special",
                   chaired_by=officials["gov_deputy"]).pk  # fmt: skip


def test_kind_and_date(district, officials, people):
    with refused(ValidationError, "请选择会议类型"):
        meeting(district, officials, people, kind="dinner")
    with refused(ValidationError, "会议日期不能晚于今天（2025-11-10），不能预先登记"):
        meeting(district, officials, people, held_on=dt.date(2025, 11, 11))


def test_only_the_units_clerks(district, officials, people):
    with refused(PermissionDenied, "只能办理本单位研究法治工作的会议"):
        meeting(district, officials, people, actor=people["scjg_clerk"])


def test_correction_replaces_topics_and_keeps_the_old_in_the_event(district, officials, people):
    m = meeting(district, officials, people)
    svc.correct_meeting(m, kind="executive", name="区政府第46次常务会议", held_on=m.held_on,
                        chaired_by=officials["gov_head"],
                        topics=[{"kind": "decision", "title": "审议规范性文件"}],
                        version=m.version, actor=people["coordinator"])  # fmt: skip
    m.refresh_from_db()
    assert m.name == "区政府第46次常务会议" and [t.kind for t in m.topics.all()] == ["decision"]
    ev = Event.objects.filter(action="learning_meeting_corrected").get()
    assert ev.before["topics"][0][0] == "report" and ev.after["topics"][0][0] == "decision"
    with refused(ValidationError, "请至少填写一项法治议题", m):
        svc.correct_meeting(m, kind="executive", name="x", held_on=m.held_on,
                            chaired_by=officials["gov_head"], topics=[],
                            actor=people["coordinator"])  # fmt: skip
