"""No 500 on any input (house rule 1): every page and action of the legal module, with
reviews and contracts in every state, hammered with garbage as the requesting clerk, the
legal reviewer, the coordinator, a clerk of another unit and the public; the API routes
with garbage parameters."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.legal import services
from tests.garbage import GARBAGE, Hammer

from .conftest import upload

pytestmark = [pytest.mark.today(2025, 11, 10), pytest.mark.strict_db]

D = dt.date


@pytest.fixture
def records(cast, district, adviser):
    p = cast
    town = district["town"]

    def review(title):
        return services.request_review(
            kind="major_decision",
            unit=town,
            title=title,
            actor=p["town_clerk"],
            materials=[upload()],
            on=D(2025, 6, 3),
        )

    submitted = review("待分派的审查事项")
    in_review = services.assign(review("审查中的事项"), assignee=p["legal"], actor=p["legal"])
    returned = services.return_for_materials(
        services.assign(review("退回补充材料的事项"), assignee=p["legal"], actor=p["legal"]),
        reason="请补充起草说明",
        actor=p["legal"],
        on=D(2025, 6, 5),
    )
    concluded = services.conclude(
        review("已出具意见的事项"),
        opinion="lawful",
        reasons="",
        actor=p["legal"],
        adviser=adviser,
        on=D(2025, 6, 20),
    )
    withdrawn = services.withdraw(review("已撤回的事项"), reason="不再需要", actor=p["town_clerk"])
    contract = services.register_contract(
        unit=town,
        title="城关街道保洁服务合同",
        category="service",
        counterparty="张三",
        amount=Decimal("12.5"),
        actor=p["town_clerk"],
        on=D(2025, 3, 1),
    )
    signed = services.register_contract(
        unit=town,
        title="城关街道绿化养护合同",
        category="service",
        counterparty="某绿化公司",
        actor=p["town_clerk"],
        on=D(2025, 3, 1),
    )
    r = services.submit_contract(signed, actor=p["town_clerk"], on=D(2025, 3, 3))
    services.conclude(r, opinion="lawful", reasons="", actor=p["legal"], on=D(2025, 3, 20))
    services.sign_contract(signed, actor=p["town_clerk"], on=D(2025, 3, 25))
    services.start_performance(signed, actor=p["town_clerk"], on=D(2025, 3, 26))
    services.add_milestone(signed, title="一季度养护", due=D(2025, 6, 30), actor=p["town_clerk"])
    services.open_dispute(
        signed, description="养护质量争议", actor=p["town_clerk"], on=D(2025, 5, 1)
    )
    under_review = services.register_contract(
        unit=town,
        title="城关街道路灯维修合同",
        category="service",
        counterparty="某电气公司",
        actor=p["town_clerk"],
        on=D(2025, 3, 1),
    )
    services.submit_contract(under_review, actor=p["town_clerk"], on=D(2025, 3, 3))
    return {
        "reviews": [submitted, in_review, returned, concluded, withdrawn],
        "contracts": [contract, signed, under_review],
    }


def _paths(records, adviser):
    out = [
        "/office/legal/",
        "/office/legal/reviews/",
        "/office/legal/reviews/new/",
        "/office/legal/advisers/",
        "/office/legal/advisers/new/",
        f"/office/legal/advisers/{adviser.pk}/",
        f"/office/legal/advisers/{adviser.pk}/edit/",
        "/office/legal/participations/",
        "/office/legal/contracts/",
        "/office/legal/contracts/new/",
    ]
    out += [f"/office/legal/reviews/{r.pk}/" for r in records["reviews"]]
    out += [f"/office/legal/contracts/{c.pk}/" for c in records["contracts"]]
    return out


@pytest.mark.parametrize("persona", ["town_clerk", "legal", "coordinator", "scjg_clerk", None])
def test_no_page_answers_500(persona, cast, records, adviser):
    client = Client()
    if persona:
        client.force_login(cast[persona])
    hammer = Hammer(client)
    forms = 0
    for path in _paths(records, adviser):
        hammer.query(path)
        forms += hammer.page(path, extra_fields=("milestone", "dispute"))
        if persona:
            client.force_login(cast[persona])
    for r in records["reviews"]:
        hammer._do("get", f"/office/legal/reviews/{r.pk}/opinion.docx")
        for g in ("abc", "99999999999999999999"):
            hammer._do("get", f"/office/legal/reviews/{r.pk}/materials/{g}/")
    if persona in ("town_clerk", "legal", "coordinator"):
        assert forms >= 10, forms
    assert not hammer.failures, hammer.report()


@pytest.mark.parametrize("persona", ["town_clerk", "scjg_clerk", None])
def test_no_api_route_answers_500(persona, cast, records):
    client = Client()
    if persona:
        client.force_login(cast[persona])
    hammer = Hammer(client, check_kept=False)
    for g in [*GARBAGE, "2025"]:
        for route in ("reviews", "contracts"):
            for key in ("year", "kind", "state", "limit", "offset"):
                hammer._do("get", f"/api/legal/{route}?{key}={g[:300]}")
        hammer._do("get", f"/api/legal/reviews/{g[:300]}")
    assert not hammer.failures, hammer.report()


def test_every_page_reachable_by_navigation(cast, records):
    """House rule 6: from the board, following links only, the coordinator reaches every
    page of the module and the requesting clerk every page of their own work."""
    from django.urls import get_resolver

    from tests.garbage import reachable

    client = Client()
    client.force_login(cast["coordinator"])
    reached = reachable(client, ["/office/legal/"])
    every = {
        f"legal:{n}" for n in get_resolver("fazhi.legal.urls").reverse_dict if isinstance(n, str)
    }
    assert every - reached - {"legal:home"} == set()  # home: the same list as reviews
    client.force_login(cast["town_clerk"])
    reached = reachable(client, ["/office/legal/"])
    mine = {
        "legal:reviews",
        "legal:review_new",
        "legal:review",
        "legal:review_letter",
        "legal:review_material",
        "legal:contracts",
        "legal:contract_new",
        "legal:contract",
    }
    assert mine - reached == set()
