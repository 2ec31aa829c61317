"""Computed figures equal a hand count over the records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.decisions import indicators, services
from fazhi.decisions.models import CatalogItem, MajorDecision
from fazhi.indicators import registry

from .conftest import published

TODAY = dt.date(2025, 11, 10)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def test_registered(db):
    for code in (
        "decisions.catalog_items",
        "decisions.legality_review_rate",
        "decisions.collective_discussion_rate",
        "decisions.consultation_rate",
        "decisions.evaluations",
    ):
        assert code in registry.COMPUTED
        assert registry.COMPUTED[code].records_url(1, 2025).startswith("/office/decisions/")


def test_figures_equal_hand_counts(decision, people, adviser, district):
    year = TODAY.year
    gov, sfj, scjg = district["gov"], district["sfj"], district["scjg"]
    published(decision, people, adviser)
    services.start_evaluation(
        decision,
        trigger="necessary",
        trigger_detail="实施一年",
        evaluator="某研究中心",
        third_party=True,
        started_on=TODAY,
        actor=people["sfj_clerk"],
    )
    # The 2025 catalogue (fixture) has one item each of 司法局 and 市场监管局.
    items = CatalogItem.objects.filter(catalog__year=2025, state="included")
    hand = {}
    for i in items:
        hand[i.unit_id] = hand.get(i.unit_id, 0) + 1
    got = indicators.catalog_items(2025)
    assert got[sfj.pk] == hand[sfj.pk] == 1 and got[scjg.pk] == hand[scjg.pk] == 1
    assert got[gov.pk] == Decimal(items.count()) == 2
    # Removing an item takes it off the count.
    services.adjust_remove(
        CatalogItem.objects.get(unit=scjg),
        reason="暂缓",
        decided_on=dt.date(2025, 7, 1),
        actor=people["coordinator"],
    )
    assert indicators.catalog_items(2025)[gov.pk] == 1
    # Rates over the decisions made this year: one, reviewed, discussed, exempted.
    made = MajorDecision.objects.filter(decided_on__year=year)
    assert made.count() == 1
    assert indicators.legality_review_rate(year) == {
        sfj.pk: Decimal("100.0"),
        gov.pk: Decimal("100.0"),
    }
    assert indicators.collective_discussion_rate(year)[gov.pk] == Decimal("100.0")
    # Participation was an exemption, not a consultation: 0 of 1.
    assert indicators.consultation_rate(year)[gov.pk] == Decimal("0.0")
    assert indicators.evaluations(year) == {sfj.pk: Decimal(1), gov.pk: Decimal(1)}
    assert indicators.legality_review_rate(year - 5) == {}


def test_rates_mix(decision, people, adviser, district):
    """Two decisions made, one without a legality snapshot (a record imported from before
    the platform): rate 50%."""
    year = TODAY.year
    published(decision, people, adviser)
    other = services.start_decision(
        CatalogItem.objects.get(unit=district["scjg"]),
        actor=people["scjg_clerk"],
        draft="草案",
        explanation="说明",
    )
    MajorDecision.objects.filter(pk=other.pk).update(
        decided_on=TODAY, participation="consultation", state="decided"
    )
    gov = district["gov"]
    assert indicators.legality_review_rate(year)[gov.pk] == Decimal("50.0")
    assert indicators.legality_review_rate(year)[district["scjg"].pk] == Decimal("0.0")
    assert indicators.consultation_rate(year)[gov.pk] == Decimal("50.0")
    assert indicators.collective_discussion_rate(year)[gov.pk] == Decimal("50.0")


def test_figure_link_lists_the_decisions_made_in_the_year(
    decision, people, adviser, district, login
):
    """The rate's link opens the decisions it counts (made in the year), not the catalogue
    year's list; a decision still in drafting is not among them."""
    year = TODAY.year
    published(decision, people, adviser)
    drafting = services.start_decision(
        CatalogItem.objects.get(unit=district["scjg"]),
        actor=people["scjg_clerk"],
        draft="草案",
        explanation="说明",
    )
    url = registry.COMPUTED["decisions.legality_review_rate"].records_url(district["gov"].pk, year)
    body = login(people["coordinator"]).get(url).content.decode()
    assert f"/office/decisions/{decision.pk}/" in body
    assert f"/office/decisions/{drafting.pk}/" not in body
    assert "计入的决策：共1项" in body
