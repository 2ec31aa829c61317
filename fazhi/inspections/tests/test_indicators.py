"""Each inspections.* figure equals a hand count on the fixture data: two tasks of
市场监管局 in 2025 (one joint with 城关街道), a third one voided by a redo (and its new
draft), results recorded and published on time, late, or not at all."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.indicators import registry
from fazhi.inspections import services as s
from fazhi.inspections.models import DrawnEntity

pytestmark = pytest.mark.today(2025, 11, 10)


def fig(code):
    return registry.COMPUTED[code].compute(2025)


@pytest.fixture
def year(insp, drawn_task, people, district):
    clerk = people["scjg_clerk"]
    # Task 1: 市场监管局 alone; 1 A + 2 B + 3 C + 5 D = 11 drawn.
    t1 = drawn_task(title="第一批")
    # Task 2: joint with 城关街道, every D entity (10, the 5 of task 1 among them).
    drawn_task(title="第二批（联合）", ratios={"A": 0, "B": 0, "C": 0, "D": 1},
                    departments=[insp["scjg"], insp["town"]],
                    items=[insp["item"], insp["town_item"]], per_department=1)  # fmt: skip
    # Task 3: every C entity, then voided by a redo: neither it nor its new draft counts.
    t3 = drawn_task(title="第三批", ratios={"A": 0, "B": 0, "C": 1, "D": 0})
    s.redo(t3, reason="抽查范围设置错误", actor=clerk)
    rows = list(DrawnEntity.objects.filter(task=t1).order_by("order"))
    outcomes = ["ok"] * 6 + ["rectify"] * 2 + ["case", "not_found"]
    for d, outcome in zip(rows, outcomes, strict=False):  # the 11th is not checked
        s.record_result(d, outcome=outcome, checked_on=dt.date(2025, 9, 26), actor=clerk)
    # Due 2025-10-30: six on time, two late (with a reason), two not published (overdue).
    s.publish_results(rows[:6], on=dt.date(2025, 10, 30), actor=clerk)
    s.publish_results(rows[6:8], on=dt.date(2025, 11, 3), actor=clerk, late_reason="系统故障")
    return district


def test_each_figure_is_the_hand_count(year):
    gov, scjg, town = year["gov"].pk, year["scjg"].pk, year["town"].pk
    # 40 存续 entities kept by 市场监管局 (the 2 注销 ones left out).
    assert fig("inspections.entities") == {scjg: 40, gov: 40}
    # One item in force per department.
    assert fig("inspections.check_items") == {scjg: 1, town: 1, gov: 2}
    # Snapshots of tasks 1 and 2: 4 市场监管局 certificates (both), 2 城关街道 (task 2).
    assert fig("inspections.inspectors") == {scjg: 4, town: 2, gov: 6}
    assert fig("inspections.tasks") == {scjg: 2, gov: 2}
    assert fig("inspections.joint_task_share") == {scjg: Decimal("50.0"), gov: Decimal("50.0")}
    # 10 checked in 2025, 3 with a problem found (2 责令整改, 1 立案查处).
    assert fig("inspections.entities_checked") == {scjg: 10, gov: 10}
    assert fig("inspections.problem_rate") == {scjg: Decimal("30.0"), gov: Decimal("30.0")}
    # 10 due (period ended 10-30 or published): 6 published by the due date.
    assert fig("inspections.publication_on_time_rate") == {
        scjg: Decimal("60.0"),
        gov: Decimal("60.0"),
    }
    # Distinct entities drawn by tasks 1–2 per class over the class's 10 in the pool:
    # A 1, B 2, C 3 (task 3's 10 C are voided), D 10 (task 1's 5 are among task 2's 10).
    for risk, pct in (("a", "10.0"), ("b", "20.0"), ("c", "30.0"), ("d", "100.0")):
        assert fig(f"inspections.coverage_{risk}") == {scjg: Decimal(pct), gov: Decimal(pct)}


def test_the_figures_are_in_the_catalogue():
    from fazhi.indicators.catalog import CATALOG

    codes = {row[0] for row in CATALOG}
    ours = {c for c in registry.COMPUTED if c.startswith("inspections.")}
    assert len(ours) == 12 and ours <= codes


def test_the_inspectors_figure_explains_itself(year):
    text = registry.COMPUTED["inspections.inspectors"].explain(2025, None)
    assert "冻结的执法检查人员名录库" in text
