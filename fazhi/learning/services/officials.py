"""干部名录: the officials of each unit whose 学法 is recorded (《关于完善国家工作人员学法用法
制度的意见》 2016: every 国家工作人员 studies law; leaders first). Adding, correcting, leaving
(the row stays, with ``left_on``) and importing a unit's directory from XLSX/CSV.

Also what the other 学法 procedures share: who may act, and who may be named as attending
a record of a unit (``check_attendee``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.forms import MAX_DATE, MIN_DATE, parse_date
from fazhi.core.ledger_files import read_rows
from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, required, today

from .. import rules
from ..models import Official

__all__ = ["past", "record", "required", "today"]

WHAT = "本单位的学法用法记录"
LEVEL_CODES = dict(rules.LEVELS)
LEVEL_BY_LABEL = {label: code for code, label in rules.LEVELS}


def need_change(actor, unit, what: str = WHAT) -> None:
    _need_change(actor, unit, what)


def snap(o: Official) -> dict:
    return {
        "name": o.name, "post": o.post, "level": o.level, "staff_number": o.staff_number,
        "joined_on": o.joined_on, "left_on": o.left_on, "unit": o.unit_id,
    }  # fmt: skip


def hours_value(value, label: str = "学时", limit: Decimal = Decimal("999")) -> Decimal:
    """Hours: a number above 0 with at most one decimal."""
    try:
        h = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(f"{label}应为数字") from None
    if not h.is_finite() or h <= 0:
        raise ValidationError(f"{label}应大于0")
    if h > limit:
        raise ValidationError(f"{label}不能超过{limit}")
    return h


# --- who may attend a record of a unit ----------------------------------------------------
def is_government(unit: OrgUnit) -> bool:
    return unit.kind == OrgUnit.Kind.GOVERNMENT


def in_tree(unit: OrgUnit, official: Official) -> bool:
    """The official works in ``unit`` or a unit below it; the government's records may name
    any official of the district (district-wide trainings, 旁听庭审 the government organises)."""
    return is_government(unit) or official.unit.path.startswith(unit.path)


def check_attendee(unit: OrgUnit, official: Official, on: dt.date, leaders_only=False) -> None:
    """Refuse an official who is not of the record's units, had not yet joined or had left
    by ``on``. ``leaders_only`` (会前学法, 中心组学法): the unit's own leaders and the
    principals (党政主要负责人) of the units below it."""
    if leaders_only:
        own = official.unit_id == unit.pk and official.level in rules.LEADER_LEVELS
        below = (
            official.unit_id != unit.pk
            and official.unit.path.startswith(unit.path)
            and official.level == "principal"
        )
        if not (own or below):
            raise ValidationError(
                f"{official.name}不能参加该学法：会前学法和中心组学法的参加人员应为本单位领导班子成员"
                "或所属单位的主要负责人"
            )
    elif not in_tree(unit, official):
        raise ValidationError(f"{official.name}不是{unit.name}（或其所属单位）的工作人员")
    if official.left_on is not None and official.left_on <= on:
        raise ValidationError(f"{official.name}已于{official.left_on:%Y-%m-%d}离岗，不能登记")
    if official.joined_on is not None and official.joined_on > on:
        raise ValidationError(
            f"{official.name}于{official.joined_on:%Y-%m-%d}到岗，不能登记此前的学法"
        )


# --- the directory -------------------------------------------------------------------------
def _fields(name, post, level, staff_number):
    name = required(name, "姓名", 50)
    post = required(post, "职务", 80)
    if level not in LEVEL_CODES:
        raise ValidationError("请选择类别（党政主要负责人、领导班子成员或工作人员）")
    staff_number = (staff_number or "").strip()
    if len(staff_number) > 30:
        raise ValidationError("人员编号不能超过30字")
    return name, post, level, staff_number


def _clash(unit, staff_number, name, exclude=None):
    qs = Official.objects.filter(unit=unit)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if staff_number and qs.filter(staff_number=staff_number).exists():
        raise ValidationError(f"本单位已有人员编号为“{staff_number}”的人员")
    if not staff_number and qs.filter(name=name, left_on=None, staff_number="").exists():
        raise ValidationError(f"本单位已有在岗人员“{name}”，同名人员请填写人员编号以区分")


@transaction.atomic
def add_official(
    *, unit: OrgUnit, name: str, post: str, level: str = "staff", staff_number: str = "",
    joined_on: dt.date | None = None, actor,
) -> Official:  # fmt: skip
    """Put an official on the unit's directory."""
    need_change(actor, unit, "本单位的干部名录")
    name, post, level, staff_number = _fields(name, post, level, staff_number)
    if joined_on is not None:
        past(joined_on, "到岗日期")
    _clash(unit, staff_number, name)
    o = Official.objects.create(unit=unit, name=name, post=post, level=level,
                                staff_number=staff_number, joined_on=joined_on)  # fmt: skip
    record(o, "learning_official_added", actor, unit,
           f"干部名录新增：{name}（{post}，{LEVEL_CODES[level]}）", after=snap(o))  # fmt: skip
    return o


@transaction.atomic
def update_official(
    o: Official, *, name: str, post: str, level: str, staff_number: str = "",
    joined_on: dt.date | None = None, version=None, actor,
) -> Official:  # fmt: skip
    """Correct an official's name, post or level (a promotion changes the minimum hours)."""
    o = Official.objects.select_for_update().select_related("unit").get(pk=o.pk)
    need_change(actor, o.unit, "本单位的干部名录")
    name, post, level, staff_number = _fields(name, post, level, staff_number)
    if joined_on is not None:
        past(joined_on, "到岗日期")
        if o.left_on is not None and joined_on > o.left_on:
            raise ValidationError("到岗日期不能晚于离岗日期")
    _clash(o.unit, staff_number, name, exclude=o)
    claim(o, version)
    before = snap(o)
    o.name, o.post, o.level, o.staff_number, o.joined_on = (
        name, post, level, staff_number, joined_on,
    )  # fmt: skip
    o.save()
    record(o, "learning_official_updated", actor, o.unit, f"修改干部名录：{name}", before,
           snap(o))  # fmt: skip
    return o


@transaction.atomic
def leave(o: Official, *, on: dt.date, version=None, actor) -> Official:
    """The official left the unit (调离、退休): kept on the directory with the date, and no
    longer put on attendance after it."""
    o = Official.objects.select_for_update().select_related("unit").get(pk=o.pk)
    need_change(actor, o.unit, "本单位的干部名录")
    if o.left_on is not None:
        raise ValidationError(f"{o.name}已于{o.left_on:%Y-%m-%d}离岗")
    on = past(on, "离岗日期")
    if o.joined_on is not None and on < o.joined_on:
        raise ValidationError("离岗日期不能早于到岗日期")
    claim(o, version)
    before = snap(o)
    o.left_on = on
    o.save()
    record(o, "learning_official_left", actor, o.unit, f"{o.name}于{on:%Y-%m-%d}离岗", before,
           snap(o))  # fmt: skip
    return o


def cell_text(v, label: str, limit: int, needed: bool = False) -> str:
    s = "" if v is None else str(v).strip()
    if isinstance(v, float) and v.is_integer():
        s = str(int(v))
    if needed and not s:
        raise ValidationError(f"“{label}”不能为空")
    if len(s) > limit:
        raise ValidationError(f"“{label}”超过{limit}个字")
    return s


def cell_date(v, label: str) -> dt.date | None:
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        if not (MIN_DATE <= v <= MAX_DATE):
            raise ValidationError(f"{label}应在{MIN_DATE.year}年至{MAX_DATE.year}年之间")
        return v
    try:
        return parse_date(cell_text(v, label, 30).replace("/", "-").replace(".", "-"), label)
    except Exception as e:  # forms.ValidationError: the same Chinese message
        raise ValidationError(getattr(e, "messages", [f"{label}格式应为YYYY-MM-DD"])) from None


COLUMNS = {
    "人员编号": "staff_number",
    "姓名": "name",
    "职务": "post",
    "类别": "level",
    "到岗日期": "joined_on",
    "离岗日期": "left_on",
}
REQUIRED = ("姓名", "职务", "类别")
FAILURES = (ValidationError, PermissionDenied)


def read_officials(name: str, stream):
    return read_rows(name, stream, COLUMNS, REQUIRED)


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    left: int = 0
    errors: list[str] = field(default_factory=list)


def _import_row(r: dict, day: dt.date) -> dict:
    problems: list[str] = []

    def take(fn, *a):
        try:
            return fn(*a)
        except ValidationError as e:
            problems.extend(e.messages)
            return None

    out = {
        "staff_number": take(cell_text, r.get("staff_number"), "人员编号", 30) or "",
        "name": take(cell_text, r.get("name"), "姓名", 50, True),
        "post": take(cell_text, r.get("post"), "职务", 80, True),
        "joined_on": take(cell_date, r.get("joined_on"), "到岗日期"),
        "left_on": take(cell_date, r.get("left_on"), "离岗日期"),
    }
    level = cell_text(r.get("level"), "类别", 20)
    out["level"] = LEVEL_BY_LABEL.get(level) or (level if level in LEVEL_CODES else None)
    if out["level"] is None:
        problems.append(f"类别“{level}”应为{'、'.join(LEVEL_BY_LABEL)}之一")
    for key, label in (("joined_on", "到岗日期"), ("left_on", "离岗日期")):
        if out[key] and out[key] > day:
            problems.append(f"{label}不能晚于今天")
    if out["joined_on"] and out["left_on"] and out["left_on"] < out["joined_on"]:
        problems.append("离岗日期不能早于到岗日期")
    if problems:
        raise ValidationError(problems)
    return out


def _write_row(unit, row: dict, actor, result: ImportResult) -> None:
    qs = Official.objects.filter(unit=unit)
    if row["staff_number"]:
        o = qs.filter(staff_number=row["staff_number"]).first()
    else:
        o = qs.filter(name=row["name"]).order_by("left_on", "pk").first()
    if o is None:
        o = add_official(unit=unit, name=row["name"], post=row["post"], level=row["level"],
                         staff_number=row["staff_number"], joined_on=row["joined_on"],
                         actor=actor)  # fmt: skip
        result.created += 1
    else:
        now = (o.name, o.post, o.level, o.staff_number, o.joined_on)
        new = (row["name"], row["post"], row["level"], row["staff_number"] or o.staff_number,
               row["joined_on"] or o.joined_on)  # fmt: skip
        if now != new:
            o = update_official(o, name=new[0], post=new[1], level=new[2], staff_number=new[3],
                                joined_on=new[4], actor=actor)  # fmt: skip
            result.updated += 1
        else:
            result.unchanged += 1
    if row["left_on"] and o.left_on is None:
        leave(o, on=row["left_on"], actor=actor)
        result.left += 1


def import_officials(rows, *, unit: OrgUnit, actor, day: dt.date | None = None) -> ImportResult:
    """Import a unit's directory: every row checked first (each bad row named by its line),
    then all written through the services in one transaction, or nothing. A row is the same
    official again by 人员编号, or (without one) by name within the unit."""
    result = ImportResult()
    need_change(actor, unit, "本单位的干部名录")
    day = day or today()
    checked: list[tuple[int, dict]] = []
    seen: dict = {}
    try:
        for line, r in rows:
            result.rows += 1
            try:
                row = _import_row(r, day)
            except ValidationError as e:
                result.errors.append(f"第{line}行：{'；'.join(e.messages)}")
                continue
            key = ("n", row["staff_number"]) if row["staff_number"] else ("m", row["name"])
            if key in seen:
                result.errors.append(f"第{line}行：与第{seen[key]}行是同一人员")
                continue
            seen[key] = line
            checked.append((line, row))
    except ValidationError as e:  # the file itself (header, encoding)
        result.errors.extend(e.messages)
    if not result.errors and not checked:
        result.errors.append("文件中没有数据行")
    if result.errors:
        return result
    with transaction.atomic():
        for line, row in checked:
            try:
                with transaction.atomic():
                    _write_row(unit, row, actor, result)
            except FAILURES as e:
                msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
                result.errors.append(f"第{line}行：{'；'.join(msgs)}")
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        result.created = result.updated = result.unchanged = result.left = 0
    return result


def template_rows() -> list[list]:
    return [list(COLUMNS), ["A0001", "张建华", "局长", "党政主要负责人", "2021-03-01", ""]]
