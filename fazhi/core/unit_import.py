"""Import of org units from XLSX or CSV: all rows or none.

Every row is checked first; any error is reported with its line number and nothing is
written. Existing codes are updated, new ones created, parents first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.ledger_files import decode_text

from . import services
from .identifiers import validate_uscc
from .models import OrgUnit

COLUMNS = {
    "编码": "code",
    "名称": "name",
    "简称": "short_name",
    "类型": "kind",
    "上级编码": "parent",
    "执法主体": "is_enforcement_agency",
    "别名": "aliases",
    "统一社会信用代码": "uscc",
    "排序": "sort_order",
}
REQUIRED = ("code", "name", "kind")
KINDS = {
    "区政府": "government",
    "县政府": "government",
    "人民政府": "government",
    "区（县）人民政府": "government",
    "government": "government",
    "部门": "department",
    "区直部门": "department",
    "department": "department",
    "镇街": "township",
    "乡镇": "township",
    "街道": "township",
    "乡镇（街道）": "township",
    "township": "township",
    "村": "community",
    "社区": "community",
    "村（社区）": "community",
    "community": "community",
}
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}
MAX_ROWS = 20000


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _read_rows(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ValidationError(f"无法读取XLSX文件：{exc.__class__.__name__}") from exc
        ws = wb.worksheets[0]
        out = []
        for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
            out.append((n, ["" if v is None else str(v).strip() for v in row]))
            if n > MAX_ROWS + 1:
                break
        return out
    text = decode_text(data)
    if text is None:
        raise ValidationError("无法识别CSV文件的编码，请另存为UTF-8或GB18030编码")
    return [
        (n, [c.strip() for c in row])
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1)
    ]


def parse(name: str, data: bytes) -> ImportResult:
    """Check every row; nothing is written."""
    result = ImportResult()
    try:
        raw = _read_rows(name, data)
    except ValidationError as e:
        result.errors.append(e.messages[0])
        return result
    raw = [(n, r) for n, r in raw if any(r)]
    if not raw:
        result.errors.append("文件为空")
        return result
    header_line, header = raw[0]
    cols = {}
    for i, h in enumerate(header):
        key = COLUMNS.get(h.replace(" ", ""))
        if key:
            cols[key] = i
    missing = [zh for zh, key in COLUMNS.items() if key in REQUIRED and key not in cols]
    if missing:
        result.errors.append(f"第{header_line}行（表头）缺少列：{'、'.join(missing)}")
        return result
    if len(raw) - 1 > MAX_ROWS:
        result.errors.append(f"一次最多导入{MAX_ROWS}行")
        return result
    existing = {u.code: u for u in OrgUnit.objects.all()}
    seen: dict[str, int] = {}
    names: dict[str, int] = {}
    for line, cells in raw[1:]:
        row = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
        row["line"] = line
        errs = []
        for key in REQUIRED:
            if not row.get(key):
                errs.append(f"“{next(z for z, k in COLUMNS.items() if k == key)}”不能为空")
        code = row.get("code", "")
        if code in seen:
            errs.append(f"编码{code}与第{seen[code]}行重复")
        elif code:
            seen[code] = line
        nm = row.get("name", "")
        if nm in names:
            errs.append(f"名称“{nm}”与第{names[nm]}行重复")
        elif nm:
            names[nm] = line
        if row.get("kind") and row["kind"] not in KINDS:
            errs.append(f"类型“{row['kind']}”无法识别，应为：区政府、部门、镇街、村（社区）")
        else:
            row["kind"] = KINDS.get(row.get("kind", ""), "")
        flag = row.get("is_enforcement_agency", "").lower()
        if flag not in YES | NO:
            errs.append(f"“执法主体”应填“是”或“否”，实际为“{flag}”")
        row["is_enforcement_agency"] = flag in YES
        if row.get("uscc"):
            try:
                row["uscc"] = validate_uscc(row["uscc"])
            except ValidationError as e:
                errs.append(e.messages[0])
        order = row.get("sort_order", "") or "0"
        if not order.isdigit():
            errs.append(f"“排序”应为整数，实际为“{order}”")
        row["sort_order"] = int(order) if order.isdigit() else 0
        for e in errs:
            result.errors.append(f"第{line}行：{e}")
        result.rows.append(row)
    # Parents must exist in the database or in the file.
    for row in result.rows:
        parent = row.get("parent", "")
        if parent and parent not in seen and parent not in existing:
            result.errors.append(f"第{row['line']}行：上级编码{parent}既不在系统中也不在本文件中")
        if parent and parent == row["code"]:
            result.errors.append(f"第{row['line']}行：上级编码不能是本单位")
    for row in result.rows:
        other = existing.get(row["code"])
        clash = OrgUnit.objects.filter(name=row["name"]).exclude(code=row["code"]).first()
        if clash and clash.code not in seen:
            result.errors.append(f"第{row['line']}行：名称“{row['name']}”已被编码{clash.code}使用")
        row["action"] = "修改" if other else "新增"
    return result


def _depth_order(rows: list[dict]) -> list[dict]:
    by_code = {r["code"]: r for r in rows}

    def depth(r, guard=0):
        p = r.get("parent")
        if not p or p not in by_code or guard > 50:
            return 0
        return 1 + depth(by_code[p], guard + 1)

    return sorted(rows, key=depth)


def commit(name: str, data: bytes, actor) -> ImportResult:
    """Parse and, only when there is no error at all, write every row in one transaction."""
    result = parse(name, data)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in _depth_order(result.rows):
                unit = OrgUnit.objects.filter(code=row["code"]).first() or OrgUnit()
                is_new = unit.pk is None
                unit.code = row["code"]
                unit.name = row["name"]
                unit.short_name = row.get("short_name", "")
                unit.aliases = row.get("aliases", "")
                unit.kind = row["kind"]
                unit.parent = OrgUnit.objects.get(code=row["parent"]) if row.get("parent") else None
                unit.is_enforcement_agency = row["is_enforcement_agency"]
                unit.uscc = row.get("uscc", "")
                unit.sort_order = row["sort_order"]
                try:
                    services.save_unit(unit, actor)
                except ValidationError as e:
                    result.errors.append(f"第{row['line']}行：{'；'.join(e.messages)}")
                    raise
                if is_new:
                    result.created += 1
                else:
                    result.updated += 1
    except ValidationError:
        result.created = result.updated = 0
    return result
