"""The 政府信息公开工作年度报告 tables of imported peer reports beside the district's own
(对标): the district's cells from its report (frozen once published), a 2021-format and a
2019-format peer in the right cells, and no section for a peer without template cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html as lxml_html

from fazhi.core.tests.refusal import freeze
from fazhi.disclosure.annual import services as annual
from fazhi.disclosure.interface import template_cells
from fazhi.disclosure.tests.annual_data import request, small
from fazhi.reports import peer_tables, peers
from tests.browser import PHONE, browser_session
from tests.browser import marks as browser_marks

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 4, 15)]

SECTION = "政府信息公开工作年度报告表格对照"


def _code(cell: str) -> str | None:
    """The indicator code the extractor gives a cell (LABELING: 一、本年新收 -> requests)."""
    return "disclosure.requests" if cell.startswith("s3:new:") else None


def _peer(
    name: str, year: int, cells: dict[str, object], template: str = "gk2021", extra=(), issuer=""
):
    """A peer report stored as the import stores it, its text holding one sentence per
    figure (the offsets point at it); ``issuer`` a department: the report is a department's."""
    text, figures = "", []
    for cell, value in cells.items():
        piece = f"{cell}为{value}。"
        figures.append({"cell": cell, "template": template, "value": value, "text": piece,
                        "name": cell, "start": len(text), "end": len(text) + len(piece),
                        "table": True, "code": _code(cell)})  # fmt: skip
        text += piece
    for code, label, value in extra:
        piece = f"{label}{value}次。"
        figures.append({"code": code, "name": label, "value": value, "unit": "次", "text": piece,
                        "start": len(text), "end": len(text) + len(piece)})  # fmt: skip
        text += piece
    data = {
        "meta": {"title": f"{issuer or name}{year}年政府信息公开工作年度报告", "place": name,
                 "level": "部门" if issuer else "区县", "year": year,
                 "kind": "政府信息公开工作年度报告", "issuer": issuer},
        "text": text,
        "indicators": figures,
    }  # fmt: skip
    return peers.store(Path(f"{name}.txt"), data, f"{issuer or name}{year}".ljust(64, "0"))


A_CELLS = {
    "s3:new:person": 12,
    "s3:new:total": 30,
    "s3:other_no_correction:person": 2,
    "s3:other:person": 1,
    "s2:normative:issued": 5,
    "s2:fee_income:amount": 3.2,
    "s4:reconsideration:upheld": 2,
}
B_CELLS = {
    "s3:new:person": 9,
    "s3:other_handling:person": 4,
    "s2_2019:penalty:change": -3,
    "s2_2019:penalty:decisions": 40,
    "s2_2019:normative:made": 7,
    "s2_2019:fee:last_year": 6,
}


def _cell(page: str, table: str, key: str, who: str) -> str:
    """The value shown for ``who`` in the cell ``key`` of table ``gk-<table>``."""
    doc = lxml_html.fromstring(page)
    found = doc.xpath(f'//table[@id="gk-{table}"]//div[@data-cell="{key}"][@data-who="{who}"]')
    assert len(found) == 1, (table, key, who, len(found))
    label = found[0].xpath("./span")[0].text_content()
    return found[0].text_content().replace(label, "", 1).strip()


def _absent(page: str, table: str, who: str) -> bool:
    doc = lxml_html.fromstring(page)
    return not doc.xpath(f'//table[@id="gk-{table}"]//div[@data-who="{who}"]')


def _publish_government_report(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 10))
    coord = people["coordinator"]
    report = annual.create(unit=district["gov"], year=2025, actor=coord)
    annual.edit(report, overview="总体情况", problems="问题", other_matters="其他",
                fee_income=Decimal("1.5"), actor=coord)  # fmt: skip
    freeze(monkeypatch, dt.date(2026, 3, 20))
    annual.publish(report, on=dt.date(2026, 3, 20), actor=coord)
    freeze(monkeypatch, dt.date(2026, 4, 15))
    return report


def test_template_cells_hand_count_and_frozen_once_published(district, people, monkeypatch):
    small(district)
    # No report yet: counted from the records (whole district; 市场监管局 alone).
    own = template_cells(2025)
    assert own["s3:new:person"] == 4  # c, d, g, and the 司法局's j
    assert own["s3:new:commercial"] == 2 and own["s3:new:research"] == 1
    assert own["s3:new:total"] == 7
    assert own["s3:carried:person"] == 1 and own["s3:carried:legal_service"] == 1
    assert own["s3:disclose:person"] == 2  # a and j
    assert own["s3:refuse_process:commercial"] == 1
    assert own["s3:other_no_correction:research"] == 1
    assert own["s3:total:total"] == 6 and own["s3:next:total"] == 3
    assert own["s4:litigation_after:total"] == 0
    assert "s2:fee_income:amount" not in own  # nobody typed it
    assert template_cells(2025, district["scjg"].pk)["s3:new:person"] == 3
    assert template_cells(2019) == {}  # nothing to count that year
    # Published: the frozen tables, even after a record of that year is added.
    _publish_government_report(district, people, monkeypatch)
    request(district["sfj"], "person", dt.date(2025, 6, 1), replied=dt.date(2025, 6, 9),
            result="disclose")  # fmt: skip
    own = template_cells(2025)
    assert own["s3:new:person"] == 4 and own["s3:new:total"] == 7
    assert own["s2:fee_income:amount"] == Decimal("1.5")
    # The 市场监管局 wrote no report: its cells follow the records.
    request(district["scjg"], "person", dt.date(2025, 6, 2))
    assert template_cells(2025, district["scjg"].pk)["s3:new:person"] == 4


def test_every_own_cell_has_its_place_in_the_2021_tables(district, people, monkeypatch):
    small(district)
    own = peer_tables.own_source(2025)
    peer = peer_tables.Source("p0", "他地", "gk2021", {})
    keys = {
        c["key"]
        for s in peer_tables.build(own, [peer])
        for t in s["tables"]
        for r in t["rows"]
        for c in r.get("cells", ())
    }
    assert set(own.cells) <= keys and len(keys) == 200
    assert len(own.cells) == 199  # all but 收费金额, which nobody typed


def test_benchmark_shows_own_and_peer_cells_side_by_side(district, people, client, monkeypatch):
    small(district)
    _publish_government_report(district, people, monkeypatch)
    a = _peer("甲区", 2025, A_CELLS)
    b = _peer("乙县", 2025, B_CELLS, template="gk2019")
    request(district["sfj"], "person", dt.date(2025, 6, 1))  # after publication: not counted
    client.force_login(people["coordinator"])
    page = client.get("/office/reports/benchmark/", {"year": 2025}).content.decode()
    assert SECTION in page
    pa, pb = f"p{a.pk}", f"p{b.pk}"
    # Section 三: own (published), the 2021 peer and the 2019 peer in the same cell.
    assert _cell(page, "s3", "s3:new:person", "own") == "4"
    assert _cell(page, "s3", "s3:new:person", pa) == "12"
    assert _cell(page, "s3", "s3:new:person", pb) == "9"
    assert _cell(page, "s3", "s3:new:total", "own") == "7"
    assert _cell(page, "s3", "s3:new:total", pa) == "30"
    assert _cell(page, "s3", "s3:new:total", pb) == "—"
    assert _cell(page, "s3", "s3:next:legal_service", "own") == "1"
    # （六）其他处理: the 2019 row beside the sum of the 2021 format's three rows.
    assert _cell(page, "s3", "s3:other_handling:person", pb) == "4"
    assert _cell(page, "s3", "s3:other_handling:person", pa) == "3"
    assert _cell(page, "s3", "s3:other_handling:research", "own") == "1"
    assert _cell(page, "s3", "s3:other_no_correction:person", pb) == "—"
    assert _cell(page, "s3", "s3:other_no_correction:person", pa) == "2"
    assert "三项之和" in page
    # Section 二, 2021 format: the 2021 peer only.
    assert _cell(page, "s2-1", "s2:normative:issued", pa) == "5"
    assert _cell(page, "s2-1", "s2:normative:issued", "own") == "0"
    assert _cell(page, "s2-8", "s2:fee_income:amount", "own") == "1.5"
    assert _cell(page, "s2-8", "s2:fee_income:amount", pa) == "3.2"
    assert _absent(page, "s2-1", pb)
    # Section 二, 2019 format: the 2019 peer's own rows; 本区 only where a 2021 twin exists.
    assert _cell(page, "s2019-6", "s2_2019:penalty:change", pb) == "-3"
    assert _cell(page, "s2019-6", "s2_2019:penalty:change", "own") == "—"
    assert _cell(page, "s2019-6", "s2_2019:penalty:decisions", pb) == "40"
    assert _cell(page, "s2019-6", "s2_2019:penalty:decisions", "own") == "0"
    assert _cell(page, "s2019-1", "s2_2019:normative:made", pb) == "7"
    assert _cell(page, "s2019-1", "s2_2019:normative:made", "own") == "0"
    assert _cell(page, "s2019-8", "s2_2019:fee:last_year", "own") == "—"
    assert _absent(page, "s2019-1", pa)
    # Section 四.
    assert _cell(page, "s4", "s4:reconsideration:upheld", pa) == "2"
    assert _cell(page, "s4", "s4:reconsideration:upheld", "own") == "0"
    assert _cell(page, "s4", "s4:reconsideration:upheld", pb) == "—"
    # A peer value links to its sentence in the peer's text.
    fig = a.figures.get(cell="s3:new:person")
    assert f'href="/office/reports/peers/{a.pk}/#f{fig.pk}"' in page
    # The indicator table above takes the 总计 cell for 收到申请, not an applicant kind's.
    _, rows = peers.benchmark(2025)
    row = next(r for r in rows if r["code"] == "disclosure.requests")
    # (乙县 printed no 总计: its 自然人 count is not taken for the whole)
    assert [f and f.cell for f in row["peers"]] == [None, "s3:new:total"]  # 乙县, 甲区
    # Accessible tables: a caption and scoped headers.
    doc = lxml_html.fromstring(page)
    table = doc.xpath('//table[@id="gk-s3"]')[0]
    assert table.xpath("./caption") and table.xpath('.//th[@scope="row"]')
    assert table.xpath('.//th[@scope="col"]') and table.getparent().get("class").startswith(
        "table-responsive"
    )


def test_peer_page_shows_its_tables_beside_own(district, people, client, monkeypatch):
    small(district)
    a = _peer("甲区", 2025, A_CELLS)
    b = _peer("乙县", 2025, B_CELLS, template="gk2019")
    client.force_login(people["scjg_clerk"])
    page = client.get(f"/office/reports/peers/{a.pk}/").content.decode()
    assert SECTION in page
    assert _cell(page, "s3", "s3:new:person", f"p{a.pk}") == "12"
    assert _cell(page, "s3", "s3:new:person", "own") == "4"  # no report: from the records
    assert _absent(page, "s3", f"p{b.pk}")
    assert "gk-s2019-1" not in page and "三项之和" not in page
    page = client.get(f"/office/reports/peers/{b.pk}/").content.decode()
    assert "gk-s2-1" not in page  # no 2021-format peer: the own section 二 alone compares nothing
    assert _cell(page, "s2019-6", "s2_2019:penalty:change", f"p{b.pk}") == "-3"
    assert _cell(page, "s3", "s3:other_handling:person", "own") == "0"


def test_a_departments_report_is_set_beside_the_same_department(district, people, client):
    """A peer 市场监督管理局's report is compared with the district's 市场监督管理局 (its own
    requests only), next to it; a government's report with the whole district's alone."""
    small(district)
    scjg = district["scjg"]
    dept = _peer("青禾区", 2025, A_CELLS, issuer="青禾区市场监督管理局")
    gov = _peer("乙县", 2025, {"s3:new:person": 9})
    assert peer_tables.counterpart(dept) == scjg and peer_tables.counterpart(gov) is None
    mine = template_cells(2025, scjg.pk)
    whole = template_cells(2025)
    # (small(): three of the year's four requests from persons went to 市场监管局)
    assert mine["s3:new:person"] == 3 and whole["s3:new:person"] == 4
    client.force_login(people["coordinator"])
    page = client.get(f"/office/reports/peers/{dept.pk}/").content.decode()
    who = f"own{scjg.pk}"
    for key in ("s3:new:person", "s3:new:research", "s3:new:total"):
        assert _cell(page, "s3", key, who) == (str(mine[key]) if key in mine else "—")
        assert _cell(page, "s3", key, "own") == (str(whole[key]) if key in whole else "—")
    doc = lxml_html.fromstring(page)
    cell = doc.xpath('//table[@id="gk-s3"]//td[div[@data-cell="s3:new:person"]]')[0]
    assert [d.get("data-who") for d in cell.xpath("./div")] == ["own", who, f"p{dept.pk}"]
    assert (
        "本区市场监督管理局" in cell.text_content()
        and "青禾区市场监督管理局" in cell.text_content()
    )
    assert "本区市场监督管理局的数字取自该部门2025年政府信息公开工作年度报告" in page
    # The benchmark page: the department's column once, before the department's report only.
    page = client.get("/office/reports/benchmark/", {"year": 2025}).content.decode()
    doc = lxml_html.fromstring(page)
    cell = doc.xpath('//table[@id="gk-s3"]//td[div[@data-cell="s3:new:person"]]')[0]
    assert [d.get("data-who") for d in cell.xpath("./div")] == [
        "own",
        f"p{gov.pk}",
        who,
        f"p{dept.pk}",
    ]


@pytest.mark.parametrize(
    "issuer, place, level, match",
    [
        ("青禾区市场监督管理局", "青禾区", "部门", "scjg"),
        ("青禾区市场监管局", "青禾区", "部门", "scjg"),  # the short name's words
        ("青禾区司法局", "青禾区", "部门", "sfj"),
        ("青禾区教育局", "青禾区", "部门", None),  # no such department here
        ("市场监督管理局", "青禾区", "部门", None),  # whose, it does not say
        ("青禾区人民政府办公室", "青禾区", "区", None),  # a government's report
    ],
)
def test_which_department_a_peer_departments_report_is_compared_with(
    district, issuer, place, level, match
):
    report = peers.PeerReport(issuer=issuer, place=place, level=level)
    assert peer_tables.counterpart(report) == (district[match] if match else None)


def test_peer_without_template_cells_shows_no_section(district, people, client):
    c = _peer("丙区", 2024, {}, extra=[("learning.study_sessions", "集体学法", 19)])
    client.force_login(people["coordinator"])
    page = client.get("/office/reports/benchmark/", {"year": 2024}).content.decode()
    assert "丙区" in page and SECTION not in page
    page = client.get(f"/office/reports/peers/{c.pk}/").content.decode()
    assert "集体学法" in page and SECTION not in page


def test_anonymous_is_redirected(district, client):
    a = _peer("甲区", 2025, A_CELLS)
    for url in ("/office/reports/benchmark/?year=2025", f"/office/reports/peers/{a.pk}/"):
        resp = client.get(url)
        assert resp.status_code == 302 and "login" in resp["Location"]


@browser_marks[0]
@browser_marks[1]
@pytest.mark.django_db(transaction=True)
def test_phone_scrolls_the_tables_not_the_page(live_server, district, people, monkeypatch):
    """At 390 px the wide 三 table scrolls inside its wrapper; the page does not scroll
    sideways. No serious accessibility violation, nothing loaded from outside."""
    small(district)
    _peer("甲区", 2025, A_CELLS)
    _peer("乙县", 2025, B_CELLS, template="gk2019")
    with browser_session(live_server.url, PHONE) as b:
        b.login("coordinator", next_path="/office/reports/benchmark/?year=2025")
        assert SECTION in b.visible_text()
        width = b.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways: {width}px"
        box = b.page.locator("#gk-s3").locator("xpath=..")
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")
        assert b.axe() == []
        assert b.outside == []


def test_a_report_imported_from_its_text_shows_its_cells(
    district, people, client, monkeypatch, tmp_path
):
    """End to end: a published disclosure report copied from a web page (pipe rows), read by
    the extractor and imported, shows its template cells beside the district's own."""
    from fazhi.reports.extract.tests.test_forms import SECTION2_2021, pipe_rendering

    small(district)
    _publish_government_report(district, people, monkeypatch)
    page_text = "\n".join(
        ["丙县2025年政府信息公开工作年度报告", "一、总体情况", "全年主动公开政府信息1862条。",
         SECTION2_2021, pipe_rendering()]
    )  # fmt: skip
    (tmp_path / "bing.txt").write_text(page_text, encoding="utf-8")
    result = peers.import_dir(tmp_path)
    assert result.imported == ["bing.txt"] and not result.errors
    report = peers.PeerReport.objects.get(file_name="bing.txt")
    assert report.year == 2025 and report.figures.exclude(cell="").count() == 10 + 175
    client.force_login(people["coordinator"])
    page = client.get("/office/reports/benchmark/", {"year": 2025}).content.decode()
    who = f"p{report.pk}"
    assert _cell(page, "s3", "s3:new:total", who) == "26"
    assert _cell(page, "s3", "s3:new:total", "own") == "7"
    assert _cell(page, "s3", "s3:unable_not_held:person", who) == "5"
    assert _cell(page, "s2-5", "s2:license:decisions", who) == "1093"
    assert _cell(page, "s2-8", "s2:fee_income:amount", who) == "18.6"  # 万元, as printed
    assert report.table_problems == []
    assert "表格核对不符" not in client.get(report.get_absolute_url()).content.decode()


def test_a_table_that_fails_its_arithmetic_is_imported_as_printed_and_flagged(
    district, people, client, tmp_path
):
    """The figures of a table whose sums do not hold are kept as printed; the import
    command and the peer report's page say which sum fails."""
    import io

    from django.core.management import call_command

    from fazhi.reports.extract.tests.test_forms import pipe_rendering

    broken = pipe_rendering().replace("| (七)总计 | 22 |", "| (七)总计 | 23 |")
    (tmp_path / "ding.txt").write_text("丁县2025年政府信息公开工作年度报告\n" + broken, "utf-8")
    out = io.StringIO()
    call_command("import_peer_reports", str(tmp_path), stdout=out, stderr=io.StringIO())
    problem = "“自然人”列：一+二=23，三(七)+四=24，不相等"
    assert f"表格核对不符（数字按原文照录）：{problem}" in out.getvalue()
    report = peers.PeerReport.objects.get(file_name="ding.txt")
    assert problem in report.table_problems
    assert report.figures.get(cell="s3:total:person").value == 23  # not corrected
    client.force_login(people["coordinator"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "表格核对不符" in page and problem in page
