"""Import of cases an agency kept in its own ledger (Excel) before the platform, or keeps
in another case system: every row checked first, each bad row reported with its line
number, and nothing written unless the whole file is clean; then all rows in one
transaction. Re-importing the same file updates the rows (by 案号) instead of duplicating
them; a case handled on the platform is never overwritten by a ledger row.

Ledger cases carry their ``source`` and no clocks (their periods ran outside the platform);
they count in the figures like any other case, so a major decision without a recorded
法制审核 lowers the review rate instead of being hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, events
from fazhi.core.identifiers import validate_id_number, validate_uscc

from .. import conf
from ..models import Agency, Case, CaseKind, Party, Power

COLUMNS = {
    "案号": "number",
    "执法主体": "agency",
    "案件类别": "kind",
    "程序": "procedure",
    "案由": "title",
    "当事人类型": "party_kind",
    "当事人": "party",
    "证件号码": "party_id",
    "执法事项编码": "power",
    "立案日期": "filed_on",
    "决定日期": "decided_on",
    "处理结果": "outcome",
    "罚款（元）": "fine",
    "没收（元）": "confiscation",
    "决定书文号": "decision_number",
    "送达日期": "served_on",
    "结案日期": "closed_on",
    "重大执法决定": "major",
    "法制审核通过日期": "reviewed_on",
}
REQUIRED = ("number", "agency", "kind", "title", "party_kind", "party", "party_id", "filed_on")
KINDS = {label: value for value, label in CaseKind.choices} | {
    label.removeprefix("行政"): value for value, label in CaseKind.choices
}
OUTCOMES = {label: value for value, label in Case.Outcome.choices} | {
    "处罚": "penalty",
    "警告": "penalty",
    "准予": "granted",
    "准予许可": "granted",
    "不予许可": "refused",
}
PROCEDURES = {"": "ordinary", "普通程序": "ordinary", "一般程序": "ordinary", "简易程序": "summary"}
PARTY_KINDS = {
    "自然人": "person",
    "个人": "person",
    "公民": "person",
    "法人": "organisation",
    "单位": "organisation",
    "法人或其他组织": "organisation",
    "其他组织": "organisation",
}
YES = {"是", "Y", "y", "1", "重大"}
MAX_AMOUNT = Decimal(10) ** 12
NUMBER_LENGTH = 60  # models.Case.number
NO_FINE = ("no_penalty", "first_violation_exempt", "no_violation", "granted", "refused")


@dataclass
class LedgerResult:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0


def _date(value, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"{label}“{value}”不是日期（应为 2025-03-01 的格式）")


def _money(value, label: str) -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        raise ValidationError(f"{label}“{value}”不是金额") from None
    if not amount.is_finite():
        raise ValidationError(f"{label}“{value}”不是金额")
    if amount < 0:
        raise ValidationError(f"{label}不能为负数")
    # The amount columns hold 14 digits, 2 after the point (models.Case.fine).
    if amount >= MAX_AMOUNT:
        raise ValidationError(f"{label}超出范围（应小于{MAX_AMOUNT:.0f}元）")
    return amount.quantize(Decimal("0.01"))


class _Checker:
    """Turns one ledger row into a (case, party) pair, by the rules the procedure applies."""

    def __init__(self, actor, today: dt.date):
        self.actor = actor
        self.today = today
        self.agencies = {a.name: a for a in Agency.objects.select_related("unit")}
        self.powers = {(p.agency_id, p.code): p for p in Power.objects.all()}
        self.allowed: dict[int, bool] = {}
        self.numbers: set[str] = set()

    def may(self, agency: Agency) -> bool:
        if agency.pk not in self.allowed:
            self.allowed[agency.pk] = self.actor is None or access.can(
                self.actor, "change", agency.unit
            )
        return self.allowed[agency.pk]

    def row(self, row: dict, source: str) -> tuple[Case, Party]:
        missing = [
            k for k, v in COLUMNS.items() if v in REQUIRED and not str(row.get(v) or "").strip()
        ]
        if missing:
            raise ValidationError(f"缺少{'、'.join(missing)}")
        number = str(row["number"]).strip()
        if len(number) > NUMBER_LENGTH:
            raise ValidationError(f"案号不能超过{NUMBER_LENGTH}个字符")
        if number in self.numbers:
            raise ValidationError(f"案号{number}在本文件中重复")
        self.numbers.add(number)
        agency = self.agencies.get(str(row["agency"]).strip())
        if agency is None:
            raise ValidationError(f"执法主体“{row['agency']}”未登记")
        if not self.may(agency):
            raise ValidationError(f"无权导入{agency.name}的案件")
        kind = KINDS.get(str(row["kind"]).strip())
        if kind is None:
            raise ValidationError(f"案件类别“{row['kind']}”应为：{'、'.join(CaseKind.labels)}")
        procedure = PROCEDURES.get(str(row.get("procedure") or "").strip())
        if procedure is None:
            raise ValidationError("程序应为普通程序或简易程序")
        power = None
        if str(row.get("power") or "").strip():
            power = self.powers.get((agency.pk, str(row["power"]).strip()))
            if power is None:
                raise ValidationError(f"执法事项编码“{row['power']}”不在{agency.name}的权责清单内")
        party_kind = PARTY_KINDS.get(str(row["party_kind"]).strip())
        if party_kind is None:
            raise ValidationError("当事人类型应为自然人或法人或其他组织")
        ident = str(row["party_id"]).strip()
        if party_kind == "person":
            id_number, uscc = validate_id_number(ident), ""
        else:
            id_number, uscc = "", validate_uscc(ident)
        filed = _date(row["filed_on"], "立案日期")
        decided = _date(row.get("decided_on"), "决定日期")
        served = _date(row.get("served_on"), "送达日期")
        closed = _date(row.get("closed_on"), "结案日期")
        reviewed = _date(row.get("reviewed_on"), "法制审核通过日期")
        chain = [
            ("立案日期", filed),
            ("决定日期", decided),
            ("送达日期", served),
            ("结案日期", closed),
        ]
        for label, d in chain:
            if d is not None and d > self.today:
                raise ValidationError(f"{label}不能晚于今天")
        dated = [(label, d) for label, d in chain if d is not None]
        for (la, a), (lb, b) in pairwise(dated):
            if b < a:
                raise ValidationError(f"{lb}不能早于{la}")
        if (served or closed) and decided is None and not (closed and not served):
            raise ValidationError("有送达日期的案件应填写决定日期")
        outcome = ""
        if decided is not None:
            outcome = OUTCOMES.get(str(row.get("outcome") or "").strip(), "")
            if not outcome:
                raise ValidationError("已作出决定的案件应填写处理结果")
        fine = _money(row.get("fine"), "罚款")
        confiscation = _money(row.get("confiscation"), "没收金额")
        if outcome in NO_FINE and (fine or confiscation):
            raise ValidationError(f"处理结果“{Case.Outcome(outcome).label}”不能有罚没金额")
        if procedure == "summary":
            limit = conf.summary_fine_limit(party_kind)
            if kind != "penalty" or fine > limit:
                raise ValidationError(f"简易程序只适用于{limit:.0f}元以下罚款或警告的行政处罚")
        major = str(row.get("major") or "").strip() in YES
        if reviewed is not None and decided is not None and reviewed > decided:
            raise ValidationError("法制审核通过日期不能晚于决定日期")
        stage = (
            Case.Stage.CLOSED
            if closed
            else Case.Stage.SERVED
            if served
            else Case.Stage.DECIDED
            if decided
            else Case.Stage.FILED
        )
        case = Case(
            unit=agency.unit,
            agency=agency,
            power=power,
            kind=kind,
            procedure=procedure,
            number=number[:60],
            title=str(row["title"]).strip()[:300],
            on_site=True,
            stage=stage,
            filed_on=filed,
            decided_on=decided,
            served_on=served,
            closed_on=closed,
            outcome=outcome,
            fine=fine,
            confiscation=confiscation,
            decision_number=str(row.get("decision_number") or "").strip()[:80],
            major=major,
            reviewed_on=reviewed,
            source=source[:200],
        )
        party = Party(
            kind=party_kind, name=str(row["party"]).strip()[:200], id_number=id_number, uscc=uscc
        )
        return case, party


CASE_FIELDS = [
    "unit",
    "agency",
    "power",
    "kind",
    "procedure",
    "title",
    "on_site",
    "stage",
    "filed_on",
    "decided_on",
    "served_on",
    "closed_on",
    "outcome",
    "fine",
    "confiscation",
    "decision_number",
    "major",
    "reviewed_on",
    "source",
]


def import_cases(
    rows: Iterable[tuple[int, dict]],
    *,
    actor,
    source: str,
    today: dt.date | None = None,
    progress: Callable[[str, int], None] | None = None,
    batch: int = 2000,
) -> LedgerResult:
    """``rows``: (line number, {field: value}) as the reader yields them. All rows or none."""
    from .common import today as _today

    result = LedgerResult()
    source = (source or "").strip()
    if not source:
        result.errors.append("请填写数据来源（台账名称）")
        return result
    checker = _Checker(actor, today or _today())
    built: list[tuple[int, Case, Party]] = []
    for line, row in rows:
        result.rows += 1
        try:
            case, party = checker.row(row, source)
            built.append((line, case, party))
        except ValidationError as e:
            result.errors.append(f"第{line}行：{'；'.join(e.messages)}")
        if progress and result.rows % 1000 == 0:
            progress("check", result.rows)
    if not result.rows:
        result.errors.append("文件中没有数据行")
    if result.errors:
        return result
    with transaction.atomic():
        existing: dict[str, Case] = {}
        numbers = [c.number for _, c, _ in built]
        for i in range(0, len(numbers), 900):
            for c in Case.objects.filter(number__in=numbers[i : i + 900]).only(
                "pk", "number", "source", "unit_id"
            ):
                existing[c.number] = c
        clash = [
            f"第{line}行：案号{c.number}已在平台办理，不能用台账覆盖"
            for line, c, _ in built
            if c.number in existing and not existing[c.number].source
        ]
        if clash:
            result.errors.extend(clash)
            return result
        new = [(c, p) for _, c, p in built if c.number not in existing]
        old = [(c, p) for _, c, p in built if c.number in existing]
        for i in range(0, len(new), batch):
            chunk = new[i : i + batch]
            Case.objects.bulk_create([c for c, _ in chunk], batch_size=batch)
            for c, p in chunk:
                p.case = c
            Party.objects.bulk_create([p for _, p in chunk], batch_size=batch)
            if progress:
                progress("write", i + len(chunk))
        for c, _p in old:
            c.pk = existing[c.number].pk
        for i in range(0, len(old), batch):
            chunk = old[i : i + batch]
            Case.objects.bulk_update([c for c, _ in chunk], CASE_FIELDS, batch_size=batch)
            ids = [c.pk for c, _ in chunk]
            Party.objects.filter(case_id__in=ids).delete()
            for c, p in chunk:
                p.case = c
            Party.objects.bulk_create([p for _, p in chunk], batch_size=batch)
            if progress:
                progress("write", len(new) + i + len(chunk))
        # Each row starts (or continues) its own full-process record, after its last write,
        # so the record check tells it from a row slipped in by SQL.
        events.append_many(
            action="enforcement_case_import",
            records=[c for c, _ in new],
            actor=actor,
            unit_of=lambda c: c.unit,
            summary_of=lambda c: f"自台账“{source}”导入案件{c.number}",
        )
        events.append_many(
            action="enforcement_case_import_update",
            records=[c for c, _ in old],
            actor=actor,
            unit_of=lambda c: c.unit,
            summary_of=lambda c: f"按台账“{source}”更新案件{c.number}",
        )
        events.append(
            action="enforcement_import",
            record_type="enforcement.import",
            record_id=source[:64],
            actor=actor,
            unit=getattr(actor, "unit", None),
            summary=f"导入执法案件台账“{source}”：新增{len(new)}件，更新{len(old)}件",
        )
    result.created, result.updated = len(new), len(old)
    return result
