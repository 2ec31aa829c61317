"""A search's hits are counted up to FAZHI_SEARCH_COUNT_CAP (超过N件 above it) and listed
title hits first, then newest first, on every page up to the cap; a page past the cap
gives the last page with a note (portal, office list, API)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.documents import public, search

from .test_search import _imported

TODAY = dt.date(2025, 11, 10)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture
def fire_docs(district):
    """Seven published documents with 消防: three in the title (and body), four in the body
    only; dates chosen so that newest-first alone would interleave them."""
    gov = district["gov"]
    made = {}
    rows = [
        ("T1", "示范区消防设施管理办法", dt.date(2021, 3, 1), "第一条 规范消防设施。"),
        ("T2", "示范区消防安全责任办法", dt.date(2023, 3, 1), "第一条 落实消防安全责任。"),
        ("T3", "示范区消防车通道管理办法", dt.date(2019, 3, 1), "第一条 保障消防车通道。"),
        ("B1", "示范区安全生产管理办法", dt.date(2024, 3, 1), "第一条 生产经营单位做好消防工作。"),
        ("B2", "示范区燃气安全管理办法", dt.date(2022, 3, 1), "第一条 燃气设施应当符合消防要求。"),
        ("B3", "示范区物业服务管理办法", dt.date(2020, 3, 1), "第一条 物业服务企业维护消防设施。"),
        ("B4", "示范区校园安全管理办法", dt.date(2025, 3, 1), "第一条 学校开展消防演练。"),
    ]
    for i, (key, title, published, body) in enumerate(rows, start=1):
        made[key] = _imported(
            title, f"测试区人民政府规〔{published.year}〕{i}号", body,
            unit=gov, issuer=gov, published=published,
        )  # fmt: skip
    return made


def _pages(per_page: int):
    hits = public.library(q="消防", status="all", today=TODAY)
    first = public.page_of(hits, 1, per_page)
    return [
        [d.doc_number for d in public.page_of(hits, n, per_page)]
        for n in range(1, first.paginator.num_pages + 1)
    ]


@pytest.mark.parametrize("drive_by_order", [1, 5000])
def test_order_across_pages_is_title_hits_then_newest(
    settings, monkeypatch, fire_docs, drive_by_order
):
    """Both ways of reading the hits (by id when the index finds few, in the list's order
    when it finds many) give the same order."""
    monkeypatch.setattr(search, "DRIVE_BY_ORDER", drive_by_order)
    settings.FAZHI_SEARCH_COUNT_CAP = 100
    d = fire_docs
    expected = [d[k].doc_number for k in ("T2", "T1", "T3", "B4", "B1", "B2", "B3")]
    assert _pages(2) == [expected[0:2], expected[2:4], expected[4:6], expected[6:7]]
    assert _pages(3) == [expected[0:3], expected[3:6], expected[6:7]]


def test_count_is_capped_and_pages_stop_at_the_cap(settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 5
    d = fire_docs
    hits = public.library(q="消防", status="all", today=TODAY)
    assert hits.count() == 5 and hits.capped
    # The first five in the list's order: every title hit, then the newest body hits.
    assert [x.doc_number for x in hits] == [d[k].doc_number for k in ("T2", "T1", "T3", "B4", "B1")]
    assert _pages(2)[-1] == [d["B1"].doc_number]
    last = public.page_of(hits, 99, 2)  # past the cap: the last page, no error
    assert last.number == 3 and [x.doc_number for x in last] == [d["B1"].doc_number]


def test_exact_count_below_the_cap(settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 7
    hits = public.library(q="消防", status="all", today=TODAY)
    assert hits.count() == 7 and not hits.capped
    settings.FAZHI_SEARCH_COUNT_CAP = 6
    hits = public.library(q="消防", status="all", today=TODAY)
    assert hits.count() == 6 and hits.capped


def test_portal_says_more_than_the_cap(client, settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 5
    page = client.get("/documents/", {"q": "消防", "status": "all"}).content.decode()
    assert "超过5件" in page and "共7件" not in page
    settings.FAZHI_SEARCH_COUNT_CAP = 1000
    page = client.get("/documents/", {"q": "消防", "status": "all"}).content.decode()
    assert "共7件" in page and "超过" not in page


def test_portal_page_past_the_cap_shows_the_last_page(client, settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 5
    r = client.get("/documents/", {"q": "消防", "status": "all", "page": "9"})
    assert r.status_code == 200
    text = r.content.decode()
    assert "现在显示的是最后一页" in text
    assert fire_docs["B1"].title in text and fire_docs["B2"].title not in text


def test_office_list_caps_and_pages(login, people, settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 5
    client = login(people["coordinator"])
    r = client.get("/office/documents/", {"q": "消防", "page": "4"})
    assert r.status_code == 200
    text = r.content.decode()
    assert "检索到超过5件" in text and "现在显示的是最后一页" in text
    assert fire_docs["T2"].title in text and fire_docs["B2"].title not in text


def test_public_api_counts_up_to_the_cap(client, settings, fire_docs):
    settings.FAZHI_SEARCH_COUNT_CAP = 5
    r = client.get(
        "/api/documents/public/search", {"q": "消防", "status": "all", "limit": 2, "offset": 2}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 5
    assert [x["doc_number"] for x in body["items"]] == [
        fire_docs["T3"].doc_number,
        fire_docs["B4"].doc_number,
    ]


def test_no_query_is_a_plain_ordered_list(fire_docs):
    qs = public.library(q="", status="all", today=TODAY)
    assert not isinstance(qs, search.Hits)
    assert qs.count() == 7


@pytest.mark.parametrize("drive_by_order", [1, 5000])
def test_longer_term_is_a_phrase_either_way(settings, monkeypatch, district, drive_by_order):
    """Read in the list's order (many matches), a longer term's tokens are asked of the
    index in any order: the phrase itself is still required (checked on the rows read)."""
    monkeypatch.setattr(search, "DRIVE_BY_ORDER", drive_by_order)
    gov = district["gov"]
    phrase = _imported(
        "示范区办法甲", "测试区人民政府规〔2024〕1号", "第一条 加强监督管理。", unit=gov, issuer=gov
    )
    _imported(
        "示范区办法乙",
        "测试区人民政府规〔2024〕2号",
        "第一条 管理监督，督管并举。",  # 监督、督管、管理 each, never 监督管理
        unit=gov,
        issuer=gov,
        published=dt.date(2024, 6, 1),
    )
    titled = _imported(
        "示范区监督管理办法", "测试区人民政府规〔2023〕3号", "第一条 总则。", unit=gov, issuer=gov
    )
    hits = public.library(q="监督管理", status="all", today=TODAY)
    assert list(hits) == [titled, phrase] and hits.count() == 2
