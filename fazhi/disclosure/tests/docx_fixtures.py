"""Request rows for the document tests, built directly with the fields the services set
(state, dates, reply type and ground, the template row), so that every reply type and
ground, and every state, can be tried without walking the whole procedure each time."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from docx import Document

from fazhi.disclosure import rules
from fazhi.disclosure.models import DisclosureRequest, ThirdPartyConsultation

PERSON_ID = "110105199003071239"
SHOP_USCC = "91110105MA01234565"
RECEIVED = dt.date(2025, 3, 3)  # a Monday
REPLIED = dt.date(2025, 3, 25)

_seq = itertools.count(1)


@pytest.fixture
def request_row(district):
    """request_row(unit="scjg", **fields) -> a DisclosureRequest received 2025-03-03."""

    def make(unit="scjg", **kw):
        n = next(_seq)
        data = dict(
            unit=district[unit],
            tracking_number=f"{district[unit].code}-依申请-2025-{n:04d}",
            access_code_hash="-",
            link_token=f"token-{n}",
            channel=DisclosureRequest.Channel.LETTER,
            applicant_kind="person",
            applicant_name="李小红",
            applicant_id=PERSON_ID,
            applicant_phone="13800138000",
            description="2024年本辖区食品经营许可的审批结果",
            received_on=RECEIVED,
        )
        data.update(kw)
        return DisclosureRequest.objects.create(**data)

    return make


@pytest.fixture
def replied(request_row):
    """replied(reply_type, ground="", **fields) -> a request answered on 2025-03-25."""

    def make(reply_type, ground="", **kw):
        data = dict(
            state=DisclosureRequest.State.REPLIED,
            reply_type=reply_type,
            ground=ground,
            result=rules.template_row(reply_type, ground),
            reply_text="详见附件。",
            replied_on=REPLIED,
        )
        data.update(kw)
        return request_row(**data)

    return make


@pytest.fixture
def consultation(request_row):
    def make(kind="third_party", party="测试食品有限公司", req=None, **kw):
        req = req or request_row(state=DisclosureRequest.State.CONSULTING)
        return ThirdPartyConsultation.objects.create(
            request=req, kind=kind, party=party, sent_on=dt.date(2025, 3, 6), **kw
        )

    return make


def request_url(req, kind):
    return f"/office/disclosure/requests/{req.pk}/docx/{kind}/"


def consultation_url(c):
    return f"/office/disclosure/consultations/{c.pk}/docx/"


def text_of(resp) -> str:
    assert resp.status_code == 200, resp.content[:300]
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
