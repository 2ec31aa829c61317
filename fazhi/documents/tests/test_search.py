"""The public library: in force by default, filters, and Chinese full-text search on the
current database (character bigrams: SQLite FTS5, PostgreSQL tsvector); more in
test_search_chinese.py."""

import datetime as dt

import pytest

from fazhi.documents import public, search, services
from fazhi.documents.models import NormativeDocument

from .conftest import today

pytestmark = pytest.mark.today(2025, 11, 10)

BODY_A = "第一条 为规范城市道路临时占用行为，制定本办法。第二条 占道施工应当设置围挡和警示标志。"
BODY_B = "第一条 为做好城乡居民临时救助工作，制定本细则。第二条 急难型救助实行先行救助。"


def _imported(title, number, body, *, published=None, status="published", **kw):
    return services.import_existing(
        title=title,
        unit=kw.pop("unit"),
        issuer=kw.pop("issuer"),
        doc_number=number,
        published_on=published or dt.date(2024, 3, 1),
        body=body,
        status=status,
        actor=None,
        **kw,
    )


def test_three_character_query_finds_body_text(people, district):
    gov = district["gov"]
    a = _imported("示范区道路管理办法", "测试区人民政府规〔2024〕1号", BODY_A, unit=gov, issuer=gov)
    b = _imported("示范区救助实施细则", "测试区人民政府规〔2024〕2号", BODY_B, unit=gov, issuer=gov)
    assert list(public.library(q="设置围")) == [a]  # three characters, body only
    assert list(public.library(q="先行救助")) == [b]
    assert set(public.library(q="制定本")) == {a, b}
    assert list(public.library(q="设置围 警示标志")) == [a]  # every term
    assert list(public.library(q="无此内容的检索词")) == []
    assert list(public.library(q='"围挡')) == []  # quotes are literal, not FTS syntax


def test_two_character_query_searches_bodies_too(people, district):
    gov = district["gov"]
    a = _imported("示范区道路管理办法", "测试区人民政府规〔2024〕1号", BODY_A, unit=gov, issuer=gov)
    _imported("示范区救助实施细则", "测试区人民政府规〔2024〕2号", BODY_B, unit=gov, issuer=gov)
    assert list(public.library(q="道路")) == [a]  # in a's title
    assert list(public.library(q="围挡")) == [a]  # only in a's body


def test_index_follows_edits(people, district, make):
    doc = make.draft(people, district, body="第一条 本办法适用于共享单车停放管理。")
    qs = NormativeDocument.objects.all()
    assert list(search.filter_text(qs, "共享单车")) == [doc]
    services.update_draft(
        doc,
        title=doc.title,
        body="第一条 本办法适用于电动自行车充电管理。",
        actor=people["scjg_clerk"],
    )
    assert list(search.filter_text(qs, "共享单车")) == []
    assert list(search.filter_text(qs, "充电管理")) == [doc]
    assert search.reindex_all() == 1
    assert list(search.filter_text(qs, "充电管理")) == [doc]


def test_library_shows_in_force_by_default(people, district, make):
    gov, sfj = district["gov"], district["sfj"]
    live = _imported("示范区现行办法", "测试区人民政府规〔2024〕1号", BODY_A, unit=gov, issuer=gov)
    old = _imported(
        "示范区旧办法",
        "测试区人民政府规〔2019〕3号",
        BODY_A,
        unit=gov,
        issuer=gov,
        published=dt.date(2019, 5, 1),
        valid_until=dt.date(2024, 4, 30),
    )
    gone = _imported(
        "示范区已废止办法",
        "区司法局规〔2022〕1号",
        BODY_A,
        unit=sfj,
        issuer=sfj,
        published=dt.date(2022, 1, 1),
        status="repealed",
        ended_on=dt.date(2023, 1, 1),
    )
    make.draft(people, district, body=BODY_A)  # a draft is never public
    assert list(public.library()) == [live]
    assert set(public.library(status="all")) == {live, old, gone}
    assert list(public.library(status="expired")) == [old]  # computed: still "published"
    assert list(public.library(status="repealed")) == [gone]
    assert list(public.library(status="all", issuer=sfj.pk)) == [gone]
    assert list(public.library(status="all", year=2019)) == [old]
    assert set(public.library(status="all", q="围挡和警示")) == {live, old, gone}


def test_portal_pages(client, people, district, make):
    doc = make.published(people, district)
    draft = make.draft(people, district, title="示范区尚在起草的办法")
    body = client.get("/documents/?q=设置围挡").content.decode()
    assert "共0件" in body
    body = client.get("/documents/?q=临时占用").content.decode()
    assert doc.title in body and draft.title not in body
    assert doc.title in client.get("/documents/?q=道路").content.decode()
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert doc.doc_number in page and "现行有效" in page and "尚未报送备案" in page
    assert client.get(f"/documents/{draft.pk}/").status_code == 404
    assert "行政规范性文件" in client.get("/").content.decode()  # the portal's section


def test_public_api_search(client, people, district, make):
    doc = make.published(people, district)
    make.draft(people, district, title="示范区尚在起草的办法")
    r = client.get("/api/documents/public/search", {"q": "临时占用"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["doc_number"] for i in items] == [doc.doc_number]
    assert items[0]["status"] == "in_force" and items[0]["url"] == f"/documents/{doc.pk}/"
    assert client.get("/api/documents/public/search", {"q": "起草的"}).json()["count"] == 0
    r = client.get("/api/documents/public/search", {"issuer": "G00", "year": today().year})
    assert r.json()["count"] == 1


def test_api_schema_lists_the_routes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/documents", "/api/documents/{pk}", "/api/documents/public/search"} <= set(paths)
