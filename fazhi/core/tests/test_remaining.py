"""即将到期 on the real calendar, and the one wording of remaining/overdue time (issue 12,
point 2). 国务院办公厅关于2025年部分节假日安排的通知: 10/1–10/8 off, 9/28 (Sun) and 10/11
(Sat) are working days."""

import datetime as dt

import pytest

from fazhi.core import deadlines, services
from fazhi.core.deadlines import FIXED, Clock, register_clock
from fazhi.core.models import Deadline
from fazhi.core.remaining import DAYS, Remaining
from fazhi.core.tests.refusal import freeze

D = dt.date
SEPT_26 = D(2025, 9, 26)  # Friday before 国庆


def start(district, clock, on, title, unit="sfj"):
    return services.start_deadline(
        record_type="test.case",
        record_id=title,
        clock=clock,
        start=on,
        unit=district[unit],
        title=title,
        actor=None,
    )


@pytest.fixture
def fixed_clock():
    return register_clock(
        Clock(
            code="test.fixed",
            name="测试：确定日期",
            basis="测试",
            length=0,
            unit=FIXED,
            warn_days=1,
        )
    )


def test_horizon_counts_working_days_across_national_day(db):
    # 9/28 1, 9/29 2, 9/30 3, (10/1–10/8 off), 10/9 4, 10/10 5, 10/11 6, 10/13–10/16 7–10.
    assert Remaining(SEPT_26).horizon_end == D(2025, 10, 16)
    # Ten calendar days would have stopped on 6 October, in the middle of the holiday.


def test_horizon_is_a_setting(db, settings):
    settings.FAZHI_DUE_SOON_WORKDAYS = 3
    assert Remaining(SEPT_26).horizon_end == D(2025, 9, 30)


def test_due_soon_is_one_horizon_whatever_the_kind(district, clocks, fixed_clock):
    # A working-day clock (20 working days), a 60-day calendar clock with a 10-day warning
    # of its own, and a fixed date with a 1-day warning: each is due soon exactly when it
    # falls within ten working days.
    inside = [
        start(district, "test.reply", D(2025, 9, 12), "工作日期限"),  # due 2025-10-16
        start(district, "test.fixed", D(2025, 10, 15), "确定日期"),
        start(district, "test.decide", D(2025, 8, 2), "自然日期限"),  # due 2025-10-09
    ]
    outside = [
        start(district, "test.reply", D(2025, 9, 15), "工作日期限晚一天"),  # due 2025-10-17
        start(district, "test.fixed", D(2025, 10, 17), "确定日期晚一天"),
    ]
    assert inside[0].due_date == D(2025, 10, 16) and outside[0].due_date == D(2025, 10, 17)
    soon = set(Deadline.objects.filter(deadlines.due_soon_q(SEPT_26)).values_list("pk", flat=True))
    assert soon == {d.pk for d in inside}


def test_one_wording(db):
    face = Remaining(D(2025, 9, 30))
    assert face(D(2025, 9, 30)) == ("warning", "今日到期")
    assert face(D(2025, 10, 9)) == ("warning", "还剩1个工作日")  # the whole holiday between
    assert face(D(2025, 11, 28)) == ("success", "还剩38个工作日")
    assert Remaining(D(2025, 10, 9))(D(2025, 9, 30)) == ("danger", "已超期1个工作日")
    assert Remaining(D(2025, 10, 13))(D(2025, 10, 10)) == ("danger", "已超期2个工作日")
    # A period the law counts in calendar days is said with the same words, in 天.
    assert face.text(D(2025, 10, 9), DAYS) == "还剩9天"
    # A year whose holiday notice is not loaded: the date, never a guessed count.
    assert face.text(D(2031, 5, 6)) == "2031年5月6日到期"


def test_board_uses_the_wording_and_hides_far_clocks(
    district, people, clocks, fixed_clock, login, monkeypatch
):
    freeze(monkeypatch, SEPT_26)
    near = start(district, "test.reply", SEPT_26, "张某申请")  # due 2025-10-30
    far = start(district, "test.fixed", D(2031, 5, 6), "五年后的评估")
    client = login(people["sfj_clerk"])
    page = client.get("/office/").content.decode()
    assert near.title in page and "还剩20个工作日" in page
    assert far.title not in page and "另有1项365日以后才到期" in page
    shown = client.get("/office/?tab=mine&far=1").content.decode()
    assert far.title in shown and "2031年5月6日到期" in shown
    soon = client.get("/office/?tab=due_soon").content.decode()
    assert "10个工作日内" in soon and near.title not in soon
