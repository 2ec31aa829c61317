"""Writes are scoped: a clerk of one unit never reports, accepts, returns or resolves on
another unit's task through the task page, and the records are re-read to prove nothing
changed. (The plans API has no writes; its reads are scoped in test_progress_scope.py.)

Two tasks of one plan: task 1 led by 市场监管局 with 司法局 taking part, task 2 司法局's
alone; 城关街道 is on neither. "Today" is frozen at 2025-07-08, before the 2025-07-10 due
date."""

import datetime as dt

import pytest

from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.plans import services
from fazhi.plans.models import Plan, Progress, Section, Task

pytestmark = pytest.mark.today(2025, 11, 10)

TODAY = dt.date(2025, 7, 8)
SFJ_TEXT = "区司法局：制定行政执法三项制度实施细则。"


@pytest.fixture
def plan(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    shared = services.create_task(
        plan, section=section, title="深化包容审慎监管", body="", unit_codes=["D23", "D08"],
        actor=coord,
    )  # fmt: skip
    own = services.create_task(
        plan, section=section, title="推行行政执法三项制度", body="", unit_codes=["D08"],
        actor=coord,
    )  # fmt: skip
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    a = shared.assignments.get(unit__code="D08")
    report = services.submit_progress(
        a, period, text=SFJ_TEXT, status="done", actor=people["sfj_clerk"], on=TODAY
    )
    Task.objects.filter(pk=own.pk).update(unmatched_names=["区融媒体中心"])
    return {"shared": shared, "own": own, "report": report}


def _submit(client, task, text="他单位代报的进展"):
    return client.post(
        f"/office/plans/tasks/{task.pk}/",
        {"action": "submit", "progress-text": text, "progress-status": "done"},
    )


def test_unit_not_on_the_task_cannot_report_on_it(plan, people, login):
    own = Task.objects.get(pk=plan["own"].pk)
    for who in ("town_clerk", "scjg_clerk", "scjg_reviewer"):
        client = login(people[who])
        with nothing_moved(own, plan["report"]):
            assert _submit(client, own).status_code == 404
    assert not Progress.objects.filter(assignment__task=own).exists()


def test_unit_not_on_the_task_cannot_review_its_reports(plan, people, login):
    report = plan["report"]
    client = login(people["town_clerk"])
    for action in ("accept", "return"):
        with nothing_moved(report):
            resp = client.post(
                f"/office/plans/tasks/{plan['shared'].pk}/",
                {"action": action, "progress": report.pk, "reason": "越权退回"},
            )
            assert resp.status_code == 404
    assert Progress.objects.get(pk=report.pk).state == Progress.State.SUBMITTED


def test_lead_units_clerk_reads_but_does_not_review(plan, people, login):
    """The lead unit's clerk reads 司法局's report (to prepare the review) but only its
    reviewer or the coordinator accepts or returns it."""
    report = plan["report"]
    client = login(people["scjg_clerk"])
    assert SFJ_TEXT in client.get(f"/office/plans/tasks/{plan['shared'].pk}/").content.decode()
    for action in ("accept", "return"):
        with nothing_moved(report):
            resp = client.post(
                f"/office/plans/tasks/{plan['shared'].pk}/",
                {"action": action, "progress": report.pk, "reason": "越权退回"},
            )
            assert resp.status_code == 403
    assert Progress.objects.get(pk=report.pk).state == Progress.State.SUBMITTED


def test_participant_reports_only_for_its_own_unit(plan, people, login):
    """On a shared task the lead unit's clerk posting the form reports for 市场监管局, never
    over 司法局's report."""
    report = plan["report"]
    client = login(people["scjg_clerk"])
    row = Progress.objects.filter(pk=report.pk).values().get()
    assert _submit(client, plan["shared"], "市场监管局的进展").status_code == 302
    assert Progress.objects.filter(pk=report.pk).values().get() == row
    mine = Progress.objects.get(assignment__task=plan["shared"], assignment__unit__code="D23")
    assert mine.text == "市场监管局的进展"


def test_clerk_cannot_resolve_a_name_on_the_task_page(plan, people, login):
    own = Task.objects.get(pk=plan["own"].pk)
    client = login(people["sfj_clerk"])
    with nothing_moved(own):
        resp = client.post(
            f"/office/plans/tasks/{own.pk}/",
            {"action": "resolve", "name": "区融媒体中心", "choice": ["D08"]},
        )
        assert resp.status_code == 403
    assert Task.objects.get(pk=own.pk).unmatched_names == ["区融媒体中心"]


def test_progress_deadline_is_not_closed_by_api_or_deadline_page(plan, people, login):
    """The report deadline of 司法局's own task closes only by reporting on the task page:
    the deadline page is read-only and the API has no generic write, for 司法局 itself as for
    another unit (who does not even read the page), and the deadline stays running."""
    d = Deadline.objects.get(
        clock=services.REPORT_CLOCK,
        record_id=str(plan["own"].assignments.get().pk),
        state=Deadline.State.RUNNING,
    )
    page = f"/office/deadlines/{d.pk}/"
    for who in ("sfj_clerk", "town_clerk", "scjg_clerk"):
        client = login(people[who])
        assert client.get(page).status_code == (200 if who == "sfj_clerk" else 404)
        with nothing_moved(d):
            for action in ("complete", "pause"):
                resp = client.post(
                    f"/api/deadlines/{d.pk}/{action}",
                    {"on": "2025-07-08", "start": "2025-07-08", "reason": "代办"},
                    content_type="application/json",
                )
                assert resp.status_code in (404, 405)
            resp = client.post(page, {"action": "complete", "complete-on": "2025-07-08"})
            assert resp.status_code == 405
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.RUNNING
