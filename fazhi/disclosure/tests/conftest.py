"""Disclosure fixtures on top of the shared personas (conftest.py at the root): requests to
the 市场监管局 made through the real services, today frozen to the day of each step."""

import datetime as dt

import pytest

PERSON_ID = "110105199003071239"
SHOP_USCC = "91110105MA01234565"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def at(monkeypatch):
    """at(day): freeze today to ``day`` (every service step is dated "not later than today")."""
    from fazhi.core.tests.refusal import freeze

    def go(day):
        freeze(monkeypatch, day)
        return day

    return go


@pytest.fixture
def make_request(district, people, at):
    """make_request(received_on=…, **overrides) -> (request, query code): a letter to the
    市场监管局 entered by its clerk on ``received_on`` (default 2025-03-03)."""
    from fazhi.disclosure.services import requests

    def make(received_on=dt.date(2025, 3, 3), actor="scjg_clerk", unit="scjg", **kw):
        at(kw.pop("today", received_on))
        data = dict(
            channel="letter",
            applicant_kind="person",
            applicant_name="王小明",
            applicant_id=PERSON_ID,
            applicant_phone="13800138000",
            description="2024年度本区食品安全监督抽检结果及不合格产品处置情况",
            received_on=received_on,
        )
        data.update(kw)
        return requests.submit(unit=district[unit], actor=people[actor] if actor else None, **data)

    return make
