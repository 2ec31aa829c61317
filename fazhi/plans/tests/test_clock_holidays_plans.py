"""The plan clocks driven by the services a coordinator and a reviewer use, across 春节 2026
and 国庆 2025, and into 2027 whose calendar is not loaded.

- 报送期限 (``open_period``): a FIXED date the coordinator sets. It is kept as set even on a
  holiday, and the board counts the working days left to it on the official calendar.
- 重新报送 (``return_progress``): 5 working days from the day of the return
  (FAZHI_PLAN_RESUBMIT_DAYS).

Hand counts from the notices (text in fazhi/core/tests/test_clock_holidays.py):

- From 2026-02-12 (Thu): 1 = 02-13, 2 = 02-14 (Sat, 调休上班), 02-15…02-23 春节 off,
  3 = 02-24, 4 = 02-25, 5 = 02-26. So a return on 02-12 is due 02-26, and a report date
  set on 02-20 (正月初四, a holiday) is 2 working days away.
- From 2025-09-29 (Mon): 1 = 09-30, 10-01…10-08 国庆 off, 2 = 10-09, 3 = 10-10, 4 = 10-11
  (Sat, 调休上班), 5 = 10-13. So a return on 09-29 is due 10-13, and a report date set on
  10-08 (a holiday) is 1 working day away.
"""

import datetime as dt

import pytest

from fazhi.core.deadlines import status_of
from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing
from fazhi.plans import services
from fazhi.plans.models import Plan, Progress, Section

D = dt.date


def open_and_report(district, people, year, report_due):
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title=f"测试区{year}年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=year,
        end_year=year,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    task = services.create_task(
        plan, section=section, title="深化包容审慎监管", body="", unit_codes=["D08"], actor=coord
    )
    period = services.open_period(
        plan,
        name=f"{year}年第一次报送",
        year=year,
        start=D(year, 1, 1),
        end=D(year, 12, 31),
        report_due=report_due,
        actor=coord,
    )
    assignment = task.assignments.get()
    report = Deadline.objects.get(clock="plans.progress_report", record_id=str(assignment.pk))
    progress = services.submit_progress(
        assignment, period, text="已制定实施细则。", status="done", actor=people["sfj_clerk"]
    )
    return report, progress


def resubmit_due(progress, people):
    services.return_progress(progress, reason="请补充佐证材料", actor=people["coordinator"])
    return Deadline.objects.get(clock="plans.progress_resubmit").due_date


@pytest.mark.today(2026, 2, 12)
def test_plan_clocks_across_spring_festival(district, people):
    report, progress = open_and_report(district, people, 2026, D(2026, 2, 20))
    assert report.due_date == D(2026, 2, 20)  # set on 正月初四 and kept there
    assert status_of(report, D(2026, 2, 12))[1] == "还剩2个工作日"
    assert resubmit_due(progress, people) == D(2026, 2, 26)


@pytest.mark.today(2025, 9, 29)
def test_plan_clocks_across_national_day(district, people):
    report, progress = open_and_report(district, people, 2025, D(2025, 10, 8))
    assert report.due_date == D(2025, 10, 8)  # set on a 国庆 holiday and kept there
    assert status_of(report, D(2025, 9, 29))[1] == "还剩1个工作日"
    assert resubmit_due(progress, people) == D(2025, 10, 13)


@pytest.mark.today(2026, 12, 31)
def test_return_refused_when_the_resubmission_runs_into_a_year_without_calendar(district, people):
    """A return on 2026-12-31 (Thu) needs 2027's working days: refused, nothing moved. The
    report date itself (2027-01-15, set by the coordinator) needs no calendar: it is kept
    and said as a date, the working days to it are not guessed."""
    report, progress = open_and_report(district, people, 2026, D(2027, 1, 15))
    assert report.due_date == D(2027, 1, 15)
    assert status_of(report, D(2026, 12, 31))[1] == "2027年1月15日到期"
    with pytest.raises(CalendarMissing, match="2027年的工作日历"):
        services.return_progress(progress, reason="请补充佐证材料", actor=people["coordinator"])
    progress.refresh_from_db()
    assert progress.state == Progress.State.SUBMITTED
    assert not Deadline.objects.filter(clock="plans.progress_resubmit").exists()
