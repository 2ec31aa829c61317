"""No 500 on any input (house rule 1) and nothing typed lost: every page and form of the
enforcement lists and officers hammered with garbage as the agency's clerk, the
coordinator, another unit's clerk and the public; garbage files to the imports; the
portal and the API with garbage parameters; every page reachable by navigation."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.enforcement import services
from tests.garbage import GARBAGE, Hammer

pytestmark = [pytest.mark.today(2025, 11, 10), pytest.mark.strict_db]


@pytest.fixture
def world(enf):
    d = services.delegate(
        power=enf["power"],
        to_agency=enf["town"],
        document_title="赋权决定",
        delegated_on=dt.date(2025, 6, 1),
        actor=None,
    )
    return {**enf, "delegation": d}


def _paths(w):
    a, t = w["scjg"].pk, w["town"].pk
    return [
        "/office/enforcement/agencies/",
        "/office/enforcement/agencies/new/",
        f"/office/enforcement/agencies/{a}/",
        f"/office/enforcement/agencies/{t}/",
        f"/office/enforcement/agencies/{a}/standards/new/",
        "/office/enforcement/officers/",
        "/office/enforcement/officers/new/",
        f"/office/enforcement/officers/{w['o1'].pk}/",
        f"/office/enforcement/officers/{w['t1'].pk}/",
        "/office/enforcement/trainings/new/",
    ]


@pytest.mark.parametrize("persona", ["scjg_clerk", "coordinator", "town_clerk", None])
def test_no_page_answers_500(persona, people, world):
    client = Client()
    if persona:
        client.force_login(people[persona])
    hammer = Hammer(client)
    forms = 0
    for path in _paths(world):
        hammer.query(path, names=("agency", "expiring", "short"))
        forms += hammer.page(path, extra_fields=("action", "withdraw-delegation"))
        if persona:
            client.force_login(people[persona])
    if persona in ("scjg_clerk", "coordinator"):
        assert forms >= 8, forms
    assert not hammer.failures, hammer.report()


def test_import_garbage_files(people, world):
    client = Client()
    client.force_login(people["scjg_clerk"])
    hammer = Hammer(client, check_kept=False)
    for kind in ("powers", "officers"):
        url = f"/office/enforcement/agencies/{world['scjg'].pk}/{kind}/import/"
        for name, data in (
            ("x.xlsx", b"not a zip"),
            ("x.xlsx", b"PK\x03\x04garbage"),
            ("x.csv", b"\xff\xfe\x00garbage"),
            ("x.xlsx", b""),
        ):
            hammer.requests += 1
            try:
                resp = client.post(url, {"file": SimpleUploadedFile(name, data)})
            except Exception as exc:  # an escaping exception is a 500
                hammer.failures.append(f"import {name}: {type(exc).__name__}: {exc}")
                continue
            if resp.status_code != 400:
                hammer.failures.append(f"import {kind} {name}: {resp.status_code}")
    assert not hammer.failures, hammer.report()


def test_portal_and_api_never_answer_500(people, world):
    hammer = Hammer(Client(), check_kept=False)
    hammer.query("/enforcement/officers/", names=("agency",))
    hammer.query("/enforcement/agencies/")
    for g in ("abc", "-1", "99999999999999999999"):
        hammer._do("get", f"/enforcement/agencies/{g}/")
    client = Client()
    client.force_login(people["scjg_clerk"])
    api = Hammer(client, check_kept=False)
    for g in [*GARBAGE, "2025"]:
        g = g[:300]
        for key in ("kind", "agency", "status", "expiring_by", "limit", "offset"):
            api._do("get", f"/api/enforcement/officers?{key}={g}")
            api._do("get", f"/api/enforcement/agencies?{key}={g}")
            api._do("get", f"/api/enforcement/agencies/{world['scjg'].pk}/powers?{key}={g}")
        for route in ("agencies", "powers", "officers"):
            api._do("get", f"/api/enforcement/{route}/{g}")
    assert not hammer.failures, hammer.report()
    assert not api.failures, api.report()


def test_every_page_reachable_by_navigation(people, world):
    from django.urls import get_resolver

    from tests.garbage import reachable

    ours = {
        n
        for n in get_resolver("fazhi.enforcement.urls").reverse_dict
        if isinstance(n, str)
        and n
        in {
            "agencies",
            "agency_new",
            "agency",
            "standard_new",
            "powers_import",
            "powers_xlsx",
            "officers_import",
            "officers_xlsx",
            "officers",
            "officer_new",
            "officer",
            "training_new",
        }
    }
    client = Client()
    client.force_login(people["coordinator"])
    seen = reachable(client, ["/office/enforcement/"])
    assert {f"enforcement:{n}" for n in ours} - seen == set()
    public = reachable(Client(), ["/enforcement/"], start="/")
    assert {
        "enforcement_public:agencies",
        "enforcement_public:agency",
        "enforcement_public:officers",
    } - public == set()
