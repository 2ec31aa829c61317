"""Importing a township's 人民调解台账 (units keep their disputes in Excel): XLSX (streamed,
read-only) or CSV (UTF-8 or GB18030), the first row naming the columns in Chinese
(README.md lists them). One row is one dispute, open or concluded.

All rows or none: every row is checked first, by the same rules and in the same words as
the services (``disputes/checks.py``), and every bad row is reported with its line number;
then the rows are written in one transaction, each dispute's event appended in one batch
(``events.append_many``). A ledger records what happened, so the rules of the day are those
of the step: a committee's composition is checked by ``disputes.accept`` for live work, not
here. The clocks that still matter on the day of the import are started (an open mediation;
a written agreement whose 30 days for 司法确认 have not run out).

A second import of the same ledger updates instead of duplicating: a row is the dispute
with its 纠纷编号 when given (the platform's TJ number, or the ledger's own number kept as
the record's number on first import), else the unit's dispute with the same 排查发现日期 and
纠纷简要情况. It may add the later steps and correct the description; what the record
already says of a step (a date, the body, the result) it may not contradict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from fazhi.core import events
from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.ledger_files import read_rows
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .. import conf, rules
from ..deadlines import CONFIRMATION, MEDIATION
from ..models import Dispute, DisputeParty, MediationBody
from .common import district_root, is_open, money, need_disputes, reserve_numbers, today
from .disputes.checks import ORG_NAME, agreement, bodies_for, clean_party, office_url

COLUMNS = {
    "纠纷编号": "number",
    "排查发现日期": "found_on",
    "来源": "source",
    "纠纷类型": "type",
    "纠纷简要情况": "summary",
    "发生地点": "place",
    "涉及金额（元）": "amount",
    "涉及人数": "people_involved",
    "排查人": "found_by",
    "申请方当事人": "applicant",
    "申请方证件号码": "applicant_id",
    "申请方联系电话": "applicant_phone",
    "对方当事人": "respondent",
    "对方证件号码": "respondent_id",
    "对方联系电话": "respondent_phone",
    "调解组织": "body",
    "受理调解日期": "accepted_on",
    "调解员": "mediators",
    "调解结果": "outcome",
    "调解终结日期": "concluded_on",
    "结果说明": "outcome_note",
    "协议形式": "agreement_form",
    "调解协议书编号": "agreement_number",
    "协议内容": "agreement_terms",
    "协议涉及金额（元）": "agreement_amount",
    "申请司法确认日期": "confirmation_applied_on",
    "受理法院": "confirmation_court",
    "司法确认结果": "confirmation_result",
    "裁定日期": "confirmed_on",
    "回访日期": "followed_up_on",
    "协议已履行": "performed",
    "回访情况": "follow_up_note",
    "导入途径": "escalation_route",
    "导入日期": "escalated_on",
    "来源信访件编号": "petition_number",
}
REQUIRED = ("排查发现日期", "来源", "纠纷类型", "纠纷简要情况", "申请方当事人", "对方当事人")
PLATFORM_NUMBER = re.compile(r"TJ\d{9}")
SEP = re.compile(r"[、，,；;]")
S = Dispute.State
FAILURES = (ValidationError, PermissionDenied, CalendarMissing)


# --- reading ------------------------------------------------------------------------------


def read(name: str, stream) -> Iterator[tuple[int, dict]]:
    """(line, {field: value}) for each non-empty row (core.ledger_files)."""
    return read_rows(name, stream, COLUMNS, REQUIRED)


# --- one row ------------------------------------------------------------------------------


def _text(v, label: str, limit: int, required: bool = False) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = "" if v is None else str(v).strip()
    if required and not s:
        raise ValidationError(f"“{label}”不能为空")
    if len(s) > limit:
        raise ValidationError(f"“{label}”超过{limit}个字")
    return s


def _date(v, label: str, required: bool = False) -> dt.date | None:
    if isinstance(v, dt.datetime):
        v = v.date()
    if not isinstance(v, dt.date):
        s = _text(v, label, 30).replace("/", "-").replace(".", "-")
        if not s:
            if required:
                raise ValidationError(f"“{label}”不能为空")
            return None
        try:
            v = dt.date.fromisoformat(s if len(s) == 10 else "-".join(
                p.zfill(2) for p in s.split("-")))  # fmt: skip
        except ValueError:
            raise ValidationError(f"{label}“{s}”不是有效日期，格式应为YYYY-MM-DD") from None
    if not dt.date(2000, 1, 1) <= v <= dt.date(2100, 12, 31):
        raise ValidationError(f"{label}应在2000年至2100年之间")
    return v


def _lookup(choices, extra=None) -> dict[str, str]:
    out = {}
    for code, label in choices:
        out[code] = out[label] = code
        for suffix in ("纠纷", "调解协议", "人民调解委员会"):
            if label.endswith(suffix) and len(label) > len(suffix):
                out[label.removesuffix(suffix)] = code
    out.update(extra or {})
    return out


SOURCES = _lookup(
    rules.DISPUTE_SOURCES, {"信访": "petition", "网格": "grid", "申请": "application"}
)
TYPES = _lookup(rules.DISPUTE_TYPES, {"劳动争议": "labour", "欠薪": "labour", "婚姻家庭": "family"})
OUTCOMES = _lookup(rules.OUTCOMES, {"成功": "success", "不成": "failed", "调解不成功": "failed",
                                    "拒绝调解": "refused", "一方拒绝": "refused"})  # fmt: skip
FORMS = _lookup(rules.AGREEMENT_FORMS, {"书面": "written", "口头": "oral"})
ROUTES = _lookup(rules.ESCALATION_ROUTES)
RESULTS = _lookup(rules.CONFIRMATION_RESULTS, {"确认有效": "confirmed", "驳回": "rejected"})
YES = {"是": True, "已履行": True, "履行": True, "否": False, "未履行": False}


def _pick(v, table: dict, label: str, required: bool = False) -> str:
    s = _text(v, label, 40, required)
    if not s:
        return ""
    if s not in table:
        labels = "、".join(dict.fromkeys(k for k in table if not k.isascii()))
        raise ValidationError(f"{label}“{s}”不在可选范围内（{labels}）")
    return table[s]


@dataclass
class Row:
    line: int
    number: str
    values: dict  # the Dispute fields, as clean values
    parties: list[dict]
    state: str
    body: MediationBody | None


class _Checker:
    def __init__(self, unit: OrgUnit, day: dt.date):
        self.unit, self.today = unit, day
        self.bodies: dict[str, list[MediationBody]] = {}
        for b in bodies_for(unit).select_related("unit"):
            self.bodies.setdefault(b.name, []).append(b)
        self.seen: dict[tuple, int] = {}
        self.cal = calendar()

    def body(self, name: str) -> MediationBody:
        found = self.bodies.get(name, [])
        own = [b for b in found if b.unit_id == self.unit.pk]
        if len(own) == 1 or len(found) == 1:
            return (own or found)[0]
        if not found:
            raise ValidationError(
                f"没有名为“{name}”的调解组织（本单位、所辖村（社区）或区级的调解组织，请先登记）"
            )
        raise ValidationError(f"有多个名为“{name}”的调解组织，无法确定是哪一个")

    def parties(self, r: dict) -> list[dict]:
        out = []
        for side, key in (("applicant", "applicant"), ("respondent", "respondent")):
            label = dict(rules.PARTY_SIDES)[side]
            names = [n.strip() for n in SEP.split(_text(r.get(key), label, 500, True)) if n.strip()]
            ids = [s.strip() for s in SEP.split(_text(r.get(f"{key}_id"), f"{label}证件号码", 500))]
            phones = [s.strip() for s in SEP.split(_text(r.get(f"{key}_phone"), f"{label}联系电话",
                                                         300))]  # fmt: skip
            ids = [s for s in ids if s]
            phones = [s for s in phones if s]
            if len(ids) > len(names) or len(phones) > len(names):
                raise ValidationError(f"{label}的证件号码或联系电话多于当事人人数")
            for i, name in enumerate(names):
                number = ids[i] if i < len(ids) else ""
                kind = "organisation" if (
                    (number and not number[:17].isdigit()) or (not number and ORG_NAME.search(name))
                ) else "person"  # fmt: skip
                out.append({"side": side, "kind": kind, "name": name, "id_number": number,
                            "phone": phones[i] if i < len(phones) else "", "address": ""})  # fmt: skip
        return [clean_party(p, n) for n, p in enumerate(out, 1)]

    def row(self, line: int, r: dict) -> Row:
        problems: list[str] = []

        def take(fn, *a, **kw):
            try:
                return fn(*a, **kw)
            except ValidationError as e:
                problems.extend(e.messages)
                return None

        v: dict = {}
        number = take(_text, r.get("number"), "纠纷编号", 40) or ""
        found = v["found_on"] = take(_date, r.get("found_on"), "排查发现日期", True)
        v["source"] = take(_pick, r.get("source"), SOURCES, "来源", True)
        v["type"] = take(_pick, r.get("type"), TYPES, "纠纷类型", True)
        v["summary"] = take(_text, r.get("summary"), "纠纷简要情况", 2000, True)
        v["place"] = take(_text, r.get("place"), "发生地点", 200) or ""
        v["amount"] = take(money, r.get("amount"), "涉及金额")
        v["found_by"] = take(_text, r.get("found_by"), "排查人", 50) or ""
        v["petition_number"] = take(_text, r.get("petition_number"), "来源信访件编号", 40) or ""
        parties = take(self.parties, r) or []
        people = take(_text, r.get("people_involved"), "涉及人数", 10)
        if people:
            try:
                v["people_involved"] = int(people)
            except ValueError:
                problems.append("涉及人数应为整数")
                v["people_involved"] = None
            else:
                if v["people_involved"] < len(parties):
                    problems.append(f"涉及人数不能少于登记的当事人人数（{len(parties)}人）")
        else:
            v["people_involved"] = max(2, len(parties))
        # 受理调解
        body_name = take(_text, r.get("body"), "调解组织", 120) or ""
        accepted = v["accepted_on"] = take(_date, r.get("accepted_on"), "受理调解日期")
        v["mediators"] = take(_text, r.get("mediators"), "调解员", 200) or ""
        body = None
        if body_name or accepted:
            if not body_name:
                problems.append("已受理调解的，请填写调解组织")
            else:
                body = take(self.body, body_name)
            if not accepted:
                problems.append("填写了调解组织的，请填写受理调解日期")
            if not v["mediators"]:
                problems.append("已受理调解的，请填写调解员")
        elif v["mediators"]:
            problems.append("尚未受理调解的，不应填写调解员")
        # 调解结果
        outcome = v["outcome"] = take(_pick, r.get("outcome"), OUTCOMES, "调解结果") or ""
        concluded = v["concluded_on"] = take(_date, r.get("concluded_on"), "调解终结日期")
        v["outcome_note"] = take(_text, r.get("outcome_note"), "结果说明", 2000) or ""
        form = v["agreement_form"] = take(_pick, r.get("agreement_form"), FORMS, "协议形式") or ""
        agr_no = v["agreement_number"] = take(_text, r.get("agreement_number"), "调解协议书编号",
                                              60) or ""  # fmt: skip
        v["agreement_terms"] = take(_text, r.get("agreement_terms"), "协议内容", 5000) or ""
        v["agreement_amount"] = take(money, r.get("agreement_amount"), "协议涉及金额")
        if outcome:
            if outcome in ("success", "failed") and not accepted and not body_name:
                problems.append("调解成功或调解不成的，请填写调解组织和受理调解日期")
            if not concluded:
                problems.append("有调解结果的，请填写调解终结日期")
            if outcome in ("failed", "refused") and not v["outcome_note"]:
                problems.append("调解不成或当事人拒绝调解的，请在“结果说明”中写明情况")
            take(agreement, outcome, form, agr_no, v["agreement_terms"])
            if v["agreement_amount"] is not None and outcome != "success":
                problems.append("只有调解成功的纠纷才有协议涉及金额")
        elif concluded or form or agr_no or v["agreement_terms"] or v["outcome_note"]:
            problems.append("未填写调解结果的，不应填写调解终结日期、结果说明或调解协议")
        # 司法确认
        applied = v["confirmation_applied_on"] = take(_date, r.get("confirmation_applied_on"),
                                                      "申请司法确认日期")  # fmt: skip
        v["confirmation_court"] = take(_text, r.get("confirmation_court"), "受理法院", 100) or ""
        result = v["confirmation_result"] = take(_pick, r.get("confirmation_result"), RESULTS,
                                                 "司法确认结果") or ""  # fmt: skip
        ruled = v["confirmed_on"] = take(_date, r.get("confirmed_on"), "裁定日期")
        if applied or v["confirmation_court"] or result or ruled:
            if outcome != "success" or form != "written":
                problems.append("只有调解成功并达成书面调解协议的纠纷才能申请司法确认")
            elif not applied or not v["confirmation_court"]:
                problems.append("申请司法确认的，请填写申请司法确认日期和受理法院")
            elif concluded:
                take(self.in_time, concluded, applied)
            if bool(result) != bool(ruled):
                problems.append("司法确认结果和裁定日期应同时填写")
        # 回访
        visited = v["followed_up_on"] = take(_date, r.get("followed_up_on"), "回访日期")
        perf = _text(r.get("performed"), "协议已履行", 10)
        v["follow_up_note"] = take(_text, r.get("follow_up_note"), "回访情况", 2000) or ""
        v["performed"] = None
        if visited or perf or v["follow_up_note"]:
            if outcome != "success":
                problems.append("只有调解成功的纠纷才回访协议履行情况")
            elif perf not in YES:
                problems.append("“协议已履行”请填写是或否")
            else:
                v["performed"] = YES[perf]
            if not visited or not v["follow_up_note"]:
                problems.append("回访的，请填写回访日期和回访情况")
        # 导入法定途径
        route = v["escalation_route"] = take(_pick, r.get("escalation_route"), ROUTES,
                                             "导入途径") or ""  # fmt: skip
        escalated = v["escalated_on"] = take(_date, r.get("escalated_on"), "导入日期")
        if route or escalated:
            if outcome not in ("failed", "refused"):
                problems.append("只有调解不成或当事人拒绝调解的纠纷才导入法定途径")
            elif not route or not escalated:
                problems.append("导入法定途径的，请填写导入途径和导入日期")
        # The order of the days, none after today.
        order = [("排查发现日期", found), ("受理调解日期", accepted), ("调解终结日期", concluded),
                 ("申请司法确认日期", applied), ("裁定日期", ruled)]  # fmt: skip
        after = [("回访日期", visited, "调解终结日期", concluded),
                 ("导入日期", escalated, "调解终结日期", concluded)]  # fmt: skip
        last = None
        for label, day in order:
            if day is None:
                continue
            if last is not None and day < last[1]:
                problems.append(f"{label}不能早于{last[0]}（{last[1]:%Y-%m-%d}）")
            last = (label, day)
        for label, day, before_label, before in after:
            if day and before and day < before:
                problems.append(f"{label}不能早于{before_label}（{before:%Y-%m-%d}）")
        for label, day in order + [(a[0], a[1]) for a in after]:
            if day and day > self.today:
                problems.append(f"{label}不能晚于今天（{self.today:%Y-%m-%d}）")
        key = ("n", number) if number else ("s", found, v["summary"])
        if not problems and key in self.seen:
            problems.append(f"与第{self.seen[key]}行是同一件纠纷")
        if agr_no and not problems:
            if ("a", agr_no) in self.seen:
                problems.append(f"调解协议书编号“{agr_no}”与第{self.seen[('a', agr_no)]}行重复")
            self.seen[("a", agr_no)] = line
        if problems:
            raise ValidationError(list(dict.fromkeys(problems)))
        self.seen[key] = line
        state = S.FOUND
        if accepted:
            state = S.MEDIATING
        if outcome:
            state = {"success": S.SETTLED, "failed": S.FAILED, "refused": S.REFUSED}[outcome]
        if route:
            state = S.ESCALATED
        return Row(line, number, v, parties, state, body)

    def in_time(self, concluded: dt.date, applied: dt.date) -> None:
        """人民调解法 第三十三条, as ``disputes.apply_confirmation`` counts it."""
        days = conf.judicial_confirmation_days()
        if applied <= concluded + dt.timedelta(days=days):
            return
        due = self.cal.add_calendar_days(concluded, days).due
        if applied > due:
            raise ValidationError(
                f"申请司法确认应当自调解协议生效之日起{days}日内提出（至{due:%Y-%m-%d}），"
                "已超过期限（《人民调解法》第三十三条）"
            )


# --- writing ------------------------------------------------------------------------------


@dataclass
class Result:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


# What a row may not contradict on a record that has it already (the steps' facts).
FACTS = ("found_on", "source", "accepted_on", "body_id", "outcome", "concluded_on",
         "agreement_form", "agreement_number", "confirmation_applied_on", "confirmation_result",
         "confirmed_on", "escalation_route", "escalated_on")  # fmt: skip
DESCRIPTION = ("type", "summary", "place", "amount", "people_involved", "found_by", "mediators",
               "outcome_note", "agreement_terms", "agreement_amount", "confirmation_court",
               "followed_up_on", "performed", "follow_up_note", "petition_number")  # fmt: skip
LABELS = {f.name: str(f.verbose_name) for f in Dispute._meta.concrete_fields}
LABELS["body_id"] = "调解组织"
RANK = {S.FOUND: 0, S.MEDIATING: 1, S.SETTLED: 2, S.FAILED: 2, S.REFUSED: 2, S.ESCALATED: 3}


def _fields(row: Row) -> dict:
    v = dict(row.values)
    v["body_id"] = row.body.pk if row.body else None
    v["state"] = row.state
    return v


def _merge(d: Dispute, row: Row) -> bool:
    """Bring the record up to the row: later steps added, the description corrected.
    Refuses a row that contradicts a step the record already has."""
    new = _fields(row)
    if RANK[row.state] < RANK[d.state]:
        raise ValidationError(
            f"纠纷{d.number}在平台上已是“{d.get_state_display()}”，台账的记载落后于平台记录"
        )
    for f in FACTS:
        old = getattr(d, f)
        if old not in (None, "") and old != new[f]:
            shown = new[f] if new[f] not in (None, "") else "（空）"
            if f == "body_id" and new[f]:
                shown = MediationBody.objects.get(pk=new[f]).name
            raise ValidationError(
                f"纠纷{d.number}的{LABELS[f]}已登记为“{_show(d, f)}”，台账为“{shown}”，"
                "导入不能修改已登记的办理环节"
            )
    changed = False
    for f in (*FACTS, *DESCRIPTION, "state"):
        if getattr(d, f) != new[f] and not (f == "amount" and _same_money(getattr(d, f), new[f])):
            setattr(d, f, new[f])
            changed = True
    return changed


def _same_money(a, b) -> bool:
    return a is not None and b is not None and Decimal(a) == Decimal(b)


def _show(d: Dispute, f: str) -> str:
    if f == "body_id":
        return d.body.name
    display = getattr(d, f"get_{f}_display", None)
    value = display() if display else getattr(d, f)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _existing(unit: OrgUnit, checked: list[Row]) -> dict[int, Dispute]:
    """line → the dispute a row names, read in two queries."""
    numbers = [r.number for r in checked if r.number]
    by_number = {d.number: d for d in Dispute.objects.filter(number__in=numbers).select_related(
        "body")} if numbers else {}  # fmt: skip
    days = {r.values["found_on"] for r in checked if not r.number}
    by_key = {}
    if days:
        for d in Dispute.objects.filter(unit=unit, found_on__in=days).select_related("body"):
            by_key.setdefault((d.found_on, d.summary), d)
    out = {}
    for r in checked:
        d = by_number.get(r.number) if r.number else by_key.get(
            (r.values["found_on"], r.values["summary"]))  # fmt: skip
        if d is not None and d.unit_id != unit.pk:
            raise ValidationError(f"第{r.line}行：纠纷{d.number}不属于本单位")
        if d is None and r.number and PLATFORM_NUMBER.fullmatch(r.number):
            raise ValidationError(
                f"第{r.line}行：没有编号为{r.number}的纠纷（新纠纷请将纠纷编号留空，由平台编号）"
            )
        if d is not None:
            out[r.line] = d
    return out


def _clocks(d: Dispute, day: dt.date, actor) -> list[str]:
    """The clocks that still matter on the import day: started, completed; the fields set
    on ``d`` (saved by the caller)."""
    changed = []
    running = Deadline.objects.filter(pk=d.deadline_id).first() if d.deadline_id else None
    if d.state == S.MEDIATING and d.deadline_id is None:
        try:
            d.deadline = core.start_deadline(
                record=d, clock=MEDIATION, start=d.accepted_on, unit=d.unit,
                title=f"调解矛盾纠纷：{d.number}", url=office_url(d), actor=actor,
            )  # fmt: skip
            changed.append("deadline")
        except CalendarMissing:
            pass
    elif d.state != S.MEDIATING and is_open(running):
        core.complete_deadline(running, on=d.concluded_on, actor=actor)
    wants = d.state == S.SETTLED and d.agreement_form == "written"
    conf_running = (
        Deadline.objects.filter(pk=d.confirmation_deadline_id).first()
        if d.confirmation_deadline_id else None
    )  # fmt: skip
    days = conf.judicial_confirmation_days()
    recent = d.concluded_on is not None and d.concluded_on + dt.timedelta(days=days + 20) >= day
    if wants and recent and not d.confirmation_applied_on and d.confirmation_deadline_id is None:
        # Only while the parties may still apply (the clock is for live work).
        try:
            due = calendar().add_calendar_days(d.concluded_on, days)
        except CalendarMissing:
            due = None
        if due is not None and due.due >= day:
            d.confirmation_deadline = core.start_deadline(
                record=d, clock=CONFIRMATION, start=d.concluded_on, unit=d.unit,
                title=f"申请司法确认：{d.number}", url=office_url(d), actor=actor,
            )  # fmt: skip
            changed.append("confirmation_deadline")
    elif d.confirmation_applied_on and is_open(conf_running):
        core.complete_deadline(conf_running, on=d.confirmation_applied_on, actor=actor)
    return changed


def _summary(d: Dispute, verb: str) -> str:
    state = d.get_state_display()
    return f"{verb}人民调解台账：{d.number}（{d.get_type_display()}，{state}）"


def _write(unit: OrgUnit, checked: list[Row], actor, day: dt.date, result: Result) -> None:
    found = _existing(unit, checked)
    root = district_root(unit)
    fresh: list[tuple[Row, Dispute]] = []
    updated: list[Dispute] = []
    need = {}
    for r in checked:
        if r.line not in found and not r.number:
            need[r.values["found_on"].year] = need.get(r.values["found_on"].year, 0) + 1
    first = {year: reserve_numbers(root, year, "dispute", n) for year, n in sorted(need.items())}
    agreement_numbers = {r.values["agreement_number"] for r in checked
                         if r.values["agreement_number"]}  # fmt: skip
    taken = dict(
        Dispute.objects.filter(agreement_number__in=agreement_numbers).values_list(
            "agreement_number", "pk")
    ) if agreement_numbers else {}  # fmt: skip
    for r in checked:
        d = found.get(r.line)
        agr = r.values["agreement_number"]
        if agr and taken.get(agr) not in (None, d.pk if d else None):
            raise ValidationError(f"第{r.line}行：调解协议书编号“{agr}”已被其他纠纷使用")
        if d is None:
            if r.number:
                number = r.number
            else:
                year = r.values["found_on"].year
                number = f"TJ{year}{first[year]:05d}"
                first[year] += 1
            fresh.append((r, Dispute(unit=unit, number=number, recorded_by=actor, **_fields(r))))
            continue
        try:
            changed = _merge(d, r)
        except ValidationError as e:
            raise ValidationError(f"第{r.line}行：{'；'.join(e.messages)}") from None
        old = {(p.side, p.kind, p.name, p.id_number, p.phone) for p in d.parties.all()}
        new = {(p["side"], p["kind"], p["name"], p["id_number"], p["phone"]) for p in r.parties}
        if old != new:
            d.parties.all().delete()
            DisputeParty.objects.bulk_create([DisputeParty(dispute=d, **p) for p in r.parties])
            changed = True
        if changed:
            d.save()
            updated.append(d)
            result.updated += 1
        else:
            result.unchanged += 1
    try:
        with transaction.atomic():
            made = Dispute.objects.bulk_create([d for _, d in fresh], batch_size=500)
    except IntegrityError:
        clash = Dispute.objects.filter(number__in=[d.number for _, d in fresh]).values_list(
            "number", flat=True)  # fmt: skip
        raise ValidationError(
            f"纠纷编号已被使用：{'、'.join(clash[:10])}（其他单位已有同一编号的纠纷）"
        ) from None
    DisputeParty.objects.bulk_create(
        [DisputeParty(dispute=d, **p) for (r, _), d in zip(fresh, made, strict=True)
         for p in r.parties], batch_size=1000,
    )  # fmt: skip
    result.created = len(made)
    for d in [*made, *updated]:
        fields = _clocks(d, day, actor)
        if fields:
            Dispute.objects.filter(pk=d.pk).update(**{f: getattr(d, f) for f in fields})
    events.append_many(action="mediation_dispute_imported", records=made, actor=actor,
                       unit_of=lambda d: unit, summary_of=lambda d: _summary(d, "导入"))  # fmt: skip
    events.append_many(action="mediation_dispute_import_updated", records=updated, actor=actor,
                       unit_of=lambda d: unit, summary_of=lambda d: _summary(d, "按"))  # fmt: skip


def import_disputes(
    rows: Iterable[tuple[int, dict]], *, unit: OrgUnit, actor, day: dt.date | None = None
) -> Result:
    """Check every row, then write them all, or nothing (``Result.errors`` says why)."""
    result = Result()
    need_disputes(actor, unit)
    day = day or today()
    checker = _Checker(unit, day)
    checked: list[Row] = []
    try:
        for line, r in rows:
            result.rows += 1
            try:
                checked.append(checker.row(line, r))
            except ValidationError as e:
                result.errors.append(f"第{line}行：{'；'.join(e.messages)}")
            except CalendarMissing as e:
                result.errors.append(f"第{line}行：{e}")
    except ValidationError as e:  # the file itself (header, encoding)
        result.errors.extend(e.messages)
    if result.errors:
        return result
    if not checked:
        result.errors.append("文件中没有数据行")
        return result
    try:
        with transaction.atomic():
            _write(unit, checked, actor, day, result)
    except FAILURES as e:
        msgs = e.messages if isinstance(e, ValidationError) else [str(e)]
        result.errors.extend(msgs)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result


def template_rows() -> list[list]:
    """The import template: the header and one example row (a concluded dispute)."""
    example = {
        "排查发现日期": "2025-03-02", "来源": "走访排查", "纠纷类型": "邻里纠纷",
        "纠纷简要情况": "两户因院墙排水问题发生争执", "申请方当事人": "王大山",
        "对方当事人": "李秀英", "调解组织": "北山村人民调解委员会", "受理调解日期": "2025-03-03",
        "调解员": "张玉兰", "调解结果": "调解成功", "调解终结日期": "2025-03-10",
        "协议形式": "口头调解协议", "协议内容": "李秀英于十日内改建排水沟",
    }  # fmt: skip
    return [list(COLUMNS), [example.get(c, "") for c in COLUMNS]]


__all__ = ["COLUMNS", "Result", "import_disputes", "read", "template_rows"]
