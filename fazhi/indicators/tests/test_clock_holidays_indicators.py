"""The indicator clocks driven by the coordinator's services, across 春节 2026 and 国庆 2025,
and into 2027 whose calendar is not loaded.

Both are FIXED dates the coordinator sets: a reporting round's closing date
(``open_round``) and a finding's rectification date (``create_finding``). A date set on a
holiday is kept where it was set (the notice that set it is what the units read); what the
calendar decides is how many working days the board says are left, counted on the notices.

Hand counts, today not counted (notices in fazhi/core/tests/test_clock_holidays.py):

- From 2026-02-12 (Thu): 02-13 and 02-14 (Sat, 调休上班) are working days, 02-15…02-23 春节
  are not: a round closing 02-20 (正月初四) is 2 working days away. Then 02-24, 02-25,
  02-26, 02-27 and 02-28 (Sat, 调休上班): a rectification due 02-28 is 7 working days away.
- From 2025-09-29 (Mon): 09-30 is a working day, 10-01…10-08 国庆 are not: a round closing
  10-08 is 1 working day away; 10-09, 10-10: a rectification due 10-10 is 3 away.
"""

import datetime as dt

import pytest

from fazhi.core.deadlines import status_of
from fazhi.core.models import Deadline
from fazhi.indicators import services
from fazhi.indicators.models import Indicator

D = dt.date
CODES = ["reconsideration.received", "reconsideration.correction_rate"]


def clocks(people, district, closes, rectify_by, found_on):
    Indicator.objects.filter(code__in=CODES).update(reporting_unit=district["sfj"])
    services.open_round(
        year=closes.year - 1,
        name=f"{closes.year - 1}年度填报",
        due=closes,
        codes=CODES,
        actor=people["coordinator"],
    )
    services.create_finding(
        unit=district["scjg"],
        source="visit",
        title="案卷不规范",
        finding="两卷缺少送达回证",
        found_on=found_on,
        rectify_by=rectify_by,
        actor=people["coordinator"],
    )
    return (
        Deadline.objects.get(clock="indicators.submission"),
        Deadline.objects.get(clock="indicators.rectification"),
    )


@pytest.mark.today(2026, 2, 12)
def test_indicator_clocks_across_spring_festival(people, district):
    today = D(2026, 2, 12)
    submission, rectification = clocks(people, district, D(2026, 2, 20), D(2026, 2, 28), today)
    assert (submission.due_date, rectification.due_date) == (D(2026, 2, 20), D(2026, 2, 28))
    assert status_of(submission, today)[1] == "还剩2个工作日"
    assert status_of(rectification, today)[1] == "还剩7个工作日"


@pytest.mark.today(2025, 9, 29)
def test_indicator_clocks_across_national_day(people, district):
    today = D(2025, 9, 29)
    submission, rectification = clocks(people, district, D(2025, 10, 8), D(2025, 10, 10), today)
    assert (submission.due_date, rectification.due_date) == (D(2025, 10, 8), D(2025, 10, 10))
    assert status_of(submission, today)[1] == "还剩1个工作日"
    assert status_of(rectification, today)[1] == "还剩3个工作日"


@pytest.mark.today(2026, 12, 31)
def test_indicator_dates_in_a_year_without_calendar_are_kept_and_not_counted(people, district):
    """Neither clock needs the calendar to start: the date is the coordinator's. The working
    days left to a 2027 date are not guessed (2027 has no notice loaded): the date is said."""
    today = D(2026, 12, 31)
    submission, rectification = clocks(people, district, D(2027, 1, 15), D(2027, 2, 1), today)
    assert (submission.due_date, rectification.due_date) == (D(2027, 1, 15), D(2027, 2, 1))
    assert status_of(submission, today)[1] == "2027年1月15日到期"
    assert status_of(rectification, today)[1] == "2027年2月1日到期"
