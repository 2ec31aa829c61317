"""The township's clerk neither reads nor changes 市场监管局's agency and officers, by page,
export, import or API; re-reading the records proves nothing changed. The coordinator sees
every unit's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.core.models import Event
from fazhi.enforcement.models import Agency, Delegation, Exemption, Officer, Power

pytestmark = pytest.mark.today(2025, 11, 10)


def _state(enf):
    scjg = Agency.objects.get(pk=enf["scjg"].pk)
    o1 = Officer.objects.get(pk=enf["o1"].pk)
    return (
        (scjg.name, scjg.legal_basis, scjg.version),
        sorted(Power.objects.filter(agency=scjg).values_list("code", "name")),
        sorted(str(c) for c in scjg.criteria.all()),
        Exemption.objects.count(),
        Delegation.objects.count(),
        (o1.name, o1.valid_until, o1.status, o1.status_reason, o1.version),
        Officer.objects.count(),
        Event.objects.count(),
    )


def _sheet():
    wb = Workbook()
    wb.active.append(["事项编码", "事项名称", "事项类别", "设定依据"])
    wb.active.append(["330217001", "改名", "行政处罚", "依据"])
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("x.xlsx", buf.getvalue(), "application/octet-stream")


def test_township_clerk_cannot_read_another_units_agency_or_officers(enf, people, login):
    c = login(people["town_clerk"])
    a, o = enf["scjg"].pk, enf["o1"].pk
    for url in (
        f"/office/enforcement/agencies/{a}/",
        f"/office/enforcement/agencies/{a}/standards/new/",
        f"/office/enforcement/agencies/{a}/powers.xlsx",
        f"/office/enforcement/agencies/{a}/officers.xlsx",
        f"/office/enforcement/agencies/{a}/powers/import/",
        f"/office/enforcement/agencies/{a}/officers/import/",
        f"/office/enforcement/officers/{o}/",
    ):
        assert c.get(url).status_code == 404, url
    body = c.get("/office/enforcement/agencies/").content.decode()
    assert "城关街道办事处" in body and "测试区市场监督管理局" not in body
    body = c.get("/office/enforcement/officers/").content.decode()
    assert "吴街道" in body and "李执法" not in body and "ZF2301001" not in body
    # the training form offers only the clerk's own officers
    body = c.get("/office/enforcement/trainings/new/").content.decode()
    assert "吴街道" in body and "李执法" not in body


def test_township_clerk_cannot_change_another_units_agency_or_officers(enf, people, login):
    c = login(people["town_clerk"])
    a, o = enf["scjg"].pk, enf["o1"].pk
    before = _state(enf)
    posts = [
        (
            f"/office/enforcement/agencies/{a}/",
            {
                "action": "power",
                "power-code": "X1",
                "power-name": "x",
                "power-kind": "penalty",
                "power-legal_basis": "x",
            },
        ),
        (
            f"/office/enforcement/agencies/{a}/",
            {
                "action": "exemption",
                "exemption-kind": "no_penalty",
                "exemption-violation": "x",
                "exemption-legal_basis": "x",
                "exemption-conditions": "x",
            },
        ),
        (
            f"/office/enforcement/agencies/{a}/",
            {
                "action": "delegate",
                "delegate-power": enf["power"].pk,
                "delegate-to_agency": enf["town"].pk,
                "delegate-document_title": "x",
                "delegate-delegated_on": "2025-06-01",
            },
        ),
        (
            f"/office/enforcement/agencies/{a}/",
            {"action": "criteria", "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"},
        ),
        (
            f"/office/enforcement/agencies/{a}/standards/new/",
            {"code": "X", "violation": "x", "legal_basis": "x"},
        ),
        (f"/office/enforcement/agencies/{a}/powers/import/", {"file": _sheet()}),
        (
            f"/office/enforcement/officers/{o}/",
            {"action": "status", "status-status": "revoked", "status-reason": "x"},
        ),
        (
            f"/office/enforcement/officers/{o}/",
            {"action": "renew", "renew-issued_on": "2025-11-01", "renew-valid_until": "2032-01-01"},
        ),
        (
            f"/office/enforcement/officers/{o}/",
            {
                "action": "exam",
                "exam-session": "x",
                "exam-sat_on": "2025-11-01",
                "exam-passed": "1",
            },
        ),
        (
            "/office/enforcement/officers/new/",
            {
                "agency": a,
                "name": "x",
                "certificate_number": "ZFX1",
                "certificate_kind": "enforcement",
                "issuer": "x",
                "issued_on": "2025-01-01",
                "valid_until": "2030-01-01",
            },
        ),
        (
            "/office/enforcement/trainings/new/",
            {
                "unit": enf["scjg"].unit_id,
                "topic": "x",
                "held_on": "2025-11-01",
                "hours": "8",
                "attendees": [o],
            },
        ),
    ]
    for url, data in posts:
        resp = c.post(url, data)
        assert resp.status_code in (400, 403, 404), (url, data.get("action"), resp.status_code)
    assert _state(enf) == before


def test_township_clerk_cannot_read_another_units_records_by_api(enf, people, login):
    c = login(people["town_clerk"])
    assert c.get(f"/api/enforcement/agencies/{enf['scjg'].pk}").status_code == 404
    assert c.get(f"/api/enforcement/agencies/{enf['scjg'].pk}/powers").status_code == 404
    assert c.get(f"/api/enforcement/powers/{enf['power'].pk}").status_code == 404
    assert c.get(f"/api/enforcement/officers/{enf['o1'].pk}").status_code == 404
    names = [a["name"] for a in c.get("/api/enforcement/agencies").json()["items"]]
    assert names == ["城关街道办事处"]
    numbers = {o["certificate_number"] for o in c.get("/api/enforcement/officers").json()["items"]}
    assert numbers == {"ZF2302001", "ZF2302002"}
    # own records are readable
    assert c.get(f"/api/enforcement/officers/{enf['t1'].pk}").json()["name"] == "吴街道"


def test_coordinator_reads_every_unit_by_page_and_api(enf, people, login):
    c = login(people["coordinator"])
    body = c.get("/office/enforcement/agencies/").content.decode()
    assert "城关街道办事处" in body and "测试区市场监督管理局" in body
    assert c.get(f"/office/enforcement/agencies/{enf['scjg'].pk}/").status_code == 200
    items = c.get(f"/api/enforcement/agencies/{enf['scjg'].pk}/powers").json()["items"]
    assert [p["code"] for p in items] == ["330217001", "330217002", "XK001"]
    r = c.get("/api/enforcement/officers", {"agency": enf["scjg"].pk, "status": "suspended"})
    assert [o["name"] for o in r.json()["items"]] == ["周暂扣"]
    assert (
        c.get(f"/api/enforcement/powers/{enf['power'].pk}").json()["name"] == "对无照经营行为的处罚"
    )


def test_leader_reads_but_changes_nothing(enf, people, login):
    c = login(people["leader"])
    before = _state(enf)
    assert c.get(f"/office/enforcement/officers/{enf['o1'].pk}/").status_code == 200
    resp = c.post(
        f"/office/enforcement/officers/{enf['o1'].pk}/",
        {"action": "status", "status-status": "revoked", "status-reason": "x"},
    )
    assert resp.status_code in (403, 404)
    assert _state(enf) == before
