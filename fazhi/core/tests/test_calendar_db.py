"""The calendar as data: seeded from the package, editable per year, and the command line."""

import datetime as dt
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import services
from fazhi.core.calendar import calendar
from fazhi.core.models import CalendarYear, SpecialDay
from fazhi.core.workdays import CalendarMissing

pytestmark = pytest.mark.today(2025, 11, 10)


def test_package_years_are_seeded(db):
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert set(range(2004, 2027)) <= years
    assert 2027 not in years
    # 国务院办公厅关于2026年部分节假日安排的通知: 2026-02-14 (Sat) and 2026-02-28 (Sat) are workdays.
    assert SpecialDay.objects.get(date=dt.date(2026, 2, 14)).kind == "makeup_workday"
    assert calendar().workdays_in_year(2026) == 248


def test_cli_add_and_between(db, capsys):
    call_command("workdays", "add", "2025-09-26", "10")
    assert capsys.readouterr().out.strip() == "2025-10-16"
    call_command("workdays", "between", "2025-09-26", "2025-10-16")
    assert capsys.readouterr().out.strip() == "10"


def test_cli_refuses_year_without_data(db):
    with pytest.raises(CommandError, match="2027"):
        call_command("workdays", "add", "2027-03-01", "5")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("workdays", "add", "2025-13-01", "5")


@pytest.mark.enters_calendar_year  # the calendar editor itself
def test_new_year_entered_by_hand(people):
    """2027's notice is not in the package: the coordinator enters it, then it computes."""
    days = [(dt.date(2027, 1, 1), "holiday", "元旦")]
    services.set_calendar_year(2027, days, people["coordinator"], source="手工录入")
    assert calendar().add_working_days(dt.date(2026, 12, 31), 1).due == dt.date(2027, 1, 4)
    with pytest.raises(ValidationError, match="工作日，不能登记为调休"):
        services.set_calendar_year(
            2027,
            [(dt.date(2027, 3, 3), "makeup_workday", "x")],
            people["coordinator"],
            source="手工录入",
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_calendar_year(2027, days, people["sfj_clerk"], source="x")


@pytest.mark.enters_calendar_year  # the calendar editor itself
def test_calendar_page_bad_line_keeps_input(people, login):
    client = login(people["coordinator"])
    resp = client.post(
        "/office/calendar/2027/",
        {
            "year": "2027",
            "notice": "国办发明电〔2026〕X号",
            "holidays": "2027-01-01 元旦\n2027-13-40 坏日期",
            "makeup_workdays": "",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "第2行" in body and "2027-13-40 坏日期" in body
    assert not CalendarYear.objects.filter(year=2027).exists()
    resp = client.post(
        "/office/calendar/2027/",
        {
            "year": "2027",
            "notice": "通知",
            "holidays": "2027-10-01 2027-10-07 国庆节",
            "makeup_workdays": "2027-09-26 国庆节调休上班",
        },
    )
    assert resp.status_code == 302
    assert SpecialDay.objects.filter(year_id=2027).count() == 8


def test_calendar_year_missing_for_clerk_is_404(people, login):
    assert login(people["sfj_clerk"]).get("/office/calendar/2030/").status_code == 404


def test_console_command_exit_codes(db, tmp_path):
    """`fazhi workdays add` on the real command line: YYYY-MM-DD out, non-zero for 2027."""
    env_db = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "FAZHI_VAR": str(tmp_path)}
    import os

    env = {**os.environ, **env_db}

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "fazhi", *a],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("migrate", "-v0").returncode == 0
    ok = run("workdays", "add", "2025-09-26", "10")
    assert ok.returncode == 0 and ok.stdout.strip() == "2025-10-16"
    bad = run("workdays", "add", "2027-05-06", "3")
    assert bad.returncode != 0 and "2027" in bad.stderr


def test_calendar_missing_message_is_chinese():
    assert "尚未载入" in str(CalendarMissing(2027))
