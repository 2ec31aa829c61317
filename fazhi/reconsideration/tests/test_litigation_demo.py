"""The demo's court cases and suggestions: built through the services on the demo's dates,
with the outcomes the demo promises (a few lost, a late answer, a late reply)."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.indicators.registry import COMPUTED, government
from fazhi.reconsideration import demo_litigation
from fazhi.reconsideration.models import Hearing, Litigation, Suggestion
from fazhi.reconsideration.services.litigation import answered_late

pytestmark = pytest.mark.django_db


def test_demo_year_of_cases_and_suggestions(demo_units, monkeypatch):
    freeze(monkeypatch, demo_units.today)  # 2026-03-01
    demo_litigation.build(demo_units)
    # The year ending 20 December of the demo year (the annual report's: all 30 cases and
    # 10 suggestions) and the current year after it up to today; the lost case is appealed.
    lits = list(Litigation.objects.all())
    first = [c for c in lits if c.instance == "first"]
    until = dt.date(2025, 12, 20)
    assert len([c for c in first if c.served_on <= until]) == len(demo_litigation.CASES)
    assert all(c.served_on <= demo_units.today for c in first)
    assert sum(1 for c in lits if c.result == "lost") >= 2
    assert sum(1 for c in lits if c.result == "withdrawn") >= 3
    assert sum(1 for c in lits if not c.result) >= 2
    late = {c.plaintiff_name for c in lits if answered_late(c)}
    assert late == {"张志强"}
    appeal = Litigation.objects.filter(instance="appeal").first()
    assert appeal.previous.result == "lost" and appeal.unit.code == "D26"
    hearings = Hearing.objects.all()
    assert (
        hearings.filter(head_appeared=True).count()
        > 3 * hearings.filter(head_appeared=False).count()
    )
    assert all(h.excuse and h.excuse_attachment for h in hearings.filter(head_appeared=False))
    assert {lit.unit.kind for lit in lits} >= {"department", "township", "government"}
    sugs = Suggestion.objects.all()
    assert sugs.filter(received_on__lte=until).count() == 10
    assert sugs.filter(received_on__lte=until, kind="judicial").count() == 3
    assert sugs.filter(replied_in_time=False).count() >= 1
    assert sugs.filter(replied_on__isnull=True).count() >= 2
    assert {s.unit.code for s in sugs.filter(subject="耕地非农化整治")} == {"T05"}
    # The figures count them (the district's 出庭应诉率 in the demo year is below 100%).
    year = dt.date(2025, 1, 1).year
    gov = government().pk
    rate = COMPUTED["litigation.head_appearance_rate"].compute(year)[gov]
    assert 50 < rate < 100
    assert COMPUTED["suggestion.on_time_rate"].compute(year)[gov] < 100
