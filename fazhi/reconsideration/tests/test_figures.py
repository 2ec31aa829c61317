"""The 复议 figures equal a hand count on fixture data, through the real compute functions;
the disclosure template's section 四 likewise."""

import datetime as dt
from decimal import Decimal

from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration import indicators, interface
from fazhi.reconsideration.services import applications, cases

D = dt.date


def _decide(case, on, outcome, clerk, monkeypatch):
    freeze(monkeypatch, on)
    if outcome not in ("mediated", "withdrawn"):
        cases.send_copy(case, on=case.accepted_on, actor=clerk)
        cases.answer(case, on=case.accepted_on, summary="答复", actor=clerk)
    return cases.decide(case, on=on, outcome=outcome, summary="要旨", actor=clerk)


def test_figures_by_respondent_with_district_total(
    apply_, accepted_case, people, district, monkeypatch
):
    clerk = people["sfj_clerk"]
    scjg, town, gov = district["scjg"], district["town"], district["gov"]
    # 2025, against 市场监管局: 3 accepted — revoked, upheld, mediated — and 1 rejected.
    a = accepted_case(received_on=D(2025, 3, 3))
    b = accepted_case(received_on=D(2025, 4, 1))
    c = accepted_case(received_on=D(2025, 5, 6))
    _decide(a, D(2025, 4, 10), "revoke", clerk, monkeypatch)
    _decide(b, D(2025, 5, 12), "uphold", clerk, monkeypatch)
    _decide(c, D(2025, 5, 20), "mediated", clerk, monkeypatch)
    rejected, _ = apply_(received_on=D(2025, 6, 3))
    applications.reject(rejected, on=D(2025, 6, 3), reason="不属于复议范围", actor=clerk)
    # Against the township: 1 accepted in 2025, decided (order_performance) in 2026.
    t = accepted_case(received_on=D(2025, 12, 1), respondent=town)
    _decide(t, D(2026, 1, 20), "order_performance", clerk, monkeypatch)
    # Against an agency outside the platform: counted for the 复议机构 itself.
    apply_(received_on=D(2025, 7, 1), respondent=None, respondent_name="示范市某某局")
    # Another year: received in 2024.
    accepted_case(received_on=D(2024, 11, 4))

    received = indicators.received(2025)
    assert received[scjg.pk] == 4 and received[town.pk] == 1
    assert received[district["sfj"].pk] == 1 and received[gov.pk] == 6
    accepted = indicators.accepted(2025)
    assert accepted[scjg.pk] == 3 and accepted[town.pk] == 1 and accepted[gov.pk] == 4
    concluded = indicators.concluded(2025)
    assert concluded[scjg.pk] == 3 and town.pk not in concluded and concluded[gov.pk] == 3
    rate = indicators.correction_rate(2025)
    assert rate[scjg.pk] == Decimal("33.3") and rate[gov.pk] == Decimal("33.3")
    assert indicators.correction_rate(2026)[town.pk] == Decimal("100.0")


def test_disclosure_section_four(accepted_case, people, district, monkeypatch):
    clerk = people["sfj_clerk"]
    a = accepted_case(received_on=D(2025, 3, 3), disclosure_related=True)
    b = accepted_case(received_on=D(2025, 4, 1), disclosure_related=True)
    accepted_case(received_on=D(2025, 12, 1), disclosure_related=True)  # still open on 31 Dec
    accepted_case(received_on=D(2025, 5, 6))  # not about disclosure
    _decide(a, D(2025, 4, 10), "uphold", clerk, monkeypatch)
    _decide(b, D(2025, 5, 12), "declare_unlawful", clerk, monkeypatch)
    row = interface.disclosure_section4(2025)
    assert row["reconsideration"] == [1, 1, 0, 1, 3]
    assert row["litigation_direct"] == [0, 0, 0, 0, 0]
    assert interface.disclosure_section4(2025, district["town"].pk)["reconsideration"][4] == 0
