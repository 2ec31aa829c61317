"""The office screens of 主动公开: the catalogue editor, the releases list (filters, export,
the figures' records links), the release page with its 20-working-day clock and actions
(a late publication refused without a reason, nothing moved), edits protected against a
stale form, the 政策解读 linked to a release or to a 规范性文件, the 工作台 item; and a
clerk of another unit who can neither read nor change any of it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import events
from fazhi.core.tests.refusal import nothing_moved
from fazhi.disclosure import indicators, views_releases
from fazhi.disclosure.models import CatalogueItem, Interpretation, ProactiveRelease
from fazhi.disclosure.services import releases as svc

pytestmark = pytest.mark.today(2025, 11, 10)
URL = "/office/disclosure/releases/"
REL = ProactiveRelease


@pytest.fixture
def cat(district, people):
    def make(unit="scjg", name="财政预决算", category=7):
        return svc.save_catalogue_item(
            unit=district[unit], category=category, name=name, actor=people[f"{unit}_clerk"]
        )

    return make


@pytest.fixture
def release(district, people, cat):
    items = {}

    def make(unit="scjg", title="2025年部门预算", created_on=dt.date(2025, 10, 20), **kw):
        if unit not in items:
            items[unit] = cat(unit)
        return svc.create_release(
            unit=district[unit], catalogue=items[unit], title=title, body="正文内容",
            created_on=created_on, actor=people[f"{unit}_clerk"], **kw,
        )  # fmt: skip

    return make


def _text(resp) -> str:
    return resp.content.decode()


# --- catalogue --------------------------------------------------------------------------------
def test_catalogue_add_rename_deactivate(login, people, district):
    c = login(people["scjg_clerk"])
    resp = c.post("/office/disclosure/catalogue/", {
        "unit": district["scjg"].pk, "new-category": "7", "new-name": "财政预决算",
        "new-sort_order": "100", "new-active": "on",
    })  # fmt: skip
    assert resp.status_code == 302
    item = CatalogueItem.objects.get(unit=district["scjg"])
    assert (item.name, item.category, item.active) == ("财政预决算", 7, True)
    resp = c.post("/office/disclosure/catalogue/", {
        "unit": district["scjg"].pk, "item": item.pk, f"i{item.pk}-category": "7",
        f"i{item.pk}-name": "部门预决算", f"i{item.pk}-sort_order": "10",
    })  # fmt: skip
    assert resp.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.active) == ("部门预决算", False)
    page = _text(c.get(f"/office/disclosure/catalogue/?unit={district['scjg'].pk}"))
    assert "部门预决算" in page and "已停用" in page
    assert len(events.history("disclosure.catalogueitem", str(item.pk))) == 2


def test_catalogue_refusal_keeps_what_was_typed(login, people, district, cat):
    cat()
    c = login(people["scjg_clerk"])
    resp = c.post("/office/disclosure/catalogue/", {
        "unit": district["scjg"].pk, "new-category": "7", "new-name": "财政预决算",
        "new-description": "我写的说明", "new-sort_order": "100",
    })  # fmt: skip
    assert resp.status_code == 400
    assert "本单位的公开目录中已有“财政预决算”" in _text(resp)
    assert "我写的说明" in _text(resp)
    assert CatalogueItem.objects.count() == 1


def test_other_units_clerk_cannot_read_or_change_catalogue(login, people, district, cat):
    item = cat()
    c = login(people["town_clerk"])
    page = _text(c.get(f"/office/disclosure/catalogue/?unit={district['scjg'].pk}"))
    assert "财政预决算" not in page  # shown their own unit instead
    with nothing_moved(item):
        resp = c.post("/office/disclosure/catalogue/", {
            "unit": district["scjg"].pk, "item": item.pk, f"i{item.pk}-category": "7",
            f"i{item.pk}-name": "改名", f"i{item.pk}-sort_order": "1",
        })  # fmt: skip
    assert resp.status_code == 404
    item.refresh_from_db()
    assert item.name == "财政预决算" and item.active


# --- releases ---------------------------------------------------------------------------------
def test_new_release_with_attachment_starts_the_clock(login, people, district, cat):
    item = cat()
    c = login(people["scjg_clerk"])
    resp = c.post(f"{URL}new/", {
        "catalogue": item.pk, "title": "2025年部门预算", "created_on": "2025-11-03",
        "body": "预算正文",
        "files": SimpleUploadedFile("预算.pdf", b"%PDF-1.4 budget", "application/pdf"),
    })  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    rel = REL.objects.get()
    assert rel.state == REL.State.DRAFT and rel.deadline is not None
    # 20 working days from Monday 2025-11-03: four whole weeks, no holiday in between.
    assert rel.deadline.due_date == dt.date(2025, 12, 1)
    page = _text(c.get(rel.get_absolute_url()))
    assert "2025-12-01" in page and "预算.pdf" in page and "登记待公开信息" in page


def test_new_release_refused_keeps_what_was_typed(login, people, cat):
    item = cat()
    c = login(people["scjg_clerk"])
    resp = c.post(f"{URL}new/", {
        "catalogue": item.pk, "title": "我的标题", "created_on": "2025-12-03", "body": "正文",
    })  # fmt: skip
    assert resp.status_code == 400
    assert "不能晚于今天" in _text(resp) and "我的标题" in _text(resp)
    assert not REL.objects.exists()


def test_late_publish_asks_the_reason_and_refuses_without_it(login, people, release):
    rel = release(
        created_on=dt.date(2025, 9, 1)
    )  # due 2025-09-28 (a Sunday worked for 国庆), long past
    on_time = release(title="按期的信息", created_on=dt.date(2025, 11, 3))
    c = login(people["scjg_clerk"])
    assert "逾期公开的原因" in _text(c.get(rel.get_absolute_url()))
    assert "逾期公开的原因" not in _text(c.get(on_time.get_absolute_url()))
    with nothing_moved(rel):
        resp = c.post(rel.get_absolute_url(), {
            "action": "publish", "publish-published_on": "2025-11-10",
        })  # fmt: skip
    assert resp.status_code == 400
    assert "已逾期，请填写逾期公开的原因" in _text(resp)
    rel.refresh_from_db()
    assert rel.state == REL.State.DRAFT and rel.published_on is None
    resp = c.post(rel.get_absolute_url(), {
        "action": "publish", "publish-published_on": "2025-11-10",
        "publish-late_reason": "待上级批复后公开",
    })  # fmt: skip
    assert resp.status_code == 302
    rel.refresh_from_db()
    assert (rel.state, rel.late, rel.late_reason) == (REL.State.PUBLISHED, True, "待上级批复后公开")
    resp = c.post(on_time.get_absolute_url(), {
        "action": "publish", "publish-published_on": "2025-11-10",
    })  # fmt: skip
    on_time.refresh_from_db()
    assert (on_time.state, on_time.late) == (REL.State.PUBLISHED, False)


def test_withdraw_needs_a_reason(login, people, release):
    rel = release()
    c = login(people["scjg_clerk"])
    with nothing_moved(rel):
        resp = c.post(rel.get_absolute_url(), {"action": "withdraw", "withdraw-on": "2025-11-10"})
    assert resp.status_code == 400
    resp = c.post(rel.get_absolute_url(), {
        "action": "withdraw", "withdraw-on": "2025-11-10", "withdraw-reason": "信息有误",
    })  # fmt: skip
    rel.refresh_from_db()
    assert rel.state == REL.State.WITHDRAWN and rel.withdraw_reason == "信息有误"


def test_stale_edit_is_refused_and_keeps_what_was_typed(login, people, release, client):
    rel = release()
    c = login(people["scjg_clerk"])
    form = _text(c.get(f"{URL}{rel.pk}/edit/"))
    token = form.split('name="lock" value="')[1].split('"')[0]
    svc.edit_release(rel, title="别人改的标题", body="正文内容", actor=people["coordinator"])
    resp = c.post(f"{URL}{rel.pk}/edit/", {
        "lock": token, "title": "我改的标题", "body": "我的正文", "document_number": "",
    })  # fmt: skip
    assert resp.status_code == 400
    assert "我改的标题" in _text(resp) and "别人改的标题" in _text(resp)
    rel.refresh_from_db()
    assert rel.title == "别人改的标题"
    # The re-rendered form carries the current version: saving again after review works.
    token = _text(resp).split('name="lock" value="')[1].split('"')[0]
    resp = c.post(f"{URL}{rel.pk}/edit/", {
        "lock": token, "title": "我改的标题", "body": "我的正文", "document_number": "",
    })  # fmt: skip
    assert resp.status_code == 302
    rel.refresh_from_db()
    assert rel.title == "我改的标题"


def test_other_units_clerk_gets_404_and_nothing_changes(login, people, release):
    rel = release(created_on=dt.date(2025, 9, 1))
    c = login(people["town_clerk"])
    assert c.get(rel.get_absolute_url()).status_code == 404
    assert c.get(f"{URL}{rel.pk}/edit/").status_code == 404
    assert "2025年部门预算" not in _text(c.get(URL))
    with nothing_moved(rel):
        for data in (
            {"action": "publish", "publish-published_on": "2025-11-10",
             "publish-late_reason": "x"},
            {"action": "withdraw", "withdraw-on": "2025-11-10", "withdraw-reason": "x"},
        ):  # fmt: skip
            assert c.post(rel.get_absolute_url(), data).status_code == 404
        resp = c.post(f"{URL}{rel.pk}/edit/", {"title": "改", "body": "改"})
        assert resp.status_code == 404
    rel.refresh_from_db()
    assert (rel.state, rel.title) == (REL.State.DRAFT, "2025年部门预算")
    # The leader reads but changes nothing.
    lead = login(people["leader"])
    assert lead.get(rel.get_absolute_url()).status_code == 200
    with nothing_moved(rel):
        resp = lead.post(rel.get_absolute_url(), {
            "action": "withdraw", "withdraw-on": "2025-11-10", "withdraw-reason": "x",
        })  # fmt: skip
    assert resp.status_code == 403


@pytest.fixture
def year_of_releases(release, people, district, at):
    """2025: the 市场监管局 publishes three (one late) and withdraws one it had published;
    one draft; the 城关街道 publishes one; one published in 2024 (not counted in 2025)."""
    clerk = people["scjg_clerk"]
    at(dt.date(2025, 11, 10))
    a = release(title="甲", created_on=dt.date(2025, 3, 3))
    svc.publish(a, on=dt.date(2025, 3, 10), actor=clerk)
    b = release(title="乙", created_on=dt.date(2025, 3, 3))
    svc.publish(b, on=dt.date(2025, 5, 6), late_reason="迟报", actor=clerk)
    c = release(title="丙", created_on=dt.date(2025, 6, 2))
    svc.publish(c, on=dt.date(2025, 6, 3), actor=clerk)
    d = release(title="丁", created_on=dt.date(2025, 7, 1))
    svc.publish(d, on=dt.date(2025, 7, 2), actor=clerk)
    svc.withdraw(d, on=dt.date(2025, 8, 1), reason="文件废止", actor=clerk)
    release(title="草稿", created_on=dt.date(2025, 11, 3))
    old = release(title="去年", created_on=dt.date(2024, 12, 2))
    svc.publish(old, on=dt.date(2024, 12, 3), actor=clerk)
    t = release(unit="town", title="街道", created_on=dt.date(2025, 4, 1))
    svc.publish(t, on=dt.date(2025, 4, 2), actor=people["town_clerk"])


def _titles(resp) -> set[str]:
    text = _text(resp)
    return {t for t in ("甲", "乙", "丙", "丁", "草稿", "去年", "街道") if f">{t}</a>" in text}


def test_figure_links_list_exactly_what_the_figures_count(
    login, people, district, year_of_releases, monkeypatch
):
    scjg, gov = district["scjg"].pk, district["gov"].pk
    counts = indicators.proactive(2025)
    assert counts[scjg] == 4 and counts[gov] == 5  # hand count: 甲乙丙丁; + 街道
    assert indicators.proactive_on_time_rate(2025)[scjg] == 75  # 乙 late of four
    c = login(people["coordinator"])
    base = f"{URL}?figure=disclosure.proactive&year=2025"
    assert _titles(c.get(f"{base}&unit={scjg}")) == {"甲", "乙", "丙", "丁"}
    assert _titles(c.get(base)) == {"甲", "乙", "丙", "丁", "街道"}
    assert _titles(c.get(f"{base}&unit={gov}")) == {"甲", "乙", "丙", "丁", "街道"}
    # The figure's own link is the one the list answers.
    link = indicators._url("disclosure.proactive", indicators.RELEASES)(scjg, 2025)
    assert _titles(c.get(link)) == {"甲", "乙", "丙", "丁"}
    # The other filters.
    assert _titles(c.get(f"{URL}?unit={scjg}&late=1")) == {"乙"}
    assert _titles(c.get(f"{URL}?unit={scjg}&state=draft")) == {"草稿"}
    assert _titles(c.get(f"{URL}?unit={scjg}&year=2024")) == {"去年"}
    assert _titles(c.get(f"{URL}?q=街")) == {"街道"}
    # Pagination keeps the filters.
    monkeypatch.setattr(views_releases, "PER_PAGE", 3)
    first, second = c.get(f"{base}&unit={scjg}"), c.get(f"{base}&unit={scjg}&page=2")
    assert len(_titles(first)) == 3 and len(_titles(second)) == 1
    assert _titles(first) | _titles(second) == {"甲", "乙", "丙", "丁"}
    assert "page=2" in _text(first) and "figure=disclosure.proactive" in _text(first)
    # Garbage in the query string is ignored, never a 500.
    assert c.get(f"{URL}?unit=x&year=99999&page=abc&catalogue=-1").status_code == 200


def test_export_is_the_filtered_list(login, people, district, year_of_releases):
    from openpyxl import load_workbook

    c = login(people["coordinator"])
    resp = c.get(
        f"{URL}export.xlsx?figure=disclosure.proactive&year=2025&unit={district['scjg'].pk}"
    )
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "索引号"
    assert sorted(r[4] for r in rows[1:]) == sorted(["甲", "乙", "丙", "丁"])
    assert [r[10] for r in rows[1:] if r[4] == "乙"] == ["是"]


def test_waiting_item_for_the_units_clerk(people, release, at):
    from fazhi.core.waiting import PROVIDERS

    overdue = release(title="早已形成", created_on=dt.date(2025, 9, 1))
    release(title="刚形成", created_on=dt.date(2025, 11, 3))
    p = PROVIDERS["disclosure.release_due"]
    items = p.items(people["scjg_clerk"])
    assert [i.title.split(" ", 1)[1] for i in items] == ["早已形成", "刚形成"]
    assert [i.state for i in items] == ["逾期未公开", "待公开"]
    assert p.count(people["town_clerk"]) == 0
    svc.publish(overdue, on=dt.date(2025, 11, 10), late_reason="迟", actor=people["scjg_clerk"])
    assert p.count(people["scjg_clerk"]) == 1


# --- interpretations --------------------------------------------------------------------------
def test_interpretation_of_a_release(login, people, district, release):
    rel = release(created_on=dt.date(2025, 11, 3))
    svc.publish(rel, on=dt.date(2025, 11, 5), actor=people["scjg_clerk"])
    c = login(people["scjg_clerk"])
    page = _text(c.get(f"/office/disclosure/interpretations/new/?release={rel.pk}"))
    assert "2025年部门预算" in page
    resp = c.post("/office/disclosure/interpretations/new/", {
        "unit": district["scjg"].pk, "release": rel.pk, "title": "一图读懂部门预算",
        "form": "graphic", "published_on": "2025-11-06", "body": "解读",
    })  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    obj = Interpretation.objects.get()
    assert (obj.release, obj.document_title) == (rel, "2025年部门预算")
    assert "一图读懂部门预算" in _text(c.get("/office/disclosure/interpretations/"))
    # The figure and its records link agree (hand count: this one).
    scjg = district["scjg"].pk
    assert indicators.interpretations(2025)[scjg] == 1
    link = indicators._url("disclosure.interpretations", indicators.INTERPRETATIONS)(scjg, 2025)
    assert "一图读懂部门预算" in _text(c.get(link))
    assert "一图读懂部门预算" not in _text(c.get(link.replace("2025", "2024")))
    # Neither target chosen: refused in Chinese, what was typed kept.
    resp = c.post("/office/disclosure/interpretations/new/", {
        "unit": district["scjg"].pk, "title": "第二篇", "form": "text",
        "published_on": "2025-11-06", "body": "解读",
    })  # fmt: skip
    assert resp.status_code == 400 and "请选择所解读的公开信息或规范性文件" in _text(resp)
    assert "第二篇" in _text(resp)
    # Withdraw, then another unit's clerk cannot read or withdraw.
    other = login(people["town_clerk"])
    assert other.get(obj.get_absolute_url()).status_code == 404
    with nothing_moved(obj):
        resp = other.post(
            obj.get_absolute_url(), {"withdraw-on": "2025-11-10", "withdraw-reason": "x"}
        )
    assert resp.status_code == 404
    c = login(people["scjg_clerk"])
    resp = c.post(obj.get_absolute_url(), {"withdraw-on": "2025-11-10", "withdraw-reason": "有误"})
    assert resp.status_code == 302
    obj.refresh_from_db()
    assert obj.withdrawn_on == dt.date(2025, 11, 10)


def test_interpretation_of_a_normative_document(login, people, district):
    from fazhi.documents.tests.conftest import published

    doc = published(people, district, on=dt.date(2025, 10, 9))
    c = login(people["scjg_clerk"])
    page = _text(c.get("/office/disclosure/interpretations/new/"))
    assert doc.title in page
    ref = f"documents.normativedocument:{doc.pk}"
    resp = c.post("/office/disclosure/interpretations/new/", {
        "unit": district["scjg"].pk, "document_ref": ref, "title": "解读《办法》",
        "form": "text", "published_on": "2025-10-10", "body": "解读内容",
    })  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    obj = Interpretation.objects.get()
    assert (obj.document_ref, obj.document_title, obj.release) == (ref, doc.title, None)
    # A reference that is not one of the unit's published documents is not accepted.
    resp = c.post("/office/disclosure/interpretations/new/", {
        "unit": district["scjg"].pk, "document_ref": "documents.normativedocument:999999",
        "title": "假的", "form": "text", "published_on": "2025-10-10", "body": "x",
    })  # fmt: skip
    assert resp.status_code == 400
    assert Interpretation.objects.count() == 1


def test_a_disguised_attachment_is_refused_and_nothing_is_registered(login, people, cat):
    item = cat()
    c = login(people["scjg_clerk"])
    resp = c.post(f"{URL}new/", {
        "catalogue": item.pk, "title": "带附件的信息", "created_on": "2025-11-03", "body": "正文",
        "files": SimpleUploadedFile("预算.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    })  # fmt: skip
    assert resp.status_code == 400
    assert "带附件的信息" in _text(resp)
    assert not REL.objects.exists()


def test_menu_group(login, people):
    from django.urls import reverse

    c = login(people["scjg_clerk"])
    page = _text(c.get(reverse("core:menu", args=["zhengfuxinxigongkai"])))
    for label in ("主动公开信息", "政府信息公开目录", "政策解读"):
        assert label in page
