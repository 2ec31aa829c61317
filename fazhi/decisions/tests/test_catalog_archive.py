"""The catalogue's in-year adjustment is recorded and re-published (the portal shows the
current version and its history); the archive ZIP's manifest hashes verify."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from fazhi.core.models import Attachment, Event
from fazhi.decisions import services
from fazhi.decisions.models import CatalogAdjustment, CatalogItem

from .conftest import pdf, published

# A fixed today: the catalogue year's decisions archived the next spring.
TODAY = dt.date(2026, 3, 2)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def test_adjustment_recorded_and_republished(catalog, people, district, client):
    coord = people["coordinator"]
    removed = catalog.items.get(unit__code="D23")
    services.adjust_remove(
        removed,
        reason="上级价格主管部门统一部署，年内暂不调整（经办人联系电话13912345678）",
        decided_on=dt.date(2025, 6, 10),
        actor=coord,
    )
    adj = services.adjust_add(
        catalog,
        unit=district["town"],
        title="城关街道老旧小区改造实施方案",
        category="plan",
        reason="列入省级改造试点，需年内决策",
        decided_on=dt.date(2025, 6, 12),
        actor=coord,
    )
    assert adj.item.state == CatalogItem.State.INCLUDED and adj.item.number == 3
    # Not yet re-published: the portal still shows version 1 with the removed item.
    page = client.get(f"/decisions/catalogs/{catalog.pk}/").content.decode()
    assert "城区停车收费标准调整" in page and "城关街道老旧小区改造实施方案" not in page
    assert "本年度目录未作调整" in page
    v2 = services.republish_catalog(
        catalog,
        published_on=dt.date(2025, 6, 20),
        channel="区政府门户网站",
        party_agreed_on=dt.date(2025, 6, 18),
        party_document="区委常委会会议纪要〔2025〕9号",
        actor=coord,
    )
    catalog.refresh_from_db()
    assert catalog.version == v2.version == 2
    assert [i["title"] for i in v2.items] == [
        "测试区行政执法辅助人员管理办法",
        "城关街道老旧小区改造实施方案",
    ]
    assert set(CatalogAdjustment.objects.values_list("version", flat=True)) == {2}
    actions = list(
        Event.objects.filter(record_type="decisions.decisioncatalog", record_id=str(catalog.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["catalog_adjust_remove", "catalog_adjust_add", "catalog_republish"]
    page = client.get(f"/decisions/catalogs/{catalog.pk}/").content.decode()
    assert "现行第2版" in page
    assert "城关街道老旧小区改造实施方案" in page
    assert "上级价格主管部门统一部署，年内暂不调整" in page and "列入省级改造试点" in page
    assert "第1版" in page
    api = client.get("/api/decisions/public/catalogs?year=2025").json()[0]
    assert api["version"] == 2 and len(api["adjustments"]) == 2
    # Staff-typed reasons reach the public masked, on the page and through the API.
    assert "13912345678" not in page and "139****5678" in page
    assert "13912345678" not in json.dumps(api, ensure_ascii=False)


def test_archive_zip_hashes_verify(decision, people, adviser, login):
    clerk = people["sfj_clerk"]
    published(decision, people, adviser)
    services.add_execution_note(
        decision,
        on=TODAY,
        unit=decision.unit,
        note="已印发实施细则",
        actor=clerk,
        files=[pdf("实施细则.pdf", b"rules")],
    )
    services.archive_decision(decision, archived_on=TODAY, reference="2025-ZD-01", actor=clerk)
    resp = login(clerk).get(f"/office/decisions/{decision.pk}/archive.zip")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(resp.content))
    names = set(zf.namelist())
    manifest = json.loads(zf.read("manifest.json"))
    listed = {f["path"]: f for f in manifest["files"]}
    # Every file but the manifest is listed, and every hash verifies.
    assert names - {"manifest.json"} == set(listed)
    for path, entry in listed.items():
        data = zf.read(path)
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], path
        assert len(data) == entry["size"]
    # Every attachment of the decision and its steps (and the legal review's) is inside,
    # byte for byte as stored.
    atts = list(services.attachments_of(decision))
    names_of = {
        "决策草案.pdf",
        "专家论证意见.pdf",
        "风险评估报告.pdf",
        "会议纪要.pdf",
        "实施细则.pdf",
    }
    assert names_of <= {a.original_name for a in atts}
    in_zip = [p for p in listed if p.startswith("attachments/")]
    assert len(in_zip) == len(atts)
    for att in atts:
        entry = next(
            e for p, e in listed.items() if p.startswith("attachments/") and f"/{att.pk}_" in p
        )
        assert entry["sha256"] == att.sha256 and entry["intact"]
    # The full-process record: every event of the decision and its steps, in chain order.
    events = json.loads(zf.read("record/events.json"))
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs)
    actions = {e["action"] for e in events}
    assert {
        "decision_start",
        "participation_exempt",
        "expert_review",
        "risk_assessment",
        "legality_request",
        "legal_request",
        "legal_conclude",
        "collective_decision",
        "party_report",
        "publish",
        "execution_note",
        "archive",
        "attach",
    } <= actions
    rows = list(csv.DictReader(io.StringIO(zf.read("record/events.csv").decode("utf-8-sig"))))
    assert [int(r["seq"]) for r in rows] == seqs
    summary = json.loads(zf.read("record/decision.json"))
    assert summary["archive_reference"] == "2025-ZD-01"
    # The export itself is recorded.
    assert Event.objects.filter(action="archive_export", record_id=str(decision.pk)).exists()


def test_archive_flags_a_tampered_file(decision, people, login):
    att = Attachment.objects.get(original_name="决策草案.pdf")
    with open(att.file.path, "ab") as fh:
        fh.write(b"tampered")
    _, payload = services.build_archive(decision, people["sfj_clerk"])
    zf = zipfile.ZipFile(io.BytesIO(payload))
    manifest = json.loads(zf.read("manifest.json"))
    entry = next(f for f in manifest["files"] if f["path"].endswith("决策草案.pdf"))
    assert entry["intact"] is False and entry["stored_sha256"] == att.sha256
