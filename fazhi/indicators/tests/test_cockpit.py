"""The indicator figures of the 驾驶舱 against a hand count.

Key indicators (FAZHI_COCKPIT_INDICATORS set to three), district values of 测试区人民政府:

| indicator                     | 2023 | 2024            | 2025             | shown 2023/24/25, change |
|-------------------------------|------|-----------------|------------------|--------------------------|
| 行政机关负责人出庭应诉率      | 80   | 90              | 100              | 80 / 90 / 100, +10       |
| 行政复议纠错率                | 6    | —               | 4                | 6 / — / 4, —             |
| 规范性文件合法性审核率 (computed by documents) | — | 50 typed in | 100 computed | — / — / 100, —  |

A typed-in value of a figure the documents module computes does not count (the system's
figure wins), so 2024 shows nothing. A 司法局 value is not the district's and is ignored.

Ranking (2025年度考核; two items): 司法局 10 + 20 = 30; 市场监管局 25 + 10 adjusted to 5 =
30; 城关街道 20 + 0 = 20. Equal totals share a rank: 1, 1, 3. The 2024 scheme is older and
not shown for 2025; for 2026 (no scheme yet) the 2025 ranking is shown.
"""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import cockpit
from fazhi.indicators.models import (
    AssessmentItem,
    AssessmentScheme,
    AssessmentScore,
    Indicator,
    IndicatorValue,
)

TODAY = dt.date(2025, 11, 10)
CODES = [
    "litigation.head_appearance_rate",
    "reconsideration.correction_rate",
    "documents.legality_review_rate",
]


@pytest.fixture
def values(district, settings, as_reported):
    # Typed in, as before the reconsideration module computed them.
    as_reported("litigation.head_appearance_rate", "reconsideration.correction_rate")
    settings.FAZHI_COCKPIT_INDICATORS = CODES
    gov = district["gov"]
    rep, comp = IndicatorValue.Source.REPORTED, IndicatorValue.Source.COMPUTED
    for code, year, value, source, unit in [
        ("litigation.head_appearance_rate", 2023, 80, rep, gov),
        ("litigation.head_appearance_rate", 2024, 90, rep, gov),
        ("litigation.head_appearance_rate", 2025, 100, rep, gov),
        ("litigation.head_appearance_rate", 2025, 40, rep, district["sfj"]),
        ("reconsideration.correction_rate", 2023, 6, rep, gov),
        ("reconsideration.correction_rate", 2025, 4, rep, gov),
        ("reconsideration.correction_rate", 2022, 9, rep, gov),
        ("documents.legality_review_rate", 2024, 50, rep, gov),
        ("documents.legality_review_rate", 2025, 100, comp, gov),
    ]:
        IndicatorValue.objects.create(
            indicator=Indicator.objects.get(code=code),
            unit=unit,
            year=year,
            value=Decimal(value),
            source=source,
        )
    return district


def test_key_indicators_equal_the_hand_count(values, people):
    (fig,) = cockpit.build(people["leader"], TODAY, 2025, only="indicators")
    assert fig.columns == ["指标", "计量单位", "2023年", "2024年", "2025年", "较上年变化"]
    assert [[cockpit.cell_text(v) for v in r] for r in fig.rows] == [
        ["行政机关负责人出庭应诉率", "%", "80", "90", "100", "10"],
        ["行政复议纠错率", "%", "6", "—", "4", "—"],
        ["规范性文件合法性审核率", "%", "—", "—", "100", "—"],
    ]
    assert fig.chart.kind == "line"
    assert fig.chart.labels == ["2023年", "2024年", "2025年"]
    assert [d["data"] for d in fig.chart.datasets] == [
        [80.0, 90.0, 100.0],
        [6.0, None, 4.0],
        [None, None, 100.0],
    ]
    assert fig.chart.suffix == "%"


def test_key_indicators_follow_the_year(values, people):
    (fig,) = cockpit.build(people["leader"], TODAY, 2024, only="indicators")
    assert [[cockpit.cell_text(v) for v in r] for r in fig.rows][1] == [
        "行政复议纠错率", "%", "9", "6", "—", "—",
    ]  # fmt: skip


@pytest.fixture
def scores(district):
    def scheme(year):
        s = AssessmentScheme.objects.create(year=year, name=f"{year}年度考核")
        a = AssessmentItem.objects.create(
            scheme=s, name="任务进展按期报送", points=Decimal(25), rule="manual"
        )
        b = AssessmentItem.objects.create(
            scheme=s, name="规范性文件备案", points=Decimal(20), rule="manual"
        )
        return a, b

    a, b = scheme(2025)
    for code, sa, sb, adj in [
        ("sfj", 10, 20, None),
        ("scjg", 25, 10, 5),
        ("town", 20, 0, None),
    ]:
        AssessmentScore.objects.create(item=a, unit=district[code], computed=Decimal(sa))
        AssessmentScore.objects.create(
            item=b,
            unit=district[code],
            computed=Decimal(sb),
            adjusted=None if adj is None else Decimal(adj),
            reason="" if adj is None else "佐证不足",
        )
    old_a, _ = scheme(2024)
    AssessmentScore.objects.create(item=old_a, unit=district["town"], computed=Decimal(25))
    return district


def test_ranking_equals_the_hand_count(scores, people):
    (fig,) = cockpit.build(people["coordinator"], TODAY, 2025, only="ranking")
    assert [[cockpit.cell_text(v) for v in r] for r in fig.rows] == [
        ["测试区司法局", "1", "30"],
        ["测试区市场监督管理局", "1", "30"],
        ["城关街道", "3", "20"],
    ]
    assert fig.chart.datasets[0]["data"] == [30.0, 30.0, 20.0]
    assert "2025年度考核" in fig.note
    (later,) = cockpit.build(people["coordinator"], dt.date(2026, 3, 1), 2026, only="ranking")
    assert later.rows == fig.rows
    (earlier,) = cockpit.build(people["coordinator"], TODAY, 2024, only="ranking")
    assert [[cockpit.cell_text(v) for v in r] for r in earlier.rows] == [["城关街道", "1", "25"]]
    (none,) = cockpit.build(people["coordinator"], TODAY, 2023, only="ranking")
    assert none.rows == [] and none.empty == "尚无考核得分"
