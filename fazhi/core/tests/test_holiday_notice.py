"""The notice parser against the published notices of 2020–2026 and the package's data.

Fixtures in ``holiday_notices/`` are the texts of 《国务院办公厅关于YYYY年部分节假日安排的
通知》 as published, and the 2020 extension (国办发明电〔2020〕1号).
"""

import datetime as dt
from pathlib import Path

import pytest
from chinese_calendar import constants
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.holiday_notice import NoticeError, _cn, parse_notice
from fazhi.core.workdays import PACKAGE_HOLIDAY_NAMES, WorkCalendar

NOTICES = Path(__file__).parent / "holiday_notices"
YEARS = range(2020, 2027)


def notice_text(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def _package_name(value) -> str:
    member = value if isinstance(value, constants.Holiday) else constants.Holiday(value)
    return PACKAGE_HOLIDAY_NAMES[member.name]


def package_days(year: int, table: dict) -> dict[dt.date, str]:
    """The package's entries that come from the notice of ``year``.

    元旦 is the only festival crossing the year boundary: the notice of ``year`` can put
    元旦 days in December of the year before (2023: 2022-12-31), and December 元旦 days of
    ``year`` belong to the next year's notice (2023-12-30/31 come from the 2024 notice).
    """
    out = {}
    for d, value in table.items():
        name = _package_name(value)
        new_year_dec = d.month == 12 and name == "元旦"
        if (d.year == year and not new_year_dec) or (d.year == year - 1 and new_year_dec):
            out[d] = name
    return out


def parsed_days(days) -> dict[dt.date, str]:
    return {d.date: d.festival for d in days}


# Every difference between a notice and the package, with its reason. A difference not
# listed here fails the test; a listed one that no longer occurs fails it too.
EXPLAINED_WEEKEND_HOLIDAYS = {
    # "五、端午节：6月10日放假，与周末连休。" — the parser marks the weekend joined to the
    # Monday as 端午节 rest days, as it does for "一、元旦：1月1日放假，与周末连休。"
    # (2023-12-30/31, which the package also marks). The package lists only 6月10日 for
    # 端午节. Both are rest days either way: the working-day count is the same.
    2024: {dt.date(2024, 6, 8), dt.date(2024, 6, 9)},
}


def compare(year: int, text: str):
    notice = parse_notice(text)
    assert notice.year == year
    pkg_hol = package_days(year, constants.holidays)
    pkg_work = package_days(year, constants.workdays)
    got_hol = parsed_days(notice.holidays)
    got_work = parsed_days(notice.makeup_workdays)
    return notice, pkg_hol, pkg_work, got_hol, got_work


def assert_same_festival(got: dict, pkg: dict) -> None:
    """The package names one festival per day; a merged item (国庆节、中秋节) names both."""
    for d in got.keys() & pkg.keys():
        assert pkg[d] in got[d].split("、"), (d, got[d], pkg[d])


@pytest.mark.parametrize("year", YEARS)
def test_notice_matches_package(year):
    text = notice_text(year)
    if year == 2020:
        # The package follows the amended calendar: the original notice (春节 1月24日至30日,
        # 2月1日 上班) was changed by 国办发明电〔2020〕1号 (延长春节假期至2月2日). Pasted
        # after the original, the extension is applied; see test_2020_original_notice.
        text += "\n" + (NOTICES / "2020-extension.txt").read_text(encoding="utf-8")
    notice, pkg_hol, pkg_work, got_hol, got_work = compare(year, text)

    # Make-up workdays: exactly the package's, same festival.
    assert got_work.keys() == pkg_work.keys()
    assert_same_festival(got_work, pkg_work)
    # Rest days Monday–Friday (the ones that change a deadline): exactly the package's.
    assert {d for d in got_hol if d.weekday() < 5} == {d for d in pkg_hol if d.weekday() < 5}
    assert_same_festival(got_hol, pkg_hol)
    # Rest days on a weekend: the package's, plus only the explained ones.
    weekend_diff = {d for d in got_hol.keys() ^ pkg_hol.keys() if d.weekday() >= 5}
    assert weekend_diff == EXPLAINED_WEEKEND_HOLIDAYS.get(year, set())
    assert weekend_diff <= got_hol.keys()

    # Whole year: the same working days (Dec belongs partly to the next notice).
    mine = WorkCalendar([year - 1, year], notice.special_days())
    theirs = WorkCalendar.from_package([year - 1, year])
    d = dt.date(year, 1, 1)
    while d < dt.date(year, 12, 1):
        assert mine.is_workday(d) == theirs.is_workday(d), d
        d += dt.timedelta(days=1)


def test_2020_original_notice():
    """The original 2020 notice alone gives the calendar as first published."""
    notice, pkg_hol, pkg_work, got_hol, got_work = compare(2020, notice_text(2020))
    extended = {dt.date(2020, 1, 31), dt.date(2020, 2, 1), dt.date(2020, 2, 2)}
    assert pkg_hol.keys() - got_hol.keys() == extended
    assert got_hol.keys() - pkg_hol.keys() == set()
    assert got_work.keys() - pkg_work.keys() == {dt.date(2020, 2, 1)}
    assert max(got_hol) == dt.date(2020, 10, 8)
    assert notice.numbers == ["国办发明电〔2019〕16号"]


def test_cross_year_and_year_boundary():
    n2023 = parse_notice(notice_text(2023))
    assert parsed_days(n2023.holidays)[dt.date(2022, 12, 31)] == "元旦"
    n2024 = parse_notice(notice_text(2024))
    first = n2024.holidays[:3]
    assert [d.date for d in first] == [
        dt.date(2023, 12, 30),
        dt.date(2023, 12, 31),
        dt.date(2024, 1, 1),
    ]
    # The 除夕 sentence only encourages leave: 2月9日 is not a rest day, and it is shown.
    assert dt.date(2024, 2, 9) not in parsed_days(n2024.holidays)
    assert any("除夕（2月9日）" in note for note in n2024.notes)


def test_undated_december_date_in_new_year_item_is_previous_year():
    text = notice_text(2023).replace("2022年12月31日至2023年1月2日", "12月31日至1月2日")
    days = parsed_days(parse_notice(text).holidays)
    assert days[dt.date(2022, 12, 31)] == "元旦" and days[dt.date(2023, 1, 2)] == "元旦"


def test_dash_ranges_and_halfwidth_punctuation():
    text = notice_text(2025).replace("至", "—").replace("（", "(").replace("）", ")")
    text = text.replace("：", ":").replace("，", ",")
    assert parse_notice(text).holidays == parse_notice(notice_text(2025)).holidays


@pytest.mark.parametrize(
    "change, message",
    [
        (("国务院办公厅关于2025年部分节假日安排的通知", ""), "未找到通知所属的年度"),
        (("1月26日（周日）", "1月26日（周一）"), "2025年1月26日是周日，与括号中的“周一”不符"),
        (("共8天。1月26日", "共9天。1月26日"), "写明共9天"),
        (("4月27日（周日）上班", "4月28日上班"), "4月28日是周一，调休上班日只能是周六或周日"),
        (("二、春节：", "三、春节："), "条目编号不连续"),
        (("5月31日（周六）至6月2日（周一）放假", "5月31日至6月2日休息"), "既不是放假安排"),
        (("现将2025年元旦", "现将2024年元旦"), "不一致"),
        (("放假1天，不调休", "放假1天，照常上班"), "无法理解“放假”之后"),
    ],
)
def test_malformed_notice_gives_chinese_error(change, message):
    old, new = change
    text = notice_text(2025)
    assert old in text
    text = text.replace(old, new)
    if message == "未找到通知所属的年度":
        text = text.replace("现将2025年", "现将")
    with pytest.raises(NoticeError, match=message) as exc:
        parse_notice(text)
    assert "“" in str(exc.value) or "年度" in str(exc.value)


@pytest.mark.parametrize(
    "text", ["", "   ", "hello world 12345", "国务院办公厅关于2027年部分节假日安排的通知"]
)
def test_garbage_is_refused(text):
    with pytest.raises(NoticeError) as exc:
        parse_notice(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_extension_alone_is_refused():
    with pytest.raises(NoticeError, match="连同原放假通知"):
        parse_notice(
            "现将2020年元旦安排通知如下。\n"
            + (NOTICES / "2020-extension.txt").read_text(encoding="utf-8")
        )


def test_weekday_error_names_the_sentence():
    text = notice_text(2026).replace("5月9日（周六）上班", "5月9日（周日）上班")
    with pytest.raises(NoticeError) as exc:
        parse_notice(text)
    assert "“5月9日（周日）上班”" in str(exc.value)


@settings(max_examples=300, deadline=None)
@given(
    year=st.sampled_from(list(YEARS)),
    cuts=st.lists(
        st.tuples(st.integers(0, 2000), st.integers(0, 40), st.text(max_size=6)), max_size=4
    ),
)
def test_mangled_notice_never_crashes(year, cuts):
    """Pasted text of any shape: a result or a Chinese NoticeError, never another exception."""
    text = notice_text(year)
    for at, length, insert in cuts:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + length :]
    try:
        parse_notice(text)
    except NoticeError as e:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(e))


def test_many_items_numbered_past_ten():
    items = "".join(f"{_cn(i)}、第{_cn(i)}节：1月{i}日放假，共1天。\n" for i in range(1, 25))
    notice = parse_notice("现将2025年安排通知如下。\n" + items)
    assert len(notice.festivals) == 24 and notice.festivals[20].name == "第二十一节"
    with pytest.raises(NoticeError, match="条目编号不连续：第二十一条"):
        parse_notice("现将2025年安排通知如下。\n" + items.replace("二十一、", "二十二、", 1))


def test_joined_weekend_counts_in_the_total():
    base = notice_text(2024)
    joined = base.replace("6月10日放假，与周末连休。", "6月10日（星期一）放假，与周末连休，共3天。")
    days = parsed_days(parse_notice(joined).holidays)
    assert [d for d in days if d.month == 6] == [dt.date(2024, 6, d) for d in (8, 9, 10)]
    with pytest.raises(NoticeError, match="写明共2天"):
        parse_notice(base.replace("6月10日放假，与周末连休。", "6月10日放假，与周末连休，共2天。"))
    with pytest.raises(NoticeError, match="无法确定连休的日期"):
        parse_notice(base.replace("6月10日放假，与周末连休。", "6月11日放假，与周末连休。"))
