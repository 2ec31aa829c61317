"""Published 行政复议 decisions on the portal (第79条), masked by core; and a scan of every
public page of the module for ID numbers, mobile numbers and the applicant's name."""

import datetime as dt
import re

import pytest
from django.test import Client

from fazhi.core.identifiers import is_valid_id_number
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.services import cases

D = dt.date
NAME = "王小明"
PHONE = "13800138000"
ID = "110105199003071239"


@pytest.fixture
def decided(accepted_case, people, monkeypatch):
    """decided(publish=True, **apply overrides) -> a decided case, published on 2025-04-10."""

    def make(publish=True, outcome="revoke", **kw):
        kw.setdefault("act", f"对{NAME}罚款2000元的行政处罚决定")
        case = accepted_case(**kw)
        clerk = people["sfj_clerk"]
        freeze(monkeypatch, D(2025, 3, 12))
        cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
        cases.answer(case, on=D(2025, 3, 12), summary="答复", actor=people["scjg_clerk"])
        freeze(monkeypatch, D(2025, 4, 1))
        case = cases.decide(
            case, on=D(2025, 4, 1), outcome=outcome, actor=clerk,
            summary=f"申请人{NAME}（身份证号{ID}，电话{PHONE}）不服被申请人的处罚决定。"
            "经审理，被申请人认定事实不清，决定撤销。",
        )  # fmt: skip
        if publish:
            freeze(monkeypatch, D(2025, 4, 10))
            case = cases.publish(case, on=D(2025, 4, 10), actor=clerk)
        freeze(monkeypatch, D(2025, 4, 15))
        return case

    return make


def test_published_decisions_are_listed_masked(decided):
    case = decided()
    hidden = decided(publish=False, act="另一案的行政行为")
    client = Client()
    text = client.get("/reconsideration/decisions/").content.decode()
    assert case.decision_number in text and hidden.decision_number not in text
    assert "另一案" not in text
    detail = client.get(f"/reconsideration/decisions/{case.pk}/").content.decode()
    for shown in (case.decision_number, case.number, "测试区市场监督管理局", "撤销", "2025年4月1日",
                  "决定撤销", "王**", "110105********1239", "138****8000"):  # fmt: skip
        assert shown in detail, shown
    for secret in (NAME, ID, PHONE):
        assert secret not in detail
    assert client.get(f"/reconsideration/decisions/{hidden.pk}/").status_code == 404


def test_an_organisation_applicant_is_named(decided):
    case = decided(applicant_kind="organisation", applicant_name="测试区某某商贸有限公司",
                   applicant_id="91110105MA01234565")  # fmt: skip
    detail = Client().get(f"/reconsideration/decisions/{case.pk}/").content.decode()
    assert "测试区某某商贸有限公司" in detail


def test_the_list_filters(decided):
    case = decided()
    client = Client()
    assert (
        case.decision_number in client.get("/reconsideration/decisions/?year=2025").content.decode()
    )
    assert (
        case.decision_number
        not in client.get("/reconsideration/decisions/?year=2024").content.decode()
    )
    assert (
        case.decision_number
        not in client.get("/reconsideration/decisions/?outcome=uphold").content.decode()
    )
    for junk in ("?year=abc", "?year=99999999999999999999", "?outcome=x", "?page=-1"):
        assert client.get(f"/reconsideration/decisions/{junk}").status_code == 200


def test_the_home_page_lists_the_newest_decision(decided):
    case = decided()
    assert case.decision_number in Client().get("/").content.decode()


ID18 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d[-\s.]?\d{4}[-\s.]?\d{4}(?![0-9A-Za-z])")


def test_no_public_page_shows_an_id_number_a_phone_or_the_applicants_name(
    decided, apply_, monkeypatch
):
    case = decided()
    app = case.application
    pending, _ = apply_(received_on=D(2025, 4, 14), today=D(2025, 4, 15),
                        reasons=f"本人{NAME}，电话{PHONE}")  # fmt: skip
    client = Client()
    pages = [
        "/",
        "/reconsideration/",
        "/reconsideration/apply/",
        "/reconsideration/apply/done/",
        "/reconsideration/track/",
        "/reconsideration/decisions/",
        f"/reconsideration/decisions/{case.pk}/",
        f"/reconsideration/track/{app.link_token}/",
        f"/reconsideration/track/{pending.link_token}/",
    ]
    texts = {p: client.get(p).content.decode() for p in pages}
    assert all(texts.values())
    for path, text in texts.items():
        assert NAME not in text, path
        assert PHONE not in text and not MOBILE.search(text), path
        assert not [m for m in ID18.findall(text) if is_valid_id_number(m)], path
