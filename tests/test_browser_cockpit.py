"""The 驾驶舱 in a real browser, as the leader: the login lands on it, every chart is drawn
by Chart.js (served by the app), every figure has its table, nothing is fetched from
another site, it reads on a phone without sideways scrolling, and 催报 works in one click.
"Today" is frozen at 2025-11-10 (also for the live server)."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = marks

TODAY = dt.date(2025, 11, 10)
FIGURES = ["plan_parts", "plan_units", "lagging", "clocks", "indicators", "ranking", "report"]


@pytest.fixture
def steering(district, people, monkeypatch, as_reported):
    from fazhi.core.tests.refusal import freeze
    from fazhi.indicators.models import (
        AssessmentItem,
        AssessmentScheme,
        AssessmentScore,
        Indicator,
        IndicatorValue,
    )
    from fazhi.plans import services
    from fazhi.plans.models import Plan, Section

    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区法治政府建设实施方案（2021—2025年）",
        kind=Plan.Kind.IMPLEMENTATION,
        start_year=2021,
        end_year=2025,
        unit=district["gov"],
    )
    one = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    two = Section.objects.create(plan=plan, number="二", title="健全依法行政制度体系", order=1)
    t1 = services.create_task(
        plan, section=one, title="深化包容审慎监管", body="", unit_codes=["D23", "D08"],
        actor=coord,
    )  # fmt: skip
    services.create_task(
        plan, section=two, title="加强规范性文件监督管理", body="", unit_codes=["T01"],
        actor=coord,
    )  # fmt: skip
    period = services.open_period(
        plan, name="2025年上半年", year=2025, start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30), report_due=dt.date(2025, 7, 10), actor=coord,
    )  # fmt: skip
    services.submit_progress(
        t1.assignments.get(unit__code="D08"), period, text="已完成。", status="done",
        actor=people["sfj_clerk"], on=dt.date(2025, 7, 8),
    )  # fmt: skip
    services.submit_progress(
        t1.assignments.get(unit__code="D23"), period, text="滞后。", status="behind",
        actor=people["scjg_clerk"], on=dt.date(2025, 7, 8),
    )  # fmt: skip
    as_reported("litigation.head_appearance_rate")  # typed in, as before it was computed
    ind = Indicator.objects.get(code="litigation.head_appearance_rate")
    for year, value in [(2023, 80), (2024, 90), (2025, 100)]:
        IndicatorValue.objects.create(
            indicator=ind, unit=district["gov"], year=year, value=Decimal(value),
            source="reported",
        )  # fmt: skip
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    item = AssessmentItem.objects.create(
        scheme=scheme, name="人工评分", points=Decimal(100), rule="manual"
    )
    for code, score in [("sfj", 90), ("scjg", 85), ("town", 70)]:
        AssessmentScore.objects.create(item=item, unit=district[code], computed=Decimal(score))
    return district


def _check_page(s):
    page = s.page
    page.wait_for_function("window.fazhiCharts && Object.keys(window.fazhiCharts).length >= 7")
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('canvas[id^="chart-"]')).map(c => ({
            id: c.id, chart: !!Chart.getChart(c), w: c.width, h: c.height }))"""
    )
    assert sorted(d["id"] for d in drawn) == sorted(f"chart-{f}" for f in FIGURES)
    assert all(d["chart"] and d["w"] > 0 and d["h"] > 0 for d in drawn), drawn
    tables = page.locator("table[data-figure]")
    assert sorted(tables.evaluate_all("ts => ts.map(t => t.dataset.figure)")) == sorted(FIGURES)
    ranking = page.locator('table[data-figure="ranking"]').inner_text()
    assert "测试区司法局" in ranking and "90" in ranking
    text = s.visible_text()
    for title in ["计划完成情况（按部分）", "滞后单位与催报", "各单位超期的法定期限",
                  "主要指标三年走势", "年度考核排名", "2025年度法治政府建设报告准备情况"]:  # fmt: skip
        assert title in text
    # Nothing wider than the screen (no sideways scrolling of the page).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert s.outside == []


def _axe_main(s):
    """Serious and critical axe-core violations inside the page's own content (the shared
    navigation bar is checked by the layout's tests)."""
    import json

    from tests.browser import AXE

    s.page.evaluate(AXE.read_text(encoding="utf-8"))
    found = json.loads(
        s.page.evaluate(
            "async () => JSON.stringify(await axe.run('main', {resultTypes: ['violations']}))"
        )
    )["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"][:5]])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_leader_lands_on_the_charts(steering, live_server, viewport):
    with browser_session(live_server.url, viewport) as s:
        s.login("leader")
        assert s.page.url.endswith("/office/cockpit/")
        _check_page(s)
        assert _axe_main(s) == []


def test_one_click_urge(steering, live_server):
    from fazhi.core.models import Notification

    with browser_session(live_server.url, PHONE) as s:
        s.login("coordinator", next_path="/office/cockpit/")
        with s.page.expect_navigation():
            s.page.get_by_role("button", name="催报城关街道").click()
        text = s.visible_text()
        assert "已向城关街道催报1项任务，通知1人" in text
        assert "今日已催报" in text
        assert s.page.get_by_role("button", name="催报城关街道").count() == 0
        assert s.outside == []
    assert Notification.objects.filter(recipient__username="town_clerk").count() == 1
