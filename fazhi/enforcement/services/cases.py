"""An enforcement case from 立案 to 结案, under the 三项制度 (国办发〔2018〕118号).

The order for a penalty case (行政处罚法 第五章): 立案 → 调查取证 → 告知 (第44条) →
听证 when the party asks in time (第63—64条) → 法制审核 when the decision is major
(第58条) → 集体讨论 when the case is complex or serious (第57条第2款) → 决定 → 送达
(第61条) → 执行 → 结案. Other kinds skip 告知 and 听证. Each stage is recorded with its date
and the documents that prove it (全过程记录, 第47条); the service refuses to move a stage
without them. On-site acts need two certified officers (第42条、第55条).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.identifiers import validate_id_number, validate_uscc
from fazhi.core.models import Deadline

from .. import conf, rules
from ..deadlines import HEARING_REQUEST, decision_clock
from ..models import (
    Agency,
    Case,
    CaseKind,
    CaseOfficer,
    CaseStep,
    Delegation,
    NumberSequence,
    Officer,
    Party,
    Power,
)
from .common import need_change, past, record, required, today

S = Case.Stage
KIND_CHAR = {
    "license": "许",
    "penalty": "罚",
    "coercion": "强",
    "inspection": "检",
    "levy": "征",
    "benefit": "给",
    "confirmation": "确",
    "adjudication": "裁",
    "other": "执",
}
SNAPSHOT = (
    "stage",
    "filed_on",
    "hearing_notified_on",
    "hearing_requested_on",
    "hearing_on",
    "major",
    "outcome",
    "fine",
    "confiscation",
    "decided_on",
    "served_on",
    "executed_on",
    "closed_on",
    "revoked_on",
)


def _legal():
    from fazhi.legal import interface

    return interface


def snap(case: Case) -> dict:
    return {f: getattr(case, f) for f in SNAPSHOT}


def lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("agency", "unit").get(pk=case.pk)


def office_url(case: Case) -> str:
    return f"/office/enforcement/cases/{case.pk}/"


def next_number(agency: Agency, year: int, kind: str) -> int:
    seq, _ = NumberSequence.objects.select_for_update().get_or_create(
        agency=agency, year=year, kind=kind
    )
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last


def _prefix(agency: Agency) -> str:
    return agency.unit.short_name or agency.name[:6]


# --- checks -----------------------------------------------------------------------------


def power_usable(agency: Agency, power: Power | None, on: dt.date) -> None:
    """The power is the agency's own, or delegated to it and not withdrawn by ``on``."""
    if power is None:
        return
    if not power.active:
        raise ValidationError(f"执法事项“{power.name}”已停止使用")
    if power.agency_id == agency.pk:
        return
    delegated = Delegation.objects.filter(
        power=power, to_agency=agency, delegated_on__lte=on
    ).exclude(withdrawn_on__lte=on)
    if not delegated.exists():
        raise ValidationError(
            f"执法事项“{power.name}”不在{agency.name}的权责清单内，也未赋予该主体"
        )


def check_officers(officers, on: dt.date, *, on_site: bool, agency: Agency, act: str) -> list:
    """Who acts must hold a valid certificate that day; an on-site act needs at least two
    (行政处罚法 第42条: 执法人员不得少于两人; 第55条: 出示执法证件)."""
    officers = list(officers)
    if len({o.pk for o in officers}) != len(officers):
        raise ValidationError("执法人员重复")
    for o in officers:
        if o.agency_id != agency.pk and o.unit_id != agency.unit_id:
            raise ValidationError(f"{o.name}不是{agency.name}的执法人员")
        if o.status != Officer.Status.ACTIVE:
            raise ValidationError(
                f"{o.name}的执法证件处于“{o.get_status_display()}”状态，不能从事执法活动"
            )
        if o.certificate_kind != Officer.CertificateKind.ENFORCEMENT:
            raise ValidationError(f"{o.name}持有的不是行政执法证，不能从事执法活动")
        if on > o.valid_until:
            raise ValidationError(
                f"{o.name}的执法证（{o.certificate_number}）已于{o.valid_until:%Y-%m-%d}过期，"
                f"不能从事执法活动"
            )
        if on < o.certified_since:
            raise ValidationError(f"{o.name}在{on:%Y-%m-%d}尚未取得执法证")
    if on_site and len(officers) < 2:
        raise ValidationError(
            f"{act}应当由两名以上持有有效执法证件的执法人员实施（《行政处罚法》第四十二条）"
        )
    if not officers:
        raise ValidationError("请选择承办的执法人员")
    return officers


def check_party(kind: str, name: str, id_number: str = "", uscc: str = "") -> dict:
    name = required(name, "当事人姓名或名称", 200)
    if kind == Party.Kind.PERSON:
        if not (id_number or "").strip():
            raise ValidationError(f"请填写当事人{name}的身份证号")
        return {"kind": kind, "name": name, "id_number": validate_id_number(id_number), "uscc": ""}
    if kind == Party.Kind.ORGANISATION:
        if not (uscc or "").strip():
            raise ValidationError(f"请填写当事人{name}的统一社会信用代码")
        return {"kind": kind, "name": name, "id_number": "", "uscc": validate_uscc(uscc)}
    raise ValidationError("请选择当事人类型")


def _store_documents(case: Case, stage: str, documents: dict, actor) -> list[dict]:
    """``documents``: {文书名称: uploaded file}. Every document the stage needs must be
    there; each is attached to the case as evidence."""
    documents = {k: v for k, v in (documents or {}).items() if v}
    needed = rules.stage_documents(stage, case.kind)
    if case.procedure == Case.Procedure.SUMMARY and stage == S.DECIDED:
        needed = rules.SUMMARY_DOCUMENTS
    missing = [n for n in needed if n not in documents]
    if missing:
        raise ValidationError(
            f"“{S(stage).label}”环节缺少文书：{'、'.join(missing)}，请上传后再办理"
        )
    out = []
    for name, f in documents.items():
        att = core.attach(
            case, f, actor=actor, unit=case.unit, description=f"{S(stage).label}：{name}"
        )
        out.append({"name": name, "attachment": att.pk, "sha256": att.sha256})
    return out


def _step(case: Case, stage: str, on: dt.date, documents: dict, actor, note="", officers=()):
    stored = _store_documents(case, stage, documents, actor)
    return CaseStep.objects.create(
        case=case,
        stage=stage,
        on=on,
        documents=stored,
        note=(note or "").strip(),
        officers=[o.certificate_number for o in officers],
        actor=actor,
    ), [d["sha256"] for d in stored]


def _reached(case: Case, stage: str) -> bool:
    return case.steps.filter(stage=stage).exists()


def _last_date(case: Case) -> dt.date:
    last = case.steps.order_by("-on").values_list("on", flat=True).first()
    return last or case.filed_on


def _after_last(case: Case, on: dt.date, label: str) -> dt.date:
    on = past(on, f"{label}日期")
    last = _last_date(case)
    if on < last:
        raise ValidationError(f"{label}日期不能早于上一环节的日期（{last:%Y-%m-%d}）")
    return on


def _need_open(case: Case) -> None:
    if case.stage not in Case.OPEN_STAGES:
        raise ValidationError(f"案件已处于“{case.get_stage_display()}”阶段，不能再办理该环节")


# --- 立案 -------------------------------------------------------------------------------


@transaction.atomic
def open_case(
    *,
    agency: Agency,
    kind: str,
    title: str,
    filed_on: dt.date,
    parties: list[dict],
    officers,
    documents: dict,
    actor,
    power: Power | None = None,
    facts: str = "",
    on_site: bool = True,
    complex_case: bool = False,
) -> Case:
    """立案 (受理 for a licence): the case, its parties, its officers, the 立案审批表, and
    the decision clock. ``parties``: dicts with kind, name, id_number or uscc (validated by
    core), and optionally address, phone, representative, minor."""
    need_change(actor, agency.unit, "本单位执法主体的案件")
    if kind not in CaseKind.values:
        raise ValidationError("请选择案件类别")
    filed_on = past(filed_on, "立案日期")
    power_usable(agency, power, filed_on)
    if power is not None and power.kind != kind:
        raise ValidationError(
            f"执法事项“{power.name}”属于{power.get_kind_display()}，与案件类别不一致"
        )
    if not parties:
        raise ValidationError("请填写当事人")
    checked = [
        {
            **p,
            **check_party(
                p.get("kind", ""), p.get("name", ""), p.get("id_number", ""), p.get("uscc", "")
            ),
        }
        for p in parties
    ]
    officers = check_officers(officers, filed_on, on_site=on_site, agency=agency, act="现场执法")
    year = filed_on.year
    seq = next_number(agency, year, f"case-{kind}")
    case = Case.objects.create(
        unit=agency.unit,
        agency=agency,
        power=power,
        kind=kind,
        number=f"{_prefix(agency)}{KIND_CHAR[kind]}立〔{year}〕{seq}号",
        title=required(title, "案由"),
        facts=(facts or "").strip(),
        on_site=on_site,
        complex_case=complex_case,
        filed_on=filed_on,
        created_by=actor,
    )
    for p in checked:
        Party.objects.create(
            case=case,
            kind=p["kind"],
            name=p["name"],
            id_number=p["id_number"],
            uscc=p["uscc"],
            representative=(p.get("representative") or "").strip()[:50],
            address=(p.get("address") or "").strip()[:200],
            phone=(p.get("phone") or "").strip()[:30],
            minor=bool(p.get("minor")),
        )
    for i, o in enumerate(officers):
        CaseOfficer.objects.create(
            case=case, officer=o, role=CaseOfficer.Role.LEAD if i == 0 else CaseOfficer.Role.ASSIST
        )
    _, hashes = _step(case, S.FILED, filed_on, documents, actor, officers=officers)
    case.deadline = core.start_deadline(
        record=case,
        clock=decision_clock(kind),
        start=filed_on,
        unit=case.unit,
        title=f"{case.number} {case.title}",
        url=office_url(case),
        actor=actor,
    )
    case.save(update_fields=["deadline"])
    # The event after the case's last write: it carries the row's state as it stands.
    record(
        case,
        "enforcement_case_open",
        actor,
        case.unit,
        f"立案：{case.number} {case.title}（{case.get_kind_display()}，"
        f"承办人{'、'.join(o.name for o in officers)}）",
        after=snap(case),
        attachments=hashes,
    )
    return case


# --- 调查取证、告知、听证 ----------------------------------------------------------------


@transaction.atomic
def investigate(case: Case, *, on: dt.date, documents: dict, officers, actor, note="") -> Case:
    """调查取证 done: the records of the inspection and inquiry, made by two certified
    officers (行政处罚法 第55条)."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if case.stage != S.FILED:
        raise ValidationError("调查取证应在立案之后、告知之前办理")
    on = _after_last(case, on, "调查终结")
    officers = check_officers(
        officers, on, on_site=case.on_site, agency=case.agency, act="调查取证"
    )
    before = snap(case)
    _, hashes = _step(case, S.INVESTIGATED, on, documents, actor, note, officers)
    case.stage = S.INVESTIGATED
    case.save(update_fields=["stage"])
    record(
        case,
        "enforcement_investigate",
        actor,
        case.unit,
        f"调查终结（{on:%Y-%m-%d}）",
        before,
        snap(case),
        hashes,
    )
    return case


def hearing_right(case: Case, fine: Decimal = Decimal(0), revokes_license: bool = False) -> bool:
    """行政处罚法 第63条: a hearing is offered for large fines, 吊销/停产停业/限制从业 and
    other heavy penalties. "较大数额" is set by provinces and ministries; the platform uses
    ``conf.hearing_fine_threshold`` (default 10,000 yuan for a person, 100,000 for an
    organisation: 市场监督管理行政处罚听证办法 第5条)."""
    if case.kind != CaseKind.PENALTY:
        return False
    if revokes_license:
        return True
    person = case.parties.filter(kind=Party.Kind.PERSON).exists()
    limit = conf.hearing_fine_threshold("person" if person else "organisation")
    return fine >= limit


@transaction.atomic
def notify(
    case: Case, *, on: dt.date, documents: dict, actor, proposed_fine=0, proposed_revocation=False
) -> Case:
    """告知 (行政处罚法 第44条): the proposed penalty, facts, reasons and the party's
    rights. When the proposal carries a hearing right, the 5-working-day request clock
    starts (第64条第1项)."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if case.kind != CaseKind.PENALTY:
        raise ValidationError("只有行政处罚案件需要办理处罚告知")
    if case.stage != S.INVESTIGATED:
        raise ValidationError("告知应在调查取证终结之后办理")
    on = _after_last(case, on, "告知")
    before = snap(case)
    fine = Decimal(str(proposed_fine or 0))
    right = hearing_right(case, fine, proposed_revocation)
    docs = dict(documents or {})
    _, hashes = _step(case, S.NOTIFIED, on, docs, actor)
    case.stage = S.NOTIFIED
    fields = ["stage"]
    if right:
        if "听证告知书" not in docs:
            raise ValidationError("拟作出的处罚当事人有权要求听证，请上传听证告知书")
        case.hearing_notified_on = on
        case.hearing_deadline = core.start_deadline(
            record=case,
            clock=HEARING_REQUEST,
            start=on,
            unit=case.unit,
            title=f"{case.number} 当事人申请听证",
            url=office_url(case),
            actor=actor,
        )
        fields += ["hearing_notified_on", "hearing_deadline"]
    case.save(update_fields=fields)
    record(
        case,
        "enforcement_notify",
        actor,
        case.unit,
        f"告知当事人拟作出的处罚{'及听证权利' if right else ''}（{on:%Y-%m-%d}）",
        before,
        snap(case),
        hashes,
    )
    return case


@transaction.atomic
def request_hearing(case: Case, *, on: dt.date, actor) -> Case:
    """The party asks for a hearing: only after being told of the right, and within the
    period (5 working days, 第64条第1项); a late request is refused with its due date."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if not case.hearing_notified_on:
        raise ValidationError("未告知听证权利的案件不能登记听证申请")
    if case.hearing_requested_on:
        raise ValidationError("当事人已经申请听证")
    on = past(on, "申请听证日期")
    if on < case.hearing_notified_on:
        raise ValidationError("申请听证日期不能早于告知日期")
    dl = Deadline.objects.get(pk=case.hearing_deadline_id)
    if dl.due_date and on > dl.due_date:
        raise ValidationError(
            f"听证申请期限已于{dl.due_date:%Y-%m-%d}届满（告知后{conf.hearing_request_working_days()}"
            f"个工作日），逾期申请视为放弃听证"
        )
    before = snap(case)
    case.hearing_requested_on = on
    case.save(update_fields=["hearing_requested_on"])
    core.complete_deadline(dl, on=on, actor=actor)
    record(
        case,
        "enforcement_hearing_request",
        actor,
        case.unit,
        f"当事人于{on:%Y-%m-%d}申请听证",
        before,
        snap(case),
    )
    return case


@transaction.atomic
def hold_hearing(
    case: Case, *, notice_on: dt.date, held_on: dt.date, documents: dict, actor
) -> Case:
    """听证: notice served at least 7 working days before (第64条第2项; 第85条: “七日” are
    working days)."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if not case.hearing_requested_on:
        raise ValidationError("当事人未申请听证")
    if case.hearing_on:
        raise ValidationError("听证已经举行")
    if notice_on is None or notice_on < case.hearing_requested_on:
        raise ValidationError("听证通知日期应在当事人申请听证之后")
    held_on = _after_last(case, held_on, "听证")
    days = conf.hearing_notice_days()
    # “七日前” is 7 working days (第八十五条: 本法中“七日”的规定是指工作日，不含法定节假日):
    # the hearing is on or after the 7th working day after the notice.
    earliest = calendar().add_working_days(notice_on, days).due
    if held_on < earliest:
        raise ValidationError(
            f"应当在举行听证的{days}个工作日前通知当事人（《行政处罚法》第六十四条、第八十五条），"
            f"{notice_on:%Y-%m-%d}通知的，听证最早于{earliest:%Y-%m-%d}举行"
        )
    before = snap(case)
    _, hashes = _step(case, S.HEARING, held_on, documents, actor)
    case.hearing_on = held_on
    case.stage = S.HEARING
    case.save(update_fields=["hearing_on", "stage"])
    record(
        case,
        "enforcement_hearing",
        actor,
        case.unit,
        f"举行听证（{held_on:%Y-%m-%d}）",
        before,
        snap(case),
        hashes,
    )
    return case


# --- 法制审核、集体讨论 ------------------------------------------------------------------


def major_reasons(
    case: Case, *, fine: Decimal, confiscation: Decimal, revokes_license: bool
) -> list[str]:
    """Why a decision is 重大 and needs 法制审核 first: the agency's criteria (data) applied
    to the proposed decision (行政处罚法 第58条; 国办发〔2018〕118号)."""
    from ..models import ReviewCriterion as RC

    person = case.parties.filter(kind=Party.Kind.PERSON).exists()
    party_kind = "person" if person else "organisation"
    out = []
    for c in case.agency.criteria.all():
        if c.party_kind and c.party_kind != party_kind:
            continue
        hit = (
            (c.kind == RC.Kind.FINE_OVER and fine >= c.amount)
            or (c.kind == RC.Kind.CONFISCATION_OVER and confiscation >= c.amount)
            or (c.kind == RC.Kind.REVOCATION and revokes_license)
            or (c.kind == RC.Kind.AFTER_HEARING and case.hearing_on is not None)
            or (c.kind == RC.Kind.COMPLEX and case.complex_case)
        )
        if hit:
            out.append(str(c))
    if case.power_id and case.power.review_listed:
        # The agency's 法制审核目录清单 is itself data: a listed power is always major.
        out.append(RC.Kind.CATALOGUE.label)
    return out


@transaction.atomic
def send_for_review(
    case: Case,
    *,
    actor,
    on: dt.date | None = None,
    fine=0,
    confiscation=0,
    revokes_license=False,
    materials=(),
) -> object:
    """Send the proposed decision to 法制审核 through ``legal``, reviewed by the agency's own
    法制审核机构 (its unit's 法制审核人员; 国办发〔2018〕118号)."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if case.kind == CaseKind.PENALTY and case.stage == S.FILED:
        raise ValidationError("调查取证终结后才能送法制审核")
    if case.hearing_requested_on and not case.hearing_on:
        raise ValidationError("当事人申请了听证，应在听证后送法制审核")
    on = _after_last(case, on or today(), "送审")
    before = snap(case)
    fine, confiscation = Decimal(str(fine or 0)), Decimal(str(confiscation or 0))
    reasons = major_reasons(
        case, fine=fine, confiscation=confiscation, revokes_license=revokes_license
    )
    review = _legal().request_review(
        subject=case,
        kind="enforcement_decision",
        unit=case.unit,
        title=f"{case.number} {case.title}（拟{_proposal(fine, confiscation, revokes_license)}）",
        url=office_url(case),
        actor=actor,
        reviewer_unit=case.unit,
        materials=materials,
        on=on,
    )
    case.major = case.major or bool(reasons)
    case.major_reasons = reasons or case.major_reasons
    case.stage = S.LEGAL_REVIEW
    case.save(update_fields=["major", "major_reasons", "stage"])
    _step(case, S.LEGAL_REVIEW, on, {}, actor, note=review.subject_title)
    record(
        case,
        "enforcement_review_request",
        actor,
        case.unit,
        "送法制审核" + (f"（{'；'.join(reasons)}）" if reasons else ""),
        before,
        snap(case),
    )
    return review


def _proposal(fine: Decimal, confiscation: Decimal, revokes: bool) -> str:
    parts = []
    if fine:
        parts.append(f"罚款{fine:.0f}元")
    if confiscation:
        parts.append(f"没收{confiscation:.0f}元")
    if revokes:
        parts.append("吊销许可证件")
    return "、".join(parts) or "作出决定"


@transaction.atomic
def discuss(case: Case, *, on: dt.date, documents: dict, actor, note="") -> Case:
    """集体讨论 by the agency's heads (第57条第2款), after the 法制审核 where one is needed."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if _reached(case, S.COLLECTIVE):
        raise ValidationError("集体讨论已经记录")
    if case.kind == CaseKind.PENALTY and case.stage in (S.FILED, S.INVESTIGATED):
        raise ValidationError("集体讨论应在调查终结并告知当事人之后进行")
    if case.stage == S.LEGAL_REVIEW:
        passed_on = _legal().review_passed_on(case)
        if passed_on is None:
            raise ValidationError("法制审核尚未通过，不能提交集体讨论")
        if on is not None and on < passed_on:
            raise ValidationError(f"集体讨论不能早于法制审核意见的日期（{passed_on:%Y-%m-%d}）")
    on = _after_last(case, on, "集体讨论")
    before = snap(case)
    _, hashes = _step(case, S.COLLECTIVE, on, documents, actor, note)
    case.stage = S.COLLECTIVE
    case.save(update_fields=["stage"])
    record(
        case,
        "enforcement_collective",
        actor,
        case.unit,
        f"负责人集体讨论（{on:%Y-%m-%d}）",
        before,
        snap(case),
        hashes,
    )
    return case
