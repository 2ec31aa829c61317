"""The case screens in a real browser (desktop and phone): the clerk's list and case page
show the case, a refused decision shows its reason and keeps the typed fine, the portal's
decision page shows the masked text; no serious accessibility violation, nothing loaded
from outside the site. "Today" is frozen at 2025-11-10."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

from . import cases_flow as flow
from .conftest import PERSON

pytestmark = marks


@pytest.fixture
def today(monkeypatch):
    from fazhi.core.tests.refusal import freeze

    freeze(monkeypatch, dt.date(2025, 11, 10))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_case_screens(live_server, today, enf, people, open_penalty, viewport):
    from fazhi.enforcement import services as s

    clerk = people["scjg_clerk"]
    published = flow.decided(open_penalty, enf, clerk, party=PERSON, title="王小明无照经营案")
    s.publish(published, on=dt.date(2025, 9, 25), actor=clerk)
    case = open_penalty(flow.FILED, title="测试区好邻居便利店无照经营案")
    flow.investigate(case, enf, clerk)
    flow.notify(case, clerk)
    with browser_session(live_server.url, viewport) as b:
        b.login("scjg_clerk", next_path="/office/enforcement/cases/")
        text = b.visible_text()
        assert case.number in text and published.number in text
        assert b.axe() == []
        b.goto(f"/office/enforcement/cases/{case.pk}/")
        text = b.visible_text()
        assert "测试区好邻居便利店" in text and "行政处罚告知书" in text and "还剩" in text
        assert b.axe() == []
        form = b.page.locator("#form-decide")
        form.locator("select[name=decide-outcome]").select_option("penalty")
        form.locator("input[name=decide-fine]").fill("7654")
        form.locator("select[name=decide-band]").select_option(index=2)
        form.locator("input[type=file]").first.set_input_files(
            files=[{"name": "决定书.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
        )
        with b.page.expect_navigation():
            form.get_by_role("button", name="作出决定").click()
        assert "超出所选裁量阶次" in b.visible_text()
        assert b.page.locator("#form-decide input[name=decide-fine]").input_value() == "7654"
        b.goto("/enforcement/decisions/")
        with b.page.expect_navigation():
            b.page.get_by_role("link", name=published.decision_number).click()
        text = b.visible_text()
        assert "王**" in text and "王小明" not in text and PERSON["id_number"] not in text
        assert b.axe() == []
        assert b.outside == []
