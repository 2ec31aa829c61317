"""Fixtures of the 人民调解 screen tests (imported with ``*`` by each test file): a second
township with its own clerk (the outsider), a committee of three, disputes recorded through
the real services with today frozen to the day of each step."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.identifiers import make_id_number
from fazhi.core.tests.refusal import freeze
from fazhi.mediation.models import MediationBody

__all__ = ["ID_A", "ID_B", "at", "make_body", "make_dispute", "parties", "south"]

D = dt.date
ID_A = make_id_number("110105", D(1970, 5, 1), 11)
ID_B = make_id_number("110105", D(1982, 8, 9), 24)


@pytest.fixture
def at(monkeypatch):
    def go(day):
        freeze(monkeypatch, day)
        return day

    return go


@pytest.fixture
def south(district, people):
    """A second township with its own clerk (the outsider of these tests)."""
    from fazhi.core import services
    from fazhi.core.models import OrgUnit, User

    unit = services.save_unit(
        OrgUnit(code="T02", name="城南街道", kind="township", parent=district["gov"]), None
    )
    clerk = services.save_user(
        User(username="south_clerk", full_name="南街道经办", unit=unit), ["clerk"], None,
        password="Test#pass-2025",
    )  # fmt: skip
    return {"unit": unit, "clerk": clerk}


@pytest.fixture
def make_body(people, at):
    """make_body(unit, name=…) -> a 人民调解委员会 of three members, a woman among them."""
    from fazhi.mediation.services import bodies

    def make(
        unit, name="城关街道人民调解委员会", actor=None, kind="township", on=dt.date(2025, 1, 6)
    ):
        actor = actor or people["town_clerk"]
        at(on)
        body = bodies.create_body(
            actor, unit=unit, name=name, kind=kind, address="城关街道人民路1号",
            phone="010-61234567", established_on=D(2012, 3, 1), term_starts_on=D(2024, 1, 2),
        )  # fmt: skip
        for member, gender, role in (("赵主任", "male", "chair"), ("钱副主任", "female",
                                     "vice_chair"), ("孙委员", "male", "member")):  # fmt: skip
            bodies.add_member(actor, body, name=member, gender=gender, role=role,
                              joined_on=D(2024, 1, 2), phone="13800001111")  # fmt: skip
        return MediationBody.objects.get(pk=body.pk)

    return make


def parties(a="张大山", b="李小河"):
    return [
        {"side": "applicant", "kind": "person", "name": a, "id_number": ID_A,
         "phone": "13912345678", "address": "城关街道东门社区3号"},
        {"side": "respondent", "kind": "person", "name": b, "id_number": ID_B,
         "phone": "13987654321", "address": "城关街道东门社区5号"},
    ]  # fmt: skip


@pytest.fixture
def make_dispute(people, district, at):
    """make_dispute(found_on=…, **overrides) -> a dispute the township clerk recorded."""
    from fazhi.mediation.services import disputes

    def make(found_on=dt.date(2025, 9, 1), actor=None, unit=None, **kw):
        at(kw.pop("today", found_on))
        data = dict(source="grid", type="neighbour", summary="两户因排水沟堵塞发生争执",
                    parties=parties(), place="东门社区", found_by="网格员周")  # fmt: skip
        data.update(kw)
        return disputes.record_dispute(
            actor or people["town_clerk"],
            unit=unit or district["town"],
            found_on=found_on,
            **data,
        )

    return make
