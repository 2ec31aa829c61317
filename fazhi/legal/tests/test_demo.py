"""The demo's legal part lands on the district's yearly figures, keeps the
full-process record intact, and its pages render."""

import random

import pytest

from fazhi.core import events
from fazhi.core.calendar import calendar
from fazhi.indicators import registry
from fazhi.legal import demo
from fazhi.legal.models import Contract, LegalAdviser, LegalReview

# The demo district's today (conftest.demo_units builds it as of 2026-03-01).
pytestmark = pytest.mark.today(2026, 3, 1)


@pytest.fixture
def built(demo_units):
    demo.build(demo_units)
    demo.balance(demo_units)
    return demo_units


def test_demo_figures_and_chain(built):
    gov = built.units["G00"].pk
    for year, (nc, c, written, meetings) in demo.TARGETS.items():
        figures = {code: comp.compute(year).get(gov, 0) for code, comp in registry.COMPUTED.items()}
        assert figures["legal.reviews"] == nc
        assert figures["legal.agreements_reviewed"] == c
        assert figures["legal.opinions"] == written
        assert figures["legal.adviser_meetings"] == meetings
    assert LegalAdviser.objects.count() == 12
    assert Contract.objects.filter(registered_on__year=2025).count() >= 85
    states = set(LegalReview.objects.values_list("state", flat=True))
    assert states == {"submitted", "in_review", "returned", "concluded", "withdrawn"}
    assert LegalReview.objects.exclude(early_reason="").count() == 1
    assert LegalReview.objects.filter(opinion="unlawful").count() >= 9
    assert list(events.verify_chain()) == []


def test_demo_pages_render(built, login):
    client = login(built.users["coordinator"])
    for url in ("/office/legal/", "/office/legal/contracts/", "/office/legal/advisers/"):
        assert client.get(url).status_code == 200
    for review in LegalReview.objects.order_by("state", "kind").distinct()[:40]:
        assert client.get(f"/office/legal/reviews/{review.pk}/").status_code == 200
    for c in Contract.objects.all()[:: max(1, Contract.objects.count() // 25)]:
        assert client.get(f"/office/legal/contracts/{c.pk}/").status_code == 200
    assert client.get("/office/").status_code == 200  # the deadline board with legal clocks


def test_demo_records_are_deterministic(demo_units):
    """The generator draws only from the seeded random: same seed, same records."""
    demo._advisers(demo_units)
    advisers = demo._advisers_by_unit()

    def plan(seed):
        demo_units.rng = random.Random(seed)
        return [
            (j.kind, j.unit, j.title, j.submitted, j.concluded, j.opinion, j.written, j.returned)
            for year in demo.TARGETS
            for j in demo._core_jobs(demo_units, calendar(), year, advisers, set())
        ]

    first = plan(7)
    assert first == plan(7) and first != plan(8)
    assert len(first) == sum(
        c + sum(demo.MIX[y].values()) for y, (_, c, _, _) in demo.TARGETS.items()
    )
