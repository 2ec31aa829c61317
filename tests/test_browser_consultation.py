"""The online consultation end to end in a real browser (Debian's chromium driven by
Playwright), at desktop and phone width: a citizen comments on the portal, the drafting
unit's clerk logs in, sees the comment, publishes and answers it, closes the consultation,
generates and publishes the summary, and the portal shows the summary with the commenter
masked. What is asserted is what the page shows (``inner_text``, roles); what must not be
there at all (the comment before moderation, the commenter's name and phone) is also
checked in the HTML. scripts/test.sh sets FAZHI_CHROMIUM; without it (a plain local pytest
run) the test is skipped."""

import datetime as dt
import os

import pytest

from tests.browser import DESKTOP, PHONE, browser_session, marks

# A fixed today: the answer clock started on it runs its working days across 国庆 2025.
TODAY = dt.date(2025, 9, 26)
pytestmark = [pytest.mark.today(TODAY.year, TODAY.month, TODAY.day), *marks]
TITLE = "测试区城市公园管理办法（征求意见稿）"


@pytest.fixture
def consultation(people, district):
    from fazhi.consultation.interface import open_consultation

    return open_consultation(
        subject=("consultation.standalone", "browser"),
        kind="normative_document",
        unit=district["sfj"],
        title=TITLE,
        draft="第一条 为规范本区城市公园管理，制定本办法。\n第二条 公园每日开放时间为6时至21时。",
        explanation="为解决公园管理中的突出问题，起草本办法。",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        actor=people["sfj_clerk"],
    )


def click(page, locator):
    """Every click here opens a page: wait for it before reading."""
    with page.expect_navigation():
        locator.click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_comments_unit_answers_summary_is_published(live_server, consultation, viewport):
    body = "建议第二条把夏季开放时间延长到22时，方便下班后锻炼的市民。"
    with browser_session(live_server.url, viewport) as s:
        page = s.page

        # A citizen finds the consultation on the portal and comments.
        s.goto("/consultations/")
        assert "还剩30天" in s.visible_text()
        click(page, page.get_by_role("link", name=TITLE))
        assert "第二条 公园每日开放时间为6时至21时" in s.visible_text()
        page.fill("#id_body", "太短")
        page.fill("#id_name", "张三丰")
        page.fill("#id_phone", "13912345678")
        click(page, page.locator("#comment-form button[type=submit]"))
        assert "意见内容过短，请至少填写5个字" in s.visible_text()
        assert page.input_value("#id_name") == "张三丰"  # what was typed is kept
        page.fill("#id_body", body)
        click(page, page.locator("#comment-form button[type=submit]"))
        assert "您的意见已提交" in s.visible_text()
        assert body not in page.content()  # published only after moderation, not even hidden

        # The unit's clerk logs in, sees the comment, publishes and answers it.
        s.login("sfj_clerk", next_path="/office/consultations/")
        assert "待审核1条" in s.visible_text()
        click(page, page.get_by_role("link", name=TITLE))
        text = s.visible_text()
        assert body in text and "张三丰" in text
        click(page, page.get_by_role("button", name="公开", exact=True))
        assert "已公开意见1" in s.visible_text()
        page.select_option("select[name$='-response']", "partly")
        page.fill(
            "textarea[name$='-reason']", "夏季（6月至9月）开放时间延长至22时，其他季节维持21时。"
        )
        click(page, page.get_by_role("button", name="保存答复"))
        assert "已答复意见1" in s.visible_text()
        page.fill("input[name='close-reason']", "浏览器测试：提前结束")
        click(page, page.get_by_role("button", name="结束征求意见"))
        click(page, page.get_by_role("button", name="按答复生成说明"))
        assert "部分采纳1条" in page.input_value("textarea[name='summary-text']")
        click(page, page.get_by_role("button", name="在门户公布意见采纳情况"))
        assert "已在门户网站公布意见采纳情况" in s.visible_text()

        # The portal shows the summary; the commenter appears masked only.
        s.goto("/consultations/")
        click(page, page.get_by_role("link", name=TITLE))
        summary = page.locator("#summary")
        assert summary.is_visible()
        assert "部分采纳1条" in summary.inner_text()
        assert "其他季节维持21时" in s.visible_text()
        html = page.content()
        assert "张三丰" not in html and "13912345678" not in html
        assert "张**" not in html and "139****5678" not in html  # not even masked
        assert s.outside == []
        shot = os.environ.get("FAZHI_SHOT_CONSULTATION", "/tmp/fazhi-consultation.png")
        page.screenshot(path=shot.replace(".png", f"-{viewport['width']}.png"), full_page=True)
