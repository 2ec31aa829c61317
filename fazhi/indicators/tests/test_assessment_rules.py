"""The assessment's scoring rules against hand-computed scores: a figure below its threshold
scores in proportion, a figure not reported scores nothing, and a unit with an overdue
rectification (法治督察 finding still open after its 整改期限) scores 0 on that item.

Small district: 司法局 (D08), 市场监管局 (D23) and 城关街道 (T01) are assessed; the
2025 assessment is computed on 2026-01-15 (frozen)."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.indicators import services
from fazhi.indicators.models import (
    AssessmentItem,
    AssessmentScheme,
    Indicator,
    IndicatorValue,
    Oversight,
)

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def scheme(db, monkeypatch):
    freeze(monkeypatch, TODAY)
    return AssessmentScheme.objects.create(year=2025, name="2025年度法治政府建设考核")


def _scores(item):
    return {s.unit.code: (s.computed, s.basis) for s in item.scores.select_related("unit")}


def _value(code, unit, value, year=2025):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        unit=unit,
        year=year,
        value=Decimal(value),
        source=IndicatorValue.Source.REPORTED,
    )


def test_below_threshold_scores_in_proportion(scheme, district, people, as_reported):
    """rate_at_least, 10 points at 80%: 100% → 10; 60% → 10 × 60/80 = 7.50; exactly 80% →
    10; not reported → 0. at_least, 6 points at 12 sessions: 5 → 6 × 5/12 = 2.50; 12 → 6."""
    # Typed in, as before the reconsideration module computed them.
    as_reported("litigation.head_appearance_rate", "suggestion.judicial")
    rate = AssessmentItem.objects.create(
        scheme=scheme,
        name="行政机关负责人出庭应诉率",
        points=Decimal(10),
        rule="rate_at_least",
        indicator=Indicator.objects.get(code="litigation.head_appearance_rate"),
        threshold=Decimal(80),
    )
    count = AssessmentItem.objects.create(
        scheme=scheme,
        name="办理司法建议",
        points=Decimal(6),
        rule="at_least",
        indicator=Indicator.objects.get(code="suggestion.judicial"),
        threshold=Decimal(12),
    )
    _value("litigation.head_appearance_rate", district["sfj"], "100")
    _value("litigation.head_appearance_rate", district["scjg"], "60")
    _value("litigation.head_appearance_rate", district["town"], "80")
    _value("litigation.head_appearance_rate", district["town"], "20", year=2024)  # not 2025
    _value("suggestion.judicial", district["sfj"], "5")
    _value("suggestion.judicial", district["scjg"], "12")
    services.compute_scores(scheme, people["coordinator"])
    got = {code: pts for code, (pts, _) in _scores(rate).items()}
    assert got == {"D08": Decimal("10.00"), "D23": Decimal("7.50"), "T01": Decimal("10.00")}
    assert _scores(rate)["D23"][1] == "行政机关负责人出庭应诉率为60%，未达80，按比例得分"
    assert _scores(rate)["T01"][1] == "行政机关负责人出庭应诉率为80%，达到80"
    got = {code: pts for code, (pts, _) in _scores(count).items()}
    assert got == {"D08": Decimal("2.50"), "D23": Decimal("6.00"), "T01": Decimal("0.00")}
    assert _scores(count)["T01"][1] == "未报送该指标，不得分"


def _finding(district, people, unit, rectify_by, state=Oversight.State.OPEN):
    ov = services.create_finding(
        unit=district[unit],
        source="visit",
        title=f"{unit}案卷问题",
        finding="案卷缺少送达回证",
        found_on=dt.date(2025, 9, 1),
        rectify_by=rectify_by,
        actor=people["coordinator"],
    )
    Oversight.objects.filter(pk=ov.pk).update(state=state)
    return ov


def test_overdue_rectification_scores_zero(scheme, district, people, monkeypatch):
    """Open past its 整改期限 (2025-12-31 < 2026-01-15) → 0 of 8. Due today (2026-01-15)
    is not yet overdue; reported before the date is not open; a finding closed long ago
    does not count."""
    item = AssessmentItem.objects.create(
        scheme=scheme, name="督察问题整改", points=Decimal(8), rule="no_open_rectification"
    )
    _finding(district, people, "scjg", dt.date(2025, 12, 31))
    _finding(district, people, "town", TODAY)
    _finding(district, people, "sfj", dt.date(2025, 10, 1), state=Oversight.State.REPORTED)
    _finding(district, people, "sfj", dt.date(2025, 11, 1), state=Oversight.State.CLOSED)
    services.compute_scores(scheme, people["coordinator"])
    scores = _scores(item)
    assert scores["D23"] == (Decimal("0.00"), "有逾期未整改的督察问题")
    assert scores["T01"] == (Decimal("8.00"), "督察问题均按期整改或无督察问题")
    assert scores["D08"] == (Decimal("8.00"), "督察问题均按期整改或无督察问题")
    # A day later the township's finding is overdue too.
    freeze(monkeypatch, TODAY + dt.timedelta(days=1))
    services.compute_scores(scheme, people["coordinator"])
    assert _scores(item)["T01"] == (Decimal("0.00"), "有逾期未整改的督察问题")
