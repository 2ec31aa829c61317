"""Every clock in the deadline registry, across 春节 and 国庆 and into a year with no calendar.

The expected due dates are counted by hand from the official notices, not computed by the
engine under test:

- 国办发明电〔2024〕12号 (2025): 国庆节、中秋节 10月1日（周三）至8日（周三）放假调休，
  9月28日（周日）、10月11日（周六）上班.
- 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 春节 2月15日（周日）至23日
  （周一）放假调休，2月14日（周六）、2月28日（周六）上班.

Working days after 2026-02-12 (Thu), the start not counted (条例 第33条 as the engine
documents it): 1 = 02-13 (Fri), 2 = 02-14 (Sat, 调休上班), 02-15…02-23 春节, 3 = 02-24,
4 = 02-25, 5 = 02-26, 6 = 02-27, 7 = 02-28 (Sat, 调休上班), 8 = 03-02, 9 = 03-03,
10 = 03-04, 11 = 03-05, 12 = 03-06, 13 = 03-09, 14 = 03-10, 15 = 03-11, 16 = 03-12,
17 = 03-13, 18 = 03-16, 19 = 03-17, 20 = 03-18.

Working days after 2025-09-29 (Mon): 1 = 09-30, 10-01…10-08 国庆, 2 = 10-09, 3 = 10-10,
4 = 10-11 (Sat, 调休上班), 5 = 10-13, 6 = 10-14, 7 = 10-15, 8 = 10-16, 9 = 10-17,
10 = 10-20, 11 = 10-21, 12 = 10-22, 13 = 10-23, 14 = 10-24, 15 = 10-27, 16 = 10-28,
17 = 10-29, 18 = 10-30, 19 = 10-31, 20 = 11-03.

A clock added to the registry fails ``test_every_registered_clock_has_hand_counted_dates``
until its dates are counted here by hand.
"""

import datetime as dt

import pytest

from fazhi.core import services
from fazhi.core.deadlines import CLOCKS, FIXED
from fazhi.core.models import CalendarYear, Deadline
from fazhi.core.workdays import CalendarMissing

D = dt.date
SPRING_START = D(2026, 2, 12)
NATIONAL_START = D(2025, 9, 29)

# clock -> (due when started 2026-02-12, due when started 2025-09-29), counted by hand above.
# A FIXED clock's start *is* the date a person set (a report date, a filing deadline): it is
# kept as set, holiday or not, so it is started on a holiday and must stay there.
EXPECTED = {
    "consultation.summary": (D(2026, 3, 4), D(2025, 10, 20)),  # 10 working days
    "decisions.publication": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    "plans.progress_resubmit": (D(2026, 2, 26), D(2025, 10, 13)),  # 5 working days
    "legal.review.normative_document": (D(2026, 3, 11), D(2025, 10, 27)),  # 15
    "legal.review.major_decision": (D(2026, 3, 11), D(2025, 10, 27)),  # 15
    "legal.review.contract": (D(2026, 3, 11), D(2025, 10, 27)),  # 15
    "legal.review.enforcement_decision": (D(2026, 3, 11), D(2025, 10, 27)),  # 15
    "legal.review.other": (D(2026, 3, 11), D(2025, 10, 27)),  # 15
    # 90 calendar days: 2026-02-12 + 90 = 05-13 (Wed, a working day); 2025-09-29 + 90 =
    # 12-28, a Sunday, so the period ends on 12-29 (民事诉讼法 第85条).
    "enforcement.penalty_decision": (D(2026, 5, 13), D(2025, 12, 29)),
    "enforcement.other_decision": (D(2026, 5, 13), D(2025, 12, 29)),
    "enforcement.license_decision": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    "enforcement.hearing_request": (D(2026, 2, 26), D(2025, 10, 13)),  # 5 working days
    "enforcement.publication": (D(2026, 2, 28), D(2025, 10, 15)),  # 7 working days
    "enforcement.publication_other": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    "enforcement.withdrawal": (D(2026, 2, 24), D(2025, 10, 10)),  # 3 working days
    # 送达 within 7 days (行政处罚法 第61条): "七日" is working days (第85条), so 2026-02-28
    # (Sat, 调休上班) and 2025-10-15, as counted above.
    "enforcement.service": (D(2026, 2, 28), D(2025, 10, 15)),
    # 60 calendar days: 2026-02-12 + 60 = 04-13 (Mon); 2025-09-29 + 60 = 11-28 (Fri).
    "enforcement.complaint": (D(2026, 4, 13), D(2025, 11, 28)),
    "inspections.publication": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    # 行政复议法: "五日、七日、十日" are working days (第88条), 30/60 days calendar days.
    "reconsideration.acceptance_review": (D(2026, 2, 26), D(2025, 10, 13)),  # 5 working
    "reconsideration.correction": (D(2026, 3, 4), D(2025, 10, 20)),  # 10 working days
    "reconsideration.copy": (D(2026, 2, 28), D(2025, 10, 15)),  # 7 working days
    "reconsideration.copy_simple": (D(2026, 2, 24), D(2025, 10, 10)),  # 3 working days
    "reconsideration.answer": (D(2026, 3, 4), D(2025, 10, 20)),  # 10 working days
    "reconsideration.answer_simple": (D(2026, 2, 26), D(2025, 10, 13)),  # 5 working days
    # 60 calendar days: 04-13 (Mon) and 11-28 (Fri), as for the complaint above.
    "reconsideration.decision": (D(2026, 4, 13), D(2025, 11, 28)),
    "reconsideration.suspension": (D(2026, 4, 13), D(2025, 11, 28)),
    "reconsideration.opinion_report": (D(2026, 4, 13), D(2025, 11, 28)),
    # 30 calendar days: 2026-02-12 + 30 = 03-14, a Saturday, so 03-16 (Mon); 2025-09-29 +
    # 30 = 10-29 (Wed).
    "reconsideration.decision_simple": (D(2026, 3, 16), D(2025, 10, 29)),
    # 20 calendar days: 03-04 (Wed); 2025-09-29 + 20 = 10-19, a Sunday, so 10-20 (Mon).
    "reconsideration.publication": (D(2026, 3, 4), D(2025, 10, 20)),
    # 行政诉讼法 第67条, 15 calendar days: 02-27 (Fri) and 10-14 (Tue).
    "litigation.answer": (D(2026, 2, 27), D(2025, 10, 14)),
    "documents.ancillary_handle": (D(2026, 3, 16), D(2025, 10, 29)),  # 30 calendar days
    "documents.ancillary_forward": (D(2026, 2, 28), D(2025, 10, 15)),  # 7 working days
    "documents.ancillary_maker": (D(2026, 3, 4), D(2025, 10, 20)),  # 10 working days
    "documents.ancillary_reply": (D(2026, 4, 13), D(2025, 11, 28)),  # 60 calendar days
    # 政府信息公开条例: every period is in working days (第26、30、32、33、34条).
    "disclosure.proactive": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    "disclosure.reply": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    "disclosure.correction_notice": (D(2026, 2, 28), D(2025, 10, 15)),  # 7 working days
    "disclosure.correction": (D(2026, 3, 11), D(2025, 10, 27)),  # 15 working days
    "disclosure.consultation": (D(2026, 3, 11), D(2025, 10, 27)),  # 15 working days
    "disclosure.fee": (D(2026, 3, 18), D(2025, 11, 3)),  # 20 working days
    # 人民调解 (30 calendar days each): 2026-02-12 + 30 = 03-14, a Saturday, so 03-16 (Mon);
    # 2025-09-29 + 30 = 10-29 (Wed).
    "mediation.mediation": (D(2026, 3, 16), D(2025, 10, 29)),
    "mediation.judicial_confirmation": (D(2026, 3, 16), D(2025, 10, 29)),
    # 信访工作条例: 15/30/60 日 are calendar days (15: 02-27 Fri, 10-14 Tue; 30: 03-14 Sat →
    # 03-16, 10-29; 60: 04-13, 11-28); the objection's 5 are working days (第二十三条).
    "mediation.petition_routing": (D(2026, 2, 27), D(2025, 10, 14)),
    "mediation.petition_notice": (D(2026, 2, 27), D(2025, 10, 14)),
    "mediation.petition_wrong_agency": (D(2026, 2, 26), D(2025, 10, 13)),
    "mediation.petition_handling": (D(2026, 4, 13), D(2025, 11, 28)),
    "mediation.petition_review": (D(2026, 3, 16), D(2025, 10, 29)),
    "mediation.petition_re_review": (D(2026, 3, 16), D(2025, 10, 29)),
}
FIXED_CLOCKS = {
    "consultation.closing",
    "decisions.execution_report",
    "documents.filing",
    "documents.expiry",
    "indicators.submission",
    "indicators.rectification",
    "legal.contract.milestone",
    "plans.progress_report",
    "enforcement.certificate",
    "enforcement.training",
    "enforcement.rectification",
    "enforcement.annual_data",
    "suggestion.reply",
    "disclosure.annual_report",
}
SPRING_HOLIDAY = D(2026, 2, 17)  # 正月初一
NATIONAL_HOLIDAY = D(2025, 10, 1)
NO_CALENDAR = D(2026, 12, 31)  # Thursday: the first working day after it is in 2027


def module_clocks():
    return sorted(code for code, clock in CLOCKS.items() if clock.module)


def start(clock, day, district):
    return services.start_deadline(
        record_type="test.record",
        record_id="1",
        clock=clock,
        start=day,
        unit=district["sfj"],
        title="测试期限",
    )


def test_every_registered_clock_has_hand_counted_dates():
    assert set(module_clocks()) == set(EXPECTED) | FIXED_CLOCKS
    assert {c for c in FIXED_CLOCKS if CLOCKS[c].unit != FIXED} == set()


@pytest.mark.today(2025, 9, 29)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_clock_across_national_day(code, district):
    d = start(code, NATIONAL_START, district)
    assert d.due_date == EXPECTED[code][1]


@pytest.mark.today(2026, 2, 12)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_clock_across_spring_festival(code, district):
    d = start(code, SPRING_START, district)
    assert d.due_date == EXPECTED[code][0]


@pytest.mark.today(2026, 12, 31)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_clock_refused_when_the_year_has_no_calendar(code, district):
    assert not CalendarYear.objects.filter(year=2027).exists()
    with pytest.raises(CalendarMissing, match="2027年的工作日历"):
        start(code, NO_CALENDAR, district)
    assert not Deadline.objects.exists()


@pytest.mark.today(2025, 9, 29)
@pytest.mark.parametrize("code", sorted(FIXED_CLOCKS))
def test_fixed_dates_are_kept_on_holidays_and_need_no_calendar(code, district):
    """A date a person set is not moved by a holiday, and does not need the calendar of
    its year (2027 is not loaded): the working-day count shown beside it is what does."""
    assert start(code, SPRING_HOLIDAY, district).due_date == SPRING_HOLIDAY
    assert start(code, NATIONAL_HOLIDAY, district).due_date == NATIONAL_HOLIDAY
    assert start(code, D(2027, 3, 1), district).due_date == D(2027, 3, 1)
