"""The 检查对象名录库 (entity pool) and the inspectors' declared interests (回避).

The pool is imported from the market-regulation register's export (XLSX or CSV, header
row 统一社会信用代码, 名称, 主体类型, 行业, 所在区域, 信用风险分类, 登记状态), re-imports
updating by 统一社会信用代码. The import streams: rows are read one by one (openpyxl
read-only, csv), checked, and written in batches (bulk_create / bulk_update of
``conf.import_batch_size()`` rows), so a 1,000,000-row file takes one pass and memory
stays flat (apart from the set of codes seen, to refuse a code twice in one file).

All or nothing: every bad row is reported as “第N行：…” (N the row's line in the file) and,
if there is any, nothing is imported (one transaction). The full-process record gets **one
summary event per import** (counts created / updated / unchanged), not one per row: a
million events would bury the record and the rows themselves carry ``updated_on``.

Recusal: an inspector with an interest in an entity withdraws (市场监管总局关于全面推进
“双随机、一公开”监管工作的通知, 2019; rules.md §6); a declared avoidance keeps the draw
from ever sending them there until withdrawn.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from fazhi.core.identifiers import USCC_ALPHABET, validate_uscc
from fazhi.core.models import OrgUnit
from fazhi.enforcement.interface import certified_inspectors

from .. import conf
from ..models import Avoidance, Entity
from .common import need_change, past, record, required

COLUMNS = ("统一社会信用代码", "名称", "主体类型", "行业", "所在区域", "信用风险分类", "登记状态")
STATUS = {label: value for value, label in Entity.Status.choices}
FIELDS = ("name", "kind", "industry", "region", "risk_class", "status")
LIMITS = {"name": 200, "kind": 50, "industry": 100, "region": 100}
_fields = operator.itemgetter(*FIELDS)
MAX_ERRORS = 1000  # reported in full up to here; then the count


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(file, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of the file's rows, header first; XLSX or CSV by content."""
    head = file.read(4)
    file.seek(0)
    if head == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(file, read_only=True, data_only=True)
        except Exception:
            raise ValidationError("无法读取该XLSX文件，请确认文件未损坏") from None
        n = 0
        try:
            for n, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
                yield n, [_text(v) for v in row]
        except Exception:  # a sheet cut short or not XML: openpyxl reads it as it streams
            raise ValidationError(f"第{n + 1}行：无法读取该XLSX文件，请确认文件未损坏") from None
        finally:
            wb.close()
        return
    sample = file.read(1 << 20)
    file.seek(0)
    encoding = "gb18030"
    try:
        sample.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4:  # a character cut at the sample's end
            encoding = "utf-8-sig"
    text = io.TextIOWrapper(file, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        for cells in reader:
            yield reader.line_num, [c.strip() for c in cells]
    except UnicodeDecodeError:
        raise ValidationError(
            "文件编码无法识别：请另存为UTF-8或GB18030编码的CSV文件，或XLSX文件"
        ) from None
    except csv.Error as e:
        raise ValidationError(f"第{reader.line_num}行：CSV格式错误（{e}）") from None
    finally:
        if not text.closed:
            text.detach()


_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}.__getitem__
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # GB 32100-2015, as identifiers.validate_uscc


def _clean_uscc(code: str) -> bool:
    """A code as the register exports it — 18 characters of the code's alphabet, digits
    where the area code goes, the right check character — is what validate_uscc would
    return unchanged; checked here in a few C-level steps (a million rows a file). Anything
    else goes through validate_uscc for its message."""
    if len(code) != 18 or code.strip(USCC_ALPHABET) or not code[2:8].isdigit():
        return False
    total = sum(map(operator.mul, map(_VALUE, code[:17]), _WEIGHTS))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


_RISK = {t: c for c in "ABCD" for t in (c, c.lower(), f"{c}类", f"{c.lower()}类")}


def _check(cells: list[str], cols: tuple[int, ...]) -> tuple[dict, list[str]]:
    """One row's values (by the header's column positions, in COLUMNS order) or its
    problems. A row as the register exports it is taken in a few steps; any other goes
    through every check for its messages."""
    if len(cells) > max(cols):
        code, name, kind, industry, region, risk_text, status_text = operator.itemgetter(*cols)(
            cells
        )
        risk, status = _RISK.get(risk_text), STATUS.get(status_text)
        if (
            risk
            and status
            and name
            and len(name) <= 200
            and len(kind) <= 50
            and len(industry) <= 100
            and len(region) <= 100
            and _clean_uscc(code)
        ):
            values = {"name": name, "kind": kind, "industry": industry, "region": region,
                      "uscc": code, "risk_class": risk, "status": status}  # fmt: skip
            return values, []
    else:
        width = len(cells)
        code, name, kind, industry, region, risk_text, status_text = (
            cells[i] if i < width else "" for i in cols
        )
    problems = []
    values = {"name": name, "kind": kind, "industry": industry, "region": region}
    if _clean_uscc(code):
        values["uscc"] = code
    else:
        try:
            values["uscc"] = validate_uscc(code)
        except ValidationError as e:
            problems.append(e.messages[0].rstrip("。"))
    if len(name) > 200 or len(kind) > 50 or len(industry) > 100 or len(region) > 100:
        for field, col in (("name", "名称"), ("kind", "主体类型"), ("industry", "行业"),
                           ("region", "所在区域")):  # fmt: skip
            if len(values[field]) > LIMITS[field]:
                problems.append(f"{col}不能超过{LIMITS[field]}字")
    if not name:
        problems.append("请填写名称")
    risk = risk_text.upper().removesuffix("类")
    if risk not in ("A", "B", "C", "D"):
        problems.append(f"信用风险分类应为A、B、C、D之一，实际为“{risk_text}”")
    values["risk_class"] = risk
    status = STATUS.get(status_text)
    if status is None:
        problems.append(f"登记状态应为存续、注销或吊销，实际为“{status_text}”")
    values["status"] = status
    return values, problems


def _write(batch: list[dict], unit: OrgUnit, on: dt.date, result: ImportResult, errors):
    q = connection.ops.quote_name
    cols = ["id", "uscc", "unit_id", *FIELDS]
    codes = [v["uscc"] for v in batch]
    if connection.vendor == "postgresql":  # one array parameter instead of 5,000
        where, params = f"{q('uscc')} = ANY(%s)", [codes]
    else:
        where, params = f"{q('uscc')} IN ({', '.join(['%s'] * len(codes))})", codes
    sql = f"SELECT {', '.join(q(c) for c in cols)} FROM {q(Entity._meta.db_table)} WHERE {where}"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        existing = {row[1]: dict(zip(["pk", *cols[1:]], row, strict=True)) for row in cur}
    new, changed, fields = [], [], set()
    day = connection.ops.adapt_datefield_value(on)
    for v in batch:
        old = existing.get(v["uscc"])
        if old is None:
            new.append((unit.pk, v["uscc"], *_fields(v), day))
            continue
        if old["unit_id"] != unit.pk:
            errors.append(f"第{v['line']}行：统一社会信用代码{v['uscc']}由其他单位维护，不能导入")
            continue
        diff = [k for k in FIELDS if old[k] != v[k]]
        if not diff:
            result.unchanged += 1
            continue
        fields.update(diff)
        changed.append(Entity(pk=old["pk"], updated_on=on, **{k: v[k] for k in FIELDS}))
    if errors:
        return
    if new:
        _insert(new)
    if changed:
        Entity.objects.bulk_update(changed, [*sorted(fields), "updated_on"], batch_size=1000)
    result.created += len(new)
    result.updated += len(changed)


def _insert(rows: list[tuple]) -> None:
    """Plain INSERT of one prepared statement (executemany; COPY on PostgreSQL): a model
    instance per row would cost more than the import's whole budget (1,000,000 rows at
    ≥ 50,000 rows/s)."""
    q = connection.ops.quote_name
    cols = ["unit_id", "uscc", *FIELDS, "updated_on"]
    head = f"INSERT INTO {q(Entity._meta.db_table)} ({', '.join(q(c) for c in cols)}) VALUES "
    one = f"({', '.join(['%s'] * len(cols))})"
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # COPY: several times faster than INSERT
            names = ", ".join(q(c) for c in cols)
            with cur.cursor.copy(f"COPY {q(Entity._meta.db_table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cur.executemany(head + one, rows)  # one prepared statement, run row by row in C


@transaction.atomic
def import_entities(
    file,
    *,
    unit: OrgUnit,
    actor,
    on: dt.date,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import the pool from an XLSX or CSV file (binary file object; CSV in UTF-8, UTF-8
    with BOM or GB18030). Returns the counts; raises ValidationError listing every bad row
    (“第N行：…”) and imports nothing if there is one. ``progress(rows_read)`` is called
    every batch's worth of rows read (written, or only checked once a row was bad) and at
    the end."""
    need_change(actor, unit, "本单位的检查对象名录库")
    on = past(on, "导入日期")
    name = getattr(file, "name", "") or ""
    rows = _rows(file, str(name))
    try:
        return _import(rows, unit=unit, actor=actor, on=on, name=name, progress=progress)
    finally:
        rows.close()


def _import(rows, *, unit, actor, on, name, progress) -> ImportResult:
    size = conf.import_batch_size()
    first = next(rows, None)
    if first is None:
        raise ValidationError("文件是空的")
    header = [c.lstrip("\ufeff").strip() for c in first[1]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            f"第{first[0]}行（表头）缺少列：{'、'.join(missing)}。应有列：{'、'.join(COLUMNS)}"
        )
    index = tuple(header.index(c) for c in COLUMNS)
    result = ImportResult()
    errors: list[str] = []
    extra = 0
    seen: set[str] = set()
    batch: list[dict] = []
    read = 0
    for line, cells in rows:
        if not any(cells):
            continue
        read += 1
        if progress and read % size == 0:  # also while only checking, after a bad row
            progress(read)
        values, problems = _check(cells, index)
        uscc = values.get("uscc")
        if uscc and not problems:
            if uscc in seen:
                problems.append(f"统一社会信用代码{uscc}在文件中重复出现")
            seen.add(uscc)
        if problems:
            if len(errors) < MAX_ERRORS:
                errors.append(f"第{line}行：" + "；".join(problems))
            else:
                extra += 1
            continue
        if errors:
            continue  # nothing will be written: only check the rest
        values["line"] = line
        batch.append(values)
        if len(batch) >= size:
            _write(batch, unit, on, result, errors)
            batch = []
    if batch and not errors:
        _write(batch, unit, on, result, errors)
    if progress and read % size:  # the last, unless the loop just reported it
        progress(read)
    if errors:
        if extra:
            errors.append(f"另有{extra}行有错误，未逐一列出")
        errors.append("文件中有错误，未导入任何检查对象；请改正后重新导入")
        raise ValidationError(errors)
    if not read:
        raise ValidationError("文件中没有检查对象（只有表头）")
    record_id = f"{unit.code}-{timezone.now():%Y%m%d%H%M%S%f}"
    record(
        None,
        "inspections_entities_import",
        actor,
        unit,
        f"导入检查对象名录库（{name or '文件'}）：新增{result.created}家，更新{result.updated}家，"
        f"未变{result.unchanged}家",
        after={
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        },
        record_type="inspections.entity_import",
        record_id=record_id,
    )
    return result


def _officer(unit: OrgUnit, certificate_number: str, on: dt.date):
    number = required(certificate_number, "执法证号", 40)
    for ins in certified_inspectors(unit_ids=[unit.pk], on=on):
        if ins.certificate_number == number:
            return ins
    raise ValidationError(f"执法证号{number}不是本单位{on:%Y-%m-%d}在岗持证的执法人员")


@transaction.atomic
def declare_avoidance(
    *, unit: OrgUnit, certificate_number: str, entity: Entity, reason: str, on: dt.date, actor
) -> Avoidance:
    """An inspector of ``unit`` declares an interest in ``entity``: from then on no draw
    sends them there."""
    need_change(actor, unit, "本单位执法人员的回避申报")
    on = past(on, "申报日期")
    ins = _officer(unit, certificate_number, on)
    reason = required(reason, "回避事由")
    if Avoidance.objects.filter(
        certificate_number=ins.certificate_number, entity=entity, withdrawn_on=None
    ).exists():
        raise ValidationError(f"{ins.name}对{entity.name}的回避申报已经登记")
    avoidance = Avoidance.objects.create(
        unit=unit,
        officer_id=ins.id,
        certificate_number=ins.certificate_number,
        officer_name=ins.name,
        entity=entity,
        reason=reason,
        declared_on=on,
    )
    record(
        avoidance,
        "inspections_avoidance_declare",
        actor,
        unit,
        f"{ins.name}（{ins.certificate_number}）申报回避{entity.name}：{reason}",
    )
    return avoidance


@transaction.atomic
def withdraw_avoidance(avoidance: Avoidance, *, on: dt.date, actor) -> Avoidance:
    avoidance = (
        Avoidance.objects.select_for_update().select_related("unit", "entity").get(pk=avoidance.pk)
    )
    need_change(actor, avoidance.unit, "本单位执法人员的回避申报")
    if avoidance.withdrawn_on:
        raise ValidationError("该回避申报已经撤回")
    on = past(on, "撤回日期")
    if on < avoidance.declared_on:
        raise ValidationError("撤回日期不能早于申报日期")
    avoidance.withdrawn_on = on
    avoidance.save(update_fields=["withdrawn_on"])
    record(
        avoidance,
        "inspections_avoidance_withdraw",
        actor,
        avoidance.unit,
        f"撤回{avoidance.officer_name}对{avoidance.entity.name}的回避申报",
        after={"withdrawn_on": on},
    )
    return avoidance
