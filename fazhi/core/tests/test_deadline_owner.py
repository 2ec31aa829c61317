"""Deadlines a module owns are acted on in the module; completion is never recorded ahead
(D10).

A clock with ``Clock.module`` set (every module's clock) changes only through that
module's services, which also change its record: the generic deadline page and API refuse
with a Chinese message naming where to act. Clocks without a module keep the generic
actions, but no completion dated in the future.
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


def test_module_deadline_refused_by_page(owned, people, login):
    client = login(people["sfj_clerk"])
    page = client.get(f"/office/deadlines/{owned.pk}/").content.decode()
    assert "计划与任务" in page and 'name="action" value="complete"' not in page
    resp = client.post(
        f"/office/deadlines/{owned.pk}/",
        {"action": "complete", "complete-on": services.today().isoformat()},
    )
    assert resp.status_code == 403
    body = resp.content.decode()
    assert "计划与任务" in body and "/office/plans/tasks/1/" in body
    owned.refresh_from_db()
    assert owned.state == Deadline.State.RUNNING


def test_module_deadline_refused_by_api(owned, people, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        f"/api/deadlines/{owned.pk}/complete",
        {"on": services.today().isoformat()},
        content_type="application/json",
    )
    assert resp.status_code == 403 and "计划与任务" in resp.json()["detail"]
    resp = client.post(
        f"/api/deadlines/{owned.pk}/pause",
        {"start": services.today().isoformat(), "reason": "补正"},
        content_type="application/json",
    )
    assert resp.status_code == 403
    owned.refresh_from_db()
    assert owned.state == Deadline.State.RUNNING


def test_coordinator_too_acts_in_the_module(owned, people, login):
    resp = login(people["coordinator"]).post(
        f"/office/deadlines/{owned.pk}/",
        {"action": "complete", "complete-on": services.today().isoformat()},
    )
    assert resp.status_code == 403
    owned.refresh_from_db()
    assert owned.state == Deadline.State.RUNNING


def test_future_completion_refused_by_service(generic, people):
    tomorrow = services.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.complete_deadline(generic, on=tomorrow, actor=people["sfj_clerk"])
    generic.refresh_from_db()
    assert generic.state == Deadline.State.RUNNING


def test_future_completion_refused_by_page_and_api(generic, people, login):
    client = login(people["sfj_clerk"])
    tomorrow = (services.today() + dt.timedelta(days=1)).isoformat()
    resp = client.post(
        f"/office/deadlines/{generic.pk}/", {"action": "complete", "complete-on": tomorrow}
    )
    assert resp.status_code == 400 and "不能晚于今天" in resp.content.decode()
    resp = client.post(
        f"/api/deadlines/{generic.pk}/complete", {"on": tomorrow}, content_type="application/json"
    )
    assert resp.status_code == 400 and "不能晚于今天" in resp.json()["detail"]
    generic.refresh_from_db()
    assert generic.state == Deadline.State.RUNNING


def test_generic_deadline_still_completes_today(generic, people, login):
    client = login(people["sfj_clerk"])
    resp = client.post(
        f"/office/deadlines/{generic.pk}/",
        {"action": "complete", "complete-on": services.today().isoformat()},
    )
    assert resp.status_code == 302
    generic.refresh_from_db()
    assert generic.state == Deadline.State.DONE and generic.completed_on == services.today()
