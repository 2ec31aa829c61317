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

# The demo command builds into SQLite (`make demo`); on PostgreSQL the demo is built by the
# walks' fixture (tests/conftest.py), so these builds run once, on SQLite.
pytestmark = pytest.mark.db_agnostic


def queues(today: dt.date) -> dict[str, int]:
    """What waits on ``today``: the 工作台's queues (core.waiting) of the accounts that work
    them, the open consultations, the clocks within the 即将到期 horizon, and the current
    year's catalogue and reporting period."""
    from fazhi.consultation.models import Consultation
    from fazhi.core import waiting
    from fazhi.core.deadlines import due_soon_q
    from fazhi.core.models import Deadline, Role, User
    from fazhi.decisions.models import DecisionCatalog
    from fazhi.plans.models import Period

    def waiting_for(code: str, users) -> int:
        return sum(waiting.counts(u).get(code, 0) for u in users)

    legal = User.objects.filter(is_active=True, roles__code=Role.LEGAL_REVIEWER).distinct()
    return {
        "current_catalogue": DecisionCatalog.objects.filter(
            year=today.year, state=DecisionCatalog.State.PUBLISHED
        ).count(),
        "open_period": Period.objects.filter(start__lte=today, report_due__gte=today).count(),
        "progress_to_review": waiting_for(
            "plans.review", User.objects.filter(username="coordinator")
        ),
        "reports_to_approve": waiting_for(
            "reports.approve", User.objects.filter(username="leader")
        ),
        "reviews_assigned": waiting_for("legal.assigned", legal),
        "consultations_open": Consultation.objects.filter(
            state=Consultation.State.OPEN, opens_on__lte=today, closes_on__gte=today
        ).count(),
        "deadlines_due_soon": Deadline.objects.filter(due_soon_q(today)).count(),
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
