"""Statutory clocks on the real calendar: start, pause and resume, extension with approval,
restart after 补正, completion, and the board's three lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import deadlines, services
from fazhi.core.models import Deadline, Event
from fazhi.core.workdays import CalendarMissing

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date


SEPT_26 = D(2025, 9, 26)


def start(district, clock="test.reply", on=SEPT_26, unit="sfj", title="申请"):
    return services.start_deadline(
        record_type="test.case",
        record_id=title,
        clock=clock,
        start=on,
        unit=district[unit],
        title=title,
        actor=None,
    )


def test_due_date_across_national_day(district, clocks):
    # 国务院办公厅关于2025年部分节假日安排的通知: 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) work.
    d = start(district)
    assert d.due_date == D(2025, 10, 30)
    text = "\n".join(services.explain(d))
    assert "国庆" in text and "2025-09-28" in text


def test_pause_and_resume_push_due_date(district, people, clocks):
    d = start(district)
    services.pause_deadline(
        d, start=D(2025, 10, 13), reason="征求第三方意见", actor=people["sfj_clerk"]
    )
    d.refresh_from_db()
    assert d.state == Deadline.State.PAUSED and d.due_date is None
    # Paused Mon 10/13 to Fri 10/17 (5 working days), resumed Mon 10/20.
    services.resume_deadline(d, end=D(2025, 10, 20), actor=people["sfj_clerk"])
    d.refresh_from_db()
    assert d.state == Deadline.State.RUNNING
    assert d.due_date == D(2025, 11, 6)
    actions = list(Event.objects.filter(record_id="申请").values_list("action", flat=True))
    assert actions == ["deadline_start", "deadline_pause", "deadline_resume"]


def test_pause_refused_where_law_allows_none(district, people, clocks):
    d = start(district, clock="test.decide")
    with pytest.raises(ValidationError, match="不能暂停"):
        services.pause_deadline(d, start=D(2025, 10, 9), reason="x", actor=people["sfj_clerk"])


def test_pause_needs_reason(district, people, clocks):
    d = start(district)
    with pytest.raises(ValidationError, match="原因"):
        services.pause_deadline(d, start=D(2025, 10, 9), reason=" ", actor=people["sfj_clerk"])


def test_extension_needs_approval_and_stays_within_maximum(district, people, clocks):
    d = start(district)
    clerk = people["sfj_clerk"]
    with pytest.raises(ValidationError, match="批准"):
        services.extend_deadline(
            d, days=10, reason="材料多", approved_by="", actor=clerk, approved_on=D(2025, 10, 20)
        )
    services.extend_deadline(
        d,
        days=15,
        reason="涉及档案调取",
        approved_by="李主任",
        approved_on=D(2025, 10, 20),
        actor=clerk,
    )
    d.refresh_from_db()
    assert d.due_date == D(2025, 11, 20)
    with pytest.raises(ValidationError, match="最多还能延长5"):
        services.extend_deadline(
            d, days=6, reason="再延", approved_by="李主任", approved_on=D(2025, 10, 21), actor=clerk
        )
    with pytest.raises(ValidationError, match="不能延长"):
        services.extend_deadline(
            start(district, clock="test.decide", title="复议"),
            days=5,
            reason="x",
            approved_by="y",
            approved_on=D(2025, 10, 1),
            actor=clerk,
        )


def test_extension_after_due_date_refused(district, people, clocks):
    d = start(district)
    with pytest.raises(ValidationError, match="届满前"):
        services.extend_deadline(
            d,
            days=5,
            reason="x",
            approved_by="李主任",
            approved_on=D(2025, 11, 3),
            actor=people["sfj_clerk"],
        )


def test_restart_after_correction(district, people, clocks):
    d = start(district)
    services.restart_deadline(
        d, start=D(2025, 10, 15), reason="申请人补正后重新起算", actor=people["sfj_clerk"]
    )
    d.refresh_from_db()
    assert d.start_date == D(2025, 10, 15)
    assert d.due_date == D(2025, 11, 12)


def test_calendar_period_rolls_past_holiday(district, clocks):
    # 60 days after 2025-08-02 is 2025-10-01 (国庆节): moves to the first workday after.
    d = start(district, clock="test.decide", on=D(2025, 8, 2))
    assert d.due_date == D(2025, 10, 9)


def test_year_without_calendar_is_refused_not_guessed(district, clocks):
    with pytest.raises(CalendarMissing, match="2027"):
        start(district, on=D(2026, 12, 20))
    assert not Deadline.objects.exists()


def test_completed_is_closed(district, people, clocks):
    d = start(district)
    services.complete_deadline(d, on=D(2025, 10, 20), actor=people["sfj_clerk"])
    with pytest.raises(ValidationError, match="已办结"):
        services.pause_deadline(d, start=D(2025, 10, 21), reason="x", actor=people["sfj_clerk"])
    d.refresh_from_db()
    assert deadlines.status_of(d, D(2025, 11, 1)) == ("secondary", "按期办结")


def test_board_lists(district, people, clocks):
    today = D(2025, 10, 27)
    late = start(district, on=D(2025, 9, 1), title="已超期")  # due 2025-09-28 (a make-up Sunday)
    soon = start(district, on=D(2025, 9, 26), title="快到期")  # due 2025-10-30
    later = start(district, on=D(2025, 10, 20), title="还早")  # due 2025-11-17
    done = start(district, on=D(2025, 9, 1), title="办完了")
    services.complete_deadline(done, on=D(2025, 9, 20), actor=None)
    lists = deadlines.board(Deadline.objects.all(), people["sfj_clerk"], today)
    names = {k: {d.title for d in v} for k, v in lists.items()}
    assert names["overdue"] == {late.title}
    assert names["due_soon"] == {soon.title}
    assert names["mine"] == {late.title, soon.title, later.title}
