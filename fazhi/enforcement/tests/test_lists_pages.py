"""Every page of the enforcement lists renders with a full set of records (both agencies,
a delegation, exemptions, a standard, trainings, exams, a status change), for staff and
the public, and shows names, never internal codes (model labels, stored choice values,
``#id``s) — the rule tests/test_no_internal_codes.py applies to the demo."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.enforcement import services
from tests.internal_codes import enum_values, find_codes, visible_text

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def full(enf):
    services.delegate(
        power=enf["power"],
        to_agency=enf["town"],
        document_title="赋权决定",
        delegated_on=dt.date(2025, 6, 1),
        actor=None,
    )
    services.add_exemption(
        agency=enf["scjg"],
        kind="no_penalty",
        violation="轻微违法",
        legal_basis="第三十三条",
        conditions="及时改正",
        actor=None,
    )
    services.record_training(
        unit=enf["scjg"].unit,
        topic="培训",
        held_on=dt.date(2025, 5, 1),
        hours=8,
        attendees=[enf["o1"], enf["o2"]],
        actor=None,
    )
    services.record_exam(
        unit=enf["scjg"].unit,
        session="考试",
        sat_on=dt.date(2025, 4, 1),
        candidate="李执法",
        passed=False,
        officer=enf["o1"],
        actor=None,
    )
    services.set_status(enf["o2"], status="suspended", reason="调查期间暂扣", actor=None)
    return enf


def test_pages_render_without_internal_codes(full, people, login):
    a, t, o = full["scjg"].pk, full["town"].pk, full["o2"].pk
    office = [
        "/office/enforcement/agencies/",
        "/office/enforcement/agencies/new/",
        f"/office/enforcement/agencies/{a}/",
        f"/office/enforcement/agencies/{t}/",
        f"/office/enforcement/agencies/{a}/standards/new/",
        f"/office/enforcement/agencies/{a}/powers/import/",
        f"/office/enforcement/agencies/{a}/officers/import/",
        "/office/enforcement/officers/",
        "/office/enforcement/officers/?short=1&expiring=1&status=active",
        "/office/enforcement/officers/new/",
        f"/office/enforcement/officers/{o}/",
        f"/office/enforcement/officers/{full['o1'].pk}/",
        "/office/enforcement/trainings/new/",
    ]
    public = [
        "/enforcement/agencies/",
        f"/enforcement/agencies/{a}/",
        f"/enforcement/agencies/{t}/",
        "/enforcement/officers/",
    ]
    enums = enum_values() - {"coordinator"}
    found = []
    c = login(people["coordinator"])
    for path, client in [(p, c) for p in office] + [(p, Client()) for p in public]:
        resp = client.get(path)
        assert resp.status_code == 200, path
        codes = find_codes(visible_text(resp.content.decode()), enums)
        if codes:
            found.append(f"{path}: {codes}")
    assert not found, found
    body = c.get(f"/office/enforcement/officers/{o}/").content.decode()
    assert "调查期间暂扣" in body  # the status history on the officer's page
