"""Importing a unit's 主动公开 ledger (units keep their releases in Excel): XLSX (streamed,
read-only) or CSV (UTF-8 or GB18030), the first row naming the columns in Chinese.

All rows or none: every row is checked first and every bad row reported with its line
number; then every row goes through the services (``services/releases.py``) in one
transaction, so the 20-working-day clock runs from each row's 信息形成或变更日期 and a
release published after it is flagged late (条例第二十六条) exactly as on the page. A row
the services refuse rolls the whole import back, named by its line.

A second import of the same ledger updates instead of duplicating: a row is the release
with the same 索引号 when one is given, else the unit's release with the same 标题 and
信息形成或变更日期.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.forms import MAX_DATE, MIN_DATE, parse_date
from fazhi.core.ledger_files import read_rows
from fazhi.core.workdays import CalendarMissing

from .models import CatalogueItem, ProactiveRelease
from .services import releases as svc
from .services.common import need_change, today

COLUMNS = {
    "目录名称": "catalogue",
    "标题": "title",
    "文号": "document_number",
    "信息形成或变更日期": "created_on",
    "公开日期": "published_on",
    "正文": "body",
    "索引号": "index_number",
    "逾期公开的原因": "late_reason",
}
REQUIRED = ("目录名称", "标题", "信息形成或变更日期", "正文")
# A ledger that gives no reason for a late release: the record says so rather than
# inventing one (the release is still flagged late).
NO_REASON = "台账导入，台账未载明逾期公开的原因"
FAILURES = (ValidationError, PermissionDenied, CalendarMissing)


def read(name: str, stream) -> Iterator[tuple[int, dict]]:
    """(line, {field: value}) for each non-empty row (core.ledger_files)."""
    return read_rows(name, stream, COLUMNS, REQUIRED)


@dataclass
class Result:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    late: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Row:
    line: int
    catalogue: CatalogueItem
    title: str
    document_number: str
    created_on: dt.date
    published_on: dt.date | None
    body: str
    index_number: str
    late_reason: str


def _text(v, label: str, limit: int, required: bool = False) -> str:
    s = "" if v is None else str(v).strip()
    if isinstance(v, float) and v.is_integer():
        s = str(int(v))
    if required and not s:
        raise ValidationError(f"“{label}”不能为空")
    if len(s) > limit:
        raise ValidationError(f"“{label}”超过{limit}个字")
    return s


def _date(v, label: str, required: bool = False) -> dt.date | None:
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        if not (MIN_DATE <= v <= MAX_DATE):
            raise ValidationError(f"{label}应在{MIN_DATE.year}年至{MAX_DATE.year}年之间")
        return v
    try:
        d = parse_date(_text(v, label, 30).replace("/", "-").replace(".", "-"), label)
    except Exception as e:  # forms.ValidationError: the same Chinese message
        raise ValidationError(getattr(e, "messages", [f"{label}格式应为YYYY-MM-DD"])) from None
    if d is None and required:
        raise ValidationError(f"“{label}”不能为空")
    return d


class _Checker:
    def __init__(self, unit, day: dt.date):
        self.unit, self.today = unit, day
        self.catalogue = {c.name: c for c in CatalogueItem.objects.filter(unit=unit)}
        self.seen: dict[tuple, int] = {}

    def row(self, line: int, r: dict) -> Row:
        problems: list[str] = []

        def take(fn, *a, **kw):
            try:
                return fn(*a, **kw)
            except ValidationError as e:
                problems.extend(e.messages)
                return None

        name = take(_text, r.get("catalogue"), "目录名称", 100, True)
        item = self.catalogue.get(name) if name else None
        if name and item is None:
            problems.append(f"本单位的公开目录中没有“{name}”（请先在公开目录中添加）")
        elif item is not None and not item.active:
            problems.append(f"公开目录“{name}”已停用")
        title = take(_text, r.get("title"), "标题", 300, True)
        number = take(_text, r.get("document_number"), "文号", 100)
        body = take(_text, r.get("body"), "正文", 100000, True)
        index = take(_text, r.get("index_number"), "索引号", 60)
        reason = take(_text, r.get("late_reason"), "逾期公开的原因", 300)
        created = take(_date, r.get("created_on"), "信息形成或变更日期", True)
        published = take(_date, r.get("published_on"), "公开日期")
        if created and created > self.today:
            problems.append("信息形成或变更日期不能晚于今天")
        if published and published > self.today:
            problems.append("公开日期不能晚于今天")
        if created and published and published < created:
            problems.append("公开日期不能早于信息形成或变更日期")
        key = ("i", index) if index else ("t", title, created)
        if not problems and key in self.seen:
            problems.append(f"与第{self.seen[key]}行是同一条信息")
        if problems:
            raise ValidationError(problems)
        self.seen[key] = line
        return Row(line, item, title, number or "", created, published, body, index or "",
                   reason or "")  # fmt: skip


def _existing(unit, row: Row) -> ProactiveRelease | None:
    qs = ProactiveRelease.objects.filter(unit=unit)
    if row.index_number:
        found = qs.filter(index_number=row.index_number).first()
        if found is None:
            raise ValidationError(f"本单位没有索引号为“{row.index_number}”的公开信息")
        return found
    return qs.filter(title=row.title, created_on=row.created_on).order_by("pk").first()


def _write(unit, row: Row, actor, publish: bool, result: Result) -> None:
    rel = _existing(unit, row)
    if rel is None:
        rel = svc.create_release(
            unit=unit, catalogue=row.catalogue, title=row.title, body=row.body,
            created_on=row.created_on, document_number=row.document_number, actor=actor,
        )  # fmt: skip
        result.created += 1
    else:
        if rel.created_on != row.created_on:
            raise ValidationError(
                f"索引号{rel.index_number}的信息形成或变更日期为{rel.created_on:%Y-%m-%d}，"
                "导入不能修改该日期"
            )
        if rel.catalogue_id != row.catalogue.pk:
            raise ValidationError(f"索引号{rel.index_number}属于目录“{rel.catalogue.name}”")
        changed = (rel.title, rel.body, rel.document_number) != (
            row.title, row.body, row.document_number,
        )  # fmt: skip
        if changed:
            rel = svc.edit_release(rel, title=row.title, body=row.body,
                                   document_number=row.document_number, actor=actor)  # fmt: skip
            result.updated += 1
        else:
            result.unchanged += 1
    if row.published_on and publish:
        if rel.state == ProactiveRelease.State.DRAFT:
            rel = svc.publish(rel, on=row.published_on, late_reason=row.late_reason or NO_REASON,
                              actor=actor)  # fmt: skip
            result.published += 1
            result.late += int(rel.late)
        elif rel.published_on != row.published_on:
            raise ValidationError(
                f"索引号{rel.index_number}已于{rel.published_on or rel.withdrawn_on:%Y-%m-%d}"
                f"{'公开' if rel.published_on else '撤回'}，与台账的公开日期不一致"
            )


def import_releases(
    rows: Iterable[tuple[int, dict]], *, unit, actor, publish: bool = False,
    day: dt.date | None = None,
) -> Result:  # fmt: skip
    """Check every row, then write them all through the services, or nothing."""
    result = Result()
    need_change(actor, unit, "本单位的主动公开信息")
    checker = _Checker(unit, day or today())
    checked: list[Row] = []
    try:
        for line, r in rows:
            result.rows += 1
            try:
                checked.append(checker.row(line, r))
            except ValidationError as e:
                result.errors.append(f"第{line}行：{'；'.join(e.messages)}")
    except ValidationError as e:  # the file itself (header, encoding)
        result.errors.extend(e.messages)
    if result.errors:
        return result
    if not checked:
        result.errors.append("文件中没有数据行")
        return result
    with transaction.atomic():
        for row in checked:
            try:
                with transaction.atomic():
                    _write(unit, row, actor, publish, result)
            except FAILURES as e:
                msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
                result.errors.append(f"第{row.line}行：{'；'.join(msgs)}")
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        result.created = result.updated = result.unchanged = result.published = result.late = 0
    return result


def template_rows() -> list[list]:
    """The import template: the header and one example row."""
    return [
        list(COLUMNS),
        ["财政预决算", "示范区市场监督管理局2025年部门预算", "", "2025-02-10", "2025-02-20",
         "根据《预算法》第十四条，现将本局2025年部门预算公开如下……", "", ""],
    ]  # fmt: skip
