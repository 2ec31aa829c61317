"""A records list as an XLSX download, the same for every module's screens: one header row
frozen, dates as dates, and typed text that starts with "=" kept as text, never run as a
formula (a clerk's "=…" must not become a spreadsheet formula on someone else's machine)."""

from __future__ import annotations

import datetime as dt
import io

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(title: str, header: list[str], rows, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r, values in enumerate(rows, start=2):
        ws.append(values)
        for col, v in enumerate(values, start=1):
            if isinstance(v, dt.date):
                ws.cell(row=r, column=col).number_format = "yyyy-mm-dd"
            elif isinstance(v, str) and v.startswith("="):
                ws.cell(row=r, column=col).data_type = "s"  # typed text, never a formula
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename={filename}"
    return resp
