"""The plan's progress matrix in a real browser, as the coordinator (issue 12, point 4):
a click on a cell lands on that unit's progress and evidence for that task; at phone
width the matrix scrolls sideways while the task column stays in view; the assessment
page's unit select filters as one types; no serious accessibility violation.

Fixture: the conftest district plus twelve more townships, so that the matrix (one
column per responsible unit) is wider than a phone. 城关街道 reported on the task with
evidence; "today" is 2025-11-10, after the period's due date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser import AXE, DESKTOP, PHONE, browser_session, marks

pytestmark = marks

TOWN_TEXT = "城关街道：完成社区法律顾问全覆盖，签订聘用合同十二份。"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TOWNS = [
    "东城",
    "西城",
    "南湖",
    "北山",
    "青石",
    "白沙",
    "红旗",
    "新华",
    "长安",
    "永安",
    "太平",
    "和平",
]


@pytest.fixture
def plan(district, people, monkeypatch):
    from fazhi.core import services as core
    from fazhi.core.models import OrgUnit
    from fazhi.core.tests.refusal import freeze
    from fazhi.plans import services
    from fazhi.plans.models import Plan, Section

    freeze(monkeypatch, dt.date(2025, 7, 8))
    codes = ["D08", "D23", "T01"]
    for i, name in enumerate(TOWNS, start=2):
        code = f"T{i:02d}"
        core.save_unit(
            OrgUnit(code=code, name=f"{name}街道", kind="township", parent=district["gov"]), None
        )
        codes.append(code)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    tasks = [
        services.create_task(
            plan, section=section, title=title, body="", unit_codes=codes, actor=coord
        )
        for title in ("深化包容审慎监管", "推进社区法律顾问全覆盖", "清理行政规范性文件")
    ]
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    town = tasks[1].assignments.get(unit__code="T01")
    services.submit_progress(
        town,
        period,
        text=TOWN_TEXT,
        status="done",
        actor=people["town_clerk"],
        files=[SimpleUploadedFile("聘用合同.pdf", PDF)],
        on=dt.date(2025, 7, 8),
    )
    freeze(monkeypatch, dt.date(2025, 11, 10))
    plan.task = tasks[1]
    return plan


def test_a_cell_click_lands_on_the_units_progress(live_server, plan):
    with browser_session(live_server.url, DESKTOP) as s:
        s.login("coordinator")
        s.goto(f"/office/plans/{plan.pk}/matrix/")
        row = s.page.locator("tbody tr", has_text="推进社区法律顾问全覆盖")
        cell = row.get_by_role("link", name="城关街道：待审核")
        with s.page.expect_navigation():
            cell.click()
        assert f"/office/plans/tasks/{plan.task.pk}/units/T01/" in s.page.url
        text = s.visible_text()
        assert "城关街道：任务2的进展和佐证材料" in text
        assert TOWN_TEXT in text and "聘用合同.pdf" in text
        assert axe_on(s, "main section") == []
        assert s.outside == []


def test_first_column_stays_in_view_when_scrolled_on_a_phone(live_server, plan):
    with browser_session(live_server.url, PHONE) as s:
        s.login("coordinator")
        s.goto(f"/office/plans/{plan.pk}/matrix/")
        box = s.page.locator(".fz-matrix")
        first = s.page.locator("tbody tr", has_text="推进社区法律顾问全覆盖").locator("th")
        last_head = s.page.locator("thead th").last
        before = first.bounding_box()
        assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "matrix fits: no test"
        assert not _in_view(s.page, last_head)
        box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        s.page.wait_for_timeout(100)
        assert box.evaluate("el => el.scrollLeft") > 0
        after = first.bounding_box()
        # The task column did not move, is still on screen, and is not covered by a cell.
        assert abs(after["x"] - before["x"]) < 1 and after["x"] >= 0
        assert first.inner_text().startswith("2. 推进社区法律顾问")
        covered = s.page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('th')?.innerText || ''",
            [after["x"] + 10, after["y"] + after["height"] / 2],
        )
        assert covered.startswith("2. 推进社区法律顾问")
        # ...while the last unit's column came into view.
        assert _in_view(s.page, last_head)
        assert axe_on(s, ".fz-matrix", ".fz-legend") == []


def axe_on(s, *selectors: str) -> list[dict]:
    """Serious or critical axe-core violations inside the given parts of the page (what
    this change drew: the matrix and its legend, the progress cards, the assessment table
    and form; the page frame is the layout's, scanned by the layout's own tests)."""
    s.page.evaluate(AXE.read_text(encoding="utf-8"))
    return s.page.evaluate(
        "async (sel) => (await axe.run({include: sel.map(x => [x])},"
        " {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => ({id: v.id, nodes: v.nodes.slice(0, 5).map(n => n.target)}))",
        list(selectors),
    )


def _in_view(page, locator) -> bool:
    b = locator.bounding_box()
    return b is not None and b["x"] + b["width"] <= page.viewport_size["width"] + 1


@pytest.mark.today(2026, 2, 10)
def test_assessment_unit_select_filters_as_one_types(live_server, people, district):
    from fazhi.indicators import services
    from fazhi.indicators.models import AssessmentItem, AssessmentScheme

    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    services.compute_scores(scheme, people["coordinator"])
    with browser_session(live_server.url, PHONE) as s:
        s.login("coordinator")
        s.goto(f"/office/indicators/assessments/{scheme.pk}/")
        # The scoring basis opens with a tap, no hovering.
        s.page.locator("details.fz-basis summary").first.click()
        assert s.page.locator("details.fz-basis .fz-basis-text").first.is_visible()
        s.page.locator(".ts-wrapper", has=s.page.locator("#adjust-unit-ts-control")).click()
        s.page.keyboard.type("城关")
        from playwright.sync_api import expect

        options = s.page.locator("#adjust-unit-ts-dropdown .option")
        expect(options).to_have_count(1)
        assert options.all_inner_texts() == ["城关街道"]
        options.first.click()
        assert s.page.input_value("#adjust-unit") == str(district["town"].pk)
        assert s.outside == []
        assert axe_on(s, ".fz-assessment", "main form") == []
