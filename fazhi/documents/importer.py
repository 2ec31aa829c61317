"""Import of existing documents (存量文件) from XLSX (or CSV): all rows or none.

Every row is checked first; any error is reported with its line number and nothing is
written. Then, only when the whole file is clean, every row is written in one
transaction through ``services.import_existing`` (as core/unit_import.py does for units).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger_files import decode_text
from fazhi.core.models import OrgUnit

from . import rules, services
from .models import Filing, NormativeDocument

COLUMNS = {
    "文号": "doc_number",
    "标题": "title",
    "制定机关": "issuer",
    "起草单位": "unit",
    "公布日期": "published_on",
    "施行日期": "effective_on",
    "有效期至": "valid_until",
    "状态": "status",
    "废止失效日期": "ended_on",
    "合法性审核日期": "legality_reviewed_on",
    "备案日期": "filed_on",
    "备案结果": "filing_outcome",
    "正文": "body",
}
REQUIRED = ("doc_number", "title", "issuer", "published_on")
DATES = (
    "published_on",
    "effective_on",
    "valid_until",
    "ended_on",
    "legality_reviewed_on",
    "filed_on",
)
S = NormativeDocument.Status
STATUSES = {
    "": S.PUBLISHED,
    "现行有效": S.PUBLISHED,
    "有效": S.PUBLISHED,
    "继续有效": S.PUBLISHED,
    "已废止": S.REPEALED,
    "废止": S.REPEALED,
    "已失效": S.EXPIRED,
    "失效": S.EXPIRED,
}
FILING_OUTCOMES = {
    "": "",
    "通过": Filing.Outcome.PASSED,
    "审查通过": Filing.Outcome.PASSED,
    "予以备案": Filing.Outcome.PASSED,
    "要求纠正": Filing.Outcome.CORRECTED,
    "纠正": Filing.Outcome.CORRECTED,
    "不予备案": Filing.Outcome.REJECTED,
    "审查中": Filing.Outcome.PENDING,
}
MAX_ROWS = 20000
# Longest values the table holds (文号, 标题): a longer cell is a row error, not a crash.
MAX_LEN = {"doc_number": 64, "title": 200}
# Dates a document of the district can carry; 施行 and 有效期至 may lie ahead of today.
EARLIEST = dt.date(1949, 10, 1)
LATEST = dt.date(2199, 12, 31)
MAY_BE_AHEAD = ("effective_on", "valid_until")
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0


def _cell(v) -> object:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return str(v).strip()


def _read_rows(name: str, data: bytes) -> list[tuple[int, list]]:
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        out = []
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for n, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
                out.append((n, [_cell(v) for v in row]))
                if n > MAX_ROWS + 1:
                    break
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ValidationError(
                "无法读取XLSX文件：文件已损坏或不是XLSX格式，请用电子表格软件另存为XLSX后重新上传"
            ) from exc
        return out
    text = decode_text(data)
    if text is None:
        raise ValidationError("无法识别文件编码，请使用XLSX文件或UTF-8编码的CSV")
    return [(n, [c.strip() for c in r]) for n, r in enumerate(csv.reader(io.StringIO(text)), 1)]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    m = _DATE_RE.match(str(value).strip())
    if not m:
        raise ValueError
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _units() -> dict[str, OrgUnit]:
    out = {}
    for u in OrgUnit.objects.filter(active=True):
        for key in (u.code, u.name, u.short_name, *u.alias_list()):
            if key:
                out.setdefault(key, u)
    return out


def parse(name: str, data: bytes) -> ImportResult:
    """Check every row; nothing is written."""
    result = ImportResult()
    try:
        raw = _read_rows(name, data)
    except ValidationError as e:
        result.errors.append(e.messages[0])
        return result
    raw = [(n, r) for n, r in raw if any(str(c) for c in r)]
    if not raw:
        result.errors.append("文件为空")
        return result
    header_line, header = raw[0]
    cols = {}
    for i, h in enumerate(header):
        key = COLUMNS.get(re.sub(r"[\s（）()]", "", str(h)))
        if key:
            cols[key] = i
    missing = [zh for zh, key in COLUMNS.items() if key in REQUIRED and key not in cols]
    if missing:
        result.errors.append(f"第{header_line}行（表头）缺少列：{'、'.join(missing)}")
        return result
    if len(raw) - 1 > MAX_ROWS:
        result.errors.append(f"一次最多导入{MAX_ROWS}行")
        return result
    units = _units()
    existing = set(
        NormativeDocument.objects.exclude(doc_number="").values_list("issuer_id", "doc_number")
    )
    seen: dict[tuple, int] = {}
    for line, cells in raw[1:]:
        row = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
        row["line"] = line
        errs = []
        for key in REQUIRED:
            if row.get(key) in ("", None):
                errs.append(f"“{next(z for z, k in COLUMNS.items() if k == key)}”不能为空")
        for key in DATES:
            if row.get(key) in ("", None):
                row[key] = None
                continue
            zh = next(z for z, k in COLUMNS.items() if k == key)
            try:
                row[key] = _date(row[key])
            except ValueError:
                errs.append(f"“{zh}”应为日期（如2024-05-01），实际为“{str(row[key])[:40]}”")
                row[key] = None
                continue
            if not EARLIEST <= row[key] <= LATEST:
                errs.append(f"“{zh}”超出可能的范围：{row[key].isoformat()}")
                row[key] = None
            elif key not in MAY_BE_AHEAD and row[key] > timezone.localdate():
                errs.append(f"“{zh}”不能晚于今天：{row[key]:%Y-%m-%d}")
                row[key] = None
        for key, limit in MAX_LEN.items():
            value = str(row.get(key, "") or "")
            if len(value) > limit:
                zh = next(z for z, k in COLUMNS.items() if k == key)
                errs.append(f"“{zh}”不能超过{limit}字（现有{len(value)}字）")
        issuer = units.get(str(row.get("issuer", "")))
        if row.get("issuer") and issuer is None:
            errs.append(f"制定机关“{row['issuer']}”不是系统中的单位（填单位编码、名称或简称）")
        unit = units.get(str(row.get("unit", ""))) if row.get("unit") else issuer
        if row.get("unit") and unit is None:
            errs.append(f"起草单位“{row['unit']}”不是系统中的单位")
        if issuer and unit and not unit.path.startswith(issuer.path):
            errs.append("制定机关应为起草单位本身或其上级人民政府")
        row["issuer"], row["unit"] = issuer, unit
        status = str(row.get("status", ""))
        if status not in STATUSES:
            errs.append(f"“状态”应为现行有效、已废止或已失效，实际为“{status}”")
        row["status"] = STATUSES.get(status, S.PUBLISHED)
        row["status_label"] = {S.PUBLISHED: "现行有效"}.get(row["status"], S(row["status"]).label)
        outcome = str(row.get("filing_outcome", ""))
        if outcome not in FILING_OUTCOMES:
            errs.append(f"“备案结果”应为通过、要求纠正、不予备案或审查中，实际为“{outcome}”")
        row["filing_outcome"] = FILING_OUTCOMES.get(outcome, "")
        if row["filing_outcome"] and not row.get("filed_on"):
            errs.append("填写了备案结果但没有备案日期")
        number = str(row.get("doc_number", ""))
        row["doc_number"] = number
        pub = row.get("published_on")
        if pub:
            eff = row.get("effective_on")
            if eff and eff < pub:
                errs.append("施行日期不能早于公布日期")
            vu = row.get("valid_until")
            if vu and vu < (eff or pub):
                errs.append("有效期至不能早于施行日期")
            if (
                vu
                and vu > rules.max_valid_until(eff or pub, str(row.get("title", "")))
                and pub.year >= 2019
            ):
                years = rules.valid_years(rules.is_trial(str(row.get("title", ""))))
                errs.append(f"有效期超过{years}年")
            if row.get("filed_on") and row["filed_on"] < pub:
                errs.append("备案日期不能早于公布日期")
            if row.get("legality_reviewed_on") and row["legality_reviewed_on"] > pub:
                errs.append("合法性审核日期不能晚于公布日期")
            if row["status"] != S.PUBLISHED:
                if not row.get("ended_on"):
                    errs.append("已废止或已失效的文件须填写“废止失效日期”")
                elif row["ended_on"] < pub:
                    errs.append("废止失效日期不能早于公布日期")
            elif row.get("ended_on"):
                errs.append("现行有效的文件不应填写“废止失效日期”")
        if number and issuer:
            key = (issuer.pk, number)
            if key in seen:
                errs.append(f"文号“{number}”与第{seen[key]}行重复")
            elif key in existing:
                errs.append(f"文号“{number}”已在系统中")
            else:
                seen[key] = line
        for e in errs:
            result.errors.append(f"第{line}行：{e}")
        result.rows.append(row)
    return result


def commit(name: str, data: bytes, actor) -> ImportResult:
    """Parse and, only when there is no error at all, write every row in one transaction."""
    result = parse(name, data)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in result.rows:
                try:
                    services.import_existing(
                        title=str(row["title"]),
                        unit=row["unit"],
                        issuer=row["issuer"],
                        doc_number=row["doc_number"],
                        published_on=row["published_on"],
                        effective_on=row.get("effective_on"),
                        valid_until=row.get("valid_until"),
                        status=row["status"],
                        ended_on=row.get("ended_on"),
                        end_reason="存量文件导入时已"
                        + ("废止" if row["status"] == S.REPEALED else "失效")
                        if row["status"] != S.PUBLISHED
                        else "",
                        legality_reviewed_on=row.get("legality_reviewed_on"),
                        filed_on=row.get("filed_on"),
                        filing_outcome=row.get("filing_outcome", ""),
                        body=str(row.get("body", "") or ""),
                        actor=actor,
                    )
                except ValidationError as e:
                    result.errors.append(f"第{row['line']}行：{'；'.join(e.messages)}")
                    raise
                result.created += 1
    except ValidationError:
        result.created = 0
    return result
