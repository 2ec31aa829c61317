"""A records list as an XLSX download, the same for every module's screens: one header row
frozen, dates as dates, and typed text that starts with "=" kept as text, never run as a
formula (a clerk's "=…" must not become a spreadsheet formula on someone else's machine)."""

from __future__ import annotations

import datetime as dt
import io

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(title: str, header: list[str], rows, filename: str) -> HttpResponse:
    """Written row by row (openpyxl's write-only mode): an export of thousands of records
    builds no cell objects for the whole sheet first, about half the time."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.append(header)
    for values in rows:
        line = []
        for v in values:
            if isinstance(v, dt.date):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(v, str) and v.startswith("="):
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"  # typed text, never a formula
            else:
                cell = v
            line.append(cell)
        ws.append(line)
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename={filename}"
    return resp
