"""No 500 on any input (house rule 1): every page and action of major decisions, with
catalogues and decisions in every state, hammered with garbage as the drafting clerk, the
coordinator, a clerk of another unit and the public; the portal pages and the API routes
with garbage parameters."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.decisions import services
from tests.garbage import GARBAGE, Hammer

from .conftest import decided, prepare, published

pytestmark = [pytest.mark.today(2025, 6, 16), pytest.mark.strict_db]

STEPS = (
    "",
    "participation/",
    "expert/",
    "risk/",
    "legality/",
    "meeting/",
    "party/",
    "publish/",
    "execution/",
    "evaluation/",
    "archive/",
)


@pytest.fixture
def world(people, district, catalog, decision, adviser):
    coord = people["coordinator"]
    collecting = services.create_catalog(year=2026, unit=district["gov"], actor=coord)
    services.propose_item(
        collecting,
        unit=district["sfj"],
        title="申报中的事项",
        category="policy",
        actor=people["sfj_clerk"],
    )
    approved = services.create_catalog(year=2024, unit=district["gov"], actor=coord)
    item = services.propose_item(
        approved, unit=district["sfj"], title="已审定事项", category="plan", actor=coord
    )
    services.settle_item(item, include=True, actor=coord)
    services.approve_catalog(
        approved, party_agreed_on=dt.date(2024, 2, 1), party_document="纪要", actor=coord
    )
    services.adjust_add(
        catalog,
        unit=district["sfj"],
        title="年中增补事项",
        category="policy",
        reason="工作需要",
        decided_on=dt.date(2025, 6, 1),
        actor=coord,
    )
    services.adjust_add(
        catalog,
        unit=district["sfj"],
        title="尚未启动的增补事项",
        category="plan",
        reason="工作需要",
        decided_on=dt.date(2025, 6, 1),
        actor=coord,
    )
    other = catalog.items.get(unit__code="D23")
    drafting = services.start_decision(other, actor=people["scjg_clerk"], draft="草案")
    prepare(decision, people)
    under_review = decision
    services.request_legality_review(under_review, actor=people["sfj_clerk"])
    # A second decision of 司法局, carried through to publication.
    added = catalog.items.get(title="年中增补事项")
    services.republish_catalog(
        catalog,
        published_on=dt.date(2025, 6, 10),
        channel="门户网站",
        party_agreed_on=dt.date(2025, 6, 5),
        party_document="纪要",
        actor=coord,
    )
    second = services.start_decision(
        added, actor=people["sfj_clerk"], draft="第一条 草案。", explanation="起草说明。"
    )
    published(second, people, adviser)
    return {
        "catalogs": [catalog, collecting, approved],
        "decisions": [drafting, under_review, second],
    }


def _paths(world):
    out = ["/office/decisions/", "/office/decisions/catalogs/", "/office/decisions/catalogs/new/"]
    out += [f"/office/decisions/catalogs/{c.pk}/" for c in world["catalogs"]]
    for d in world["decisions"]:
        out += [f"/office/decisions/{d.pk}/{s}" for s in STEPS]
        out.append(f"/office/decisions/items/{d.item_id}/start/")
    return out


@pytest.mark.parametrize("persona", ["sfj_clerk", "coordinator", "scjg_clerk", "town_clerk", None])
def test_no_page_answers_500(persona, people, world):
    client = Client()
    if persona:
        client.force_login(people[persona])
    hammer = Hammer(client)
    forms = 0
    for path in _paths(world):
        hammer.query(path)
        forms += hammer.page(path, extra_fields=("item", "action"))
        if persona:
            client.force_login(people[persona])
    for d in world["decisions"]:
        hammer._do("get", f"/office/decisions/{d.pk}/archive.zip")
    if persona in ("sfj_clerk", "coordinator"):
        assert forms >= 8, forms
    assert not hammer.failures, hammer.report()


def test_decided_decision_pages(people, district, catalog, adviser):
    """A decision decided but not yet published (party report and publication forms)."""
    item = catalog.items.get(unit__code="D08")
    d = services.start_decision(
        item, actor=people["sfj_clerk"], draft="第一条 草案。", explanation="说明。"
    )
    decided(d, people, adviser)
    client = Client()
    client.force_login(people["sfj_clerk"])
    hammer = Hammer(client)
    for s in STEPS:
        hammer.page(f"/office/decisions/{d.pk}/{s}")
        client.force_login(people["sfj_clerk"])
    assert not hammer.failures, hammer.report()


def test_portal_and_api_never_answer_500(people, world):
    hammer = Hammer(Client(), check_kept=False)
    for path in ["/decisions/"] + [f"/decisions/catalogs/{c.pk}/" for c in world["catalogs"]]:
        hammer.query(path)
    for d in world["decisions"]:
        hammer._do("get", f"/decisions/{d.pk}/")
    for g in ("abc", "-1", "99999999999999999999"):
        hammer._do("get", f"/decisions/{g}/")
        hammer._do("get", f"/decisions/catalogs/{g}/")
    client = Client()
    client.force_login(people["sfj_clerk"])
    api = Hammer(client, check_kept=False)
    for h in (hammer, api):
        for g in [*GARBAGE, "2025"]:
            g = g[:300]
            for route in ("", "/catalogs", "/public/catalogs"):
                for key in ("year", "state", "unit", "limit", "offset"):
                    h._do("get", f"/api/decisions{route}?{key}={g}")
            h._do("get", f"/api/decisions/{g}")
            h._do("get", f"/api/decisions/catalogs/{g}")
    assert not hammer.failures, hammer.report()
    assert not api.failures, api.report()


def test_every_page_reachable_by_navigation(people, world):
    """House rule 6: from the board, following links only, the drafting clerk and the
    coordinator reach every page of the module (each step of a decision, the catalogue
    and its new-catalogue form, starting a decision from a catalogue item, the archive
    package); the public reaches catalogues and decisions from the portal."""
    from django.urls import get_resolver

    from tests.garbage import reachable

    every = {
        f"decisions:{n}"
        for n in get_resolver("fazhi.decisions.urls").reverse_dict
        if isinstance(n, str)
    }
    client = Client()
    client.force_login(people["coordinator"])
    assert every - reachable(client, ["/office/decisions/"]) == set()
    client.force_login(people["sfj_clerk"])
    assert every - {"decisions:catalog_new"} - reachable(client, ["/office/decisions/"]) == set()
    public = reachable(Client(), ["/decisions/"], start="/")
    assert {"decisions_public:list", "decisions_public:catalog", "decisions_public:detail"} <= (
        public
    )
