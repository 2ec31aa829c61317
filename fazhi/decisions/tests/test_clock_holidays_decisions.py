"""The decision clocks driven by the services the drafting unit uses, across 春节 2026 and
国庆 2025, and into 2027 whose calendar is not loaded.

- 公布 (``record_collective_decision`` approving): 20 working days from the meeting
  (政府信息公开条例 第26条; FAZHI_DECISION_PUBLISH_DAYS).
- 执行情况报告 (``schedule_execution_report``): a FIXED date the decision body sets
  (条例 第34–35条). Kept as set even on a holiday; the board counts the working days to it.

Hand counts from the notices (text in fazhi/core/tests/test_clock_holidays.py):

- From 2026-02-12 (Thu): 1 = 02-13, 2 = 02-14 (Sat, 调休上班), 02-15…02-23 春节 off,
  3 = 02-24 … 6 = 02-27, 7 = 02-28 (Sat, 调休上班), 8 = 03-02 … 12 = 03-06,
  13 = 03-09 … 17 = 03-13, 18 = 03-16, 19 = 03-17, 20 = 03-18. A report date set on
  02-20 (正月初四, a holiday) is 2 working days away (02-13, 02-14).
- From 2025-09-29 (Mon): 1 = 09-30, 10-01…10-08 国庆 off, 2 = 10-09, 3 = 10-10, 4 = 10-11
  (Sat, 调休上班), 5 = 10-13 … 9 = 10-17, 10 = 10-20 … 14 = 10-24, 15 = 10-27 … 19 = 10-31,
  20 = 11-03. A report date set on 10-08 (a holiday) is 1 working day away (09-30).
"""

import datetime as dt

import pytest

from fazhi.core.deadlines import status_of
from fazhi.core.models import Deadline, Event
from fazhi.core.tests.refusal import freeze
from fazhi.decisions import services
from fazhi.decisions.models import MajorDecision

from .conftest import approve, pass_review, prepare, published

D = dt.date


def publication_due(decision):
    return Deadline.objects.get(clock="decisions.publication", record_id=str(decision.pk)).due_date


def execution_report(decision, people, due):
    return services.schedule_execution_report(
        decision, due=due, unit=decision.unit, actor=people["sfj_clerk"]
    )


@pytest.mark.today(2026, 2, 12)
def test_decision_clocks_across_spring_festival(decision, people, adviser):
    decision = published(decision, people, adviser)  # decided and published on 02-12
    assert publication_due(decision) == D(2026, 3, 18)
    report = execution_report(decision, people, D(2026, 2, 20))
    assert report.due_date == D(2026, 2, 20)  # set on 正月初四 and kept there
    assert status_of(report, D(2026, 2, 12))[1] == "还剩2个工作日"


@pytest.mark.today(2025, 9, 29)
def test_decision_clocks_across_national_day(decision, people, adviser):
    decision = published(decision, people, adviser)
    assert publication_due(decision) == D(2025, 11, 3)
    report = execution_report(decision, people, D(2025, 10, 8))
    assert report.due_date == D(2025, 10, 8)
    assert status_of(report, D(2025, 9, 29))[1] == "还剩1个工作日"


@pytest.mark.today(2026, 12, 1)  # the legality review's 15 working days end in 2026
def test_a_decision_made_when_the_next_year_has_no_calendar(decision, people, adviser, monkeypatch):
    """Approved on 2026-12-31: the 20 working days run into 2027, whose notice is not loaded.
    The decision itself is still recorded (the meeting happened); the publication clock is
    not guessed, and the record says why it is not on the board. The execution report date
    (2027-01-15, set by the decision body) needs no calendar and is said as a date."""
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    freeze(monkeypatch, D(2026, 12, 31))
    approve(decision, people)
    decision.refresh_from_db()
    assert decision.state == MajorDecision.State.DECIDED
    assert not Deadline.objects.filter(clock="decisions.publication").exists()
    missing = Event.objects.get(action="deadline_missing")
    assert (missing.record_id, "2027年的工作日历" in missing.summary) == (str(decision.pk), True)
    services.record_party_report(
        decision, reported_on=D(2026, 12, 31), document="关于……的请示", actor=people["sfj_clerk"]
    )
    services.publish_decision(
        decision,
        published_on=D(2026, 12, 31),
        channel="区政府门户网站",
        published_text="测试区行政执法辅助人员管理办法全文",
        adoption_note="专家意见已采纳",
        actor=people["sfj_clerk"],
    )
    decision.refresh_from_db()
    report = execution_report(decision, people, D(2027, 1, 15))
    assert report.due_date == D(2027, 1, 15)
    assert status_of(report, D(2026, 12, 31))[1] == "2027年1月15日到期"
