"""The demo's decisions: deterministic, fast, and the year-over-year figures exist."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.decisions import demo, indicators
from fazhi.decisions.models import DecisionCatalog, MajorDecision, PostEvaluation

# The demo district's today (conftest.demo_units builds it as of 2026-03-01).
pytestmark = pytest.mark.today(2026, 3, 1)


def test_demo_builds_the_three_catalogues(demo_units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo.build(demo_units)
    gov = demo_units.units["G00"].pk
    assert {y: indicators.catalog_items(y)[gov] for y in (2023, 2024, 2025)} == {
        2023: 4,
        2024: 5,
        2025: 6,
    }
    for year in (2023, 2024, 2025):
        for fn in (
            indicators.legality_review_rate,
            indicators.collective_discussion_rate,
            indicators.consultation_rate,
        ):
            assert fn(year)[gov] == Decimal("100.0"), (fn.__name__, year)
    assert indicators.evaluations(2025)[gov] == 1
    assert DecisionCatalog.objects.get(year=2025).version == 2
    states = list(MajorDecision.objects.filter(year=2025).values_list("state", flat=True))
    assert sorted(states) == ["drafting"] + ["published"] * 5
    assert MajorDecision.objects.filter(year__lt=2025, archived_on__isnull=False).count() == 9
    assert PostEvaluation.objects.filter(finished_on__isnull=False).count() == 1
