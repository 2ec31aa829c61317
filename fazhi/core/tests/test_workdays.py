"""Tests for the working-day engine (fazhi.core.workdays).

Known cases are checked by hand against the State Council holiday notices:

* 2024: 国务院办公厅关于2024年部分节假日安排的通知，国办发明电〔2023〕7号，2023-10-25.
* 2025: 国务院办公厅关于2025年部分节假日安排的通知，国办发明电〔2024〕12号，2024-11-12.
* 2026: 国务院办公厅关于2026年部分节假日安排的通知，国办发明电〔2025〕7号，2025-11-04.

The notice texts were read in independent public copies (People's Daily / 光明网 / 新华社
reprints and repositories citing the 国务院公报 PDF); the numbers of the 2025 and 2026
notices come from secondary copies, not from gov.cn itself.
"""

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fazhi.core.workdays import (
    PACKAGE_YEARS,
    CalendarMissing,
    SpecialDay,
    WorkCalendar,
    special_days_from_package,
)

D = dt.date
CAL = WorkCalendar.from_package()


def _days(a: dt.date, b: dt.date) -> list[dt.date]:
    out = []
    while a <= b:
        out.append(a)
        a += dt.timedelta(days=1)
    return out


# --- notice data, typed in from the notice texts (independent of the package) -----------

NOTICES = {
    # 国办发明电〔2023〕7号
    2024: {
        "rest": [
            (D(2024, 1, 1), D(2024, 1, 1)),
            (D(2024, 2, 10), D(2024, 2, 17)),
            (D(2024, 4, 4), D(2024, 4, 6)),
            (D(2024, 5, 1), D(2024, 5, 5)),
            (D(2024, 6, 10), D(2024, 6, 10)),
            (D(2024, 9, 15), D(2024, 9, 17)),
            (D(2024, 10, 1), D(2024, 10, 7)),
        ],
        "work": [
            D(2024, 2, 4),
            D(2024, 2, 18),
            D(2024, 4, 7),
            D(2024, 4, 28),
            D(2024, 5, 11),
            D(2024, 9, 14),
            D(2024, 9, 29),
            D(2024, 10, 12),
        ],
    },
    # 国办发明电〔2024〕12号
    2025: {
        "rest": [
            (D(2025, 1, 1), D(2025, 1, 1)),
            (D(2025, 1, 28), D(2025, 2, 4)),
            (D(2025, 4, 4), D(2025, 4, 6)),
            (D(2025, 5, 1), D(2025, 5, 5)),
            (D(2025, 5, 31), D(2025, 6, 2)),
            (D(2025, 10, 1), D(2025, 10, 8)),
        ],
        "work": [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    },
    # 国办发明电〔2025〕7号 (rules.md §10)
    2026: {
        "rest": [
            (D(2026, 1, 1), D(2026, 1, 3)),
            (D(2026, 2, 15), D(2026, 2, 23)),
            (D(2026, 4, 4), D(2026, 4, 6)),
            (D(2026, 5, 1), D(2026, 5, 5)),
            (D(2026, 6, 19), D(2026, 6, 21)),
            (D(2026, 9, 25), D(2026, 9, 27)),
            (D(2026, 10, 1), D(2026, 10, 7)),
        ],
        "work": [
            D(2026, 1, 4),
            D(2026, 2, 14),
            D(2026, 2, 28),
            D(2026, 5, 9),
            D(2026, 9, 20),
            D(2026, 10, 10),
        ],
    },
}


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_package_data_equals_the_notice_day_by_day(year):
    notice = NOTICES[year]
    rest = {d for a, b in notice["rest"] for d in _days(a, b)}
    work = set(notice["work"])
    for d in _days(D(year, 1, 1), D(year, 12, 31)):
        expected = d in work or (d.weekday() < 5 and d not in rest)
        assert CAL.is_workday(d) is expected, d
    makeup = {s.date for s in special_days_from_package([year]) if s.kind == "makeup_workday"}
    assert makeup == work


def test_2026_has_248_working_days():
    # rules.md §10: 2026 per 国办发明电〔2025〕7号 has 248 working days.
    assert CAL.workdays_in_year(2026) == 248


def test_2026_makeup_days_are_named_after_their_festival():
    kinds = {d: CAL.day_kind(d) for d in NOTICES[2026]["work"]}
    assert kinds[D(2026, 1, 4)] == ("makeup_workday", "元旦调休上班")
    assert kinds[D(2026, 2, 14)] == ("makeup_workday", "春节调休上班")
    assert kinds[D(2026, 2, 28)] == ("makeup_workday", "春节调休上班")
    assert kinds[D(2026, 5, 9)] == ("makeup_workday", "劳动节调休上班")
    assert kinds[D(2026, 9, 20)] == ("makeup_workday", "国庆节调休上班")
    assert kinds[D(2026, 10, 10)] == ("makeup_workday", "国庆节调休上班")


# --- known cases --------------------------------------------------------------------------


def test_required_case_2025_national_day():
    # 国办发明电〔2024〕12号: 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) work.
    r = CAL.add_working_days(D(2025, 9, 26), 10)
    assert r.due == D(2025, 10, 16)
    counted = [s.date for s in r.steps if s.counted]
    assert counted[0] == D(2025, 9, 28)  # the make-up Sunday is the first working day
    assert D(2025, 10, 11) in counted
    assert len(counted) == 10
    text = "\n".join(r.explain())
    assert "2025-10-01至2025-10-08：国庆节、中秋节假期，共8天，不计入。" in text
    assert "2025-09-28（周日）：国庆节调休上班" in text
    assert "2025-10-12（周日）：周末，不计入。" in text
    assert r.summary() == (
        "自2025-09-26起算10个工作日，跳过国庆节、中秋节假期8天、周末2天，"
        "计入调休上班日2天，届满日为2025-10-16（周四）。"
    )


@pytest.mark.parametrize(
    ("start", "n", "due", "why"),
    [
        # 2024 — 国办发明电〔2023〕7号
        (D(2024, 9, 27), 5, D(2024, 10, 10), "国庆：9/29(日)上班，10/1–7放假"),
        (D(2024, 10, 8), 4, D(2024, 10, 12), "国庆：10/12(六)上班，届满日落在周六"),
        (D(2024, 2, 8), 1, D(2024, 2, 9), "春节：除夕2/9不放假"),
        (D(2024, 2, 9), 1, D(2024, 2, 18), "春节：2/10–17放假，2/18(日)上班"),
        (D(2024, 2, 2), 1, D(2024, 2, 4), "春节：2/3(六)休息，2/4(日)上班"),
        # 2025 — 国办发明电〔2024〕12号
        (D(2025, 1, 24), 1, D(2025, 1, 26), "春节：1/26(日)上班"),
        (D(2025, 1, 27), 1, D(2025, 2, 5), "春节：1/28–2/4放假"),
        (D(2025, 2, 7), 1, D(2025, 2, 8), "春节：2/8(六)上班"),
        (D(2025, 9, 30), 1, D(2025, 10, 9), "国庆中秋：10/1–8放假"),
        (D(2025, 10, 10), 1, D(2025, 10, 11), "国庆中秋：10/11(六)上班"),
        # 2026 — 国办发明电〔2025〕7号
        (D(2025, 12, 31), 1, D(2026, 1, 4), "元旦：1/1–3放假，1/4(日)上班，跨年"),
        (D(2026, 2, 13), 1, D(2026, 2, 14), "春节：2/14(六)上班"),
        (D(2026, 2, 14), 1, D(2026, 2, 24), "春节：2/15–23放假"),
        (D(2026, 2, 27), 1, D(2026, 2, 28), "春节：2/28(六)上班"),
        (D(2026, 5, 8), 1, D(2026, 5, 9), "劳动节：5/9(六)上班"),
        (D(2026, 9, 18), 1, D(2026, 9, 20), "国庆：9/19(六)休息，9/20(日)上班"),
        (D(2026, 9, 24), 1, D(2026, 9, 28), "中秋：9/25–27放假"),
        (D(2026, 9, 30), 1, D(2026, 10, 8), "国庆：10/1–7放假"),
        (D(2026, 10, 9), 1, D(2026, 10, 10), "国庆：10/10(六)上班"),
        (D(2026, 2, 6), 10, D(2026, 2, 27), "春节前后：2/14计入，2/15–23不计"),
    ],
)
def test_known_working_day_cases(start, n, due, why):
    r = CAL.add_working_days(start, n)
    assert r.due == due, why
    assert CAL.working_days_between(start, due) == n


def test_day_kind_variants():
    assert CAL.day_kind(D(2026, 1, 5)) == ("workday", "")
    assert CAL.day_kind(D(2026, 1, 10)) == ("weekend", "周六")
    assert CAL.day_kind(D(2026, 1, 11)) == ("weekend", "周日")
    assert CAL.day_kind(D(2026, 2, 17)) == ("holiday", "春节")
    assert CAL.day_kind(D(2026, 2, 14)) == ("makeup_workday", "春节调休上班")
    assert CAL.day_kind(D(2015, 9, 3)) == ("holiday", "抗战胜利70周年纪念日")
    assert CAL.day_kind(D(2015, 9, 6)) == ("makeup_workday", "抗战胜利70周年纪念日调休上班")


def test_next_workday():
    assert CAL.next_workday(D(2026, 2, 16)) == D(2026, 2, 24)
    assert CAL.next_workday(D(2026, 2, 14)) == D(2026, 2, 14)  # 调休 Saturday
    assert CAL.next_workday(D(2026, 3, 2)) == D(2026, 3, 2)
    assert CAL.next_workday(D(2026, 3, 7)) == D(2026, 3, 9)


# --- calendar-day periods and roll-forward (民事诉讼法 第85条) --------------------------


def test_calendar_days_roll_over_national_day():
    r = CAL.add_calendar_days(D(2025, 9, 1), 30)
    assert r.rolled_from == D(2025, 10, 1)
    assert r.due == D(2025, 10, 9)
    assert any("顺延" in line and "国庆节" in line for line in r.explain())
    no_roll = CAL.add_calendar_days(D(2025, 9, 1), 30, roll_forward=False)
    assert no_roll.due == D(2025, 10, 1)
    assert no_roll.rolled_from is None


def test_calendar_days_plain_weekend_rolls_to_monday():
    r = CAL.add_calendar_days(D(2025, 9, 1), 12)
    assert r.rolled_from == D(2025, 9, 13)  # Saturday
    assert r.due == D(2025, 9, 15)


def test_calendar_days_on_makeup_sunday_does_not_move():
    r = CAL.add_calendar_days(D(2025, 9, 1), 27)
    assert r.due == D(2025, 9, 28)
    assert r.rolled_from is None


def test_calendar_days_holiday_then_weekend_rolls_past_both():
    # 2026 清明 4/4(六)–4/6(一): a period ending 4/4 ends 4/7.
    r = CAL.add_calendar_days(D(2026, 3, 5), 30)
    assert r.rolled_from == D(2026, 4, 4)
    assert r.due == D(2026, 4, 7)


# --- pauses (政府信息公开条例 第33条第3款) ------------------------------------------------


def test_pause_for_third_party_consultation():
    # Receipt Mon 2025-03-03; 20 working days would end Mon 2025-03-31. A third-party
    # consultation 3/10–3/21 (10 working days) stops the clock; 清明 4/4–4/6 then
    # falls inside the period, so the due date is 2025-04-15.
    assert CAL.add_working_days(D(2025, 3, 3), 20).due == D(2025, 3, 31)
    pause = (D(2025, 3, 10), D(2025, 3, 21), "征求第三方意见")
    r = CAL.add_working_days(D(2025, 3, 3), 20, pauses=[pause])
    assert r.due == D(2025, 4, 15)
    assert r.paused_days == 12
    assert "2025-03-10至2025-03-21：征求第三方意见，共12天，不计入。" in r.explain()
    assert CAL.working_days_between(D(2025, 3, 3), r.due, pauses=[pause[:2]]) == 20


def test_pause_applies_to_calendar_days_too():
    r = CAL.add_calendar_days(D(2025, 6, 2), 10, pauses=[(D(2025, 6, 5), D(2025, 6, 7))])
    assert r.due == D(2025, 6, 16)  # 6/12 nominal + 3 paused days = 6/15 (Sun) -> 6/16
    assert r.rolled_from == D(2025, 6, 15)


def test_bad_pause_is_refused():
    with pytest.raises(ValueError, match="早于开始日期"):
        CAL.add_working_days(D(2025, 3, 3), 5, pauses=[(D(2025, 3, 9), D(2025, 3, 5))])


# --- refusals -----------------------------------------------------------------------------


def test_2027_raises_calendar_missing():
    with pytest.raises(CalendarMissing) as info:
        CAL.add_working_days(D(2026, 12, 30), 5)
    assert info.value.year == 2027
    assert "2027年的工作日历" in str(info.value)
    assert "国务院办公厅" in str(info.value)
    with pytest.raises(CalendarMissing):
        CAL.is_workday(D(2027, 1, 4))
    with pytest.raises(CalendarMissing):
        special_days_from_package([2027])


@pytest.mark.parametrize("n", [0, -1, 1.5, True, "3"])
def test_non_positive_length_is_refused(n):
    with pytest.raises(ValueError, match="期限天数"):
        CAL.add_working_days(D(2025, 3, 3), n)
    with pytest.raises(ValueError, match="期限天数"):
        CAL.add_calendar_days(D(2025, 3, 3), n)


def test_datetime_is_refused():
    with pytest.raises(TypeError):
        CAL.is_workday(dt.datetime(2025, 3, 3, 12, 0))


def test_inconsistent_special_days_are_refused():
    with pytest.raises(ValueError, match="调休上班日只能是周六或周日"):
        SpecialDay(D(2026, 3, 2), "makeup_workday", "错误")
    with pytest.raises(ValueError, match="同时被登记"):
        WorkCalendar(
            [2026],
            [
                SpecialDay(D(2026, 3, 7), "holiday", "甲"),
                SpecialDay(D(2026, 3, 7), "makeup_workday", "乙"),
            ],
        )
    with pytest.raises(ValueError, match="不在已载入的年份内"):
        WorkCalendar([2026], [SpecialDay(D(2025, 10, 1), "holiday", "国庆节")])


def test_same_day_registered_twice_merges_names():
    cal = WorkCalendar(
        [2025],
        [
            SpecialDay(D(2025, 10, 6), "holiday", "国庆节"),
            SpecialDay(D(2025, 10, 6), "holiday", "中秋节"),
        ],
    )
    assert cal.day_kind(D(2025, 10, 6)) == ("holiday", "国庆节、中秋节")


def test_package_years_and_names():
    assert list(PACKAGE_YEARS) == list(range(2004, 2027))
    names = {s.name for s in special_days_from_package(PACKAGE_YEARS) if s.kind == "holiday"}
    assert names == {
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
        "抗战胜利70周年纪念日",
    }


# --- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 6, 30))
lengths = st.integers(min_value=1, max_value=60)


@given(dates, lengths)
def test_between_inverts_add(start, n):
    due = CAL.add_working_days(start, n).due
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(due, start) == -n


@given(dates, lengths)
def test_due_is_a_workday_after_start_and_steps_cover_every_day(start, n):
    r = CAL.add_working_days(start, n)
    assert r.due > start
    assert CAL.is_workday(r.due)
    assert [s.date for s in r.steps] == _days(start + dt.timedelta(days=1), r.due)
    assert [s.ordinal for s in r.steps if s.counted] == list(range(1, n + 1))
    assert all(CAL.is_workday(s.date) == s.counted for s in r.steps)


@given(dates, st.integers(min_value=1, max_value=59))
def test_monotonic_in_n(start, n):
    assert CAL.add_working_days(start, n).due < CAL.add_working_days(start, n + 1).due


@given(dates, st.integers(min_value=-400, max_value=150))
def test_between_is_antisymmetric_and_zero_on_the_same_day(a, offset):
    b = a + dt.timedelta(days=offset)
    assume(b.year >= 2004)
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    assert CAL.working_days_between(a, a) == 0
    if offset > 0:
        assert CAL.working_days_between(a, b) == sum(
            CAL.is_workday(d) for d in _days(a + dt.timedelta(days=1), b)
        )


@given(
    dates,
    lengths,
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=20),
)
def test_pauses_push_due_by_the_paused_workdays(start, n, offset, width):
    p_from = start + dt.timedelta(days=offset)
    p_to = p_from + dt.timedelta(days=width)
    plain = CAL.add_working_days(start, n).due
    paused = CAL.add_working_days(start, n, pauses=[(p_from, p_to)]).due
    assert paused >= plain
    paused_workdays = sum(
        1
        for d in _days(start + dt.timedelta(days=1), paused)
        if p_from <= d <= p_to and CAL.is_workday(d)
    )
    # Exactly n + (paused workdays) working days elapse, so the due date is the same as an
    # unpaused period that long.
    assert CAL.working_days_between(start, paused) == n + paused_workdays
    assert CAL.add_working_days(start, n + paused_workdays).due == paused


@given(dates, st.integers(min_value=1, max_value=120), st.booleans())
def test_calendar_roll_forward(start, n, roll):
    r = CAL.add_calendar_days(start, n, roll_forward=roll)
    nominal = start + dt.timedelta(days=n)
    if not roll:
        assert r.due == nominal
    elif CAL.is_workday(nominal):
        assert r.due == nominal
        assert r.rolled_from is None
    else:
        assert r.rolled_from == nominal
        assert r.due > nominal
        assert CAL.is_workday(r.due)
        # nothing between the nominal day and the rolled due date is a working day
        assert not any(CAL.is_workday(d) for d in _days(nominal, r.due - dt.timedelta(days=1)))


@settings(max_examples=50)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_every_date_outside_loaded_years_raises(d):
    cal = WorkCalendar([2025], special_days_from_package([2025]))
    if d.year == 2025:
        cal.is_workday(d)
        return
    for call in (cal.is_workday, cal.day_kind, cal.next_workday):
        with pytest.raises(CalendarMissing) as info:
            call(d)
        assert info.value.year == d.year
    with pytest.raises(CalendarMissing):
        cal.add_working_days(d, 1)
