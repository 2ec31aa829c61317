"""On the demo district: the progress reports submitted and not yet reviewed (about
seventy) reach the coordinator's 工作台 and header count, and the counts equal a count by
hand; every demo account's count is what its providers list."""

from __future__ import annotations

import pytest

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.django_db]


def test_demo_reports_reach_the_coordinator(demo_district, client):
    from fazhi.core import waiting
    from fazhi.core.models import User
    from fazhi.plans.models import Progress

    coord = User.objects.get(username="coordinator")
    submitted = Progress.objects.filter(state=Progress.State.SUBMITTED).count()
    assert submitted > 50
    counts = waiting.counts(coord)
    assert counts["plans.review"] == submitted
    client.force_login(coord)
    html = client.get("/office/").content.decode()
    assert f'id="fz-waiting-count">{waiting.total(coord)}<' in html
    assert f"全部{submitted}项，批量处理" in html
    # The one report the demo returns waits for its unit's clerk, and for no one else.
    returned = Progress.objects.get(state=Progress.State.RETURNED)
    for user in User.objects.filter(is_active=True):
        n = waiting.counts(user)["plans.returned"]
        mine = user.unit_id == returned.assignment.unit_id and "clerk" in user.role_codes
        assert n == (1 if mine else 0), user.username
        assert sum(waiting.counts(user).values()) == sum(
            len(p.items(user)) for p in waiting.ordered()
        ), user.username
