"""Mediation fixtures on top of the shared personas (conftest.py at the root): the 城关街道
人民调解委员会 set up by the township's clerk through the services, a dispute between two
neighbours, each step on its own frozen day."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze

PERSON_A = "110105199003071239"
PERSON_B = "11010519491231002X"
FIRM = "91110105MA01234565"


@pytest.fixture
def at(monkeypatch):
    """at(day): freeze today to ``day`` (every step is dated "not later than today")."""

    def go(day):
        freeze(monkeypatch, day)
        return day

    return go


def parties():
    return [
        {"side": "applicant", "kind": "person", "name": "王大山", "id_number": PERSON_A,
         "phone": "13800138000", "address": "城关街道东门社区3号"},
        {"side": "respondent", "kind": "person", "name": "李秀英", "id_number": PERSON_B,
         "phone": "", "address": "城关街道东门社区5号"},
    ]  # fmt: skip


@pytest.fixture
def committee(district, people, at):
    """城关街道人民调解委员会: three members (a woman chair), term from 2024-01-05."""
    from fazhi.mediation.services import bodies

    at(dt.date(2024, 1, 5))
    clerk = people["town_clerk"]
    body = bodies.create_body(
        clerk, unit=district["town"], name="城关街道人民调解委员会", kind="township",
        established_on=dt.date(2012, 3, 1), term_starts_on=dt.date(2024, 1, 5),
    )  # fmt: skip
    for name, gender, role in (("张玉兰", "female", "chair"), ("刘建华", "male", "member"),
                               ("陈国庆", "male", "member")):  # fmt: skip
        bodies.add_member(clerk, body, name=name, gender=gender, role=role,
                          joined_on=dt.date(2024, 1, 5))  # fmt: skip
    return body


@pytest.fixture
def make_dispute(district, people, at):
    """make_dispute(found_on=…, **overrides): a 邻里纠纷 recorded by the township's clerk."""
    from fazhi.mediation.services import disputes

    def make(found_on=dt.date(2025, 9, 1), actor="town_clerk", **kw):
        at(kw.pop("today", found_on))
        data = dict(
            unit=district["town"], found_on=found_on, source="visit", type="neighbour",
            summary="两户因院墙排水问题发生争执", parties=parties(),
        )  # fmt: skip
        data.update(kw)
        return disputes.record_dispute(people[actor] if actor else None, **data)

    return make


@pytest.fixture
def mediating(make_dispute, committee, people, at):
    """mediating(accepted_on=…): a dispute found the day before, accepted by the committee."""
    from fazhi.mediation.services import disputes

    def make(accepted_on=dt.date(2025, 9, 3), **kw):
        d = make_dispute(found_on=accepted_on - dt.timedelta(days=1), **kw)
        at(accepted_on)
        return disputes.accept(people["town_clerk"], d, body=committee, accepted_on=accepted_on,
                               mediators="张玉兰、刘建华")  # fmt: skip

    return make
