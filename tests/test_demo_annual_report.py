"""The annual report built from the demo district's records: required parts, sourced
figures, Chinese prose, exports, editing, the review gates, the portal. On the demo district
this folder builds once (tests/conftest.py)."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from docx import Document

from fazhi.reports import services
from fazhi.reports.export import iter_figures, plain_text
from fazhi.reports.models import AnnualReport
from fazhi.reports.quality import check

# After the demo's report season (published 2026-03-26).
pytestmark = pytest.mark.today(2026, 4, 15)


@pytest.fixture
def report(demo, db):
    return AnnualReport.objects.get(year=2025, unit__code="G00")


def test_required_parts_and_sourced_figures(report, client):
    q = check(report.doc, year=2025, published_on=report.published_on)
    assert q.missing_sections == [] and q.unsourced == [] and q.placeholders == []
    figures = list(iter_figures(report.doc))
    assert len(figures) >= 30
    client.force_login(
        __import__("fazhi.core.models", fromlist=["User"]).User.objects.get(username="coordinator")
    )
    for ref in figures[:40]:
        assert ref.figure["source_url"]
        assert client.get(ref.figure["source_url"]).status_code == 200, ref.figure["source_url"]
    assert report.state == "published" and report.published_on == dt.date(2026, 3, 26)
    assert q.lateness == []


def test_reads_as_chinese_prose_like_seed_003(report):
    """The same kinds of content as a real report (seed 003): measures named with their
    documents, figures with year-over-year change, the leaders' duties, shortcomings with
    causes, next year's arrangements — and no template residue."""
    text = plain_text(report.doc)
    assert re.search(r"《[^》]+》（示[^）]*〔2025〕\d+号）", text)  # documents with 文号
    assert "同比增长" in text or "同比下降" in text
    assert "较上年" in text or "与上年持平" in text
    leaders = next(s for s in report.doc["sections"] if "第一责任人" in s["heading"])
    lt = plain_text({"title": "x", "sections": [leaders]})
    assert "学法" in lt and "出庭" in lt and "述法" in lt
    shortcomings = next(s for s in report.doc["sections"] if "不足" in s["heading"])
    st = plain_text({"title": "x", "sections": [shortcomings]})
    assert "原因" in st and "滞后" in st
    # Causes come from the records, in their own words: the lagging task's progress report,
    # the late filing's recorded reason, the reporting unit's note on a falling figure.
    assert "因第三方评估服务采购两次流标" in st
    assert "逾期报送备案1件" in st and "报送备案材料未及时移交" in st
    # A figure now computed from its records (enforcement training sessions, fewer than
    # the year before) is explained by the records themselves.
    assert "行政执法三项制度专题培训" in st
    assert "跨部门协同事项多" not in st and "有待逐项分析" not in st
    assert check(report.doc, year=2025, published_on=report.published_on).unexplained == []
    nxt = next(s for s in report.doc["sections"] if "安排" in s["heading"])
    nt = plain_text({"title": "x", "sections": [nxt]})
    assert "2026" in nxt["heading"] and "工作要点" in nt
    assert "一是抓好习近平法治思想的学习运用，" in nt and "（区司法局牵头）" in nt
    assert "抓好抓好" not in text and "重点抓好做好" not in text
    # Large counts in 万, 余 before the unit; figures phrased as the seeds phrase them.
    assert "15.1万余件" in text and "151000" not in text
    # Computed from the learning records now (旁听庭审 attendees, 现场述法), in the same words.
    assert re.search(r"组织干部\d+人旁听庭审", text) and re.search(r"主要负责人\d+人现场述法", text)
    assert not re.search(r"\{|\}|None|null|nan|TODO|XX", text)
    latin = re.findall(r"[A-Za-z]{3,}", text)
    assert latin == []


def test_docx_and_html_export(report, tmp_path):
    out = tmp_path / "r.docx"
    call_command(
        "report",
        "export",
        "--year",
        "2025",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == report.doc["title"]
    assert any(t.startswith("一、") for t in texts) and any(t.startswith("五、") for t in texts)
    html_out = tmp_path / "r.html"
    call_command(
        "report",
        "export",
        "--year",
        "2025",
        "--format",
        "html",
        "--out",
        str(html_out),
        stdout=io.StringIO(),
    )
    html = html_out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and report.doc["title"] in html


def test_portal_shows_published_report(report, client):
    body = client.get("/reports/").content.decode()
    assert report.doc["title"] in body and "2026年3月26日发布" in body
    page = client.get(f"/reports/{report.pk}/").content.decode()
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "二、存在的不足和原因" in article and "/office/" not in article


def test_demo_report_published_by_someone_else(report):
    """Four eyes in the demo too: the coordinator drafted, the leader published, and the
    complete report for an ended year needed no override."""
    from fazhi.reports import gates

    assert report.published_by is not None
    assert report.published_by.pk not in gates.author_ids(report)
    assert gates.author_ids(report) and report.override_reason == ""


def _figure_links(article: str) -> list[str]:
    return re.findall(r'<a class="fz-figure" href="([^"]*)"', article)


def test_portal_figures_link_to_their_sources(report, client):
    """On the portal each figure links to its entry in the 数据来源 appendix, which says how
    it was obtained: computed from a module's records, or reported by a unit (round, review
    date, evidence with SHA-256) — with no back-office link and nothing unmasked."""
    page = client.get(f"/reports/{report.pk}/").content.decode()
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    codes = {ref.figure["code"] for ref in iter_figures(report.doc)}
    links = _figure_links(article)
    assert len(links) == len(list(iter_figures(report.doc)))
    assert {href.removeprefix("#fz-src-") for href in links} == codes
    for code in codes:
        assert f'<li id="fz-src-{code}">' in article
    appendix = article.split('id="fz-sources"', 1)[1]
    assert "数据来源" in appendix and "/office/" not in appendix
    assert "来源：由行政规范性文件的业务记录自动计算" in appendix  # a computed figure
    reported = re.search(r"来源：示范区[^<]+填报（[^<]+，\d{4}-\d\d-\d\d审核通过）", appendix)
    assert reported, "a figure reported by a unit names its filing"
    assert re.search(r"佐证材料（SHA-256前16位）：[^<（]+（[0-9a-f]{16}）", appendix)
    # The chain head as of publication anchors the full-process record outside the database.
    assert re.search(
        r'<p class="fz-chain-head">全过程记录链头：截至\d{4}年\d\d月\d\d日共\d+条事件，'
        r"链头哈希（SHA-256）[0-9a-f]{64}</p>",
        appendix,
    )


def test_exports_carry_the_sources_appendix(report, tmp_path, settings):
    """The exported HTML links each figure to the appendix, whose entries link to the
    records (absolute with FAZHI_SITE_URL); the DOCX ends with the same appendix."""
    settings.FAZHI_SITE_URL = "https://fzzf.example.gov.cn"
    codes = {ref.figure["code"] for ref in iter_figures(report.doc)}
    html_out = tmp_path / "r.html"
    call_command(
        "report",
        "export",
        "--year",
        "2025",
        "--format",
        "html",
        "--out",
        str(html_out),
        stdout=io.StringIO(),
    )
    html = html_out.read_text(encoding="utf-8")
    assert {h.removeprefix("#fz-src-") for h in _figure_links(html)} == codes
    record_links = re.findall(r'<a href="([^"]+)">查看来源记录</a>', html)
    assert len(record_links) == len(codes)
    assert all(u.startswith("https://fzzf.example.gov.cn/office/") for u in record_links)
    out = tmp_path / "r.docx"
    call_command(
        "report",
        "export",
        "--year",
        "2025",
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    texts = [p.text for p in Document(str(out)).paragraphs]
    at = texts.index("附件")
    assert texts[at + 1] == "数据来源"
    entries, head = texts[at + 2 : -1], texts[-1]
    assert head.startswith("全过程记录链头：截至") and len(entries) == len(codes)
    assert all(re.match(r"\d+\. .+：.+来源：", e) for e in entries)
    assert all("来源记录：https://fzzf.example.gov.cn/office/" in e for e in entries)


def _draft(demo, year=2024):
    return services.generate(year, demo.units["G00"], demo.users["coordinator"])


def test_gates_and_editing(demo, db):
    users = demo.users
    draft = _draft(demo)
    with pytest.raises(ValidationError, match="须先提交审核"):
        services.publish(draft, users["leader"])
    with pytest.raises(PermissionDenied):
        services.edit(draft, {}, users["scjg_clerk"])
    key, _, para = next(
        s for s in services.paragraph_slots(draft.doc) if any("figure" in seg for seg in s[2])
    )
    text, figures = services.to_editable(para)
    edited = "经核实，" + text
    services.edit(draft, {key: edited}, users["coordinator"])
    draft.refresh_from_db()
    new_para = dict((k, p) for k, _, p in services.paragraph_slots(draft.doc))[key]
    assert sum(1 for s in new_para if "figure" in s) == len(figures)
    # A number typed by hand is flagged by the quality check.
    services.edit(draft, {key: edited + "另办理其他事项99件。"}, users["coordinator"])
    draft.refresh_from_db()
    assert any("99件" in u for u in check(draft.doc, year=2024).unsourced)
    with pytest.raises(ValidationError, match="数据标记"):
        services.edit(draft, {key: edited.replace("〔数1〕", "〔数9〕")}, users["coordinator"])
    # A document number typed into the text is prose, not a data token.
    services.edit(
        draft, {key: edited + "依据《示范区实施办法》（示政发〔2025〕3号）。"}, users["coordinator"]
    )
    draft.refresh_from_db()
    new_para = dict((k, p) for k, _, p in services.paragraph_slots(draft.doc))[key]
    assert "示政发〔2025〕3号" in "".join(seg["text"] for seg in new_para)
    services.submit(draft, users["coordinator"])
    with pytest.raises(ValidationError, match="只能修改草稿"):
        services.edit(draft, {key: "x"}, users["coordinator"])
    with pytest.raises(PermissionDenied):
        services.publish(draft, users["sfj_clerk"])
    services.return_for_changes(draft, "请补充执法数据", users["leader"])
    draft.refresh_from_db()
    assert draft.state == "draft"
    from fazhi.core.models import Event

    actions = list(
        Event.objects.filter(
            record_type="reports.annualreport", record_id=str(draft.pk)
        ).values_list("action", flat=True)
    )
    assert actions.count("report_edit") == 3 and "report_return" in actions


def test_missing_section_blocks_submission(demo, db):
    draft = _draft(demo, 2023)
    doc = draft.doc
    doc["sections"] = [s for s in doc["sections"] if "第一责任人" not in s["heading"]]
    AnnualReport.objects.filter(pk=draft.pk).update(doc=doc)
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="第一责任人"):
        services.submit(draft, demo.users["coordinator"])


def test_late_publication_flagged(demo, db):
    draft = _draft(demo, 2022)
    services.submit(draft, demo.users["coordinator"])
    services.publish(draft, demo.users["leader"], on=dt.date(2023, 5, 10))
    draft.refresh_from_db()
    assert check(draft.doc, year=2022, published_on=draft.published_on).lateness


def test_report_pages(demo, db, client):
    client.force_login(demo.users["coordinator"])
    r = AnnualReport.objects.get(year=2025, unit__code="G00")
    for url in [
        "/office/reports/",
        f"/office/reports/{r.pk}/",
        f"/office/reports/{r.pk}/export.docx",
        f"/office/reports/{r.pk}/export.html",
        "/office/indicators/values/",
        "/office/indicators/rounds/",
        "/office/indicators/oversight/",
        "/office/indicators/assessments/",
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(demo.users["scjg_clerk"])
    assert client.get(f"/office/reports/{r.pk}/").status_code == 404


def test_api_routes(report, demo, db, client):
    assert client.get("/api/reports/published").json()[0]["title"] == report.title
    assert client.get(f"/api/reports/{report.pk}").status_code == 401
    client.force_login(demo.users["coordinator"])
    doc = client.get(f"/api/reports/{report.pk}").json()["doc"]
    assert doc["title"] == report.doc["title"]
    values = client.get("/api/indicators/district/2025").json()
    assert len(values) >= 30 and all(v["source_url"] for v in values)
    client.force_login(demo.users["scjg_clerk"])
    tasks = client.get("/api/plans/tasks").json()["items"]
    assert tasks and all("D23" in t["units"] for t in tasks)
