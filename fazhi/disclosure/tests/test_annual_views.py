"""The annual-report office pages and portal: opening a report, the draft from the
records, the check shown before publication, publication, scoping, downloads."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core.tests.refusal import freeze
from fazhi.disclosure.annual import services
from fazhi.disclosure.models import DisclosureAnnualReport, DisclosureRequest

from .annual_data import small

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def report(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 20))
    rows = small(district)
    r = services.create(unit=district["scjg"], year=2025, actor=people["scjg_clerk"])
    r.rows = rows
    return r


def _text(response) -> str:
    import re

    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_clerk_opens_a_report_from_the_list(district, people, login, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 1, 20))
    client = login(people["scjg_clerk"])
    url = reverse("disclosure:annual_reports")
    page = client.get(url)
    assert page.status_code == 200 and "新建年度报告" in _text(page)
    # only the units the clerk may change are offered
    assert district["sfj"].name not in page.content.decode().split("新建年度报告")[1]
    bad = client.post(url, {"unit": district["scjg"].pk, "year": "2030"})
    assert bad.status_code == 400 and "报告年度应在" in _text(bad)
    assert not DisclosureAnnualReport.objects.exists()
    ok = client.post(url, {"unit": district["scjg"].pk, "year": "2025"})
    report = DisclosureAnnualReport.objects.get()
    assert ok.status_code == 302 and ok["Location"] == reverse("disclosure:annual_report",
                                                               args=[report.pk])  # fmt: skip


def test_edit_offers_a_draft_from_the_records_and_saves(report, people, login):
    client = login(people["scjg_clerk"])
    url = reverse("disclosure:annual_report_edit", args=[report.pk])
    page = client.get(url)
    text = page.content.decode()
    assert "全年收到政府信息公开申请6件" in text and "初稿" in text
    assert "共200.00元" in text
    import re

    lock = re.search(r'name="lock" value="([^"]+)"', text).group(1)
    saved = client.post(url, {"lock": lock, "overview": "总体", "problems": "问题",
                              "other_matters": "其他", "fee_income": "2.5"})  # fmt: skip
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.overview == "总体" and report.fee_income == Decimal("2.5")


def test_page_shows_the_check_and_publication_refuses_a_corrupt_year(report, people, login):
    services.edit(report, overview="总体", problems="问题", other_matters="其他",
                  fee_income=Decimal("0"), actor=people["scjg_clerk"])  # fmt: skip
    client = login(people["scjg_clerk"])
    url = reverse("disclosure:annual_report", args=[report.pk])
    page = client.get(url)
    assert "通过：各列" in _text(page)
    DisclosureRequest.objects.filter(pk=report.rows["c"].pk).update(result="")
    page = client.get(url)
    assert "“自然人”列：办理结果总计3 ≠ 各项办理结果之和2" in _text(page)
    refused = client.post(url, {"published_on": "2026-01-20"})
    assert refused.status_code == 400 and "“自然人”列" in _text(refused)
    report.refresh_from_db()
    assert report.state == report.State.DRAFT and report.tables == {}
    DisclosureRequest.objects.filter(pk=report.rows["c"].pk).update(result="partial")
    done = client.post(url, {"published_on": "2026-01-20"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.state == report.State.PUBLISHED


def test_another_units_clerk_gets_404_and_cannot_publish(report, people, login):
    services.edit(report, overview="总体", problems="问题", other_matters="其他",
                  fee_income=Decimal("0"), actor=people["scjg_clerk"])  # fmt: skip
    client = login(people["town_clerk"])
    for name in ("annual_report", "annual_report_edit", "annual_report_docx"):
        assert client.get(reverse(f"disclosure:{name}", args=[report.pk])).status_code == 404
    url = reverse("disclosure:annual_report", args=[report.pk])
    assert client.post(url, {"published_on": "2026-01-20"}).status_code == 404
    assert "测试区市场监督管理局" not in _text(client.get(reverse("disclosure:annual_reports")))
    report.refresh_from_db()
    assert report.state == report.State.DRAFT


def test_coordinator_and_justice_bureau_read_every_report(report, people, login):
    url = reverse("disclosure:annual_report", args=[report.pk])
    assert login(people["coordinator"]).get(url).status_code == 200
    client = login(people["sfj_clerk"])
    assert client.get(url).status_code == 200
    # reading is not writing
    assert client.get(reverse("disclosure:annual_report_edit", args=[report.pk])).status_code == 404
    assert client.post(url, {"published_on": "2026-01-20"}).status_code == 403
    report.refresh_from_db()
    assert report.state == report.State.DRAFT


def test_downloads_and_portal(report, people, login, client):
    from docx import Document

    clerk = people["scjg_clerk"]
    services.edit(report, overview="总体情况正文", problems="问题", other_matters="其他",
                  fee_income=Decimal("3"), actor=clerk)  # fmt: skip
    portal = reverse("disclosure_public:annual_report", args=[report.pk])
    assert client.get(portal).status_code == 404  # not yet published
    services.publish(report, on=dt.date(2026, 1, 20), actor=clerk)
    office = login(clerk)
    docx = office.get(reverse("disclosure:annual_report_docx", args=[report.pk]))
    doc = Document(io.BytesIO(docx.content))
    assert len(doc.tables) == 3
    assert [c.text for c in doc.tables[1].rows[3].cells][-7:] == ["3", "2", "1", "0", "0", "0",
                                                                  "6"]  # fmt: skip
    html = office.get(reverse("disclosure:annual_report_html", args=[report.pk]))
    assert "总体情况正文" in html.content.decode()
    client.logout()
    listing = client.get(reverse("disclosure_public:annual_reports"))
    assert "测试区市场监督管理局2025年政府信息公开工作年度报告" in _text(listing)
    page = client.get(portal)
    assert page.status_code == 200 and "三、收到和处理政府信息公开申请情况" in _text(page)
    assert "<table" in page.content.decode() and "&lt;table" not in page.content.decode()


def test_the_report_is_on_the_deadline_board(report, people, login):
    board = login(people["scjg_clerk"]).get(reverse("core:board"))
    assert "公开测试区市场监督管理局2025年政府信息公开工作年度报告" in _text(board)
    other = login(people["town_clerk"]).get(reverse("core:board"))
    assert "公开测试区市场监督管理局2025年政府信息公开工作年度报告" not in _text(other)


def test_the_leader_reads_but_cannot_create_or_publish(report, district, people, login):
    client = login(people["leader"])
    listing = client.post(reverse("disclosure:annual_reports"),
                          {"unit": district["scjg"].pk, "year": "2024"})  # fmt: skip
    assert listing.status_code == 403 and "只能由本单位工作人员" in _text(listing)
    url = reverse("disclosure:annual_report", args=[report.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"published_on": "2026-01-20"}).status_code == 403
    assert DisclosureAnnualReport.objects.count() == 1
    report.refresh_from_db()
    assert report.state == report.State.DRAFT
