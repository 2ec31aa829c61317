"""The online consultation end to end in a real browser (Debian's chromium driven by
Playwright): a citizen comments on the portal, the drafting unit's clerk logs in, sees the
comment, publishes and answers it, closes the consultation, generates and publishes the
summary, and the portal shows the summary with the commenter masked. scripts/test.sh sets
FAZHI_CHROMIUM; without it (a plain local pytest run) the test is skipped."""

import datetime as dt
import os

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="FAZHI_CHROMIUM not set (scripts/test.sh sets it)"),
]

PASSWORD = "Test#pass-2025"
# A fixed today: the answer clock started on it runs its working days across 国庆 2025.
TODAY = dt.date(2025, 9, 26)
pytestmark.append(pytest.mark.today(TODAY.year, TODAY.month, TODAY.day))
TITLE = "测试区城市公园管理办法（征求意见稿）"


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


@pytest.fixture
def consultation(people, district):
    from fazhi.consultation.interface import open_consultation

    today = TODAY
    return open_consultation(
        subject=("consultation.standalone", "browser"),
        kind="normative_document",
        unit=district["sfj"],
        title=TITLE,
        draft="第一条 为规范本区城市公园管理，制定本办法。\n第二条 公园每日开放时间为6时至21时。",
        explanation="为解决公园管理中的突出问题，起草本办法。",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=people["sfj_clerk"],
    )


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_citizen_comments_unit_answers_summary_is_published(page, live_server, consultation):
    base = live_server.url
    body = "建议第二条把夏季开放时间延长到22时，方便下班后锻炼的市民。"

    # A citizen finds the consultation on the portal (phone-sized window) and comments.
    page.goto(f"{base}/consultations/")
    assert "还剩30天" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    assert "第二条 公园每日开放时间为6时至21时" in page.content()
    page.fill("#id_body", "太短")
    page.fill("#id_name", "张三丰")
    page.fill("#id_phone", "13912345678")
    submit(page, "#comment-form button[type=submit]")
    assert "意见内容过短，请至少填写5个字" in page.content()
    assert page.input_value("#id_name") == "张三丰"  # what was typed is kept
    page.fill("#id_body", body)
    submit(page, "#comment-form button[type=submit]")
    assert "您的意见已提交" in page.content()
    assert body not in page.content()  # published only after moderation

    # The unit's clerk logs in, sees the comment, publishes and answers it.
    page.goto(f"{base}/office/consultations/")
    page.fill("input[name=username]", "sfj_clerk")
    page.fill("input[name=password]", PASSWORD)
    submit(page, "button[type=submit]")
    assert "待审核1条" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    assert body in page.content() and "张三丰" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="公开", exact=True).click()
    assert "已公开意见1" in page.content()
    page.select_option("select[name$='-response']", "partly")
    page.fill("textarea[name$='-reason']", "夏季（6月至9月）开放时间延长至22时，其他季节维持21时。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存答复").click()
    assert "已答复意见1" in page.content()
    page.fill("input[name='close-reason']", "浏览器测试：提前结束")
    with page.expect_navigation():
        page.get_by_role("button", name="结束征求意见").click()
    with page.expect_navigation():
        page.get_by_role("button", name="按答复生成说明").click()
    assert "部分采纳1条" in page.input_value("textarea[name='summary-text']")
    with page.expect_navigation():
        page.get_by_role("button", name="在门户公布意见采纳情况").click()
    assert "已在门户网站公布意见采纳情况" in page.content()

    # The portal shows the summary; the commenter appears masked only.
    page.goto(f"{base}/consultations/")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    html = page.content()
    assert page.locator("#summary").is_visible()
    assert "部分采纳1条" in html and "其他季节维持21时" in html
    assert "张三丰" not in html and "13912345678" not in html
    assert "张**" not in html and "139****5678" not in html  # not even masked
    page.screenshot(
        path=os.environ.get("FAZHI_SHOT_CONSULTATION", "/tmp/fazhi-consultation.png"),
        full_page=True,
    )
