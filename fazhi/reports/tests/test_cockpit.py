"""The annual report's readiness on the 驾驶舱, on 2025-11-10 for the 2025 report.

By hand: no report yet; of the catalogue's indicators only 行政机关负责人出庭应诉率 has a
district value for 2025 (司法局's own value is not the district's); no reporting period in
2025, so no progress to review; the 2026 工作要点 exists; no open oversight finding; the
report is due upward by 2026-03-01 and in public by 2026-03-31, 141 days away
(20 + 31 + 31 + 28 + 31). Generating the draft then fills in the report rows.
"""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import cockpit
from fazhi.core.tests.refusal import freeze
from fazhi.indicators.models import Indicator, IndicatorValue
from fazhi.plans.models import Plan
from fazhi.reports import services

TODAY = dt.date(2025, 11, 10)


@pytest.fixture
def ready(district, people, monkeypatch, as_reported):
    freeze(monkeypatch, TODAY)
    as_reported("litigation.head_appearance_rate")  # typed in, as before its module
    ind = Indicator.objects.get(code="litigation.head_appearance_rate")
    for unit, value in [(district["gov"], 100), (district["sfj"], 50)]:
        IndicatorValue.objects.create(
            indicator=ind, unit=unit, year=2025, value=Decimal(value), source="reported"
        )
    Plan.objects.create(
        title="测试区2026年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2026,
        end_year=2026,
        unit=district["gov"],
    )
    return district


def _rows(fig):
    return [[cockpit.cell_text(v) for v in r] for r in fig.rows]


def test_readiness_equals_the_hand_count(ready, people):
    total = Indicator.objects.count()
    (fig,) = cockpit.build(people["leader"], TODAY, 2025, only="report")
    assert fig.title == "2025年度法治政府建设报告准备情况"
    rows = _rows(fig)
    assert rows[0] == ["报告稿", "待补齐", "尚未生成，可在“年度报告”页由记录生成"]
    assert rows[1] == ["规定的五个部分", "待补齐", "报告生成后检查"]
    assert rows[2][:2] == ["全区指标数据", "待补齐"]
    assert rows[2][2].startswith(f"1/{total}项已有数据；缺：")
    assert "行政机关负责人出庭应诉率" not in rows[2][2]
    assert rows[3] == ["任务进展审核", "已就绪", "本年度没有报送周期"]
    assert rows[4] == ["下一年度安排", "已就绪", "取自《测试区2026年法治政府建设工作要点》"]
    assert rows[5] == ["督察问题整改", "提示", "问题均已销号"]
    assert rows[6] == [
        "报送与公开期限",
        "提示",
        "2026年03月01日前报送，2026年03月31日前公开；距公开期限141天",
    ]
    assert fig.chart.labels == ["指标数据"]
    assert fig.chart.datasets[0]["data"] == [round(100 / total, 1)]


def test_readiness_with_a_draft(ready, people):
    services.generate(2025, ready["gov"], people["coordinator"], today=TODAY)
    (fig,) = cockpit.build(people["leader"], TODAY, 2025, only="report")
    rows = _rows(fig)
    assert rows[0] == ["报告稿", "已就绪", "草稿"]
    assert rows[1] == ["规定的五个部分", "已就绪", "五个部分齐全"]
    assert rows[2][0] == "数字来源与占位符"
    assert fig.chart.labels == ["五个部分", "指标数据"]
    assert fig.chart.datasets[0]["data"][0] == 100.0
