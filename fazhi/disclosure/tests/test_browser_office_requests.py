"""The request page in a real browser: the reply form offers the grounds select only for
the reply types that need one, with that type's grounds only (a static script: the CSP
allows no inline script), and the agency field only for 第三十六条第五项; a refused reply
keeps what was typed. No serious accessibility violation, nothing loaded from outside."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = marks


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reply_form_follows_the_reply_type(live_server, make_request, at, viewport):
    req, _ = make_request(received_on=dt.date(2025, 3, 3))
    at(dt.date(2025, 3, 5))
    with browser_session(live_server.url, viewport) as b:
        b.login("scjg_clerk", next_path="/office/disclosure/requests/")
        assert req.tracking_number in b.visible_text()
        assert b.axe() == []
        b.goto(f"/office/disclosure/requests/{req.pk}/")
        assert "答复期限" in b.visible_text() and "2025-03-31" in b.visible_text()
        assert b.axe() == []
        form = b.page.locator("#form-reply")
        kind = form.locator("select[name=reply-reply_type]")
        ground = form.locator("select[name=reply-ground]")
        agency = form.locator("input[name=reply-other_agency]")

        def offered():
            return ground.evaluate(
                "s => [...s.options].filter(o => o.value && !o.hidden).map(o => o.value)"
            )

        kind.select_option("provide")
        assert not ground.is_visible() and not agency.is_visible()
        kind.select_option("unable")
        assert ground.is_visible() and offered() == ["not_held", "create", "unclear"]
        kind.select_option("not_this_agency")
        assert not ground.is_visible() and agency.is_visible()
        kind.select_option("refuse")
        assert ground.is_visible() and "secret" in offered() and "repeat" not in offered()
        form.locator("textarea[name=reply-text]").fill("经审查，不予公开。")
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "选择理由" in b.visible_text()
        form = b.page.locator("#form-reply")
        assert form.locator("textarea[name=reply-text]").input_value() == "经审查，不予公开。"
        assert form.locator("select[name=reply-ground]").is_visible()
        assert b.outside == []
