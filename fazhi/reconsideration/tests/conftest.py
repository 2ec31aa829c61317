"""Reconsideration fixtures on top of the shared personas (conftest.py at the root): the
司法局 is the 行政复议机构; applications and cases are made through the real services."""

import datetime as dt

import pytest

PERSON_ID = "110105199003071239"
SHOP_USCC = "91110105MA01234565"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def apply_(district, people, monkeypatch):
    """apply_(received_on=…, **overrides) -> (application, query code): an application
    against the 市场监管局 received at the counter on ``received_on`` (default 2025-03-03),
    today frozen to that day unless ``today`` is given."""
    from fazhi.core.tests.refusal import freeze
    from fazhi.reconsideration.services import applications

    def make(received_on=dt.date(2025, 3, 3), today=None, actor="sfj_clerk", **kw):
        freeze(monkeypatch, today or received_on)
        data = dict(
            channel="counter",
            applicant_kind="person",
            applicant_name="王小明",
            applicant_id=PERSON_ID,
            applicant_phone="13800138000",
            respondent=district["scjg"],
            act="罚款2000元的行政处罚决定",
            act_number="测市监罚〔2025〕12号",
            act_on=received_on - dt.timedelta(days=20),
            known_on=received_on - dt.timedelta(days=18),
            requests="撤销该行政处罚决定",
            reasons="认定事实不清，证据不足。",
            received_on=received_on,
        )
        data.update(kw)
        return applications.submit(actor=people[actor] if actor else None, **data)

    return make


@pytest.fixture
def accepted_case(apply_, people, monkeypatch):
    """accepted_case(accepted_on=…, procedure=…, **apply overrides) -> an accepted case."""
    from fazhi.core.tests.refusal import freeze
    from fazhi.reconsideration.services import cases

    def make(received_on=dt.date(2025, 3, 3), accepted_on=None, procedure="ordinary",
             simple_ground="", amount=None, **kw):  # fmt: skip
        app, _ = apply_(received_on=received_on, **kw)
        on = accepted_on or received_on + dt.timedelta(days=2)
        freeze(monkeypatch, on)
        return cases.accept(app, on=on, actor=people["sfj_clerk"], procedure=procedure,
                            simple_ground=simple_ground, amount=amount)  # fmt: skip

    return make
