"""The 行政复议 office screens in a real browser (desktop and phone): the clerk's queue and
application page with the period check, the case page with a paused decision clock; a
refused acceptance keeps the typed amount; the respondent's clerk is offered its answer
only. No serious accessibility violation, nothing loaded from outside the site."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

pytestmark = marks


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_office_screens(live_server, apply_, accepted_case, people, monkeypatch, viewport):
    from fazhi.core.tests.refusal import freeze
    from fazhi.reconsideration.services import cases

    late, _ = apply_(received_on=dt.date(2025, 3, 4), known_on=dt.date(2024, 11, 1),
                     act_on=dt.date(2024, 10, 30), applicant_name="张迟到")  # fmt: skip
    case = accepted_case(applicant_name="李中止")
    freeze(monkeypatch, dt.date(2025, 3, 12))
    clerk = people["sfj_clerk"]
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=clerk)
    cases.suspend(case, on=dt.date(2025, 3, 10), ground="other_case", actor=clerk)
    with browser_session(live_server.url, viewport) as b:
        b.login("sfj_clerk", next_path="/office/reconsideration/applications/")
        text = b.visible_text()
        assert late.tracking_number in text and "超过申请期限" in text
        assert b.axe() == []
        b.goto(f"/office/reconsideration/applications/{late.pk}/")
        text = b.visible_text()
        assert "已超过申请期限" in text and "受理审查期限" in text
        assert b.axe() == []
        form = b.page.locator("#form-accept")
        form.locator("select[name=accept-procedure]").select_option("simple")
        form.locator("select[name=accept-simple_ground]").select_option("amount")
        form.locator("input[name=accept-amount]").fill("4500")
        with b.page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert "不能以款额为由适用简易程序" in b.visible_text()
        assert b.page.locator("#form-accept input[name=accept-amount]").input_value() == "4500"
        b.goto(f"/office/reconsideration/cases/{case.pk}/")
        text = b.visible_text()
        assert case.number in text and "中止审理" in text and "暂停计时" in text
        assert "恢复审理" in text
        assert b.axe() == []
        assert b.outside == []
    with browser_session(live_server.url, viewport) as b:
        b.login("scjg_clerk", next_path=f"/office/reconsideration/cases/{case.pk}/")
        assert b.page.locator("form[id^=form-]").evaluate_all("fs => fs.map(f => f.id)") == [
            "form-answer"
        ]
