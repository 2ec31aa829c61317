"""The litigation.* and suggestion.* figures equal a hand count on fixture data made through
the services (the SPC rule: one appearance of the head per instance suffices)."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.tests.refusal import freeze
from fazhi.indicators.registry import COMPUTED
from fazhi.reconsideration.services import suggestions

from .lit_fixtures import court_case, hearing, result, suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(district, people, monkeypatch):
    gov, scjg, town = district["gov"], district["scjg"], district["town"]
    sc, tc, coord = people["scjg_clerk"], people["town_clerk"], people["coordinator"]
    mp = monkeypatch
    # A: two hearings in 2025, the head only at the second → one instance, head appeared.
    a = court_case(mp, scjg, sc, served_on=dt.date(2025, 3, 3))
    hearing(mp, a, sc, dt.date(2025, 4, 10), head=False)
    hearing(mp, a, sc, dt.date(2025, 5, 15), head=True)
    result(mp, a, sc, dt.date(2025, 6, 20), "won")
    # B: no hearing, withdrawn: concluded, but in neither appearance count.
    b = court_case(mp, scjg, sc, served_on=dt.date(2025, 4, 1))
    result(mp, b, sc, dt.date(2025, 5, 6), "withdrawn")
    # C: heard without the head, lost.
    c = court_case(mp, scjg, sc, served_on=dt.date(2025, 5, 6))
    hearing(mp, c, sc, dt.date(2025, 7, 8), head=False)
    result(mp, c, sc, dt.date(2025, 9, 9), "lost")
    # D: the township's, heard with its head in 2025, lost only in 2026.
    d = court_case(mp, town, tc, served_on=dt.date(2025, 2, 10))
    hearing(mp, d, tc, dt.date(2025, 4, 2), head=True)
    result(mp, d, tc, dt.date(2026, 1, 6), "lost")
    # E: another year — served and heard (head) in 2024, won in 2025.
    e = court_case(mp, scjg, sc, served_on=dt.date(2024, 10, 8))
    hearing(mp, e, sc, dt.date(2024, 12, 3), head=True)
    result(mp, e, sc, dt.date(2025, 2, 14), "won")
    # F: the government itself as defendant (entered by the coordinator), head appeared.
    f = court_case(mp, gov, coord, served_on=dt.date(2025, 8, 4))
    hearing(mp, f, coord, dt.date(2025, 9, 16), head=True)

    # Suggestions.
    s1 = suggestion(mp, scjg, sc, kind="judicial", received_on=dt.date(2025, 3, 3),
                    reply_due_on=dt.date(2025, 4, 30))  # fmt: skip
    freeze(mp, dt.date(2025, 4, 20))
    suggestions.reply(s1, on=dt.date(2025, 4, 20), text="已整改。", actor=sc)
    s2 = suggestion(
        mp, scjg, sc, received_on=dt.date(2025, 5, 6), reply_due_on=dt.date(2025, 6, 30)
    )
    freeze(mp, dt.date(2025, 7, 2))
    suggestions.reply(s2, on=dt.date(2025, 7, 2), text="已整改。", actor=sc)  # late
    suggestion(mp, scjg, sc, received_on=dt.date(2025, 8, 1), reply_due_on=dt.date(2025, 9, 30))
    suggestion(mp, scjg, sc, received_on=dt.date(2025, 12, 20))  # due 2026-02-18: not yet
    suggestion(mp, town, tc, received_on=dt.date(2024, 11, 5))  # another year
    s6 = suggestion(mp, town, tc, kind="judicial", received_on=dt.date(2025, 6, 2))
    freeze(mp, dt.date(2025, 7, 1))
    suggestions.reply(s6, on=dt.date(2025, 7, 1), text="已采纳。", actor=tc)
    freeze(mp, dt.date(2026, 1, 10))
    return district


def _fig(code, year=2025):
    return COMPUTED[code].compute(year)


def test_litigation_figures_equal_the_hand_count(counted):
    gov, scjg, town = counted["gov"].pk, counted["scjg"].pk, counted["town"].pk
    D = Decimal
    assert _fig("litigation.cases") == {scjg: 3, town: 1, gov: 5}
    assert _fig("litigation.head_appearances") == {scjg: 1, town: 1, gov: 3}
    # 出庭应诉率: scjg A of A, C (50%); town D (100%); district A, D, F of A, C, D, F (75%).
    assert _fig("litigation.head_appearance_rate") == {
        scjg: D("50.0"),
        town: D("100.0"),
        gov: D("75.0"),
    }
    assert _fig("litigation.lost") == {scjg: 1, gov: 1}
    # 败诉率: scjg C of A, B, C, E concluded in 2025; D (2026) and F (open) not.
    assert _fig("litigation.loss_rate") == {scjg: D("25.0"), gov: D("25.0")}
    assert _fig("litigation.lost", 2026) == {town: 1, gov: 1}
    assert _fig("litigation.head_appearance_rate", 2024) == {scjg: D("100.0"), gov: D("100.0")}


def test_suggestion_figures_equal_the_hand_count(counted):
    gov, scjg, town = counted["gov"].pk, counted["scjg"].pk, counted["town"].pk
    D = Decimal
    assert _fig("suggestion.judicial") == {scjg: 1, town: 1, gov: 2}
    assert _fig("suggestion.procuratorial") == {scjg: 3, gov: 3}
    # 按期办复率: scjg s1 on time of s1, s2 (late), s3 (past due, unanswered); s4 not due
    # yet; town s6 on time. District 2 of 4.
    assert _fig("suggestion.on_time_rate") == {scjg: D("33.3"), town: D("100.0"), gov: D("50.0")}


def test_records_behind_a_figure_are_those_counted(counted):
    from fazhi.reconsideration.indicators_litigation import RECORDS, SUGGESTION_RECORDS

    assert RECORDS["litigation.head_appearances"](2025).count() == 3
    assert RECORDS["litigation.head_appearance_rate"](2025).count() == 4
    assert RECORDS["litigation.loss_rate"](2025).count() == 4
    assert SUGGESTION_RECORDS["suggestion.on_time_rate"](2025).count() == 4


def test_lost_cases_are_explained_in_the_records_words(counted, district):
    """A rise in 败诉 is explained in the report by the lost cases themselves."""
    from fazhi.reconsideration.indicators_litigation import explain_lost

    text = explain_lost(2025, None)
    assert text.startswith("2025年败诉的1件为：") and "被诉行为认定事实清楚" in text
    assert explain_lost(2025, district["town"].pk) == ""  # its lost case is 2026's
    assert explain_lost(2026, district["town"].pk).startswith("2026年败诉的1件为：")
    assert COMPUTED["litigation.lost"].explain is explain_lost
