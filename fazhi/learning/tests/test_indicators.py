"""The 学法用法, 普法 and leadership figures equal a hand count on fixture data, per unit and
for the district, through the module's own compute functions (the registry): the 会前学法
and 常务会议 figures are the district government's own, officials are counted once however
often they attended, and the hours figure flags exactly the officials under the minimum."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from fazhi.core import events
from fazhi.indicators import registry
from fazhi.learning import indicators
from fazhi.learning.models import (
    CourtObservation,
    Exam,
    ExamResult,
    LawDutyReport,
    LeadershipMeeting,
    LearningCredit,
    LegalEducationActivity,
    MeetingTopic,
    Official,
    SessionAttendance,
    StudySession,
    Training,
    TrainingAttendance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 12)]
D = dt.date
Y = 2025


def created(model, attendees=(), **fields):
    """A row made as a service would make it: with its creation event (the records the app
    declares with ``require_creation_event`` must have one), after its links are set."""
    with transaction.atomic():
        obj = model.objects.create(**fields)
        if attendees:
            obj.attendees.set(attendees)
        events.append(action="created", record=obj, unit=obj.unit, summary="测试数据")
    return obj


def figure(code: str, year: int = Y) -> dict[int, Decimal]:
    return registry.COMPUTED[code].compute(year)


def explain(code: str, unit_id=None, year: int = Y) -> str:
    return registry.COMPUTED[code].explain(year, unit_id)


@pytest.fixture
def o(district):
    """Officials: the government's 区长 (principal), 副区长 (leader) and a staff member;
    司法局's 局长 and a staff member, and one who left in June; the township's 书记, a
    staff member, and one who arrived in 2026."""

    def official(key, unit, name, level, joined=None, left=None):
        return created(
            Official,
            unit=district[unit],
            name=name,
            post="测试职务",
            level=level,
            joined_on=joined,
            left_on=left,
        )

    return {
        "mayor": official("mayor", "gov", "区长甲", "principal"),
        "vice": official("vice", "gov", "副区长乙", "leader"),
        "g1": official("g1", "gov", "科员丙", "staff"),
        "s1": official("s1", "sfj", "局长丁", "principal"),
        "s2": official("s2", "sfj", "科员戊", "staff"),
        "s_left": official("s_left", "sfj", "科员己", "staff", left=D(2025, 6, 30)),
        "t1": official("t1", "town", "书记庚", "principal"),
        "t2": official("t2", "town", "干事辛", "staff", joined=D(2025, 3, 1)),
        "t_new": official("t_new", "town", "干事壬", "staff", joined=D(2026, 1, 5)),
    }


@pytest.fixture
def records(district, o):
    gov, sfj, town = district["gov"], district["sfj"], district["town"]

    def session(unit, kind, on, hours, **who):
        s = created(
            StudySession,
            unit=unit,
            kind=kind,
            held_on=on,
            topic=f"{on}学法",
            laws="宪法",
            hours=Decimal(hours),
        )
        for key, status in who.items():
            SessionAttendance.objects.create(session=s, official=o[key], status=status)
        return s

    P = "present"
    session(gov, "pre_meeting", D(2025, 3, 10), 2, mayor=P, vice=P, g1="absent")
    session(gov, "pre_meeting", D(2025, 6, 10), 2, mayor=P, vice="leave")
    session(gov, "pre_meeting", D(2024, 12, 10), 2, mayor=P, vice=P, g1=P)
    session(town, "pre_meeting", D(2025, 4, 1), 2, t1=P)
    session(gov, "central_group", D(2025, 5, 1), 3, mayor=P, vice=P)
    session(sfj, "collective", D(2025, 7, 1), 2, s1=P, s2=P)
    session(sfj, "lecture", D(2025, 9, 1), 2, s1=P)

    def training(unit, kind, starts, ends, hours, **who):
        t = created(
            Training,
            unit=unit,
            kind=kind,
            name=f"{starts}培训班",
            starts_on=starts,
            ends_on=ends,
            hours=Decimal(hours),
        )
        for key, h in who.items():
            TrainingAttendance.objects.create(training=t, official=o[key], hours=Decimal(h))

    training(sfj, "leaders", D(2025, 4, 10), D(2025, 4, 12), 16, mayor=16, vice=16, t1=16, s1=16)
    # opened in 2025, ended in 2026: a 2025 course; its hours are 2026's
    training(sfj, "officials", D(2025, 12, 28), D(2026, 1, 3), 24, s2=24, g1=24)
    training(town, "online", D(2024, 11, 1), D(2024, 11, 2), 8, t1=8)
    training(town, "online", D(2025, 8, 1), D(2025, 8, 1), 10, t2=6)

    def observation(unit, on, *who):
        created(
            CourtObservation,
            attendees=[o[k] for k in who],
            unit=unit,
            held_on=on,
            court="测试区人民法院",
            case_name="行政诉讼案件",
            hours=Decimal(4),
        )

    observation(gov, D(2025, 5, 20), "mayor", "s1", "t1")
    observation(sfj, D(2025, 10, 20), "s1", "s2")  # 局长丁 again: one person
    observation(gov, D(2024, 5, 20), "g1")

    def duty(key, year, form, evaluation=""):
        created(
            LawDutyReport,
            unit=o[key].unit,
            official=o[key],
            year=year,
            form=form,
            reported_on=D(year + 1, 1, 8),
            content="述法",
            evaluation=evaluation,
        )

    duty("mayor", 2025, "meeting", "excellent")
    duty("s1", 2025, "meeting", "good")
    duty("t1", 2025, "written")
    duty("vice", 2024, "meeting")

    exam = created(Exam, unit=sfj, year=2025, name="2025年度法治理论知识考试",
                   held_on=D(2025, 11, 5))  # fmt: skip
    makeup = created(Exam, unit=sfj, year=2025, name="2025年度法治理论知识补考",
                     held_on=D(2025, 12, 5))  # fmt: skip
    old = created(Exam, unit=sfj, year=2024, name="2024年度法治理论知识考试",
                  held_on=D(2024, 11, 5))  # fmt: skip
    for key, score, absent in (
        ("mayor", 88, False),
        ("vice", 59, False),
        ("g1", None, True),
        ("s1", 75, False),
        ("s2", None, False),  # no score recorded: not counted
        ("t1", 60, False),  # at the pass mark: passed
        ("t2", 45, False),
    ):
        ExamResult.objects.create(exam=exam, official=o[key], score=score, absent=absent)
    ExamResult.objects.create(exam=makeup, official=o["vice"], score=70)
    ExamResult.objects.create(exam=old, official=o["s2"], score=90)

    for key, on, hours in (
        ("mayor", D(2025, 9, 1), 30),
        ("vice", D(2025, 9, 1), 28),
        ("g1", D(2025, 9, 1), 40),
        ("s1", D(2025, 9, 1), 22),
        ("s2", D(2024, 12, 31), 40),  # 2024's
        ("t1", D(2025, 9, 1), 30),
    ):
        LearningCredit.objects.create(
            official=o[key],
            earned_on=on,
            source="online_platform",
            description="网上学法",
            hours=Decimal(hours),
        )

    def activity(unit, on, form, reach, materials=0):
        created(
            LegalEducationActivity,
            unit=unit,
            held_on=on,
            title=f"{on}普法",
            form=form,
            reach=reach,
            materials=materials,
        )

    activity(sfj, D(2025, 3, 15), "street", 500, 1000)
    activity(sfj, D(2025, 12, 4), "lecture", 120)
    activity(town, D(2025, 6, 1), "village", 80)
    activity(town, D(2024, 12, 4), "village", 300)

    def meeting(unit, kind, on, *topics):
        m = created(LeadershipMeeting, unit=unit, kind=kind, name=f"{on}会议", held_on=on)
        for kind_ in topics:
            MeetingTopic.objects.create(meeting=m, kind=kind_, title=f"{kind_}议题")

    meeting(gov, "executive", D(2025, 2, 20), "plan", "decision")
    meeting(gov, "executive", D(2025, 8, 15), "report")
    meeting(gov, "executive", D(2025, 9, 15))  # no 法治 item
    meeting(gov, "plenary", D(2025, 1, 10), "report")  # not a 常务会议
    meeting(town, "executive", D(2025, 3, 3), "study")  # the township's own
    meeting(gov, "executive", D(2024, 12, 30), "plan")
    return o


def units(district):
    return (district[k].pk for k in ("gov", "sfj", "town"))


def test_pre_meeting_study_is_the_governments_own(district, records):
    gov, sfj, town = units(district)
    # 区政府常务会议会前学法 in 2025: 10 March and 10 June; the township's is its own.
    assert figure("learning.study_sessions") == {gov: 2, town: 1}
    # the other sessions, summed: the government's 中心组 + 司法局's collective study and lecture
    assert figure("learning.collective_study") == {gov: 3, sfj: 2}
    said = explain("learning.study_sessions")
    assert said.startswith("按区政府常务会议前组织学法的记录计，2025年共2次")
    assert "理论学习中心组学法1次" in explain("learning.collective_study", gov)


def test_trainings_and_attendance(district, records):
    gov, sfj, town = units(district)
    assert figure("learning.trainings") == {gov: 3, sfj: 2, town: 1}
    assert figure("learning.training_attendees") == {gov: 7, sfj: 6, town: 1}
    assert "参训6人次" in explain("learning.trainings", sfj)


def test_court_observers_counted_once_by_their_unit(district, records):
    gov, sfj, town = units(district)
    # 区长甲 | 局长丁 (twice), 科员戊 | 书记庚; 科员丙 watched in 2024
    assert figure("learning.court_observers") == {gov: 4, sfj: 2, town: 1}
    assert figure("learning.court_observers", 2024) == {gov: 1}
    assert "组织旁听庭审2场，参加旁听的干部4人" in explain("learning.court_observers")


def test_law_duty_reports_by_form(district, records):
    gov, sfj, town = units(district)
    assert figure("learning.law_duty_reports") == {gov: 2, sfj: 1}
    assert figure("learning.law_duty_reports_written") == {gov: 1, town: 1}
    assert explain("learning.law_duty_reports") == "2025年度现场述法2人，评议结果为好1人、较好1人"


def test_exam_participants_and_pass_rate(district, records):
    gov, sfj, town = units(district)
    # sat in 2025 (absent and unscored left out): 区长甲, 副区长乙 | 局长丁 | 书记庚, 干事辛
    assert figure("learning.exam_participants") == {gov: 5, sfj: 1, town: 2}
    # passed: 副区长乙 at the make-up exam; 书记庚 at exactly the pass mark; 干事辛 failed
    assert figure("learning.exam_pass_rate") == {
        gov: Decimal("80.0"),
        sfj: Decimal("100.0"),
        town: Decimal("50.0"),
    }
    assert "实际参考5人、缺考1人，达到合格分数线的4人" in explain("learning.exam_pass_rate")


def test_hours_below_minimum_flags_exactly_those_under(district, records, settings):
    """Staff minimum 40, leaders 50 (the district's settings). 2025 hours: 区长甲 57,
    副区长乙 49 (under the leaders' 50), 科员丙 40 (exactly the minimum), 局长丁 50 (exactly),
    科员戊 6, 书记庚 52, 干事辛 6; 科员己 left in June and 干事壬 came in 2026: not in post on
    31 December."""
    settings.FAZHI_LEARNING_MINIMUM_HOURS = 40
    settings.FAZHI_LEARNING_MINIMUM_HOURS_LEADERS = 50
    o = records
    hours = indicators.hours_by_official(Y)
    assert {k: hours.get(o[k].pk, 0) for k in o} == {
        "mayor": 57,  # 2 + 2 会前学法, 3 中心组, 16 training, 4 旁听, 30 online
        "vice": 49,  # 2 + 3 + 16 + 28
        "g1": 40,  # absent from the session; the course ended in 2026; 40 online
        "s1": 50,  # 2 + 2 + 16 + 4 + 4 + 22
        "s2": 6,  # 2 + 4; the course's 24 are 2026's, the 40 online 2024's
        "s_left": 0,
        "t1": 52,  # 2 + 16 + 4 + 30
        "t2": 6,  # the hours earned, not the course's 10
        "t_new": 0,
    }
    flagged = set(indicators.RECORDS["learning.hours_below_minimum"](Y))
    assert flagged == {o["vice"], o["s2"], o["t2"]}
    gov, sfj, town = units(district)
    assert figure("learning.hours_below_minimum") == {gov: 3, sfj: 1, town: 1}
    assert "在职的7名干部中" in explain("learning.hours_below_minimum")
    assert "工作人员40学时、领导干部50学时的3人" in explain("learning.hours_below_minimum")
    # With one minimum of 40 for everyone, 副区长乙's 49 hours are enough.
    settings.FAZHI_LEARNING_MINIMUM_HOURS_LEADERS = 40
    assert figure("learning.hours_below_minimum") == {gov: 2, sfj: 1, town: 1}


def test_legal_education(district, records):
    gov, sfj, town = units(district)
    assert figure("learning.legal_education_activities") == {gov: 3, sfj: 2, town: 1}
    assert figure("learning.legal_education_reach") == {gov: 700, sfj: 620, town: 80}
    assert "受众620人次，发放资料1000份" in explain("learning.legal_education_reach", sfj)


def test_rule_of_law_topics_on_the_governments_executive_meetings(district, records):
    gov, _, town = units(district)
    # 20 February (two items) and 15 August (one); not the plenary, not the township's
    assert figure("leadership.rule_of_law_topics") == {gov: 3, town: 1}
    assert figure("leadership.rule_of_law_meetings") == {gov: 2, town: 1}
    said = explain("leadership.rule_of_law_topics")
    assert said.startswith("2025年区政府2次常务会议研究法治议题3项")


def test_records_behind_each_figure(district, records):
    town, gov = district["town"], district["gov"]
    url = registry.COMPUTED["learning.trainings"].records_url
    assert url(town.pk, Y) == f"/office/learning/trainings/?year=2025&unit={town.pk}"
    assert url(gov.pk, Y) == "/office/learning/trainings/?year=2025"
    # the government's own 会前学法: its unit, the kind
    url = registry.COMPUTED["learning.study_sessions"].records_url
    assert url(gov.pk, Y) == f"/office/learning/sessions/?year=2025&kind=pre_meeting&unit={gov.pk}"
    url = registry.COMPUTED["learning.exam_pass_rate"].records_url
    assert url(town.pk, Y) == "/office/learning/exams/?year=2025"
    meetings = indicators.RECORDS["leadership.rule_of_law_meetings"](Y)
    assert sorted(m.held_on for m in meetings) == [D(2025, 2, 20), D(2025, 3, 3), D(2025, 8, 15)]
    observers = indicators.RECORDS["learning.court_observers"](Y)
    assert {x.name for x in observers} == {"区长甲", "局长丁", "科员戊", "书记庚"}
    registry.refresh(Y, ["learning.study_sessions"])
    value = registry.district_values(Y)["learning.study_sessions"]
    assert value.value == 2 and "2025年共2次" in registry.explanation(value)


def test_fixture_rows_carry_their_creation_events(records):
    problems = [p.message for p in events.verify_states() if "learning." in p.message]
    assert problems == []
