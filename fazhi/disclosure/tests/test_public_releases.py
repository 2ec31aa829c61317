"""主动公开 on the portal: the agencies with their 公开目录, a unit's published releases
(filter by heading and year, search, pages), a release's page with its 索引号, 文号, dates,
public attachments and 政策解读 (linked both ways), the interpretations; drafts and
withdrawn releases never show; normative documents come from the documents module's
public registry and link there."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.core import services as core
from fazhi.core.registry import PUBLIC, latest_publications
from fazhi.disclosure.services import releases

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def site(district, people, at):
    """The 市场监管局's catalogue and releases: one published in 2024 and two in 2025 (one
    with an attachment and an interpretation), one draft, one withdrawn."""
    clerk = people["scjg_clerk"]
    scjg = district["scjg"]
    at(D(2025, 6, 30))
    rules_item = releases.save_catalogue_item(unit=scjg, category=1, name="规范性文件", actor=clerk)
    fines = releases.save_catalogue_item(unit=scjg, category=6, name="行政处罚", actor=clerk)
    budget = releases.save_catalogue_item(unit=scjg, category=7, name="财政预决算", actor=clerk)

    def release(title, item, created, published=None, **kw):
        rel = releases.create_release(unit=scjg, catalogue=item, title=title, created_on=created,
                                      body=kw.pop("body", f"{title}的正文。"), actor=clerk, **kw)  # fmt: skip
        if published:
            rel = releases.publish(rel, on=published, actor=clerk)
        return rel

    old = release("2023年度部门决算", budget, D(2024, 7, 1), D(2024, 7, 5))
    budget25 = release("2025年度部门预算", budget, D(2025, 2, 10), D(2025, 2, 14),
                       document_number="测市监〔2025〕8号",
                       attachments=[SimpleUploadedFile("预算表.pdf", PDF, "application/pdf")])  # fmt: skip
    fine = release("行政处罚裁量基准", fines, D(2025, 3, 3), D(2025, 3, 5),
                   body="裁量基准正文。咨询电话13800138000，联系人身份证号110105199003071239。")  # fmt: skip
    draft = release("尚未公开的草稿信息", fines, D(2025, 6, 2))
    gone = release("已撤回的错误信息", fines, D(2025, 4, 1), D(2025, 4, 2))
    releases.withdraw(gone, on=D(2025, 4, 3), reason="发布错误", actor=clerk)
    interp = releases.publish_interpretation(
        unit=scjg, title="图解2025年度部门预算", body="预算解读正文。", published_on=D(2025, 2, 20),
        release=budget25, form="graphic", actor=clerk,
        attachments=[SimpleUploadedFile("图解.pdf", PDF, "application/pdf")],
    )  # fmt: skip
    # Something else on the release's record (an internal file) is not public.
    internal = core.attach(budget25, SimpleUploadedFile("审批单.pdf", PDF, "application/pdf"),
                           actor=clerk, unit=scjg, description="内部审批单")  # fmt: skip
    return {
        "items": (rules_item, fines, budget), "old": old, "budget": budget25, "fine": fine,
        "draft": draft, "gone": gone, "interp": interp, "internal": internal,
    }  # fmt: skip


def text(path):
    resp = Client().get(path)
    return resp.status_code, resp.content.decode()


def test_the_home_lists_the_agencies_with_their_catalogue(site, district):
    code, page = text("/disclosure/")
    assert code == 200
    for unit in ("gov", "sfj", "scjg", "town"):
        assert district[unit].name in page
    assert district["community"].name not in page
    assert "行政处罚" in page and "财政预决算" in page and "第二十条第7项" in page
    assert f"/disclosure/units/{district['scjg'].code}/?catalogue={site['items'][2].pk}" in page
    assert "2025年度部门预算" in page  # the newest releases
    assert "尚未公开的草稿信息" not in page and "已撤回的错误信息" not in page


def test_a_units_page_lists_only_published_releases(site, district):
    code, page = text(f"/disclosure/units/{district['scjg'].code}/")
    assert code == 200
    for title in ("2023年度部门决算", "2025年度部门预算", "行政处罚裁量基准"):
        assert title in page
    assert "尚未公开的草稿信息" not in page and "已撤回的错误信息" not in page
    assert "共3条" in page and site["budget"].index_number in page
    assert text("/disclosure/units/NOPE/")[0] == 404
    assert text(f"/disclosure/units/{district['community'].code}/")[0] == 404


def listed(path):
    """The list of releases on a unit's page (not its sidebar or interpretations)."""
    return text(path)[1].split('id="releases"')[1].split("</ul>")[0]


def test_filter_by_heading_year_and_search(site, district):
    base = f"/disclosure/units/{district['scjg'].code}/"
    page = text(f"{base}?catalogue={site['items'][2].pk}")[1]
    assert "2025年度部门预算" in page and "2023年度部门决算" in page
    assert "行政处罚裁量基准" not in page and "共2条" in page
    page = listed(f"{base}?catalogue={site['items'][2].pk}&year=2024")
    assert "2023年度部门决算" in page and "2025年度部门预算" not in page
    page = listed(f"{base}?q=测市监〔2025〕8号")
    assert "2025年度部门预算" in page and "部门决算" not in page and "裁量" not in page
    page = listed(f"{base}?q=裁量基准正文")
    assert "行政处罚裁量基准" in page and "预算" not in page
    # Nonsense in the query string is ignored, never a 500.
    for junk in ("?catalogue=x&year=abc", "?page=999", "?year=99999999999999", "?catalogue=-1"):
        code, page = text(f"{base}{junk}")
        assert code == 200 and "已撤回的错误信息" not in page


def test_pages_of_twenty(district, people, at):
    clerk = people["town_clerk"]
    at(D(2025, 6, 30))
    item = releases.save_catalogue_item(unit=district["town"], category=12, name="应急管理",
                                        actor=clerk)  # fmt: skip
    for n in range(23):
        rel = releases.create_release(unit=district["town"], catalogue=item, title=f"预警信息第{n:02d}号",
                                      body="正文", created_on=D(2025, 5, 5), actor=clerk)  # fmt: skip
        releases.publish(rel, on=D(2025, 5, 6), actor=clerk)
    base = f"/disclosure/units/{district['town'].code}/"
    _, first = text(base)
    _, second = text(f"{base}?page=2")
    assert first.count("预警信息第") == 20 and second.count("预警信息第") == 3
    assert "第1/2页" in first and "下一页" in first


def test_a_release_page_and_its_interpretation_link_both_ways(site, district):
    rel, interp = site["budget"], site["interp"]
    code, page = text(f"/disclosure/releases/{rel.pk}/")
    assert code == 200
    for shown in (rel.index_number, "测市监〔2025〕8号", "2025年2月14日", district["scjg"].name,
                  "2025年度部门预算的正文", "财政预决算", "图解2025年度部门预算", "预算表.pdf"):  # fmt: skip
        assert shown in page, shown
    assert f"/disclosure/interpretations/{interp.pk}/" in page
    assert "审批单.pdf" not in page
    code, page = text(f"/disclosure/interpretations/{interp.pk}/")
    assert code == 200 and "图文解读" in page and f"/disclosure/releases/{rel.pk}/" in page
    code, page = text("/disclosure/interpretations/")
    assert code == 200 and "图解2025年度部门预算" in page


def test_public_files_download_and_nothing_else(site):
    rel = site["budget"]
    page = text(f"/disclosure/releases/{rel.pk}/")[1]
    pk = int(page.split("/disclosure/files/")[1].split("/")[0])
    resp = Client().get(f"/disclosure/files/{pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert Client().get(f"/disclosure/files/{site['internal'].pk}/").status_code == 404


def test_drafts_and_withdrawn_releases_answer_404(site, people, at):
    for rel in (site["draft"], site["gone"]):
        assert text(f"/disclosure/releases/{rel.pk}/")[0] == 404
    # Withdrawing hides the page, its files and its place in the feed.
    at(D(2025, 7, 1))
    page = text(f"/disclosure/releases/{site['budget'].pk}/")[1]
    file_pk = page.split("/disclosure/files/")[1].split("/")[0]
    releases.withdraw(site["budget"], on=D(2025, 7, 1), reason="已被新预算替代",
                      actor=people["scjg_clerk"])  # fmt: skip
    assert text(f"/disclosure/releases/{site['budget'].pk}/")[0] == 404
    assert Client().get(f"/disclosure/files/{file_pk}/").status_code == 404
    assert "2025年度部门预算" not in listed(f"/disclosure/units/{site['budget'].unit.code}/")
    assert all("2025年度部门预算" not in p.title for p in latest_publications(50))
    # The interpretation stays, without a link to the withdrawn release.
    page = text(f"/disclosure/interpretations/{site['interp'].pk}/")[1]
    assert f"/disclosure/releases/{site['budget'].pk}/" not in page


def test_a_withdrawn_interpretation_is_gone(site, people):
    releases.withdraw_interpretation(site["interp"], on=D(2025, 6, 30), reason="内容有误",
                                     actor=people["scjg_clerk"])  # fmt: skip
    assert text(f"/disclosure/interpretations/{site['interp'].pk}/")[0] == 404
    assert "图解2025年度部门预算" not in text(f"/disclosure/releases/{site['budget'].pk}/")[1]


def test_personal_numbers_typed_in_a_release_are_masked(site):
    page = text(f"/disclosure/releases/{site['fine'].pk}/")[1]
    assert "13800138000" not in page and "110105199003071239" not in page
    assert "138****8000" in page


def test_the_section_and_the_feed_are_registered(site):
    assert any(s.url_name == "disclosure_public:home" for s in PUBLIC)
    feed = [p for p in latest_publications(50) if p.kind == "政府信息公开"]
    assert {p.url for p in feed} == {
        f"/disclosure/releases/{site[k].pk}/" for k in ("old", "budget", "fine")
    }
    assert Client().get("/").status_code == 200


def test_normative_documents_come_from_the_documents_registry(district, people, at):
    """第二十条第一项: the government's page lists the documents it issued, from the
    documents module, linking to the documents portal; a draft is never listed."""
    from fazhi.documents.tests.conftest import draft, published

    at(D(2025, 5, 6))
    doc = published(people, district, title="测试区城市道路临时占用管理办法")
    draft(people, district, title="测试区尚在起草的管理办法")
    at(D(2025, 6, 30))
    item = releases.save_catalogue_item(unit=district["gov"], category=1, name="规范性文件",
                                        actor=people["coordinator"])  # fmt: skip
    base = f"/disclosure/units/{district['gov'].code}/"
    for path in (base, f"{base}?catalogue={item.pk}"):
        page = text(path)[1]
        assert "测试区城市道路临时占用管理办法" in page and doc.doc_number in page
        assert f"/documents/{doc.pk}/" in page and "现行有效" in page
        assert "尚在起草" not in page
        assert f"/documents/?issuer={district['gov'].pk}&amp;status=all" in page
    # An interpretation of the document names it by its 文号 and links to it.
    interp = releases.publish_interpretation(
        unit=district["gov"], title="《管理办法》解读", body="解读正文", form="text",
        published_on=D(2025, 6, 30), document_ref=doc.doc_number, actor=people["coordinator"],
    )  # fmt: skip
    page = text(f"/disclosure/interpretations/{interp.pk}/")[1]
    assert f"/documents/{doc.pk}/" in page
    # The scjg's page (no documents of its own) says so.
    assert (
        "暂无本机关制定的行政规范性文件" in text(f"/disclosure/units/{district['scjg'].code}/")[1]
    )
