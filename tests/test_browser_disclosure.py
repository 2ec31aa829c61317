"""Issue 16's acceptance for 依申请公开: a member of the public files a 政府信息公开 request
on the portal in a real browser (Debian's chromium driven by Playwright), at desktop and
phone width, and follows it on the status page while the 市场监管局's clerk asks for 补正,
receives the supplement and replies: the page shows each step in plain Chinese and no
personal data. What is asserted is what the page shows. The clerk works at another computer
(a second browser context, logged in) on the request's office page, each step on its own
day. scripts/test.sh sets FAZHI_CHROMIUM; without it the test is skipped."""

import datetime as dt
import os

import pytest

from fazhi.core.tests.refusal import freeze
from tests.browser import DESKTOP, PHONE, browser_session, marks

TODAY = dt.date(2025, 11, 10)  # a Monday
pytestmark = [pytest.mark.today(TODAY.year, TODAY.month, TODAY.day), *marks]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ITEMS = "请写明所需抽检结果的年份和食品类别"


def click(page, locator):
    """Every click here opens a page: wait for it before reading."""
    with page.expect_navigation():
        locator.click()


def clerk_step(c, pk: int, action: str, fields: dict) -> str:
    """The clerk fills one step's form on the request page and submits it."""
    c.goto(f"/office/disclosure/requests/{pk}/")
    form = c.page.locator(f"#form-{action}")
    for name, value in fields.items():
        box = form.locator(f"[name={action}-{name}]")
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
    with c.page.expect_navigation():
        form.locator("button[type=submit]").click()
    return c.visible_text()


def look_up(s, number: str, code: str) -> str:
    s.goto("/disclosure/status/")
    s.page.fill("#id_tracking_number", number)
    s.page.fill("#id_code", code)
    click(s.page, s.page.get_by_role("button", name="查询"))
    return s.visible_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_requests_clerk_corrects_and_replies_status_shows_each_step(
    live_server, district, people, monkeypatch, viewport
):
    from fazhi.disclosure.models import DisclosureRequest

    with browser_session(live_server.url, viewport) as s:
        page = s.page

        # The portal's home page leads to the request form.
        s.goto("/")
        click(page, page.get_by_role("link", name="政府信息公开", exact=True).first)
        click(page, page.get_by_role("link", name="网上申请政府信息公开"))
        assert s.axe() == []

        page.select_option("#id_unit", label="测试区市场监督管理局")
        page.check("#id_applicant_type_0")  # 自然人
        page.fill("#id_applicant_name", "王小明")
        page.fill("#id_applicant_id", "110105199003071238")  # a wrong check digit
        page.fill("#id_applicant_phone", "13800138000")
        page.fill("#id_applicant_email", "wxm@example.com")
        page.fill("#id_description", "2024年度本区食品安全监督抽检结果")
        click(page, page.get_by_role("button", name="提交申请"))
        text = s.visible_text()
        assert "校验位" in text and "申请有需要修改的地方" in text
        assert page.input_value("#id_description") == "2024年度本区食品安全监督抽检结果"
        assert page.input_value("#id_applicant_email") == "wxm@example.com"
        assert s.axe() == []
        page.fill("#id_applicant_id", "110105199003071239")
        page.set_input_files(
            "#id_attachments",
            files=[{"name": "身份证.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
        click(page, page.get_by_role("button", name="提交申请"))

        # The number, the query code (shown once) and the due day.
        text = s.visible_text()
        assert "政府信息公开申请已提交" in text and "只在本页面显示这一次" in text
        assert "2025年12月8日前答复" in text  # 20 working days from Monday 2025-11-10
        number = page.inner_text("#tracking-number")
        code = page.inner_text("#query-code")
        assert number.startswith("GK2025") and len(code) == 8
        assert s.axe() == []
        req = DisclosureRequest.objects.get(tracking_number=number)
        assert req.channel == "online" and req.recorded_by is None

        # Received.
        text = look_up(s, number, code.lower())
        assert page.inner_text("#status-headline") == "办理中"
        assert "收到申请" in text and "答复期限：2025年12月8日前" in text
        assert s.axe() == []

        # The clerk asks for 补正 two days later: the items and the day to supplement by.
        freeze(monkeypatch, dt.date(2025, 11, 12))
        clerk = s.another().login("scjg_clerk", next_path="/office/disclosure/requests/")
        assert number in clerk.visible_text()
        done = clerk_step(clerk, req.pk, "correction", {"on": "2025-11-12", "items": ITEMS})
        assert "已告知申请人补正" in done
        assert clerk.axe() == []
        text = look_up(s, number, code)
        assert page.inner_text("#status-headline") == "补正中"
        assert "告知补正" in text and ITEMS in text
        assert "请于2025年12月3日前" in text  # 15 working days from 2025-11-12
        assert "暂停计算" in text

        # The supplement arrives (by letter, entered by the clerk): the period starts again.
        freeze(monkeypatch, dt.date(2025, 11, 17))
        done = clerk_step(
            clerk,
            req.pk,
            "supplement",
            {"on": "2025-11-17", "description": "2024年度肉制品抽检结果"},
        )
        assert "答复期限重新计算" in done
        text = look_up(s, number, code)
        assert page.inner_text("#status-headline") == "办理中"
        assert "收到补正后的申请" in text and "重新计算" in text
        assert "答复期限：2025年12月15日前" in text  # 20 working days from 2025-11-17
        assert "请于2025年12月3日前" not in text

        # The reply.
        freeze(monkeypatch, dt.date(2025, 11, 24))
        clerk_step(
            clerk,
            req.pk,
            "reply",
            {
                "on": "2025-11-24",
                "reply_type": "provide",
                "text": "经查，现向您提供2024年度肉制品抽检结果（见附件）。",
            },
        )
        req.refresh_from_db()
        assert (req.state, req.result, req.late) == ("replied", "disclose", False)
        assert clerk.outside == []
        clerk.page.context.close()
        s.goto(f"/disclosure/status/{req.link_token}/")  # the secret link, this time
        text = s.visible_text()
        assert page.inner_text("#status-headline") == "已答复"
        steps = page.locator("#steps > li").all_inner_texts()
        titles = [t.split("\n")[0].split(" ")[0] for t in steps]
        assert titles == ["收到申请", "告知补正", "收到补正后的申请", "作出答复"], titles
        assert "2025年11月24日" in steps[-1] and "予以公开，提供政府信息" in steps[-1]
        assert "现向您提供2024年度肉制品抽检结果" in page.inner_text("#reply-text")
        # Nothing personal on a page whose link may be forwarded; nothing to act on.
        html = page.content()
        for secret in ("王小明", "110105199003071239", "13800138000", "wxm@example.com"):
            assert secret not in html
        assert page.locator("main form").count() == 0
        assert s.axe() == []
        assert s.outside == []
        shot = os.environ.get("FAZHI_SHOT_DISCLOSURE", "/tmp/fazhi-disclosure-status.png")
        page.screenshot(path=shot.replace(".png", f"-{viewport['width']}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_public_reads_a_units_releases_and_interpretation(
    live_server, district, people, monkeypatch, viewport
):
    """主动公开: from the portal's home to a unit's catalogue, a release and its 政策解读."""
    from fazhi.disclosure.services import releases

    clerk = people["scjg_clerk"]
    scjg = district["scjg"]
    freeze(monkeypatch, dt.date(2025, 11, 5))
    item = releases.save_catalogue_item(unit=scjg, category=7, name="财政预决算", actor=clerk)
    rel = releases.create_release(
        unit=scjg, catalogue=item, title="2025年度部门预算", body="预算正文。",
        created_on=dt.date(2025, 11, 3), document_number="测市监〔2025〕8号", actor=clerk,
    )  # fmt: skip
    rel = releases.publish(rel, on=dt.date(2025, 11, 4), actor=clerk)
    releases.publish_interpretation(
        unit=scjg, title="图解2025年度部门预算", body="解读正文。", form="graphic",
        published_on=dt.date(2025, 11, 5), release=rel, actor=clerk,
    )  # fmt: skip
    freeze(monkeypatch, TODAY)
    with browser_session(live_server.url, viewport) as s:
        page = s.page
        s.goto("/disclosure/")
        assert "测试区市场监督管理局" in s.visible_text() and s.axe() == []
        click(page, page.get_by_role("link", name="测试区市场监督管理局"))
        text = s.visible_text()
        assert "财政预决算" in text and "2025年度部门预算" in text and s.axe() == []
        click(page, page.locator("#releases").get_by_role("link", name="2025年度部门预算"))
        meta = page.inner_text("#release-meta")
        assert rel.index_number in meta and "测市监〔2025〕8号" in meta
        assert "2025年11月4日" in meta and "测试区市场监督管理局" in meta
        assert s.axe() == []
        click(page, page.get_by_role("link", name="图解2025年度部门预算"))
        assert "图文解读" in s.visible_text() and s.axe() == []
        click(page, page.locator("#interpreted").get_by_role("link"))
        assert page.inner_text("h1") == "2025年度部门预算"
        assert s.outside == []
