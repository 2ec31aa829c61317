"""Chinese search by character bigrams (issue 12, point 6), on whichever database the
suite runs on (SQLite FTS5 or PostgreSQL tsvector): two-character words in titles and
bodies, title hits first, a highlighted and escaped snippet, the single-character
fallback, exact phrases, reindex, and an edit changing what is found."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection

from fazhi.documents import public, search, services
from fazhi.documents.models import NormativeDocument

from .test_search import _imported

TODAY = dt.date(2025, 11, 10)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)
FIRE_BODY = "第一条 为加强消防安全管理，预防火灾，制定本办法。第二条 单位应当落实消防安全责任。"
HOUSING_BODY = "第一条 为规范公共租赁住房管理，制定本办法。第二条 符合条件的困难家庭可以申请保障。"
PENSION_BODY = "第一条 为发展养老服务，制定本办法。第二条 对高龄老人发放养老服务补贴。"


def _library(q: str) -> list:
    return list(public.library(q=q, status="all", today=TODAY))


def _docs(district):
    """Three published documents: 消防 in one's title and body, 住房 in a title and body,
    养老 in a body only (the title says 老年人)."""
    gov = district["gov"]
    fire = _imported(
        "示范区消防安全管理办法",
        "测试区人民政府规〔2023〕1号",
        FIRE_BODY,
        unit=gov,
        issuer=gov,
        published=dt.date(2023, 5, 1),
    )
    housing = _imported(
        "示范区住房保障办法",
        "测试区人民政府规〔2024〕1号",
        HOUSING_BODY,
        unit=gov,
        issuer=gov,
        published=dt.date(2024, 5, 1),
    )
    pension = _imported(
        "示范区老年人关爱办法",
        "测试区人民政府规〔2024〕2号",
        PENSION_BODY,
        unit=gov,
        issuer=gov,
        published=dt.date(2024, 6, 1),
    )
    return fire, housing, pension


def test_two_character_words_in_titles_and_bodies(people, district):
    fire, housing, pension = _docs(district)
    assert _library("消防") == [fire]
    assert _library("住房") == [housing]
    assert _library("养老") == [pension]  # in the body only
    assert _library("火灾") == [fire]  # in the body only
    assert _library("核电") == []
    assert _library("制定") == [pension, housing, fire]  # every body, newest first
    assert _library("养老 补贴") == [pension]  # every term
    assert _library("养老 消防") == []


def test_office_list_and_api_find_two_character_words(client, people, district):
    fire, housing, pension = _docs(district)
    client.force_login(people["coordinator"])
    page = client.get("/office/documents/", {"q": "养老"})
    assert page.status_code == 200
    text = page.content.decode()
    assert pension.title in text and fire.title not in text and housing.title not in text
    assert "<mark>养老</mark>" in text
    found = client.get("/api/documents/public/search", {"q": "火灾", "status": "all"}).json()
    assert [i["doc_number"] for i in found["items"]] == [fire.doc_number]


def test_title_hits_first(people, district):
    gov = district["gov"]
    older = _imported(
        "示范区养老服务设施管理办法",
        "测试区人民政府规〔2022〕1号",
        "第一条 为规范设施管理，制定本办法。",
        unit=gov,
        issuer=gov,
        published=dt.date(2022, 1, 1),
    )
    newer_body = _imported(
        "示范区老年人关爱办法",
        "测试区人民政府规〔2025〕1号",
        PENSION_BODY,
        unit=gov,
        issuer=gov,
        published=dt.date(2025, 1, 1),
    )
    # Without a title hit the newer would come first; the title hit wins.
    assert _library("养老") == [older, newer_body]
    assert _library("办法") == [newer_body, older]  # both titles: newest first
    qs = NormativeDocument.objects.all()
    ranked = search.results(qs, "养老", "-created_at", "-pk")
    assert list(ranked) == [older, newer_body]


def test_snippet_highlighted_and_escaped(client, people, district):
    gov = district["gov"]
    body = "第一条 <script>alert(1)</script>本办法所称消防设施，是指火灾自动报警系统&灭火器。" + (
        "第二条 其他规定。" * 30
    )
    doc = _imported("示范区安全办法", "测试区人民政府规〔2024〕3号", body, unit=gov, issuer=gov)
    snippet = search.snippet(body, "消防")
    assert "<mark>消防</mark>设施" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "&amp;灭火器" in snippet
    assert snippet.endswith("…")  # the body goes on
    page = client.get("/documents/", {"q": "消防", "status": "all"}).content.decode()
    assert doc.title in page
    assert "<mark>消防</mark>设施" in page and "<script>alert" not in page
    # Every term marked; a title-only hit has no snippet.
    assert search.snippet("消防和住房", "住房 消防") == "<mark>消防</mark>和<mark>住房</mark>"
    assert search.snippet(body, "示范区") == ""


def test_single_character_fallback(client, people, district):
    fire, _housing, pension = _docs(district)
    # 灾 ends a run (火灾，), 防 is inside one, 龄 inside 高龄老人.
    assert _library("灾") == [fire]
    assert _library("防") == [fire]
    assert _library("龄") == [pension]
    assert _library("鑫") == []
    page = client.get("/documents/", {"q": "灾", "status": "all"}).content.decode()
    assert fire.title in page and "单字检索" in page


def test_longer_terms_are_exact_phrases(people, district):
    gov = district["gov"]
    # 消防, 防安 and 安全 all occur, but never 消防安全 in a row.
    doc = _imported(
        "示范区工作规则",
        "测试区人民政府规〔2024〕4号",
        "第一条 做好消防工作，预防安全事故。依据《消防法》办理。",
        unit=gov,
        issuer=gov,
    )
    assert _library("消防安全") == []
    assert _library("防安全") == [doc]
    assert _library("《消防法》") == [doc]  # punctuation inside a term: checked as written
    assert _library("《消防》") == []
    assert _library("消防工作，预防") == [doc]
    assert _library("消防工作。预防") == []


def test_latin_letters_and_digits(people, district):
    gov = district["gov"]
    doc = _imported(
        "示范区PM2.5污染防治办法",
        "测试区人民政府规〔2024〕5号",
        "第一条 细颗粒物（PM2.5）浓度超过75微克的，启动应急响应。",
        unit=gov,
        issuer=gov,
    )
    assert _library("pm2.5") == [doc]  # letters' case does not matter
    assert _library("75微克") == [doc]
    assert _library("5微克") == [doc]
    assert _library("76微克") == []


def test_reindex_rebuilds(people, district):
    fire, _housing, pension = _docs(district)
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {search.INDEX_TABLE}")
        if connection.vendor == "sqlite":
            cur.execute(f"DELETE FROM {search.TITLE_TABLE}")
    assert _library("消防") == []  # the index is what is searched
    out = io.StringIO()
    call_command("documents", "reindex", stdout=out)
    assert "已重建全文检索索引：3件文件" in out.getvalue()
    assert _library("消防") == [fire]
    assert _library("养老") == [pension]
    assert search.reindex_all() == 3


def test_an_edit_changes_what_is_found(people, district, make):
    doc = make.draft(people, district, title="示范区消防安全管理办法", body=FIRE_BODY)
    qs = NormativeDocument.objects.all()
    assert list(search.filter_text(qs, "消防")) == [doc]
    services.update_draft(
        doc,
        title="示范区养老服务管理办法",
        body=PENSION_BODY,
        actor=people["scjg_clerk"],
    )
    assert list(search.filter_text(qs, "消防")) == []
    assert list(search.filter_text(qs, "火灾")) == []
    assert list(search.filter_text(qs, "养老")) == [doc]
    assert list(search.filter_text(qs, "补贴")) == [doc]
    assert list(search.filter_text(qs, "龄")) == [doc]
