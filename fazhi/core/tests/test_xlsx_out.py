"""The shared XLSX export: header frozen, dates as dates, typed "=" text kept as text."""

import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core.xlsx_out import xlsx


def test_export_cells():
    rows = [
        ["甲", dt.date(2025, 3, 1), 12, "=1+1"],
        ["乙", None, 3.5, "普通文字"],
    ]
    resp = xlsx("台账", ["名称", "日期", "数量", "备注"], rows, "t.xlsx")
    assert resp["Content-Disposition"] == "attachment; filename=t.xlsx"
    ws = load_workbook(io.BytesIO(resp.content))["台账"]
    assert ws.freeze_panes == "A2"
    got = list(ws.iter_rows(values_only=True))
    assert got[0] == ("名称", "日期", "数量", "备注")
    assert got[1][0] == "甲" and got[1][1].date() == dt.date(2025, 3, 1) and got[1][2] == 12
    assert ws.cell(row=2, column=2).number_format == "yyyy-mm-dd"
    # Typed text that looks like a formula stays text.
    assert ws.cell(row=2, column=4).data_type == "s" and ws.cell(row=2, column=4).value == "=1+1"
    assert got[2] == ("乙", None, 3.5, "普通文字")
