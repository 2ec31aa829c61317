"""Approvals reach the approver (issue 12, point 2), in a real browser: 司法局's clerk
reports progress on a task 市场监管局 leads, after the due date; 市场监管局's reviewer sees
it on the 工作台 with the count in the header and sends it back; the clerk finds it sent back
on the 工作台 with the reason and reports again; the reviewer, filtering on 只看逾期报送,
accepts it in the batch review, and the count goes down."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze

from .browser import DESKTOP, browser_session, marks

pytestmark = marks

TASK = "深化包容审慎监管"


@pytest.fixture
def task(district, people, monkeypatch):
    from fazhi.plans import services
    from fazhi.plans.models import Plan, Section

    freeze(monkeypatch, dt.date(2025, 7, 15))  # the period's reports were due 10 July
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    task = services.create_task(
        plan, section=section, title=TASK, body="", unit_codes=["D23", "D08", "T01"], actor=coord
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    town = task.assignments.get(unit__code="T01")
    # 城关街道 reported on time: waiting for review too, but not among the late ones.
    services.submit_progress(
        town,
        period,
        text="完成社区法律顾问全覆盖。",
        status="on_track",
        actor=people["town_clerk"],
        on=dt.date(2025, 7, 8),
    )
    return task


def violations_in_content(s) -> list:
    """axe-core's serious/critical violations outside the shared navigation bar (whose
    colours belong to the office layout, not to this page)."""
    out = []
    for v in s.axe():
        for target in v["nodes"]:
            inside = s.page.evaluate(
                "t => !!document.querySelector(t)?.closest('.fz-navbar')", target[0]
            )
            if not inside:
                out.append((v["id"], target))
    return out


def header_count(s) -> str:
    badge = s.page.locator("#fz-waiting-count")
    return badge.inner_text().split("项")[0].strip() if badge.count() else "0"


def test_clerk_reports_reviewer_returns_then_batch_accepts(live_server, task):
    url = f"/office/plans/tasks/{task.pk}/"

    with browser_session(live_server.url, DESKTOP) as s:
        s.login("sfj_clerk", next_path=url)
        s.page.fill("textarea[name=progress-text]", "制定包容审慎监管执法清单。")
        s.page.select_option("select[name=progress-status]", "on_track")
        with s.page.expect_navigation():
            s.page.click("button:has-text('报送')")
        assert "进展已报送，等待审核" in s.visible_text()

    with browser_session(live_server.url, DESKTOP) as s:
        s.login("scjg_reviewer")
        assert header_count(s) == "2"
        waiting = s.page.locator("[data-provider='plans.review']")
        assert "待审核的任务进展" in waiting.inner_text()
        assert "逾期报送，待审核" in waiting.inner_text() and "区司法局" in waiting.inner_text()
        assert violations_in_content(s) == []
        s.goto(url)
        row = s.page.locator("tr", has_text="区司法局")
        row.locator("input[name=reason]").fill("请补充执法清单的文号")
        with s.page.expect_navigation():
            row.locator("button:has-text('退回')").click()
        assert "已退回" in s.visible_text()

    with browser_session(live_server.url, DESKTOP) as s:
        s.login("sfj_clerk")
        assert header_count(s) == "1"
        back = s.page.locator("[data-provider='plans.returned']").inner_text()
        assert TASK in back and "请补充执法清单的文号" in back and "已退回，待重新报送" in back
        assert "还剩5个工作日" in back  # the resubmission clock, in the one wording
        with s.page.expect_navigation():
            s.page.click(f"[data-provider='plans.returned'] a:has-text('{TASK}')")
        s.page.fill(
            "textarea[name=progress-text]", "制定包容审慎监管执法清单（测市监规〔2025〕1号）。"
        )
        s.page.select_option("select[name=progress-status]", "done")
        with s.page.expect_navigation():
            s.page.click("button:has-text('报送')")
        s.goto("/office/")
        assert header_count(s) == "0"
        assert "目前没有等待您审核、重新报送或审查的事项" in s.visible_text()

    with browser_session(live_server.url, DESKTOP) as s:
        s.login("scjg_reviewer")
        assert header_count(s) == "2"
        with s.page.expect_navigation():
            s.page.click("a:has-text('全部2项，批量处理')")
        assert s.page.locator("input[name=progress]").count() == 2
        s.page.select_option("#show", "late")
        with s.page.expect_navigation():
            s.page.click("#review-filter button")
        rows = s.page.locator("#review-batch tbody tr")
        assert rows.count() == 1 and "区司法局" in rows.inner_text()
        assert violations_in_content(s) == []
        rows.locator("input[name=progress]").check()
        with s.page.expect_navigation():
            s.page.click("button:has-text('审核通过所选进展')")
        assert "已审核通过1项进展" in s.visible_text()
        assert "没有逾期报送、等待审核的进展" in s.visible_text()
        assert header_count(s) == "1"
        assert s.outside == []
