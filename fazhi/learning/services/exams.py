"""年度考法: the annual 法治理论知识考试 (《关于完善国家工作人员学法用法制度的意见》 2016
二(四)), one per unit and year, and each official's result: a score 0–100 or absent; passed
when the score reaches the exam's pass mark (the district's setting, conf.exam_pass_mark(),
by default when the exam is created)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.ledger_files import read_rows
from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from .. import conf
from ..models import Exam, ExamResult, Official
from .officials import (
    cell_text,
    check_attendee,
    need_change,
    past,
    record,
    required,
)  # fmt: skip


def snap(e: Exam) -> dict:
    return {"year": e.year, "name": e.name, "held_on": e.held_on, "pass_mark": e.pass_mark}


def _mark(value) -> Decimal:
    try:
        m = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError("合格分数线应为数字") from None
    if not m.is_finite() or not (0 < m <= 100):
        raise ValidationError("合格分数线应在0至100分之间")
    return m


def score_value(value) -> Decimal:
    try:
        s = Decimal(str(value).strip()).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError("成绩应为0至100的数字") from None
    if not s.is_finite() or not (0 <= s <= 100):
        raise ValidationError("成绩应为0至100的数字")
    return s


def _check(year, name, held_on, pass_mark):
    name = required(name, "考试名称", 200)
    held_on = past(held_on, "考试日期")
    if held_on.year != year:
        raise ValidationError(f"考试日期应在{year}年内")
    return name, held_on, _mark(pass_mark)


@transaction.atomic
def create_exam(
    *, unit: OrgUnit, year: int, name: str, held_on: dt.date, pass_mark=None, actor,
) -> Exam:  # fmt: skip
    """The unit's exam of the year (one per unit and year)."""
    need_change(actor, unit)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("请填写年度") from None
    name, held_on, mark = _check(year, name, held_on,
                                 conf.exam_pass_mark() if pass_mark in (None, "") else pass_mark)  # fmt: skip
    if Exam.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name}{year}年的法治理论知识考试已登记")
    e = Exam.objects.create(unit=unit, year=year, name=name, held_on=held_on, pass_mark=mark)
    record(e, "learning_exam_created", actor, unit,
           f"登记{year}年法治理论知识考试“{name}”（{held_on:%Y-%m-%d}，合格分数线{mark}分）",
           after=snap(e))  # fmt: skip
    return e


@transaction.atomic
def update_exam(e: Exam, *, name: str, held_on: dt.date, pass_mark, version=None, actor) -> Exam:
    e = Exam.objects.select_for_update().select_related("unit").get(pk=e.pk)
    need_change(actor, e.unit)
    name, held_on, mark = _check(e.year, name, held_on, pass_mark)
    claim(e, version)
    before = snap(e)
    e.name, e.held_on, e.pass_mark = name, held_on, mark
    e.save()
    record(e, "learning_exam_updated", actor, e.unit, f"修改考试“{name}”", before, snap(e))
    return e


def passed(exam: Exam, result: ExamResult) -> bool:
    return not result.absent and result.score is not None and result.score >= exam.pass_mark


def _result(e: Exam, official: Official, score, absent: bool):
    check_attendee(e.unit, official, e.held_on)
    if absent and score not in (None, ""):
        raise ValidationError(f"{official.name}登记为缺考，不能同时填写成绩")
    if not absent and score in (None, ""):
        raise ValidationError(f"请填写{official.name}的成绩，或登记为缺考")
    return None if absent else score_value(score)


@transaction.atomic
def set_result(e: Exam, *, official: Official, score=None, absent: bool = False,
               actor) -> ExamResult:  # fmt: skip
    """Type one official's result (a second entry corrects it)."""
    e = Exam.objects.select_for_update().select_related("unit").get(pk=e.pk)
    need_change(actor, e.unit)
    value = _result(e, official, score, absent)
    row = ExamResult.objects.filter(exam=e, official=official).first()
    before = None if row is None else {"score": row.score, "absent": row.absent}
    if row is None:
        row = ExamResult(exam=e, official=official)
    row.score, row.absent = value, bool(absent)
    row.save()
    claim(e, None)
    what = "缺考" if absent else f"{value}分（{'合格' if passed(e, row) else '不合格'}）"
    record(e, "learning_exam_result", actor, e.unit, f"登记考试成绩：{official.name}，{what}",
           before, {"official": official.pk, "score": value, "absent": bool(absent)})  # fmt: skip
    return row


RESULT_COLUMNS = {"人员编号": "staff_number", "姓名": "name", "成绩": "score", "缺考": "absent"}
RESULT_REQUIRED = ("姓名",)


def read_results(name: str, stream):
    return read_rows(name, stream, RESULT_COLUMNS, RESULT_REQUIRED)


@dataclass
class ResultImport:
    rows: int = 0
    saved: int = 0
    errors: list[str] = field(default_factory=list)


def import_results(e: Exam, rows, *, actor) -> ResultImport:
    """The results from a score sheet: each row names the official (人员编号, or the name
    within the exam's units) and a score or 缺考 (是). All rows or none; bad rows by line."""
    out = ResultImport()
    need_change(actor, e.unit)
    units_q = Official.objects.select_related("unit")
    if e.unit.kind != OrgUnit.Kind.GOVERNMENT:
        units_q = units_q.filter(unit__path__startswith=e.unit.path)
    checked, seen = [], {}
    try:
        for line, r in rows:
            out.rows += 1
            try:
                number = cell_text(r.get("staff_number"), "人员编号", 30)
                name = cell_text(r.get("name"), "姓名", 50, True)
                found = units_q.filter(staff_number=number) if number else units_q.filter(name=name)
                found = list(found[:2])
                if not found:
                    raise ValidationError(f"名录中没有“{number or name}”")
                if len(found) > 1:
                    raise ValidationError(f"名录中有多名“{name}”，请填写人员编号")
                official = found[0]
                absent = cell_text(r.get("absent"), "缺考", 5) in ("是", "缺考", "1", "Y", "y")
                score = cell_text(r.get("score"), "成绩", 10)
                value = _result(e, official, score or None, absent)
                if official.pk in seen:
                    raise ValidationError(f"与第{seen[official.pk]}行是同一人员")
                seen[official.pk] = line
                checked.append((line, official, value, absent))
            except ValidationError as err:
                out.errors.append(f"第{line}行：{'；'.join(err.messages)}")
    except ValidationError as err:
        out.errors.extend(err.messages)
    if not out.errors and not checked:
        out.errors.append("文件中没有数据行")
    if out.errors:
        return out
    with transaction.atomic():
        for line, official, value, absent in checked:
            try:
                with transaction.atomic():
                    set_result(e, official=official, score=value, absent=absent, actor=actor)
                    out.saved += 1
            except (ValidationError, PermissionDenied) as err:
                msgs = err.messages if isinstance(err, ValidationError) else [str(err)]
                out.errors.append(f"第{line}行：{'；'.join(msgs)}")
        if out.errors:
            transaction.set_rollback(True)
    if out.errors:
        out.saved = 0
    return out
