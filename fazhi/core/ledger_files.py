"""Reading a ledger a unit keeps in Excel: XLSX (streamed, read-only) or CSV (UTF-8 or
GB18030, as Excel saves it on a Chinese Windows), the first row naming the columns in
Chinese. One reader for every import (case ledgers, 主动公开 ledgers, disputes, officials,
exam results), so that each tells the user the same things in the same words.

Each import names its columns ({Chinese column name: field}) and the ones it needs; the
reader yields (line number, {field: value}) for each non-empty row, the line number as the
user sees it in the sheet (the header is line 1), for the import to report each bad row by.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError


def read_rows(
    name: str, stream, columns: dict[str, str], required: Iterable[str]
) -> Iterator[tuple[int, dict]]:
    """``name``: the uploaded file's name (its ending says XLSX or CSV); ``stream``: a binary
    file object. Raises ValidationError (Chinese) for a file that is not a readable XLSX/CSV,
    an empty one, or one whose header lacks a required column. XLSX values come as the cells
    hold them (dates as dates, numbers as numbers); CSV values as stripped text."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        yield from _xlsx_rows(stream, columns, required)
    elif lower.endswith(".csv"):
        yield from _csv_rows(stream, columns, required)
    else:
        raise ValidationError("请上传 XLSX 或 CSV 文件")


def decode_text(data: bytes) -> str | None:
    """The text of a file a user gives: UTF-8 (with or without its BOM), else GB18030 (what
    Excel and Notepad save on a Chinese Windows); None when it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _fields(cells, columns: dict[str, str], required: Iterable[str]) -> list[str | None]:
    """The field of each column of the header row (None: a column the import does not use)."""
    names = [str(c or "").strip() for c in cells]
    fields = [columns.get(n) for n in names]
    missing = [n for n in required if columns[n] not in fields]
    if missing:
        raise ValidationError(f"第1行缺少列：{'、'.join(missing)}（请使用导入模板）")
    return fields


def _xlsx_rows(stream, columns, required) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # any unreadable workbook is a problem of the user's file
        raise ValidationError("无法读取该 XLSX 文件，请确认文件未损坏") from None
    try:  # (read-only workbooks keep the file open until closed)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        try:
            fields = _fields(next(rows), columns, required)
        except StopIteration:
            raise ValidationError("文件是空的") from None
        for n, cells in enumerate(rows, 2):
            if cells is None or all(c in (None, "") for c in cells):
                continue
            yield n, {f: v for f, v in zip(fields, cells, strict=False) if f}
    finally:
        wb.close()


def _csv_rows(stream, columns, required) -> Iterator[tuple[int, dict]]:
    text = decode_text(stream.read())
    if text is None:
        raise ValidationError("CSV 文件应为 UTF-8 或 GB18030 编码")
    reader = csv.reader(io.StringIO(text))
    try:
        fields = _fields(next(reader), columns, required)
    except StopIteration:
        raise ValidationError("文件是空的") from None
    for n, cells in enumerate(reader, 2):
        if not any(c.strip() for c in cells):
            continue
        yield n, {f: v.strip() for f, v in zip(fields, cells, strict=False) if f}
