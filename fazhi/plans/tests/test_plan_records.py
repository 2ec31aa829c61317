"""What the plan services leave behind, pinned where a mutation run (mutation/README.md) found
nothing checking it: the report deadline of a unit added by resolving a name, the day a
report deadline is met, the lead unit named in the full-process record.

A small district (conftest personas); the 2025 工作要点 with one task led by 市场监管局,
司法局 taking part, and the 2025 first-half period due 2025-07-10. "Today" is 2025-07-08."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.models import Deadline, Event
from fazhi.core.tests.refusal import freeze
from fazhi.plans import services
from fazhi.plans.models import Task
from fazhi.plans.tests.helpers import annual_plan

TODAY = dt.date(2025, 7, 8)
DUE = dt.date(2025, 7, 10)


@pytest.fixture
def setup(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    plan, section = annual_plan(district)
    coord = people["coordinator"]
    task = services.create_task(
        plan,
        section=section,
        title="深化包容审慎监管",
        body="",
        unit_codes=["D23", "D08"],
        actor=coord,
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=DUE,
        actor=coord,
    )
    return {"plan": plan, "task": task, "period": period}


def _report_deadlines(assignment):
    return Deadline.objects.filter(
        clock=services.REPORT_CLOCK, record_type="plans.assignment", record_id=str(assignment.pk)
    )


def test_a_unit_added_by_resolving_a_name_gets_the_open_periods_report_deadline(setup, people):
    """Every responsible unit reports in every period not yet due: the unit the coordinator
    assigns later, by settling an unmatched name, gets its deadline too."""
    task = setup["task"]
    Task.objects.filter(pk=task.pk).update(unmatched_names=["城关街道办"])
    task.refresh_from_db()

    services.resolve_name(task, "城关街道办", ["T01"], people["coordinator"])

    task.refresh_from_db()
    assert task.lead_unit.code == "D23"  # the unit settled later does not take the lead
    added = task.assignments.get(unit__code="T01")
    # One lead per task: the assignment of the unit added later is not marked as lead, and
    # its record does not say （牵头）.
    assert list(task.assignments.filter(is_lead=True).values_list("unit__code", flat=True)) == [
        "D23"
    ]
    assert not Event.objects.filter(
        record_type="plans.assignment", record_id=str(added.pk), summary__contains="牵头"
    ).exists()
    (deadline,) = _report_deadlines(added)
    assert deadline.start_date == DUE and deadline.due_date == DUE
    assert deadline.state == Deadline.State.RUNNING
    assert deadline.unit.code == "T01"
    event = Event.objects.get(action="plan_resolve", record_id=str(task.pk))
    assert event.summary == "任务1：“城关街道办”确认为城关街道"


def test_a_name_settled_as_outside_the_government_is_recorded_so(setup, people):
    task = setup["task"]
    Task.objects.filter(pk=task.pk).update(unmatched_names=["区法院"])
    task.refresh_from_db()

    services.resolve_name(task, "区法院", services.EXTERNAL, people["coordinator"])

    task.refresh_from_db()
    assert task.external_participants == ["区法院"] and task.unmatched_names == []
    assert not task.assignments.filter(unit__code__in=["G00", "T01"]).exists()
    event = Event.objects.get(action="plan_resolve", record_id=str(task.pk))
    assert event.summary == "任务1：“区法院”确认为政府系统外单位"


def test_a_report_before_the_due_date_closes_its_deadline_on_the_day_it_came(setup, people):
    """The deadline records the day the unit reported (2025-07-08), not the due date: the
    cockpit and the record show when the report arrived."""
    a = setup["task"].assignments.get(unit__code="D08")
    services.submit_progress(
        a,
        setup["period"],
        text="已制定实施细则。",
        status="done",
        actor=people["sfj_clerk"],
        on=TODAY,
    )
    (deadline,) = _report_deadlines(a)
    assert deadline.state == Deadline.State.DONE
    assert deadline.completed_on == TODAY


def test_the_record_names_the_lead_unit_of_a_task(setup):
    """The full-process record of a task's units says which one leads (牵头) and no other."""
    task = setup["task"]
    summaries = {
        a.unit.code: Event.objects.get(
            action="assignment_create", record_type="plans.assignment", record_id=str(a.pk)
        ).summary
        for a in task.assignments.select_related("unit")
    }
    assert summaries == {
        "D23": "任务1分解至测试区市场监督管理局（牵头）",
        "D08": "任务1分解至测试区司法局",
    }


def test_a_report_entered_after_the_fact_is_dated_the_day_it_was_made(setup, people):
    """A report the clerk enters on 2025-07-08 for one made on 2025-07-07 (``on``) is
    dated the 7th, not the day it was typed in."""
    a = setup["task"].assignments.get(unit__code="D08")
    made = dt.date(2025, 7, 7)
    progress = services.submit_progress(
        a,
        setup["period"],
        text="已制定实施细则。",
        status="done",
        actor=people["sfj_clerk"],
        on=made,
    )
    progress.refresh_from_db()
    assert timezone.localtime(progress.submitted_at).date() == made
    assert progress.on_time is True


def test_a_period_may_be_reported_on_from_its_first_day(setup, people):
    """The report date may not be earlier than the period's start (the refusal is in
    test_refusals); the first day itself is allowed."""
    period = services.open_period(
        setup["plan"],
        name="2025年第三季度",
        year=2025,
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 9, 30),
        report_due=dt.date(2025, 7, 1),
        actor=people["coordinator"],
    )
    assert period.report_due == period.start == dt.date(2025, 7, 1)
