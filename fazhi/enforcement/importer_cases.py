"""Reading a case ledger: XLSX (streamed, read-only) or CSV (UTF-8 or GB18030), the first
row naming the columns in Chinese (see ``services.ledger.COLUMNS``); yields (line, row)."""

from __future__ import annotations

from collections.abc import Iterator

from fazhi.core.ledger_files import read_rows

from .services.ledger import COLUMNS

# the columns a case ledger cannot do without, in the template's order
REQUIRED = tuple(
    n
    for n, f in COLUMNS.items()
    if f in ("number", "agency", "kind", "title", "party_kind", "party", "party_id", "filed_on")
)


def read(name: str, stream) -> Iterator[tuple[int, dict]]:
    """(line, {field: value}) for each non-empty row (core.ledger_files)."""
    return read_rows(name, stream, COLUMNS, REQUIRED)


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
