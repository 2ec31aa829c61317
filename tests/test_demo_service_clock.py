"""The demo district's penalty decisions carry the 送达 clock (行政处罚法 第61条): most are
served within it, some after it (flagged 逾期办结), and each served decision's clock is
completed on its service date."""

from __future__ import annotations

import pytest

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = pytest.mark.today(2026, 4, 15)


def test_demo_decisions_have_service_clocks_some_served_late(demo, db):
    from fazhi.core.models import Deadline
    from fazhi.enforcement.models import Case

    decided = Case.objects.filter(
        kind="penalty", procedure="ordinary", decided_on__isnull=False, source=""
    )
    clocks = {
        int(d.record_id): d
        for d in Deadline.objects.filter(
            clock="enforcement.service", record_type="enforcement.case"
        )
    }
    assert decided.exists() and set(decided.values_list("pk", flat=True)) == set(clocks)
    served = decided.filter(served_on__isnull=False)
    for case in served:
        dl = clocks[case.pk]
        assert dl.state == Deadline.State.DONE and dl.completed_on == case.served_on
    late = [c for c in served if c.served_on > clocks[c.pk].due_date]
    on_time = [c for c in served if c.served_on <= clocks[c.pk].due_date]
    assert late and len(on_time) > 5 * len(late)
