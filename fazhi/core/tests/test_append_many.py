"""``events.append_many`` writes the same chain ``append`` would: one event per record,
chained, carrying each row's state, so the record check sees imported rows as recorded
and a later change by SQL as a change."""

import pytest
from django.db import transaction

from fazhi.core import events
from fazhi.core.models import Event, OrgUnit

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 3, 2)]


def test_batch_events_chain_and_carry_each_rows_state(district):
    units = [district["sfj"], district["scjg"], district["town"]]
    before = Event.objects.count()
    with transaction.atomic():
        n = events.append_many(
            action="unit_import",
            records=units,
            unit_of=lambda u: u,
            summary_of=lambda u: f"导入{u.name}",
            batch=2,
        )
    assert n == 3
    new = list(Event.objects.order_by("seq")[before:])
    assert [e.record_id for e in new] == [str(u.pk) for u in units]
    assert new[1].summary == "导入测试区市场监督管理局" and new[1].unit_code == "D23"
    assert all(
        e.state_hash == events.state_hash_of("core.orgunit", str(u.pk))
        for e, u in zip(new, units, strict=True)
    )
    # The chain holds: each event names its predecessor and the head is the last one.
    assert list(events.verify_chain()) == []
    # A change by SQL after the import is seen by the state check.
    OrgUnit.objects.filter(pk=district["scjg"].pk).update(name="篡改后的名称")
    problems = [
        p
        for p in events.verify_states()
        if "core.orgunit" in p.message and str(district["scjg"].pk) in p.message
    ]
    assert problems
