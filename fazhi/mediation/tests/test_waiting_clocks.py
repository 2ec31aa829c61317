"""Clocks that waited for next year's calendar start once it is loaded (the daily job
``mediation.sweep``), from the day the law counts from. The test takes the 2026 calendar
out (as it stood before the 2026 notice was loaded) and puts the real one back; no year is
invented. Hand-counted (calendar days, start day not counted, a last day on a rest day or
holiday moves to the next working day):

- 调解 accepted 2025-12-20: 30 days → 2026-01-19 (Mon, a working day).
- 信访 received 2025-12-20: 15 days → 2026-01-04, a Sunday but a working day by the
  2026 notice (元旦 1月1日至3日放假，1月4日上班), so 2026-01-04.
"""

import datetime as dt

import pytest

from fazhi.core.calendar import seed_from_package
from fazhi.core.models import CalendarYear, Event
from fazhi.mediation.jobs import sweep
from fazhi.mediation.models import Dispute, Petition

from .petition_fixtures import make_petition  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
D = dt.date


def test_clocks_waiting_for_the_calendar_start_when_it_is_loaded(mediating, make_petition, at):  # noqa: F811
    CalendarYear.objects.filter(year=2026).delete()
    d = mediating(accepted_on=D(2025, 12, 20))
    p = make_petition(received_on=D(2025, 12, 20))
    assert d.deadline_id is None and p.routing_deadline_id is None

    # Still no calendar: nothing is guessed, nothing recorded.
    at(D(2025, 12, 31))
    before = Event.objects.count()
    assert sweep(D(2025, 12, 31)) == {"clocks_started": 0}
    assert Event.objects.count() == before

    seed_from_package([2026])
    at(D(2026, 1, 2))
    assert sweep(D(2026, 1, 2)) == {"clocks_started": 2}
    d, p = Dispute.objects.get(pk=d.pk), Petition.objects.get(pk=p.pk)
    assert (d.deadline.start_date, d.deadline.due_date) == (D(2025, 12, 20), D(2026, 1, 19))
    assert (p.routing_deadline.start_date, p.routing_deadline.due_date) == (
        D(2025, 12, 20),
        D(2026, 1, 4),
    )
    started = Event.objects.filter(action__in=["mediation_clock_started", "petition_clock_started"])
    assert sorted(e.summary for e in started) == [
        "工作日历已载入，登记并转送交办信访事项期限至2026-01-04",
        "工作日历已载入，调解期限至2026-01-19",
    ]
    # The next run finds nothing left to start.
    assert sweep(D(2026, 1, 3)) == {"clocks_started": 0}
