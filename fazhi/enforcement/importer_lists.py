"""XLSX import and export of an agency's 权责清单 and of its officers (units keep both in
Excel). The same columns go out and come back in, so a unit exports, edits and re-imports.

Import is all rows or none: the sheet is read as a stream (openpyxl ``read_only``, one row
at a time), every row is checked and each bad row is reported with its line number; only a
clean sheet is written, in one transaction, through the services (new rows through
``add_power`` / ``register_officer``, rows naming an existing power — same agency and
事项编码 — or officer — same 执法证号 — through ``services.imports``, which update instead
of duplicating). House style of documents/importer.py and core/unit_import.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from . import services
from .models import Agency, CaseKind, Officer, Power
from .services import imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20000
MAX_BYTES = 5 * 1024 * 1024
# Dates a certificate can carry (as documents/importer.py): a wrong century is a row error.
EARLIEST = dt.date(1949, 10, 1)
LATEST = dt.date(2199, 12, 31)
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
YES = {"是", "Y", "YES", "TRUE", "1", "√"}
NO = {"", "否", "N", "NO", "FALSE", "0"}

# Column header -> key; the first REQUIRED_* are needed in every row.
POWER_COLUMNS = {
    "事项编码": "code",
    "事项名称": "name",
    "事项类别": "kind",
    "设定依据": "legal_basis",
    "承办机构": "responsible",
    "列入法制审核目录": "review_listed",
}
POWER_REQUIRED = ("code", "name", "kind", "legal_basis")
POWER_LIMITS = {"code": 40, "name": 200, "legal_basis": 2000, "responsible": 100}

OFFICER_COLUMNS = {
    "姓名": "name",
    "执法证号": "certificate_number",
    "证件类型": "certificate_kind",
    "发证机关": "issuer",
    "发证日期": "issued_on",
    "有效期至": "valid_until",
    "具有法律职业资格": "legal_qualification",
    "首次取得执法证日期": "certified_since",
}
OFFICER_REQUIRED = ("name", "certificate_number", "issuer", "issued_on", "valid_until")
OFFICER_LIMITS = {"name": 50, "certificate_number": 40, "issuer": 100}


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _cell(v) -> object:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _stream(data: bytes) -> Iterator[tuple[int, list]]:
    """(line, cells) of the first sheet, one row at a time (``read_only``: the sheet is
    never held in memory whole)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ValidationError(
            "无法读取XLSX文件：文件已损坏或不是XLSX格式，请用电子表格软件另存为XLSX后重新上传"
        ) from exc
    try:
        for n, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            yield n, [_cell(v) for v in row]
    finally:
        wb.close()


def _date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    m = _DATE_RE.match(str(value).strip())
    if not m:
        raise ValueError
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _yes(value, label: str, errs: list[str]) -> bool:
    text = str(value).strip().upper()
    if text in YES:
        return True
    if text not in NO:
        errs.append(f"“{label}”应填“是”或“否”，实际为“{str(value)[:20]}”")
    return False


def _choice(value, choices, label: str, errs: list[str], default=None):
    """A choice by its Chinese label or its code."""
    text = str(value).strip()
    if not text and default is not None:
        return default
    for code, zh in choices:
        if text in (code, zh):
            return code
    names = "、".join(zh for _, zh in choices)
    errs.append(f"“{label}”应为{names}之一，实际为“{text[:40]}”")
    return None


def _rows(data: bytes, columns: dict, required: tuple, result: ImportResult):
    """Header check, then (line, row dict, errors) for each non-blank row."""
    if data[:2] != b"PK":
        result.errors.append("请上传XLSX文件（用电子表格软件另存为“Excel工作簿（*.xlsx）”）")
        return
    cols: dict[str, int] | None = None
    count = 0
    try:
        for line, cells in _stream(data):
            if not any(str(c) for c in cells):
                continue
            if cols is None:
                cols = {}
                for i, h in enumerate(cells):
                    key = columns.get(re.sub(r"[\s（）()*＊]", "", str(h)))
                    if key:
                        cols[key] = i
                missing = [zh for zh, k in columns.items() if k in required and k not in cols]
                if missing:
                    result.errors.append(f"第{line}行（表头）缺少列：{'、'.join(missing)}")
                    return
                continue
            count += 1
            if count > MAX_ROWS:
                result.errors.append(f"一次最多导入{MAX_ROWS}行")
                return
            row = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
            errs = []
            for key in required:
                if row.get(key) in ("", None):
                    zh = next(z for z, k in columns.items() if k == key)
                    errs.append(f"“{zh}”不能为空")
            yield line, row, errs
    except ValidationError as e:
        result.errors.append(e.messages[0])
        return
    if cols is None:
        result.errors.append("文件为空")


def _limits(row: dict, limits: dict, columns: dict, errs: list[str]) -> None:
    for key, limit in limits.items():
        value = str(row.get(key, "") or "")
        if len(value) > limit:
            zh = next(z for z, k in columns.items() if k == key)
            errs.append(f"“{zh}”不能超过{limit}字（现有{len(value)}字）")


def _report(result: ImportResult, line: int, errs: list[str]) -> None:
    for e in errs:
        result.errors.append(f"第{line}行：{e}")


# --- powers ------------------------------------------------------------------------------


def parse_powers(agency: Agency, data: bytes) -> ImportResult:
    """Check every row of a power list; nothing is written."""
    result = ImportResult()
    existing = {p.code: p for p in Power.objects.filter(agency=agency)}
    seen: dict[str, int] = {}
    for line, row, errs in _rows(data, POWER_COLUMNS, POWER_REQUIRED, result):
        row["line"] = line
        for key in ("code", "name", "legal_basis", "responsible"):
            row[key] = str(row.get(key, "") or "").strip()
        _limits(row, POWER_LIMITS, POWER_COLUMNS, errs)
        if row.get("kind", "") != "":
            row["kind"] = _choice(row["kind"], CaseKind.choices, "事项类别", errs)
        row["review_listed"] = _yes(row.get("review_listed", ""), "列入法制审核目录", errs)
        code = row["code"]
        if code:
            if code in seen:
                errs.append(f"事项编码“{code}”与第{seen[code]}行重复")
            else:
                seen[code] = line
        row["existing"] = existing.get(code)
        _report(result, line, errs)
        result.rows.append(row)
    return result


def commit_powers(agency: Agency, data: bytes, actor) -> ImportResult:
    """Parse and, only when there is no error at all, write every row in one transaction."""
    result = parse_powers(agency, data)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in result.rows:
                args = dict(
                    name=row["name"],
                    kind=row["kind"],
                    legal_basis=row["legal_basis"],
                    responsible=row["responsible"],
                    review_listed=row["review_listed"],
                    actor=actor,
                )
                try:
                    if row["existing"] is not None:
                        changed = imports.update_power(row["existing"], **args)
                        result.updated += changed
                        result.unchanged += not changed
                    else:
                        services.add_power(agency=agency, code=row["code"], **args)
                        result.created += 1
                except (ValidationError, PermissionDenied) as e:
                    msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
                    result.errors.append(f"第{row['line']}行：{'；'.join(msgs)}")
                    raise ValidationError("rollback") from e
    except ValidationError:
        result.created = result.updated = result.unchanged = 0
    return result


def export_powers(agency: Agency) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("权责清单")
    ws.append(list(POWER_COLUMNS))
    for p in Power.objects.filter(agency=agency).order_by("code").iterator():
        ws.append(
            [
                p.code,
                p.name,
                p.get_kind_display(),
                p.legal_basis,
                p.responsible,
                "是" if p.review_listed else "否",
            ]
        )
    return _response(wb, f"powers-{agency.pk}.xlsx")


# --- officers ----------------------------------------------------------------------------


def parse_officers(agency: Agency, data: bytes) -> ImportResult:
    """Check every row of an officer list; nothing is written. A 执法证号 already registered
    under another agency is refused (an officer moves by the unit that holds them)."""
    result = ImportResult()
    today = timezone.localdate()
    raw: list[tuple[int, dict, list]] = []
    seen: dict[str, int] = {}
    for line, row, errs in _rows(data, OFFICER_COLUMNS, OFFICER_REQUIRED, result):
        row["line"] = line
        for key in ("name", "certificate_number", "issuer"):
            row[key] = str(row.get(key, "") or "").strip()
        row["certificate_number"] = row["certificate_number"].upper()
        _limits(row, OFFICER_LIMITS, OFFICER_COLUMNS, errs)
        row["certificate_kind"] = _choice(
            row.get("certificate_kind", ""),
            Officer.CertificateKind.choices,
            "证件类型",
            errs,
            default=Officer.CertificateKind.ENFORCEMENT,
        )
        for key, zh in (
            ("issued_on", "发证日期"),
            ("valid_until", "有效期至"),
            ("certified_since", "首次取得执法证日期"),
        ):
            value = row.get(key, "")
            if value in ("", None):
                row[key] = None
                continue
            try:
                row[key] = _date(value)
            except ValueError:
                errs.append(f"“{zh}”应为日期（如2024-05-01），实际为“{str(value)[:40]}”")
                row[key] = None
                continue
            if not EARLIEST <= row[key] <= LATEST:
                errs.append(f"“{zh}”超出可能的范围：{row[key].isoformat()}")
                row[key] = None
        if row["issued_on"] and row["issued_on"] > today:
            errs.append(f"“发证日期”不能晚于今天：{row['issued_on']:%Y-%m-%d}")
        if row["issued_on"] and row["valid_until"] and row["valid_until"] <= row["issued_on"]:
            errs.append("“有效期至”应晚于发证日期")
        since = row.get("certified_since")
        if since and row["issued_on"] and since > row["issued_on"]:
            errs.append("“首次取得执法证日期”不能晚于发证日期")
        row["legal_qualification"] = _yes(
            row.get("legal_qualification", ""), "具有法律职业资格", errs
        )
        number = row["certificate_number"]
        if number:
            if number in seen:
                errs.append(f"执法证号“{number}”与第{seen[number]}行重复")
            else:
                seen[number] = line
        raw.append((line, row, errs))
    if result.errors and not raw:
        return result
    existing = {
        o.certificate_number: o
        for o in Officer.objects.filter(certificate_number__in=list(seen)).only(
            "pk", "agency_id", "unit_id", "certificate_number", "status"
        )
    }
    for line, row, errs in raw:
        found = existing.get(row["certificate_number"])
        if found is not None and found.agency_id != agency.pk:
            errs.append(f"执法证号“{row['certificate_number']}”已登记在其他执法主体名下")
        row["existing"] = found
        _report(result, line, errs)
        result.rows.append(row)
    return result


def commit_officers(agency: Agency, data: bytes, actor) -> ImportResult:
    result = parse_officers(agency, data)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in result.rows:
                args = dict(
                    name=row["name"],
                    issuer=row["issuer"],
                    issued_on=row["issued_on"],
                    valid_until=row["valid_until"],
                    certificate_kind=row["certificate_kind"],
                    legal_qualification=row["legal_qualification"],
                    certified_since=row.get("certified_since"),
                    actor=actor,
                )
                try:
                    if row["existing"] is not None:
                        changed = imports.update_officer(row["existing"], agency=agency, **args)
                        result.updated += changed
                        result.unchanged += not changed
                    else:
                        services.register_officer(
                            agency=agency, certificate_number=row["certificate_number"], **args
                        )
                        result.created += 1
                except (ValidationError, PermissionDenied) as e:
                    msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
                    result.errors.append(f"第{row['line']}行：{'；'.join(msgs)}")
                    raise ValidationError("rollback") from e
    except ValidationError:
        result.created = result.updated = result.unchanged = 0
    return result


def export_officers(agency: Agency) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("执法人员")
    ws.append([*OFFICER_COLUMNS, "状态"])
    for o in Officer.objects.filter(agency=agency).order_by("name", "pk").iterator():
        ws.append(
            [
                o.name,
                o.certificate_number,
                o.get_certificate_kind_display(),
                o.issuer,
                o.issued_on,
                o.valid_until,
                "是" if o.legal_qualification else "否",
                o.certified_since,
                o.get_status_display(),
            ]
        )
    return _response(wb, f"officers-{agency.pk}.xlsx")


def _response(wb, filename: str) -> HttpResponse:
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename={filename}"
    return resp
