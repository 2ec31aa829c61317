"""Reading a case ledger: XLSX (streamed, read-only) or CSV (UTF-8 or GB18030), the first
row naming the columns in Chinese (see ``services.ledger.COLUMNS``); yields (line, row)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError

from .services.ledger import COLUMNS


def _header(cells) -> list[str | None]:
    names = [str(c or "").strip() for c in cells]
    fields = [COLUMNS.get(n) for n in names]
    missing = [
        n
        for n, f in COLUMNS.items()
        if f in ("number", "agency", "kind", "title", "party_kind", "party", "party_id", "filed_on")
        and f not in fields
    ]
    if missing:
        raise ValidationError(f"第1行缺少列：{'、'.join(missing)}（请使用导入模板）")
    return fields


def read(name: str, stream) -> Iterator[tuple[int, dict]]:
    """``stream``: a binary file object. Raises ValidationError (Chinese) for a file that is
    not a readable XLSX/CSV or whose header lacks a required column."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(stream, read_only=True, data_only=True)
        except Exception:  # any unreadable workbook is a problem of the user's file
            raise ValidationError("无法读取该 XLSX 文件，请确认文件未损坏") from None
        rows = wb.worksheets[0].iter_rows(values_only=True)
        try:
            fields = _header(next(rows))
        except StopIteration:
            raise ValidationError("文件是空的") from None
        for n, cells in enumerate(rows, 2):
            if cells is None or all(c in (None, "") for c in cells):
                continue
            yield n, {f: v for f, v in zip(fields, cells, strict=False) if f}
        wb.close()
        return
    if lower.endswith(".csv"):
        data = stream.read()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError("CSV 文件应为 UTF-8 或 GB18030 编码")
        reader = csv.reader(io.StringIO(text))
        try:
            fields = _header(next(reader))
        except StopIteration:
            raise ValidationError("文件是空的") from None
        for n, cells in enumerate(reader, 2):
            if not any(c.strip() for c in cells):
                continue
            yield n, {f: v.strip() for f, v in zip(fields, cells, strict=False) if f}
        return
    raise ValidationError("请上传 XLSX 或 CSV 文件")


def template_rows() -> list[list]:
    """The import template's header and one example row."""
    return [
        list(COLUMNS),
        [
            "区市场监管局罚〔2024〕15号",
            "示范区市场监督管理局",
            "行政处罚",
            "普通程序",
            "示范区鑫源商贸有限公司销售超过保质期食品案",
            "法人或其他组织",
            "示范区鑫源商贸有限公司",
            "91990105MD0000017X",
            "SC-CF-004",
            "2024-03-04",
            "2024-04-18",
            "给予行政处罚",
            "5000",
            "0",
            "区市场监管局罚决〔2024〕15号",
            "2024-04-19",
            "2024-05-10",
            "否",
            "",
        ],
    ]
