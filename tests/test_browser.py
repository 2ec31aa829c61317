"""In a real browser (Debian's chromium driven by Playwright), at desktop and phone width:
log in (a wrong password first), reach the deadline board, open the public working-day
calculator. Assertions are on what the page shows (``inner_text``, roles), not on its HTML.
scripts/test.sh sets FAZHI_CHROMIUM; without it (a plain local pytest run) the test is
skipped."""

import os

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = [pytest.mark.today(2026, 4, 15), *marks]

WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@WIDTHS
def test_login_reaches_board_and_portal(live_server, people, district, viewport):
    with browser_session(live_server.url, viewport) as s:
        page = s.page
        s.goto("/office/")
        page.fill("input[name=username]", "coordinator")
        page.fill("input[name=password]", "wrong-password")
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert "用户名或密码不正确" in s.visible_text()
        assert page.input_value("input[name=username]") == "coordinator"  # what was typed
        page.fill("input[name=password]", "Test#pass-2025")
        with page.expect_navigation():
            page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/office/")
        shot = os.environ.get("FAZHI_SHOT", "/tmp/fazhi-board.png")
        page.screenshot(path=shot.replace(".png", f"-{viewport['width']}.png"), full_page=True)
        assert page.get_by_role("heading", level=1).inner_text().startswith("工作台")
        assert page.get_by_text("全部在办").is_visible()
        assert page.get_by_text("已超期").is_visible()
        # Bootstrap's own CSS is served by the app (no CDN): the navbar toggler is styled,
        # shown on a phone and hidden on a desktop (navbar-expand-xl).
        toggler = page.locator(".navbar-toggler")
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.navbar-toggler')).display")
            != "inline"
        )
        assert toggler.is_visible() == (viewport == PHONE)

        s.goto("/workdays/?start=2025-09-26&length=10&unit=working")
        assert page.locator("#due-date").inner_text() == "2025-10-16"
        assert "测试区人民政府" in s.visible_text()
        assert s.outside == []
