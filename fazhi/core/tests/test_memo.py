"""Results kept until the next change (core/memo.py): the header's waiting count is not
counted again on every page while nothing changes, and is counted again after any change
or on the next day."""

import datetime as dt

import pytest
from django.db import transaction

from fazhi.core import events, memo, waiting
from fazhi.core.tests.refusal import freeze


def _append(district):
    with transaction.atomic():
        events.append(action="test", record_type="t", record_id="1", unit=district["sfj"])


@pytest.mark.today(2025, 9, 30)
def test_a_result_is_kept_until_an_event_or_the_next_day(district, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.remember("k", compute) == 1
    assert memo.remember("k", compute) == 1
    _append(district)
    assert memo.remember("k", compute) == 2
    assert memo.remember("k", compute) == 2
    freeze(monkeypatch, dt.date(2025, 10, 9))
    assert memo.remember("k", compute) == 3
    assert memo.remember("other", compute) == 4


@pytest.mark.today(2025, 9, 30)
def test_the_header_count_is_read_once_while_nothing_changes(district, people, monkeypatch):
    clerk = people["sfj_clerk"]
    counted = []
    real = waiting.counts
    monkeypatch.setattr(waiting, "counts", lambda user: counted.append(user) or real(user))
    first = waiting.total(clerk)
    assert waiting.total(clerk) == first and len(counted) == 1
    # Another person's count is their own.
    waiting.total(people["scjg_clerk"])
    assert len(counted) == 2
    _append(district)
    assert waiting.total(clerk) == first and len(counted) == 3
