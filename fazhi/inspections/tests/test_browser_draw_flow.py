"""Issue 14's browser path, end to end: the clerk creates a task on its form, publishes the
commitment, draws and reveals the seed on the task's page; the public sees the commitment
before the draw and the seed only after, and the verify page says 一致 for the published
result and 不一致 for a copy with one drawn entity changed."""

from __future__ import annotations

import pytest

from fazhi.inspections.models import InspectionTask
from tests.browser import DESKTOP, browser_session, marks

from .conftest import uscc

pytestmark = [*marks, pytest.mark.today(2025, 11, 10)]

TITLE = "2025年第五批食品经营者抽查"


def _click(page, name: str):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_commit_draw_reveal_then_the_public_verifies(live_server, insp, people):
    with browser_session(live_server.url, DESKTOP) as b:
        b.login("scjg_clerk", next_path="/office/inspections/tasks/new/")
        page = b.page
        page.get_by_label("所属抽查工作计划").select_option(str(insp["plan"].pk))
        page.get_by_label("任务名称").fill(TITLE)
        page.locator("#id_items").select_option(str(insp["item"].pk))
        for risk, ratio in zip("abcd", ("10", "20", "30", "50"), strict=True):
            page.locator(f"#id_ratio_{risk}").fill(ratio)
        page.get_by_label("检查开始日期").fill("2025-09-01")
        page.get_by_label("检查结束日期").fill("2025-10-31")
        _click(page, "创建")
        assert "已创建抽查任务" in b.visible_text()
        task = InspectionTask.objects.get(title=TITLE)
        office = page.url

        _click(page, "公布抽取承诺")
        task.refresh_from_db()
        assert task.seed_hash in b.visible_text()
        # The portal shows the commitment before the draw, never the seed.
        b.goto(f"/inspections/tasks/{task.pk}/")
        public = b.visible_text()
        assert task.seed_hash in public and task.snapshot_hash in public
        assert task.seed not in page.content()

        b.goto(office.removeprefix(live_server.url))
        _click(page, "抽取检查对象和检查人员")
        assert "已抽取检查对象" in b.visible_text()
        assert page.get_by_role("button", name="抽取检查对象和检查人员").count() == 0
        _click(page, "公布随机种子")
        task.refresh_from_db()
        assert task.seed in b.visible_text()

        b.goto(f"/inspections/tasks/{task.pk}/")
        assert task.seed in b.visible_text()
        # The download the page offers (an attachment: fetched, not opened).
        got = page.request.get(f"{live_server.url}/inspections/tasks/{task.pk}/result.txt")
        assert got.ok
        published = got.text()
        lines = published.splitlines()
        assert len(lines) == task.drawn.count() > 0

        b.goto(f"/inspections/tasks/{task.pk}/verify/")
        assert page.locator("#stored-verdict").inner_text().startswith("一致")
        risk, _code, inspectors = lines[-1].split("\t")
        others = {uscc(i) for i in range(40)} - {line.split("\t")[1] for line in lines}
        swapped = "\n".join([*lines[:-1], f"{risk}\t{sorted(others)[0]}\t{inspectors}"])
        for copy, verdict in ((published, "一致"), (swapped, "不一致")):
            page.get_by_label("抽取结果副本").fill(copy)
            _click(page, "核验")
            assert page.locator("#copy-verdict").inner_text().startswith(verdict)
        assert f"第{len(lines)}行不一致" in b.visible_text()
        assert b.outside == []
