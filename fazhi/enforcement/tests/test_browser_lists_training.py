"""The training form's attendees are a searchable multi-select in a real browser (Tom
Select, core/searchable.js): typing part of a name finds the officer, several can be
chosen, and the session is recorded with them."""

import pytest

from tests.browser import DESKTOP, browser_session, marks

pytestmark = [*marks, pytest.mark.today(2025, 11, 10)]


def test_attendees_are_picked_by_typing_their_names(live_server, enf, people):
    from fazhi.enforcement.models import Training

    with browser_session(live_server.url, DESKTOP) as s:
        s.login("scjg_clerk")
        s.goto("/office/enforcement/trainings/new/")
        page = s.page
        page.fill("#id_topic", "行政处罚法专题培训")
        page.fill("#id_held_on", "2025-11-03")
        page.fill("#id_hours", "16")
        control = page.locator("#id_attendees-ts-control")
        for name in ("赵执法", "钱审核"):
            control.fill("")
            control.press_sequentially(name[:1])
            option = page.locator("#id_attendees-ts-dropdown .option", has_text=name)
            option.first.click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url("**/office/enforcement/officers/")
        assert "2人参训" in s.visible_text()
        assert not s.outside
    t = Training.objects.get()
    assert sorted(o.name for o in t.attendees.all()) == ["赵执法", "钱审核"]
