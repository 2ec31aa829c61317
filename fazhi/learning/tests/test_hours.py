"""Yearly hours: sessions attended as present + training hours earned + 旁听庭审 + credits,
equal to a hand count; under the minimum flagged, exactly at it not; leaders' minimum;
one grouped query per source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.tests.refusal import refused
from fazhi.learning import hours
from fazhi.learning.models import Official
from fazhi.learning.services import court, credits, trainings

from .study_data import session, staff  # noqa: F401

pytestmark = pytest.mark.today(2025, 12, 20)


@pytest.fixture
def year_of_study(district, staff):
    """司法局 in 2025, hand-counted per person (minimum 40, leaders 40 unless set):
    陈科员: 2 sessions present (2 + 3) + training 16 + court 4 + credits 15 = 40 (exactly)
    周科员: session present 2, the second on leave (0) + training 8 + credits 20 = 30
    张局长: session present 3 + credits 30 + court 4 = 37; a 2024 credit of 50 is not counted
    """
    sfj = district["sfj"]
    a, b, head = staff["sfj_a"], staff["sfj_b"], staff["sfj_head"]
    session(sfj, [a, b], held_on=dt.date(2025, 3, 12), hours=2)
    session(sfj, [a, b, head], held_on=dt.date(2025, 6, 18), hours=3,
            statuses={b.pk: "leave"})  # fmt: skip
    t = trainings.create_training(unit=sfj, kind="officials", name="培训", hours=16,
                                  starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 9, 3),
                                  actor=None)  # fmt: skip
    trainings.set_attendance(t, official=a, actor=None)
    trainings.set_attendance(t, official=b, hours=8, completed=False, actor=None)
    court.record_observation(unit=sfj, held_on=dt.date(2025, 5, 20), court="测试区人民法院",
                             case_name="行政处罚纠纷", attendees=[a, head], actor=None)  # fmt: skip
    for o, h, day in (
        (a, 15, dt.date(2025, 11, 1)),
        (b, 20, dt.date(2025, 8, 1)),
        (head, 30, dt.date(2025, 7, 1)),
        (head, 50, dt.date(2024, 12, 31)),
    ):
        credits.add_credit(official=o, earned_on=day, source="online_platform",
                           description="网上学法平台", hours=h, actor=None)  # fmt: skip
    return sfj


def _rows(unit, year=2025):
    return {r.official.name: r for r in hours.year_rows(Official.objects.filter(unit=unit), year)}


def test_hours_equal_the_hand_count_and_the_flag(year_of_study):
    rows = _rows(year_of_study)
    a, b, head = rows["陈科员"], rows["周科员"], rows["张局长"]
    assert (a.sessions, a.trainings, a.court, a.credits) == (5, 16, 4, 15)
    assert a.total == Decimal("40") and not a.under  # exactly at the minimum
    assert (b.sessions, b.trainings, b.court, b.credits, b.total) == (2, 8, 0, 20, 30)
    assert b.under and b.short_by == 10
    assert (head.sessions, head.court, head.credits, head.total) == (3, 4, 30, 37)
    assert head.under
    assert rows["赵副局长"].total == 0 and rows["赵副局长"].under


def test_leaders_minimum_and_leavers(year_of_study, settings, staff):
    settings.FAZHI_LEARNING_MINIMUM_HOURS = 30
    settings.FAZHI_LEARNING_MINIMUM_HOURS_LEADERS = 36
    rows = _rows(year_of_study)
    assert not rows["周科员"].under and not rows["张局长"].under  # 30 ≥ 30; 37 ≥ 36
    assert rows["张局长"].minimum == 36
    Official.objects.filter(pk=staff["sfj_b"].pk).update(left_on=dt.date(2025, 12, 1))
    settings.FAZHI_LEARNING_MINIMUM_HOURS = 40
    assert not _rows(year_of_study)["周科员"].under  # left during the year: not flagged


def test_one_grouped_query_per_source(year_of_study):
    with CaptureQueriesContext(connection) as q:
        rows = hours.year_rows(Official.objects.all(), 2025)
    assert len(rows) == 10 and len(q.captured_queries) == 5  # the officials + four sources


def test_credit_refusals(people, staff):
    o = staff["sfj_a"]
    clerk = people["sfj_clerk"]
    with refused(ValidationError, "学时应大于0", o):
        credits.add_credit(official=o, earned_on=dt.date(2025, 5, 1), source="self_study",
                           description="自学", hours=0, actor=clerk)  # fmt: skip
    with refused(ValidationError, "请选择学时来源", o):
        credits.add_credit(official=o, earned_on=dt.date(2025, 5, 1), source="tv",
                           description="自学", hours=2, actor=clerk)  # fmt: skip
    with refused(ValidationError, "取得日期不能晚于今天（2025-12-20），不能预先登记", o):
        credits.add_credit(official=o, earned_on=dt.date(2025, 12, 21), source="self_study",
                           description="自学", hours=2, actor=clerk)  # fmt: skip


def test_court_refusals(district, people, staff):
    clerk = people["sfj_clerk"]
    with refused(ValidationError, "请选择旁听人员"):
        court.record_observation(unit=district["sfj"], held_on=dt.date(2025, 5, 20), court="法院",
                                 case_name="案由", attendees=[], actor=clerk)  # fmt: skip
    with refused(ValidationError, "刘局长不是测试区司法局（或其所属单位）的工作人员"):
        court.record_observation(unit=district["sfj"], held_on=dt.date(2025, 5, 20), court="法院",
                                 case_name="案由", attendees=[staff["scjg_head"]], actor=clerk)  # fmt: skip
