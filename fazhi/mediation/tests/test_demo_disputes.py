"""The demo district's 人民调解, built on the demo's today of the shared fixture (2026-03-01):
the bodies, the year's volume and success rate, every kind of ending, the open and overdue
mediations of the current year; the full-process record stays whole."""

from collections import Counter

import pytest

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.mediation import demo_disputes
from fazhi.mediation.models import Dispute, MediationBody
from fazhi.mediation.services.bodies import composition_problems

pytestmark = [pytest.mark.today(2026, 3, 1), pytest.mark.db_agnostic]


def test_demo_bodies_year_and_open_work(demo_units):
    ctx = demo_units
    demo_disputes.build(ctx)
    today = ctx.today
    # Bodies: a committee for each township and each of its villages and communities, the
    # district's medical committee and two rooms; exactly one committee out of its term.
    kinds = Counter(MediationBody.objects.values_list("kind", flat=True))
    assert kinds == {"township": 10, "village": 24, "industry": 1, "court_link": 1,
                     "petition_link": 1}  # fmt: skip
    lacking = {b.name: composition_problems(b, today) for b in MediationBody.objects.all()}
    assert {n: p for n, p in lacking.items() if p} == {
        "前进村人民调解委员会": [
            "本届任期自2023-01-06开始，已于2026-01-05届满，应当换届（《人民调解法》第九条）"
        ]
    }
    year = list(Dispute.objects.filter(found_on__year=2025))
    assert 3900 <= len(year) <= 4100
    ended = Counter(d.outcome for d in year)
    rate = ended["success"] / (ended["success"] + ended["failed"])
    assert 0.96 <= rate <= 0.985
    assert 20 <= ended["refused"] <= 80 and ended[""] == 0
    assert all(d.state == "escalated" for d in year if d.outcome == "failed")
    written = [d for d in year if d.agreement_form == "written"]
    assert sum(1 for d in written if d.confirmation_result == "confirmed") >= 50
    assert sum(1 for d in year if d.followed_up_on) > len(year) // 3
    units = set(Dispute.objects.filter(found_on__year=2025).values_list("unit__code", flat=True))
    assert units >= {"T01", "T10", "D27"}
    # About 150 went step by step and have a timeline of sessions.
    stepped = Dispute.objects.filter(sessions__isnull=False).distinct().count()
    assert 100 <= stepped <= 200
    # The current year: some still being mediated, two past their 30 days.
    mediating = Dispute.objects.filter(state="mediating")
    assert mediating.count() >= 12
    overdue = Deadline.objects.filter(clock="mediation.mediation", state="running",
                                      due_date__lt=today)  # fmt: skip
    assert overdue.count() == 2
    assert Dispute.objects.filter(state="found").count() == 3
    assert Deadline.objects.filter(
        clock="mediation.judicial_confirmation", state="running"
    ).exists()
    assert all(d.found_on <= today for d in Dispute.objects.all())
    assert list(events.verify_chain()) == []
    assert list(events.verify_states()) == []
