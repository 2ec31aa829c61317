"""The summary clock (答复意见并公布采纳情况, 10 working days after the comment period ends)
started by ``services.close``, the act a clerk performs, across 春节 2026 and 国庆 2025, and
refused when the calendar of the year it runs into is not loaded.

Hand counts from the notices (see fazhi/core/tests/test_clock_holidays.py for their text):

- Ended 2026-02-12 (Thu): 1 = 02-13, 2 = 02-14 (Sat, 调休上班), 02-15…02-23 春节,
  3 = 02-24, 4 = 02-25, 5 = 02-26, 6 = 02-27, 7 = 02-28 (Sat, 调休上班), 8 = 03-02,
  9 = 03-03, 10 = 03-04.
- Ended 2025-09-29 (Mon): 1 = 09-30, 10-01…10-08 国庆, 2 = 10-09, 3 = 10-10, 4 = 10-11
  (Sat, 调休上班), 5 = 10-13, 6 = 10-14, 7 = 10-15, 8 = 10-16, 9 = 10-17, 10 = 10-20.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.consultation import services
from fazhi.consultation.models import Consultation
from fazhi.core.models import Deadline

D = dt.date


def summary_due(make, people, opens, closes, closed_on):
    c = make(opens_on=opens, closes_on=closes, today=opens)
    services.close(c, actor=people["sfj_clerk"], today=closed_on)
    return Deadline.objects.get(clock="consultation.summary", record_id=str(c.pk)).due_date


@pytest.mark.today(2026, 2, 13)
def test_summary_clock_across_spring_festival(make, people):
    # 30 days 2026-01-13 → 02-12; closed the next day, so the period ended on 02-12.
    due = summary_due(make, people, D(2026, 1, 13), D(2026, 2, 12), D(2026, 2, 13))
    assert due == D(2026, 3, 4)


@pytest.mark.today(2025, 9, 30)
def test_summary_clock_across_national_day(make, people):
    due = summary_due(make, people, D(2025, 8, 30), D(2025, 9, 29), D(2025, 9, 30))
    assert due == D(2025, 10, 20)


@pytest.mark.today(2027, 1, 4)
def test_close_refused_when_the_summary_runs_into_a_year_without_calendar(make, people):
    """Ended 2026-12-31: the 10 working days fall in 2027, whose notice is not loaded."""
    c = make(opens_on=D(2026, 12, 1), closes_on=D(2026, 12, 31), today=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="2027年的工作日历"):
        services.close(c, actor=people["sfj_clerk"], today=D(2027, 1, 4))
    c.refresh_from_db()
    assert c.state == Consultation.State.OPEN
    assert not Deadline.objects.filter(clock="consultation.summary").exists()
