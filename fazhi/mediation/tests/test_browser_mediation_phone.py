"""The 排查登记 and the mediator's step forms on a 390 px phone (a 网格员 in the field): no
horizontal scroll, labels above the inputs, touch targets at least 44 px high; a record
refused for a bad 身份证号 says what is wrong in Chinese and keeps every typed value, and
saves once fixed. No serious accessibility violation, nothing loaded from outside."""

from __future__ import annotations

import datetime as dt

from tests.browser import PHONE, browser_session, marks

from .fixtures_screens import *  # noqa: F403  (fixtures)
from .fixtures_screens import ID_A, ID_B

pytestmark = marks

URL = "/office/mediation/disputes/"


def _fits(b) -> None:
    width = b.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px"


def _labels_above(b, form) -> None:
    """Each visible input's label ends above the input (not beside it)."""
    pairs = form.evaluate(
        """f => [...f.querySelectorAll('input.form-control, select.form-select, textarea')]
        .filter(i => i.offsetParent !== null && i.id)
        .map(i => { const l = f.querySelector(`label[for="${i.id}"]`);
          if (!l) return [i.id, null, null, i.getBoundingClientRect().height];
          return [i.id, l.getBoundingClientRect().bottom, i.getBoundingClientRect().top,
                  i.getBoundingClientRect().height]; })"""
    )
    assert pairs
    for name, label_bottom, input_top, height in pairs:
        assert label_bottom is not None, f"{name} has no label"
        assert label_bottom <= input_top + 1, f"{name}: label beside the input"
        assert height >= 44, f"{name}: {height}px is too small to touch"


def test_a_grid_worker_records_on_a_phone(live_server, district, people, make_body, at):
    body = make_body(district["town"])
    at(dt.date(2025, 9, 3))
    bad = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    with browser_session(live_server.url, PHONE) as b:
        b.login("town_clerk", next_path=URL + "new/")
        _fits(b)
        form = b.page.locator("#record-form")
        assert form.locator("fieldset.fz-party").count() == 3
        _labels_above(b, form)
        assert b.axe() == []
        form.locator("select[name=source]").select_option("grid")
        form.locator("select[name=type]").select_option("neighbour")
        form.locator("input[name=place]").fill("东门社区")
        form.locator("textarea[name=summary]").fill("两户因排水沟堵塞发生争执")
        form.locator("input[name=amount]").fill("600")
        typed = {
            "party-0-name": "张大山", "party-0-id_number": bad, "party-0-phone": "13912345678",
            "party-0-address": "东门社区3号", "party-1-name": "李小河",
            "party-1-id_number": ID_B, "party-1-phone": "13987654321",
        }  # fmt: skip
        for name, value in typed.items():
            form.locator(f"input[name='{name}']").fill(value)
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        text = b.visible_text()
        assert "居民身份证号码校验位应为" in text
        _fits(b)
        form = b.page.locator("#record-form")
        assert form.locator("fieldset.fz-party").count() == 3  # the same rows, no more
        for name, value in typed.items():
            assert form.locator(f"input[name='{name}']").input_value() == value, name
        assert form.locator("textarea[name=summary]").input_value() == "两户因排水沟堵塞发生争执"
        assert form.locator("input[name=amount]").input_value() == "600"
        assert form.locator("select[name=type]").input_value() == "neighbour"
        form.locator("input[name='party-0-id_number']").fill(ID_A)
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "已登记" in b.visible_text()
        assert "/office/mediation/disputes/" in b.page.url and "/new/" not in b.page.url
        _fits(b)
        # The mediator's steps on the same phone: accept, then a session and the outcome.
        form = b.page.locator("#form-accept")
        _labels_above(b, form)
        form.locator("select[name=accept-body]").select_option(str(body.pk))
        form.locator("input[name=accept-mediators]").fill("赵主任、钱副主任")
        form.locator("input[name=accept-accepted_on]").fill("2025-09-03")
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "已受理调解" in b.visible_text()
        _fits(b)
        for step in ("#form-session", "#form-conclude"):
            _labels_above(b, b.page.locator(step))
        form = b.page.locator("#form-session")
        form.locator("textarea[name=session-notes]").fill("双方同意共同出资疏通排水沟")
        form.locator("input[name=session-held_on]").fill("2025-09-03")
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "已登记调解记录" in b.visible_text()
        _fits(b)
        assert b.axe() == []
        assert b.outside == []
