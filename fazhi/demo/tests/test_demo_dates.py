"""The demo is continuous with the day it is built: whatever that day, it shows the current
year's 重大行政决策事项目录, an open reporting period, and open items in every queue (progress
to review, reports to approve, legality reviews assigned, consultations open, clocks due
soon). Built once per date (a build takes about 40 s), at two fixed dates of one real
calendar year: early in the year, before the last year's report is published, and near its
end. The queues are counted on the day the demo is used (the frozen date)."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.demo.builder import build


def queues(today: dt.date) -> dict[str, int]:
    """What is waiting, counted from the records as of ``today``."""
    from fazhi.consultation.models import Consultation
    from fazhi.core.calendar import calendar
    from fazhi.core.models import Deadline
    from fazhi.decisions.models import DecisionCatalog
    from fazhi.legal.models import LegalReview
    from fazhi.plans.models import Period, Progress
    from fazhi.reports.models import AnnualReport

    soon = calendar().add_working_days(today, 10).due
    return {
        "current_catalogue": DecisionCatalog.objects.filter(
            year=today.year, state=DecisionCatalog.State.PUBLISHED
        ).count(),
        "open_period": Period.objects.filter(start__lte=today, report_due__gte=today).count(),
        "progress_to_review": Progress.objects.filter(state=Progress.State.SUBMITTED).count(),
        "reports_to_approve": AnnualReport.objects.filter(state=AnnualReport.State.REVIEW).count(),
        "reviews_assigned": LegalReview.objects.filter(
            state__in=[LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW],
            assignee__isnull=False,
        ).count(),
        "consultations_open": Consultation.objects.filter(
            state=Consultation.State.OPEN, opens_on__lte=today, closes_on__gte=today
        ).count(),
        "deadlines_due_soon": Deadline.objects.filter(
            state=Deadline.State.RUNNING, due_date__gte=today, due_date__lte=soon
        ).count(),
    }


@pytest.mark.parametrize(
    "today, demo_day",
    [
        (dt.date(2026, 3, 10), dt.date(2026, 3, 10)),
        # Clocks the demo starts "today" must end in a year the calendar holds (2026 is the
        # package's last): the demo's day stays 30 days before its end.
        (dt.date(2026, 12, 5), dt.date(2026, 12, 1)),
    ],
)
def test_demo_built_on_a_day_has_that_days_work(db, monkeypatch, today, demo_day):
    freeze(monkeypatch, today)
    ctx = build()
    assert ctx.today == demo_day
    found = queues(today)
    assert all(found.values()), found
