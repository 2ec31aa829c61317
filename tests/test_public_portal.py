"""The portal on the demo district: the home page's latest publications (reports,
documents, decisions, catalogues, consultations, through core's registry) and search box,
and the print versions of a published report and document."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = pytest.mark.today(2026, 4, 15)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_lists_latest_publications_of_every_kind(demo):
    html = Client().get("/").content.decode()
    latest = html.split('id="latest"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(
        r'<span class="badge[^"]*">([^<]+)</span>\s*<a href="([^"]+)"[^>]*>([^<]+)</a>\s*'
        r'<span class="small text-secondary">(\d+)年(\d+)月(\d+)日</span>',
        latest,
    )
    assert len(rows) == 10
    dates = [dt.date(int(y), int(m), int(d)) for *_, y, m, d in rows]
    assert dates == sorted(dates, reverse=True)
    for _, url, _, *_ in rows:
        assert Client().get(url).status_code == 200, url
    # The search box leads into the document library.
    assert f'action="{reverse("documents_public:list")}"' in html and 'name="q"' in html


def test_each_kind_has_a_feed(demo):
    from fazhi.core.registry import LATEST

    kinds = {p.kind for feed in LATEST for p in feed(3)}
    assert kinds == {
        "年度报告",
        "规范性文件",
        "重大行政决策",
        "决策事项目录",
        "征求意见",
        "执法决定公示",
        "双随机抽查",
        "行政复议决定",
        "政府信息公开",
        "普法活动",
    }


def test_print_versions_of_published_report_and_document(demo):
    from fazhi.documents.models import NormativeDocument
    from fazhi.reports.models import AnnualReport

    report = AnnualReport.objects.get(year=2025, unit__code="G00", state="published")
    doc = NormativeDocument.objects.filter(status="published").order_by("-published_on").first()
    client = Client()
    for detail, printed, title, date in (
        (
            reverse("reports_public:detail", args=[report.pk]),
            reverse("reports_public:print", args=[report.pk]),
            report.title,
            report.published_on,
        ),
        (
            reverse("documents_public:detail", args=[doc.pk]),
            reverse("documents_public:print", args=[doc.pk]),
            doc.title,
            doc.published_on,
        ),
    ):
        assert f'href="{printed}"' in client.get(detail).content.decode()
        r = client.get(printed)
        assert r.status_code == 200
        html = r.content.decode()
        text = _text(html)
        assert f"{title}" in text
        assert f"发布日期 {date.year}年{date.month}月{date.day}日" in text
        assert f"来源 http://testserver{detail}" in text
        assert "<nav" not in html and "<script>" not in html
    # Not published: no print version either.
    draft = AnnualReport.objects.exclude(state="published").first()
    assert client.get(reverse("reports_public:print", args=[draft.pk])).status_code == 404
