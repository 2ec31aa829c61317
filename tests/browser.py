"""What the browser tests share: a Debian chromium driven by Playwright, logging in as a
persona, a guard that records (and blocks) every request leaving the site, and an axe-core
accessibility scan.

scripts/test.sh sets FAZHI_CHROMIUM; without it (a plain local pytest run) the browser
tests are skipped. axe-core comes from the npm registry with the app's other front-end
libraries (assets/package-lock.json, installed by ``make install``).
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM")
PASSWORD = "Test#pass-2025"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
AXE = Path(__file__).resolve().parent.parent / "assets" / "node_modules" / "axe-core" / "axe.min.js"

skip_without_browser = pytest.mark.skipif(
    not CHROMIUM, reason="FAZHI_CHROMIUM not set (scripts/test.sh sets it)"
)
marks = [pytest.mark.browser, skip_without_browser]


class Session:
    """One browser page, plus every request it made to another host (those are aborted:
    the app must work on an intranet with no CDN)."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.outside: list[str] = []
        host = urlsplit(base_url).netloc

        def guard(route):
            url = route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about") or parts.netloc == host:
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.route("**/*", guard)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def another(self) -> Session:
        """A second person at another computer: a fresh context of the same browser (no
        shared cookies), same viewport. Close it with ``.page.context.close()``."""
        ctx = self.page.context.browser.new_context(
            locale="zh-CN", viewport=self.page.viewport_size
        )
        return Session(ctx.new_page(), self.base_url)

    def login(self, username: str, password: str = PASSWORD, next_path: str = "/office/"):
        self.goto(next_path)
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click("button[type=submit]")
        self.page.wait_for_load_state()
        return self

    def visible_text(self) -> str:
        return self.page.locator("body").inner_text()

    def axe(self, impacts=("serious", "critical")) -> list[dict]:
        """The page's accessibility violations of the given impact, as axe-core reports
        them (rule id, help text, and the first offending elements)."""
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"
        )
        found = json.loads(result)["violations"]
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in found
            if v["impact"] in impacts
        ]


@contextmanager
def browser_session(base_url: str, viewport=PHONE):
    """A fresh chromium (no shared cookies) on ``base_url``; yields a Session."""
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
        try:
            ctx = browser.new_context(locale="zh-CN", viewport=viewport)
            yield Session(ctx.new_page(), base_url)
        finally:
            browser.close()
