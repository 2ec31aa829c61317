"""Peer reports: import a folder (bad files reported, the rest imported, re-import
skipped) and the benchmark page beside the district's own figures."""

import datetime as dt
import io
import shutil
from decimal import Decimal

import pytest
from django.core.management import call_command

from fazhi.indicators.models import Indicator, IndicatorValue
from fazhi.reports.models import PeerFigure, PeerReport
from fazhi.testing import seed_path

pytestmark = pytest.mark.today(2026, 4, 15)


@pytest.fixture
def folder(tmp_path):
    shutil.copy(seed_path("003"), tmp_path / "luojiang.txt")
    shutil.copy(seed_path("000"), tmp_path / "lianyun.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 40)
    return tmp_path


def test_import_folder(folder, db):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_peer_reports", str(folder), stdout=out, stderr=err)
    assert PeerReport.objects.count() == 2
    assert "empty.txt" in err.getvalue() and "binary.html" in err.getvalue()
    luojiang = PeerReport.objects.get(place="罗江区")
    assert luojiang.year == 2024
    f = PeerFigure.objects.get(report=luojiang, code="learning.study_sessions")
    assert f.value == 19 and luojiang.text[f.start : f.end] == f.text
    call_command("import_peer_reports", str(folder), stdout=out, stderr=io.StringIO())
    assert PeerReport.objects.count() == 2 and "跳过" in out.getvalue()


def test_benchmark_page(folder, people, district, client, as_reported):
    as_reported("learning.study_sessions")  # typed in, as before it was computed
    call_command("import_peer_reports", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    ind = Indicator.objects.get(code="learning.study_sessions")
    IndicatorValue.objects.create(
        indicator=ind,
        unit=district["gov"],
        year=2024,
        value=Decimal(15),
        source="reported",
        updated_at=dt.datetime(2026, 4, 1, 2, tzinfo=dt.UTC),
    )
    client.force_login(people["coordinator"])
    body = client.get("/office/reports/benchmark/", {"year": 2024}).content.decode()
    f = PeerFigure.objects.get(code="learning.study_sessions", report__place="罗江区")
    assert "集体学法" in body and f"#f{f.pk}" in body and "<svg" in body
    assert ">15次<" in body
    peer = client.get(f"/office/reports/peers/{f.report_id}/").content.decode()
    assert f'id="f{f.pk}"' in peer
    assert client.get("/office/reports/benchmark/", {"year": "abc"}).status_code == 200
