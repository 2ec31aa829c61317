"""The public side in a real browser (tests/browser.py): the API documentation page on an
intranet (Swagger UI from the app's own static files, under the CSP, nothing fetched from
another host), a citizen's comment that gets a receipt number, and the portal home's latest
publications leading to a print version."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze
from tests.browser import DESKTOP, PHONE, browser_session, marks

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


TODAY = dt.date(2025, 11, 10)
CONSULTATION = "测试区城市公园管理办法（征求意见稿）"
DOCUMENT = "测试区养老服务设施建设管理办法"


@pytest.fixture
def published(people, district, monkeypatch):
    """A consultation open today and a published normative document, on a fixed date."""
    from fazhi.consultation.interface import open_consultation
    from fazhi.core.calendar import seed_from_package
    from fazhi.documents import services as documents

    freeze(monkeypatch, TODAY)
    seed_from_package()
    open_consultation(
        subject=("consultation.standalone", "browser-public"),
        kind="normative_document",
        unit=district["sfj"],
        title=CONSULTATION,
        draft="第一条 为规范本区城市公园管理，制定本办法。\n第二条 公园每日开放时间为6时至21时。",
        explanation="为解决公园管理中的突出问题，起草本办法。",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        actor=people["sfj_clerk"],
    )
    return documents.import_existing(
        title=DOCUMENT,
        unit=district["sfj"],
        issuer=district["gov"],
        doc_number="测试政规〔2025〕3号",
        published_on=dt.date(2025, 11, 3),
        effective_on=dt.date(2025, 12, 1),
        body="第一条 为加强养老服务设施建设管理，制定本办法。\n第二条 本办法自2025年12月1日起施行。",
        actor=people["coordinator"],
    )


def test_citizen_comments_gets_receipt_then_prints_a_document(live_server, published):
    with browser_session(live_server.url, PHONE) as s:
        page = s.page
        # Portal home: the latest publications, newest first, and the library search box.
        s.goto("/")
        latest = page.locator("#latest li")
        assert latest.nth(0).inner_text().startswith("征求意见")
        assert CONSULTATION in latest.nth(0).inner_text()
        assert (
            DOCUMENT in latest.nth(1).inner_text() and "2025年11月3日" in latest.nth(1).inner_text()
        )
        assert page.get_by_role("searchbox").is_visible()

        # A comment: the form says name and phone are not published; a receipt comes back.
        with page.expect_navigation():
            latest.nth(0).get_by_role("link").click()
        assert "予以保密，不在网上公开" in s.visible_text()
        page.fill("#id_body", "建议第二条把夏季开放时间延长到22时，方便下班后锻炼的市民。")
        page.fill("#id_name", "张三丰")
        page.fill("#id_phone", "13912345678")
        with page.expect_navigation():
            page.click("#comment-form button[type=submit]")
        receipt = page.locator("#receipt-number").inner_text()
        assert receipt == "20251110-0001"
        assert f"回执编号：{receipt}" in page.locator("#receipt").inner_text()

        # Home → the document → its print version: no navigation, title, date, source.
        s.goto("/")
        with page.expect_navigation():
            page.locator("#latest").get_by_role("link", name=DOCUMENT).click()
        detail = page.url
        with page.expect_navigation():
            page.get_by_role("link", name="打印版").click()
        assert page.locator("h1").inner_text() == DOCUMENT
        meta = page.locator("#print-meta").inner_text()
        assert "2025年11月3日" in meta and detail in meta
        assert page.locator("nav").count() == 0
        assert "第一条 为加强养老服务设施建设管理" in s.visible_text()
        page.emulate_media(media="print")
        assert not page.get_by_role("button", name="打印").is_visible()
        assert s.outside == []
        assert s.axe() == []

        # The search box on the home page leads into the document library.
        s.goto("/")
        page.get_by_role("searchbox").fill("养老")
        with page.expect_navigation():
            page.get_by_role("button", name="检索").click()
        assert "/documents/" in page.url and DOCUMENT in s.visible_text()
