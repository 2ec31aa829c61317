"""The 双随机、一公开 portal pages in a real browser (tests/browser.py): the task list, a
task's page and its verify page have no serious accessibility violation and fetch nothing
from another host; the verify form (labelled textarea, button 核验) answers 一致 for the
downloaded result and 不一致 for a copy with one inspector changed."""

from __future__ import annotations

import pytest

from fazhi.inspections import services as s
from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = [*marks, pytest.mark.today(2025, 11, 10)]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_verify_form_in_a_browser(live_server, drawn_task, people, size):
    task = s.reveal_seed(drawn_task(), actor=people["scjg_clerk"])
    lines = s.result_lines(task)
    risk, uscc, inspectors = lines[0].split("\t")
    ids = inspectors.split(",")
    ids[0] = "ZF2301004" if ids[0] != "ZF2301004" else "ZF2301003"
    tampered = "\n".join([f"{risk}\t{uscc}\t{','.join(ids)}", *lines[1:]])
    with browser_session(live_server.url, size) as b:
        for path in ("/inspections/", f"/inspections/tasks/{task.pk}/"):
            b.goto(path)
            assert task.title in b.visible_text()
            assert b.axe() == [], path
        b.goto(f"/inspections/tasks/{task.pk}/verify/")
        assert "一致" in b.page.locator("#stored-verdict").inner_text()
        for copy, verdict in (("\n".join(lines), "一致"), (tampered, "不一致")):
            b.page.get_by_label("抽取结果副本").fill(copy)
            with b.page.expect_navigation():
                b.page.get_by_role("button", name="核验").click()
            shown = b.page.locator("#copy-verdict").inner_text()
            assert shown.startswith(verdict), shown
        assert "第1行不一致" in b.visible_text()
        assert b.axe() == []
        assert b.outside == []
