"""In a real browser (Debian's chromium driven by Playwright): log in, reach the deadline
board, open a portal page. scripts/test.sh sets FAZHI_CHROMIUM; without it (a plain local
pytest run) the test is skipped."""

import os

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM")
pytestmark = [
    pytest.mark.today(2026, 4, 15),
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="FAZHI_CHROMIUM not set (scripts/test.sh sets it)"),
]


@pytest.fixture
def page(live_server):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        ctx = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        yield ctx.new_page()
        browser.close()


def test_login_reaches_board_and_portal(page, live_server, people, district):
    page.goto(f"{live_server.url}/office/")
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.content()
    assert page.input_value("input[name=username]") == "coordinator"
    page.fill("input[name=password]", "Test#pass-2025")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/office/")
    page.screenshot(path=os.environ.get("FAZHI_SHOT", "/tmp/fazhi-board.png"), full_page=True)
    assert page.locator("h1").inner_text().startswith("工作台")
    assert page.get_by_text("全部在办").is_visible()
    assert page.get_by_text("已超期").is_visible()
    # Bootstrap's own CSS is served by the app (no CDN): the navbar toggler is styled.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.navbar-toggler')).display")
        != "inline"
    )
    page.goto(f"{live_server.url}/workdays/?start=2025-09-26&length=10&unit=working")
    assert page.locator("#due-date").inner_text() == "2025-10-16"
    assert "测试区人民政府" in page.content()
