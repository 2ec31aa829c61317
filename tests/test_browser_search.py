"""The public searches the portal's document library for a two-character word (issue 12,
point 6): types 消防 into the search box, and sees the document whose body holds it, with
the word highlighted in a snippet of the body, and nothing fetched from another site."""

from __future__ import annotations

import datetime as dt

from fazhi.core.tests.refusal import freeze

from .browser import DESKTOP, PHONE, browser_session, marks

pytestmark = marks

BODY = (
    "第一条 为了预防火灾和减少火灾危害，加强应急救援工作，根据有关法律法规，制定本办法。\n"
    "第二条 机关、团体、企业、事业等单位应当落实消防安全责任制，保障疏散通道畅通。"
)


def _publish(district, title, number, body, published):
    from fazhi.documents import services

    gov = district["gov"]
    return services.import_existing(
        title=title,
        unit=gov,
        issuer=gov,
        doc_number=number,
        published_on=published,
        body=body,
        status="published",
        actor=None,
    )


def test_public_finds_a_two_character_word_in_a_body(live_server, monkeypatch, people, district):
    freeze(monkeypatch, dt.date(2025, 11, 10))
    doc = _publish(
        district, "测试区火灾预防规定", "测试区人民政府规〔2024〕7号", BODY, dt.date(2024, 3, 1)
    )
    other = _publish(
        district,
        "测试区公共租赁住房管理办法",
        "测试区人民政府规〔2024〕8号",
        "第一条 为规范公共租赁住房管理，制定本办法。",
        dt.date(2024, 4, 1),
    )
    for viewport in (PHONE, DESKTOP):
        with browser_session(live_server.url, viewport) as s:
            s.goto("/documents/")
            box = s.page.get_by_label("检索标题和正文")
            box.fill("消防")
            box.press("Enter")
            s.page.wait_for_url("**/documents/?q=*")
            results = s.page.locator(".list-group-item").filter(has=s.page.locator("a"))
            text = s.visible_text()
            assert "共1件" in text
            assert doc.title in text and other.title not in text
            marked = s.page.locator(".search-snippet mark")
            assert marked.count() == 1 and marked.first.inner_text() == "消防"
            assert marked.first.is_visible()
            snippet = s.page.locator(".search-snippet").first.inner_text()
            assert "落实消防安全责任制" in snippet
            results.get_by_role("link", name=doc.title).click()
            s.page.wait_for_url(f"**/documents/{doc.pk}/")
            assert doc.doc_number in s.visible_text()
            assert s.outside == []
