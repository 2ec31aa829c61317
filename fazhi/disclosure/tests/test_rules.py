"""The regulation's lists: every reply maps to exactly one row of the national template, and
the fee scales of 国办函〔2020〕109号."""

from decimal import Decimal

import pytest

from fazhi.disclosure import rules
from fazhi.disclosure.services import fees


def all_replies():
    for reply_type, _ in rules.REPLY_TYPES:
        grounds = rules.grounds_for(reply_type)
        if grounds:
            for ground, _ in grounds:
                yield reply_type, ground
        else:
            yield reply_type, ""


def test_every_reply_and_ground_lands_in_exactly_one_template_row():
    rows = {(t, g): rules.template_row(t, g) for t, g in all_replies()}
    assert all(r in rules.ROW_CODES for r in rows.values())
    # Every row a reply can reach is reached, and the rows no reply reaches are the ones
    # the passing of time or the applicant decides (no supplement, no fee).
    reached = set(rows.values())
    assert set(rules.ROW_CODES) - reached == {"other_no_correction", "other_no_fee"}


@pytest.mark.parametrize("code,_label,row", rules.REFUSAL_GROUNDS)
def test_each_refusal_ground_has_its_own_row_and_partial_counts_once(code, _label, row):
    assert rules.template_row("refuse", code) == row
    assert rules.template_row("partial", code) == "partial"
    others = [c for c, _l, r in rules.REFUSAL_GROUNDS if r == row]
    assert others == [code]


def test_a_ground_is_required_where_the_template_splits_rows_and_refused_elsewhere():
    with pytest.raises(ValueError, match="选择理由"):
        rules.template_row("refuse", "")
    with pytest.raises(ValueError, match="选择理由"):
        rules.template_row("reject", "secret")
    with pytest.raises(ValueError, match="不需要选择理由"):
        rules.template_row("provide", "secret")


@pytest.mark.parametrize(
    "nth,fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]
)
def test_per_request_scale(nth, fee):
    assert fees.fee("count", nth=nth) == Decimal(fee)


@pytest.mark.parametrize(
    "pages,fee", [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_per_page_scale(pages, fee):
    # 31…100: 70 pages × 10; 101…200: 100 × 20; from 201: 40 a page.
    assert fees.fee("pages", pages=pages) == Decimal(fee)
