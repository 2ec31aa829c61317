"""The demo district's normative documents: fast, deterministic, and its figures are the
ones the demo's report quotes."""

from decimal import Decimal

import pytest

from fazhi.core import events
from fazhi.documents import demo, indicators
from fazhi.documents.models import Cleanup, NormativeDocument

# The demo district's today (conftest.demo_units builds it as of 2026-03-01).
pytestmark = pytest.mark.today(2026, 3, 1)


def test_demo_documents(demo_units):
    gov = demo_units.units["G00"].pk
    demo.build(demo_units)
    assert {y: indicators.reviewed(y)[gov] for y in (2023, 2024, 2025)} == {
        2023: 10,
        2024: 11,
        2025: 9,
    }
    assert {y: indicators.filed(y)[gov] for y in (2023, 2024, 2025)} == {
        2023: 9,
        2024: 10,
        2025: 8,
    }
    assert indicators.cleaned(2025)[gov] == 43
    assert indicators.cleaned_retained(2025)[gov] == 35
    assert indicators.cleaned_repealed(2025)[gov] == 6
    assert indicators.cleaned_expired(2025)[gov] == 2
    assert indicators.filing_rate(2025)[gov] == Decimal("100.0")
    assert indicators.filing_on_time_rate(2025)[gov] == Decimal("87.5")
    assert indicators.legality_review_rate(2025)[gov] == Decimal("100.0")
    S = NormativeDocument.Status
    states = list(
        NormativeDocument.objects.filter(source="created").values_list("status", flat=True)
    )
    assert states.count(S.PUBLISHED) == 10
    assert S.DISCUSSED in states and S.CONSULTING in states
    assert Cleanup.objects.get().state == "published"
    road = NormativeDocument.objects.get(title="示范区城市道路临时占用管理办法")
    assert road.doc_number.startswith("区政府规〔2025〕")
    assert NormativeDocument.objects.get(doc_number="区政府规〔2021〕3号").status == S.REPEALED
    assert list(events.verify_chain()) == []
