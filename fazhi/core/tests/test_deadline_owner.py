"""Deadlines a module owns are acted on in the module; completion is never recorded ahead
(D10).

A clock with ``Clock.module`` set (every module's clock) changes only through that
module's services, which also change its record: the deadline page is read-only and names
where to act, and the API has no generic actions. A clock without a module is never
completed ahead of today.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import services
from fazhi.core.models import Deadline

TODAY = dt.date(2025, 10, 20)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Today is a day of a year whose calendar is loaded, whatever the machine's date."""
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def owned(district):
    """A plan report deadline of 司法局 (clock ``plans.progress_report``, module plans)."""
    return services.start_deadline(
        record_type="plans.assignment",
        record_id="1",
        clock="plans.progress_report",
        start=dt.date(2025, 10, 30),
        unit=district["sfj"],
        title="报送2025年上半年进展：任务1",
        url="/office/plans/tasks/1/",
    )


@pytest.fixture
def generic(district, clocks):
    return services.start_deadline(
        record_type="test.case",
        record_id="1",
        clock="test.reply",
        start=dt.date(2025, 9, 26),
        unit=district["sfj"],
        title="无所属模块的期限",
    )


def test_deadline_page_is_read_only(owned, generic, people, login):
    """Issue 18 point 13: the pause/resume/extend/complete forms could never succeed (every
    clock belongs to a module); the page keeps the explanation and says where to act."""
    client = login(people["coordinator"])
    page = client.get(f"/office/deadlines/{owned.pk}/").content.decode()
    assert "届满日如何计算" in page and "计划与任务" in page
    assert 'name="action"' not in page and 'id="module-owned"' in page
    for d in (owned, generic):
        resp = client.post(
            f"/office/deadlines/{d.pk}/",
            {"action": "complete", "complete-on": services.today().isoformat()},
        )
        assert resp.status_code == 405
        d.refresh_from_db()
        assert d.state == Deadline.State.RUNNING


def test_generic_deadline_actions_gone_from_api(owned, people, login):
    client = login(people["coordinator"])
    for action, body in (
        ("complete", {"on": services.today().isoformat()}),
        ("pause", {"start": services.today().isoformat(), "reason": "补正"}),
    ):
        resp = client.post(
            f"/api/deadlines/{owned.pk}/{action}", body, content_type="application/json"
        )
        assert resp.status_code == 404
    owned.refresh_from_db()
    assert owned.state == Deadline.State.RUNNING


def test_future_completion_refused_by_service(generic, people):
    tomorrow = services.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.complete_deadline(generic, on=tomorrow, actor=people["sfj_clerk"])
    generic.refresh_from_db()
    assert generic.state == Deadline.State.RUNNING


def test_deadline_page_names_the_module_that_owns_the_clock(owned, generic, people, login):
    """The page says which module to go to ("计划与任务" also appears in the menu, so the
    sentence itself is checked); a clock no module owns names none."""
    assert services.owning_module(owned) == "计划与任务"
    assert services.owning_module(generic) == ""
    client = login(people["coordinator"])
    page = client.get(f"/office/deadlines/{owned.pk}/").content.decode()
    assert "该期限由“计划与任务”模块管理" in page
    page = client.get(f"/office/deadlines/{generic.pk}/").content.decode()
    assert "模块管理" not in page
