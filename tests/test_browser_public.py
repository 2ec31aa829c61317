"""The public side in a real browser (tests/browser.py): the API documentation page on an
intranet (Swagger UI from the app's own static files, under the CSP, nothing fetched from
another host), a citizen's comment that gets a receipt number, and the portal home's latest
publications leading to a print version."""

from __future__ import annotations

from tests.browser import DESKTOP, browser_session, marks

pytestmark = marks


def test_api_docs_render_from_the_app_alone(live_server, db):
    with browser_session(live_server.url, DESKTOP) as s:
        errors: list[str] = []
        s.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        s.goto("/api/docs")
        # Swagger UI renders the schema's operations (tags and paths) itself.
        s.page.wait_for_selector(".opblock", timeout=20000)
        assert s.page.locator(".opblock").count() > 10
        assert "/api/units" in s.visible_text()
        assert s.outside == []
        # Nothing refused by the CSP (a refused script or style is a console error).
        assert not [e for e in errors if "Content Security Policy" in e], errors
