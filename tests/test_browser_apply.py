"""Issue 15's acceptance: a member of the public files a 行政复议 application on the portal
in a real browser (Debian's chromium driven by Playwright), at desktop and phone width,
receives the number and the query code, a clerk of the 复议机构 accepts it, and the status
page changes. What is asserted is what the page shows. scripts/test.sh sets FAZHI_CHROMIUM;
without it (a plain local pytest run) the test is skipped."""

import datetime as dt
import os

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

TODAY = dt.date(2025, 11, 10)
pytestmark = [pytest.mark.today(TODAY.year, TODAY.month, TODAY.day), *marks]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def click(page, locator):
    """Every click here opens a page: wait for it before reading."""
    with page.expect_navigation():
        locator.click()


def accept_on_the_office_page(public, number: str):
    """The 复议机构's clerk, at another computer, opens the application from the queue and
    accepts it on its page (普通程序, today)."""
    from fazhi.reconsideration.models import Application, Case

    clerk = public.another()
    try:
        clerk.login("sfj_clerk", next_path="/office/reconsideration/applications/")
        click(clerk.page, clerk.page.get_by_role("link", name=number))
        form = clerk.page.locator("#form-accept")
        form.locator("input[name=accept-on]").fill(TODAY.isoformat())
        form.locator("select[name=accept-procedure]").select_option("ordinary")
        click(clerk.page, form.locator("button[type=submit]"))
        assert "已受理" in clerk.visible_text()
        assert clerk.axe() == [] and clerk.outside == []
    finally:
        clerk.page.context.close()
    return Case.objects.get(application=Application.objects.get(tracking_number=number))


def decide_and_publish(case, people):
    from fazhi.reconsideration.services import cases

    clerk = people["sfj_clerk"]
    cases.send_copy(case, on=TODAY, actor=clerk)
    cases.answer(case, on=TODAY, summary="答复", actor=people["scjg_clerk"])
    case = cases.decide(case, on=TODAY, outcome="revoke", actor=clerk,
                        summary="申请人王小明不服。经审理，认定事实不清，决定撤销。")  # fmt: skip
    return cases.publish(case, on=TODAY, actor=clerk)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_applies_clerk_accepts_status_changes(live_server, district, people, viewport):
    with browser_session(live_server.url, viewport) as s:
        page = s.page

        # The portal's home page leads to the application form.
        s.goto("/")
        click(page, page.get_by_role("link", name="行政复议", exact=True).first)
        click(page, page.get_by_role("link", name="网上申请行政复议"))
        assert s.axe() == []

        page.check("#id_applicant_kind_0")
        page.fill("#id_applicant_name", "王小明")
        page.fill("#id_applicant_id", "110105199003071238")  # a wrong check digit
        page.fill("#id_applicant_phone", "13800138000")
        page.select_option("#id_respondent_unit", label="测试区市场监督管理局")
        page.fill("#id_act", "罚款2000元的行政处罚决定")
        page.fill("#id_act_number", "测市监罚〔2025〕88号")
        page.fill("#id_act_on", "2025-10-30")
        page.fill("#id_known_on", "2025-11-01")
        page.fill("#id_requests", "撤销该行政处罚决定")
        page.fill("#id_reasons", "认定事实不清，证据不足。")
        click(page, page.get_by_role("button", name="下一步：核对申请期限"))
        assert "居民身份证号码校验位" in s.visible_text()
        assert page.input_value("#id_reasons") == "认定事实不清，证据不足。"  # kept
        page.fill("#id_applicant_id", "110105199003071239")
        click(page, page.get_by_role("button", name="下一步：核对申请期限"))

        # The check step: the period computed, within it; the attachments; submit.
        text = s.visible_text()
        assert "在申请期限内" in text and "2025年12月31日" in text
        assert s.axe() == []
        page.set_input_files(
            "#id_attachments",
            files=[{"name": "处罚决定书.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
        click(page, page.get_by_role("button", name="提交申请"))
        text = s.visible_text()
        assert "行政复议申请已提交" in text and "只在本页面显示这一次" in text
        number = page.inner_text("#tracking-number")
        code = page.inner_text("#query-code")
        assert number.startswith("测试区复议申〔2025〕") and len(code) == 8

        # The status page by number and query code.
        s.goto("/reconsideration/track/")
        page.fill("#id_tracking_number", number)
        page.fill("#id_code", code.lower())
        click(page, page.get_by_role("button", name="查询"))
        assert page.inner_text("#status-headline") == "待审查"
        assert "受理审查中" in s.visible_text()
        assert s.axe() == []

        # The 复议机构's clerk accepts it on the office page; the status page changes.
        case = accept_on_the_office_page(s, number)
        s.goto("/reconsideration/track/")
        page.fill("#id_tracking_number", number)
        page.fill("#id_code", code)
        click(page, page.get_by_role("button", name="查询"))
        assert page.inner_text("#status-headline") == "审理中"
        text = s.visible_text()
        assert "决定受理" in text and case.number in text and "受理审查中" not in text
        assert "王小明" not in page.content()

        # Decided and published: the status page leads to the masked decision.
        decide_and_publish(case, people)
        s.goto("/reconsideration/track/")
        page.fill("#id_tracking_number", number)
        page.fill("#id_code", code)
        click(page, page.get_by_role("button", name="查询"))
        assert page.inner_text("#status-headline") == "已作出决定：撤销"
        click(page, page.get_by_role("link", name="查看公开的行政复议决定书"))
        text = s.visible_text()
        assert case.number in text and "王**" in text and "王小明" not in text
        assert s.axe() == []
        click(page, page.get_by_role("link", name="行政复议决定书公开"))
        assert "王**" in s.visible_text() and s.axe() == []
        assert s.outside == []
        shot = os.environ.get("FAZHI_SHOT_RECON", "/tmp/fazhi-recon-status.png")
        page.screenshot(path=shot.replace(".png", f"-{viewport['width']}.png"), full_page=True)
