"""The legality review clock (15 working days, 国办发〔2018〕115号, FAZHI_LEGAL_MAX_WORKING_DAYS)
started by ``request_review``, the act a requesting clerk performs, for every kind of
review, across 春节 2026 and 国庆 2025, and refused when the year it runs into has no
calendar.

Hand counts from the notices (text in fazhi/core/tests/test_clock_holidays.py):

- From 2026-02-12 (Thu): 1 = 02-13, 2 = 02-14 (Sat, 调休上班), 02-15…02-23 春节 off,
  3 = 02-24, 4 = 02-25, 5 = 02-26, 6 = 02-27, 7 = 02-28 (Sat, 调休上班), 8 = 03-02,
  9 = 03-03, 10 = 03-04, 11 = 03-05, 12 = 03-06, 13 = 03-09, 14 = 03-10, 15 = 03-11.
- From 2025-09-29 (Mon): 1 = 09-30, 10-01…10-08 国庆 off, 2 = 10-09, 3 = 10-10, 4 = 10-11
  (Sat, 调休上班), 5 = 10-13 … 9 = 10-17, 10 = 10-20 … 14 = 10-24, 15 = 10-27.
"""

import datetime as dt

import pytest

from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing
from fazhi.legal import conf, services
from fazhi.legal.models import LegalReview

from .conftest import upload

D = dt.date
KINDS = sorted(conf.KINDS)


def request(people, district, kind, on):
    return services.request_review(
        kind=kind,
        unit=district["scjg"],
        title="《测试区市场主体信用分级分类监管办法》",
        actor=people["scjg_clerk"],
        materials=[upload()],
        on=on,
    )


@pytest.mark.today(2026, 2, 12)
@pytest.mark.parametrize("kind", KINDS)
def test_review_clock_across_spring_festival(people, district, kind):
    review = request(people, district, kind, D(2026, 2, 12))
    assert review.deadline.due_date == D(2026, 3, 11)


@pytest.mark.today(2025, 9, 29)
@pytest.mark.parametrize("kind", KINDS)
def test_review_clock_across_national_day(people, district, kind):
    review = request(people, district, kind, D(2025, 9, 29))
    assert review.deadline.due_date == D(2025, 10, 27)


@pytest.mark.today(2026, 12, 31)
def test_request_refused_when_the_clock_runs_into_a_year_without_calendar(people, district):
    with pytest.raises(CalendarMissing, match="2027年的工作日历"):
        request(people, district, "normative_document", D(2026, 12, 31))
    assert not LegalReview.objects.exists()
    assert not Deadline.objects.exists()
