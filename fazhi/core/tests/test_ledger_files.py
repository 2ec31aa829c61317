"""The one reader of imported ledgers: what it yields, and what it tells the user in Chinese
about a file it cannot use."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.core.ledger_files import decode_text, read_rows

COLUMNS = {"标题": "title", "日期": "on", "件数": "count", "备注": "note"}
REQUIRED = ("标题", "日期")


def _xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _read(name, data) -> list:
    stream = data if isinstance(data, io.BytesIO) else io.BytesIO(data)
    return list(read_rows(name, stream, COLUMNS, REQUIRED))


def test_csv_rows_with_their_line_numbers_blank_rows_skipped_values_stripped():
    text = "标题,日期,不用的列,件数\n 甲 ,2024-03-01,x,3\n,,,\n乙,2024-03-02,y, 4 \n"
    rows = _read("台账.CSV", ("\ufeff" + text).encode("utf-8"))
    assert rows == [
        (2, {"title": "甲", "on": "2024-03-01", "count": "3"}),
        (4, {"title": "乙", "on": "2024-03-02", "count": "4"}),
    ]


def test_csv_saved_by_excel_on_chinese_windows_is_gb18030():
    rows = _read("a.csv", "标题,日期\n执法检查,2024-05-06\n".encode("gb18030"))
    assert rows == [(2, {"title": "执法检查", "on": "2024-05-06"})]


def test_xlsx_values_as_the_cells_hold_them():
    data = _xlsx([["日期", "标题", "件数"], [dt.date(2024, 3, 1), "甲", 3], [None, None, None],
                  [dt.date(2024, 3, 2), "乙", 4.5]])  # fmt: skip
    rows = _read("台账.xlsx", data)
    assert [n for n, _ in rows] == [2, 4]
    assert rows[0][1]["title"] == "甲" and rows[0][1]["count"] == 3
    assert rows[1][1]["on"].date() == dt.date(2024, 3, 2) and rows[1][1]["count"] == 4.5


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.xls", b"whatever", "请上传 XLSX 或 CSV 文件"),
        ("a.txt", "标题,日期\n".encode(), "请上传 XLSX 或 CSV 文件"),
        ("a.csv", b"", "文件是空的"),
        ("a.csv", "标题,件数\n甲,1\n".encode(), "第1行缺少列：日期（请使用导入模板）"),
        ("a.csv", "备注\n甲\n".encode(), "第1行缺少列：标题、日期（请使用导入模板）"),
        ("a.csv", b"\x80\xff\x80,\x81\n", "CSV 文件应为 UTF-8 或 GB18030 编码"),
        ("a.xlsx", b"PK\x03\x04 not really a workbook", "无法读取该 XLSX 文件，请确认文件未损坏"),
    ],
)
def test_a_file_it_cannot_use_is_refused_in_chinese(name, data, message):
    with pytest.raises(ValidationError) as e:
        _read(name, data)
    assert e.value.messages == [message]


def test_an_empty_workbook_and_one_missing_a_column():
    with pytest.raises(ValidationError) as e:
        _read("a.xlsx", _xlsx([]))
    assert e.value.messages == ["文件是空的"]
    with pytest.raises(ValidationError) as e:
        _read("a.xlsx", _xlsx([["标题", "件数"], ["甲", 1]]))
    assert e.value.messages == ["第1行缺少列：日期（请使用导入模板）"]


@pytest.mark.parametrize(
    "data, text",
    [
        ("\ufeff标题".encode(), "标题"),  # UTF-8 with its BOM: the BOM is not text
        ("标题".encode(), "标题"),
        ("标题".encode("gb18030"), "标题"),  # Excel or Notepad on a Chinese Windows
        (b"\x80\xff\x80", None),
    ],
)
def test_the_text_of_a_users_file(data, text):
    assert decode_text(data) == text
