"""Loading a parsed 放假通知: the service, `fazhi workdays import-notice`, and the office page."""

import builtins
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core.calendar import YearAlreadyLoaded, calendar, load_notice
from fazhi.core.events import verify_chain
from fazhi.core.holiday_notice import parse_notice
from fazhi.core.models import CalendarYear, Event, SpecialDay
from fazhi.testing import database_url

NOTICES = Path(__file__).parent / "holiday_notices"
URL = "/office/calendar/import/"


def text(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def days_of(year: int) -> dict[dt.date, tuple[str, str]]:
    return {
        d: (k, n)
        for d, k, n in SpecialDay.objects.filter(year_id=year).values_list("date", "kind", "name")
    }


def imports():
    return Event.objects.filter(action="calendar_notice_import")


# --- service --------------------------------------------------------------------------


def test_load_new_year_appends_event(people):
    CalendarYear.objects.filter(year=2025).delete()
    with pytest.raises(Exception, match="2025"):
        calendar().add_working_days(dt.date(2025, 1, 27), 1)
    notice = parse_notice(text(2025))
    obj = load_notice(notice, people["admin"])
    assert obj.notice == "《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号）"
    loaded = days_of(2025)
    assert loaded[dt.date(2025, 1, 28)] == ("holiday", "春节")
    assert loaded[dt.date(2025, 2, 8)] == ("makeup_workday", "春节调休上班")
    assert len(loaded) == 28 + 5
    # 1月28日至2月4日 off: the first working day after 1月27日 is 2月5日.
    assert calendar().add_working_days(dt.date(2025, 1, 27), 1).due == dt.date(2025, 2, 5)
    event = imports().get()
    assert event.record_id == "2025" and event.actor_id == people["admin"].pk
    assert "载入2025年工作日历" in event.summary and event.before is None
    assert list(verify_chain()) == []


def test_loaded_year_refused_unless_replace(people):
    before = days_of(2024)
    with pytest.raises(YearAlreadyLoaded, match="2024年工作日历已载入"):
        load_notice(parse_notice(text(2024)), people["coordinator"])
    assert days_of(2024) == before and not imports().exists()
    load_notice(parse_notice(text(2024)), people["coordinator"], replace=True)
    after = days_of(2024)
    # 端午节 与周末连休: the joined weekend is now marked as 端午节 rest days.
    assert after[dt.date(2024, 6, 8)] == ("holiday", "端午节")
    event = imports().get()
    assert "替换2024年工作日历" in event.summary and event.before


def test_clerk_may_not_load(people):
    with pytest.raises(PermissionDenied):
        load_notice(parse_notice(text(2024)), people["sfj_clerk"], replace=True)
    assert not imports().exists()


def test_days_across_the_year_boundary(people):
    """2024 notice: 2023-12-30/31 go into 2023; reloading 2023 keeps them (next year's 元旦)."""
    SpecialDay.objects.filter(date__in=[dt.date(2023, 12, 30), dt.date(2023, 12, 31)]).delete()
    load_notice(parse_notice(text(2024)), people["admin"], replace=True)
    assert days_of(2023)[dt.date(2023, 12, 30)] == ("holiday", "元旦")
    load_notice(parse_notice(text(2023)), people["admin"], replace=True)
    assert days_of(2023)[dt.date(2023, 12, 31)] == ("holiday", "元旦")
    assert days_of(2022)[dt.date(2022, 12, 31)] == ("holiday", "元旦")


def test_previous_year_must_be_loaded(people):
    CalendarYear.objects.filter(year=2022).delete()
    before = days_of(2023)
    with pytest.raises(ValidationError, match="2022-12-31属于2022年，但2022年工作日历尚未载入"):
        load_notice(parse_notice(text(2023)), people["admin"], replace=True)
    assert days_of(2023) == before and not imports().exists()


# --- command line ---------------------------------------------------------------------


def test_cli_yes_loads_and_add_crosses_the_holiday(db, capsys):
    CalendarYear.objects.filter(year=2025).delete()
    with pytest.raises(CommandError, match="2025"):
        call_command("workdays", "add", "2025-01-27", "1")
    call_command("workdays", "import-notice", str(NOTICES / "2025.txt"), "--yes")
    out = capsys.readouterr().out
    assert "1月　休 1日（元旦）；28—31日（春节）　班 26日（周日，春节）" in out
    assert "已载入2025年工作日历" in out
    call_command("workdays", "add", "2025-01-27", "1")
    assert capsys.readouterr().out.strip() == "2025-02-05"
    call_command("workdays", "between", "2025-09-26", "2025-10-09")
    # 9月28日（周日，调休上班）、29日、30日 and 10月9日; 10月1日至8日 off.
    assert capsys.readouterr().out.strip() == "4"
    assert imports().count() == 1


def test_cli_answer_no_loads_nothing(db, capsys, monkeypatch):
    CalendarYear.objects.filter(year=2025).delete()
    asked = []
    monkeypatch.setattr(builtins, "input", lambda prompt: asked.append(prompt) or "n")
    call_command("workdays", "import-notice", str(NOTICES / "2025.txt"))
    assert asked == ["确认载入2025年工作日历？[y/N] "]
    assert "已取消" in capsys.readouterr().out
    assert not CalendarYear.objects.filter(year=2025).exists() and not imports().exists()
    monkeypatch.setattr(builtins, "input", lambda prompt: "y")
    call_command("workdays", "import-notice", str(NOTICES / "2025.txt"))
    assert CalendarYear.objects.filter(year=2025).exists()


def test_cli_loaded_year_needs_replace(db, capsys):
    with pytest.raises(CommandError, match="--replace"):
        call_command("workdays", "import-notice", str(NOTICES / "2026.txt"), "--yes")
    assert not imports().exists()
    call_command("workdays", "import-notice", str(NOTICES / "2026.txt"), "--yes", "--replace")
    assert imports().count() == 1
    assert calendar().workdays_in_year(2026) == 248


def test_cli_parse_error_exits_nonzero(db, tmp_path):
    """On the real command line: the Chinese message naming the sentence, exit status 1."""
    bad = tmp_path / "bad.txt"
    bad.write_text(text(2025).replace("2月8日（周六）", "2月8日（周日）"), encoding="utf-8")
    # The test database (migrated): the command refuses an uninitialised one before parsing.
    env = {**os.environ, "DATABASE_URL": database_url(connection), "FAZHI_VAR": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "fazhi", "workdays", "import-notice", str(bad), "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert (
        "放假通知无法解析" in run.stderr
        and "第二条（春节）“1月26日（周日）、2月8日（周日）上班”" in run.stderr
    )
    assert "Traceback" not in run.stderr
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("随便写点什么".encode("gb18030"))
    with pytest.raises(CommandError, match="未找到通知所属的年度"):
        call_command("workdays", "import-notice", str(gbk), "--yes")
    assert not imports().exists()


# --- office page ----------------------------------------------------------------------


def test_page_paste_preview_confirm(people, login):
    client = login(people["admin"])
    page = client.get("/office/calendar/")
    assert URL in page.content.decode()
    resp = client.post(URL, {"text": text(2024), "action": "preview"})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "预览：《国务院办公厅关于2024年部分节假日安排的通知》" in body
    assert 'class="fz-holiday" title="端午节">8<' in body  # the grid marks the joined weekend
    assert "2024年工作日历已载入" in body
    assert "2024-06-08（周六）：按平常（工作日或周末） → 放假" in body
    assert not imports().exists()
    # Confirm without ticking replace: refused, nothing loaded, text kept.
    resp = client.post(URL, {"text": text(2024), "action": "confirm"})
    assert resp.status_code == 400 and "未作改动" in resp.content.decode()
    assert not imports().exists()
    resp = client.post(URL, {"text": text(2024), "action": "confirm", "replace": "on"})
    assert resp.status_code == 302 and resp["Location"] == "/office/calendar/2024/"
    assert days_of(2024)[dt.date(2024, 6, 8)] == ("holiday", "端午节")
    event = imports().get()
    assert event.actor_id == people["admin"].pk and event.record_id == "2024"
    assert "已依据" in client.get(resp["Location"]).content.decode()


def test_page_new_year_loads_without_replace(people, login):
    CalendarYear.objects.filter(year=2026).delete()
    client = login(people["coordinator"])
    resp = client.post(URL, {"text": text(2026), "action": "confirm"})
    assert resp.status_code == 302
    assert calendar().workdays_in_year(2026) == 248


def test_page_error_keeps_pasted_text(people, login):
    client = login(people["admin"])
    pasted = text(2026).replace("5月9日（周六）上班", "5月9日（周日）上班")
    resp = client.post(URL, {"text": pasted, "action": "preview"})
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "与括号中的“周日”不符" in body and "“5月9日（周日）上班”" in body
    assert "二、春节：2月15日（农历腊月二十八、周日）" in body  # the textarea keeps the text
    resp = client.post(URL, {"text": pasted, "action": "confirm", "replace": "on"})
    assert resp.status_code == 400 and not imports().exists()
    resp = client.post(URL, {"text": "", "action": "preview"})
    assert resp.status_code == 400 and "请粘贴放假通知全文" in resp.content.decode()


def test_page_refused_to_others(people, login, client):
    resp = client.get(URL)
    assert resp.status_code == 302 and "/login/" in resp["Location"]
    for who in ("sfj_clerk", "leader", "legal"):
        c = login(people[who])
        assert c.get(URL).status_code == 403
        assert (
            c.post(URL, {"text": text(2024), "action": "confirm", "replace": "on"}).status_code
            == 403
        )
        assert "calendar/import" not in c.get("/office/calendar/").content.decode()
    assert not imports().exists()
