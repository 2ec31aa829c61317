"""决定 → 送达 → 执行 → 结案, termination, extension, revocation, and the 简易程序.

The decision is where the 三项制度 bite: a major decision (the agency's criteria, data)
cannot be made until 法制审核 through ``legal`` has concluded favourably (行政处罚法
第58条); a complex case needs its 集体讨论 (第57条第2款); a fine outside the chosen 裁量
阶次 needs a recorded justification; 不予处罚 and 首违不罚 carry no fine (第33条).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline

from .. import conf
from ..models import Agency, Case, CaseKind, CaseOfficer, DiscretionBand, Party, Power
from . import publication, service_clock
from .cases import (
    KIND_CHAR,
    S,
    _after_last,
    _legal,
    _need_open,
    _prefix,
    _reached,
    _step,
    check_officers,
    check_party,
    lock,
    major_reasons,
    next_number,
    power_usable,
    snap,
)
from .common import need_change, past, record, required

NO_FINE = (Case.Outcome.NO_PENALTY, Case.Outcome.FIRST_VIOLATION_EXEMPT, Case.Outcome.NO_VIOLATION)
PENALTY_OUTCOMES = (
    Case.Outcome.PENALTY,
    Case.Outcome.LIGHT_PENALTY,
    Case.Outcome.NO_PENALTY,
    Case.Outcome.FIRST_VIOLATION_EXEMPT,
)


def _finish_clock(deadline_id, on: dt.date, actor) -> None:
    if not deadline_id:
        return
    dl = Deadline.objects.get(pk=deadline_id)
    if dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
        core.complete_deadline(dl, on=on, actor=actor)


def check_discretion(case: Case, band: DiscretionBand | None, fine: Decimal, reason: str) -> None:
    if band is None:
        return
    if case.standard_id and band.standard_id != case.standard_id:
        raise ValidationError("所选裁量阶次不属于该案适用的裁量基准")
    # A township applying a delegated power applies that power's standard.
    if band.standard.agency_id != case.agency_id and band.standard.power_id != case.power_id:
        raise ValidationError("所选裁量基准不属于本执法主体，也不是所适用执法事项的裁量基准")
    if not band.min_fine <= fine <= band.max_fine and not (reason or "").strip():
        raise ValidationError(
            f"罚款{fine:.0f}元超出所选裁量阶次（{band}）的范围，"
            f"应当说明理由（从轻、减轻或从重处罚的事实和依据）"
        )


@transaction.atomic
def decide(
    case: Case,
    *,
    on: dt.date,
    outcome: str,
    documents: dict,
    actor,
    fine=0,
    confiscation=0,
    revokes_license: bool = False,
    band: DiscretionBand | None = None,
    outside_band_reason: str = "",
) -> Case:
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if outcome not in Case.Outcome.values:
        raise ValidationError("请选择处理结果")
    fine, confiscation = Decimal(str(fine or 0)), Decimal(str(confiscation or 0))
    if fine < 0 or confiscation < 0:
        raise ValidationError("罚没金额不能为负数")
    if case.stage == S.FILED and case.kind == CaseKind.PENALTY:
        raise ValidationError("调查取证终结后才能作出决定")
    if case.kind == CaseKind.PENALTY:
        if outcome not in PENALTY_OUTCOMES and outcome != Case.Outcome.NO_VIOLATION:
            raise ValidationError("行政处罚案件的处理结果应为处罚、从轻减轻、不予处罚或首违不罚")
        if outcome in (Case.Outcome.PENALTY, Case.Outcome.LIGHT_PENALTY) and not _reached(
            case, S.NOTIFIED
        ):
            raise ValidationError(
                "作出行政处罚决定前，应当告知当事人拟作出的处罚及其权利（《行政处罚法》第四十四条）"
            )
    elif outcome in PENALTY_OUTCOMES:
        raise ValidationError("只有行政处罚案件可以选择处罚类结果")
    if outcome in NO_FINE and (fine or confiscation or revokes_license):
        raise ValidationError(f"“{Case.Outcome(outcome).label}”不能同时处以罚没或吊销")
    if case.hearing_requested_on and not case.hearing_on:
        raise ValidationError(
            "当事人已申请听证，听证结束前不能作出决定（《行政处罚法》第六十五条）"
        )
    if case.hearing_notified_on and not case.hearing_requested_on:
        dl = Deadline.objects.filter(pk=case.hearing_deadline_id).first()
        if dl is not None and dl.due_date and on is not None and on <= dl.due_date:
            raise ValidationError(
                f"当事人申请听证的期限至{dl.due_date:%Y-%m-%d}届满，届满前不能作出决定"
            )
    on = _after_last(case, on, "决定")
    check_discretion(case, band, fine, outside_band_reason)
    reasons = major_reasons(
        case, fine=fine, confiscation=confiscation, revokes_license=revokes_license
    )
    passed_on = _legal().review_passed_on(case) if case.stage == S.LEGAL_REVIEW or reasons else None
    if reasons:
        if passed_on is None:
            raise ValidationError(
                f"该案属于重大执法决定（{'；'.join(reasons)}），法制审核通过前不能作出决定"
                f"（《行政处罚法》第五十八条）"
            )
        if on < passed_on:
            raise ValidationError(f"决定日期不能早于法制审核意见的日期（{passed_on:%Y-%m-%d}）")
    if case.complex_case and not _reached(case, S.COLLECTIVE):
        raise ValidationError(
            "案情复杂或有重大违法行为的案件，应当由负责人集体讨论决定（《行政处罚法》第五十七条第二款）"
        )
    before = snap(case)
    _, hashes = _step(case, S.DECIDED, on, documents, actor)
    seq = next_number(case.agency, on.year, f"decision-{case.kind}")
    case.decision_number = f"{_prefix(case.agency)}{KIND_CHAR[case.kind]}决〔{on.year}〕{seq}号"
    case.outcome = outcome
    case.fine, case.confiscation, case.revokes_license = fine, confiscation, revokes_license
    if band is not None:
        case.band, case.standard = band, band.standard
    case.outside_band_reason = (outside_band_reason or "").strip()
    case.major = case.major or bool(reasons)
    case.major_reasons = reasons or case.major_reasons
    case.reviewed_on = passed_on
    if case.deadline_id and case.procedure == Case.Procedure.ORDINARY:
        due = (
            Deadline.objects.filter(pk=case.deadline_id).values_list("due_date", flat=True).first()
        )
        case.decided_in_time = due is not None and on <= due
    case.decided_on = on
    case.stage = S.DECIDED
    case.save()
    _finish_clock(case.deadline_id, on, actor)
    publication.open_publication(case, actor=actor)
    service_clock.start(case, actor=actor)
    record(
        case,
        "enforcement_decide",
        actor,
        case.unit,
        f"作出决定{case.decision_number}：{case.get_outcome_display()}"
        + (f"，罚款{fine:.0f}元" if fine else "")
        + (f"，没收{confiscation:.0f}元" if confiscation else ""),
        before,
        snap(case),
        hashes,
    )
    return case


def _advance(case: Case, stage: str, on, documents, actor, label: str, field: str, need: str):
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    if case.stage != need:
        raise ValidationError(f"案件处于“{case.get_stage_display()}”阶段，不能办理{label}")
    on = _after_last(case, on, label)
    before = snap(case)
    _, hashes = _step(case, stage, on, documents, actor)
    case.stage = stage
    setattr(case, field, on)
    case.save(update_fields=["stage", field])
    record(
        case,
        f"enforcement_{stage}",
        actor,
        case.unit,
        f"{label}（{on:%Y-%m-%d}）",
        before,
        snap(case),
        hashes,
    )
    return case


@transaction.atomic
def serve(case: Case, *, on: dt.date, documents: dict, actor) -> Case:
    """送达 the decision (第61条: on the spot, or within 7 working days when the party is
    absent): completes the 送达 clock the decision started (``service_clock``)."""
    case = _advance(case, S.SERVED, on, documents, actor, "送达", "served_on", S.DECIDED)
    service_clock.finish(case, case.served_on, actor=actor)
    return case


@transaction.atomic
def execute(case: Case, *, on: dt.date, documents: dict, actor) -> Case:
    return _advance(case, S.EXECUTED, on, documents, actor, "执行", "executed_on", S.SERVED)


@transaction.atomic
def close(case: Case, *, on: dt.date, documents: dict, actor) -> Case:
    """结案: after execution, or straight after service when nothing is to be executed
    (不予处罚、许可、检查…)."""
    case = lock(case)
    nothing_to_execute = case.outcome in (*NO_FINE, Case.Outcome.GRANTED, Case.Outcome.REFUSED)
    need = S.SERVED if (case.stage == S.SERVED and nothing_to_execute) else S.EXECUTED
    if case.stage == S.SERVED and not nothing_to_execute:
        raise ValidationError("处罚决定尚未执行完毕，不能结案")
    return _advance(case, S.CLOSED, on, documents, actor, "结案", "closed_on", need)


@transaction.atomic
def terminate(case: Case, *, on: dt.date, reason: str, actor) -> Case:
    """撤销立案 / 终止调查 (违法事实不能成立、超过追责时效…): the clock is cancelled."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    reason = required(reason, "终止理由")
    on = _after_last(case, on, "终止")
    before = snap(case)
    case.stage = S.TERMINATED
    case.terminated_reason = reason
    case.closed_on = on
    case.save(update_fields=["stage", "terminated_reason", "closed_on"])
    if case.deadline_id:
        dl = Deadline.objects.get(pk=case.deadline_id)
        if dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
            core.cancel_deadline(dl, reason=f"案件终止：{reason}", actor=actor)
    record(
        case, "enforcement_terminate", actor, case.unit, f"终止案件：{reason}", before, snap(case)
    )
    return case


@transaction.atomic
def extend(
    case: Case,
    *,
    days: int,
    reason: str,
    approved_by: str,
    approved_on: dt.date,
    actor,
    evidence=None,
):
    """Extend the decision period with the recorded approval (行政许可法 第42条: +10 working
    days by the head; penalty cases as the applicable rule allows)."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    _need_open(case)
    if not case.deadline_id:
        raise ValidationError("该案件没有办理期限")
    dl = core.extend_deadline(
        Deadline.objects.get(pk=case.deadline_id),
        days=days,
        reason=reason,
        approved_by=approved_by,
        approved_on=approved_on,
        actor=actor,
        evidence=evidence,
    )
    case.extended_days += days
    case.save(update_fields=["extended_days"])
    record(case, "enforcement_extend", actor, case.unit, f"办理期限延长{days}日：{reason.strip()}")
    return dl


@transaction.atomic
def revoke(case: Case, *, on: dt.date, reason: str, actor) -> Case:
    """The decision is changed, revoked or declared unlawful or void (by reconsideration,
    a court, or the agency itself). A published decision must then be withdrawn within 3
    working days (第48条第2款): that clock starts here."""
    case = lock(case)
    need_change(actor, case.unit, "本单位的执法案件")
    if not case.decided_on:
        raise ValidationError("尚未作出决定的案件没有可撤销的决定")
    if case.revoked_on:
        raise ValidationError("该决定已登记被撤销或变更")
    on = past(on, "撤销（变更）日期")
    if on < case.decided_on:
        raise ValidationError("撤销日期不能早于决定日期")
    before = snap(case)
    case.revoked_on = on
    case.revoked_reason = required(reason, "撤销、变更理由")
    case.save(update_fields=["revoked_on", "revoked_reason"])
    record(
        case,
        "enforcement_revoke",
        actor,
        case.unit,
        f"决定被撤销或变更：{case.revoked_reason}",
        before,
        snap(case),
    )
    publication.on_revoked(case, actor=actor)
    return case


# --- 简易程序 ---------------------------------------------------------------------------

PLACE_LABEL = "处罚地点："


def summary_place(case: Case) -> str:
    """Where a 当场处罚 was decided, as its decision step records it ("" when not given)."""
    note = (case.steps.filter(stage=S.DECIDED).values_list("note", flat=True).first() or "").strip()
    return note[len(PLACE_LABEL) :].strip() if note.startswith(PLACE_LABEL) else ""


@transaction.atomic
def summary_penalty(
    *,
    agency: Agency,
    title: str,
    on: dt.date,
    party: dict,
    officers,
    documents: dict,
    actor,
    fine=0,
    power: Power | None = None,
    facts: str = "",
    place: str = "",
) -> Case:
    """当场处罚 (行政处罚法 第51—52条): a warning, or a fine up to 200 yuan for a person or
    3,000 for an organisation, decided and served on the spot by certified officers, with
    the 当场处罚决定书. Above the limit the ordinary procedure applies.

    ``place``: where it was decided, which 第52条 requires on the 决定书; kept as the note
    of the decision step (``PLACE_LABEL``), so the case needs no new field.

    Not published on the portal: 简易程序 decisions are outside the publication duty of
    市场监督管理行政处罚信息公示规定 第2条 (普通程序); counted in the figures."""
    need_change(actor, agency.unit, "本单位执法主体的案件")
    fine = Decimal(str(fine or 0))
    checked = check_party(
        party.get("kind", ""),
        party.get("name", ""),
        party.get("id_number", ""),
        party.get("uscc", ""),
    )
    limit = conf.summary_fine_limit(checked["kind"])
    if fine > limit:
        who = "公民" if checked["kind"] == Party.Kind.PERSON else "法人或者其他组织"
        raise ValidationError(
            f"简易程序只能对{who}处以{limit:.0f}元以下罚款或者警告（《行政处罚法》第五十一条），"
            f"罚款{fine:.0f}元应当适用普通程序"
        )
    if fine < 0:
        raise ValidationError("罚款不能为负数")
    place = (place or "").strip()
    if len(place) > 200:
        raise ValidationError("处罚地点不能超过200字")
    on = past(on, "处罚日期")
    power_usable(agency, power, on)
    officers = check_officers(officers, on, on_site=True, agency=agency, act="当场处罚")
    seq = next_number(agency, on.year, "case-summary")
    case = Case.objects.create(
        unit=agency.unit,
        agency=agency,
        power=power,
        kind=CaseKind.PENALTY,
        procedure=Case.Procedure.SUMMARY,
        number=f"{_prefix(agency)}罚简〔{on.year}〕{seq}号",
        title=required(title, "案由"),
        facts=(facts or "").strip(),
        on_site=True,
        filed_on=on,
        decided_on=on,
        served_on=on,
        outcome=Case.Outcome.PENALTY,
        fine=fine,
        decision_number=f"{_prefix(agency)}罚简〔{on.year}〕{seq}号",
        stage=S.SERVED,
        created_by=actor,
    )
    Party.objects.create(
        case=case,
        kind=checked["kind"],
        name=checked["name"],
        id_number=checked["id_number"],
        uscc=checked["uscc"],
        minor=bool(party.get("minor")),
    )
    for i, o in enumerate(officers):
        CaseOfficer.objects.create(
            case=case, officer=o, role=CaseOfficer.Role.LEAD if i == 0 else CaseOfficer.Role.ASSIST
        )
    note = f"{PLACE_LABEL}{place}" if place else ""
    _, hashes = _step(case, S.DECIDED, on, documents, actor, note=note, officers=officers)
    record(
        case,
        "enforcement_summary_penalty",
        actor,
        case.unit,
        f"当场处罚{case.number}："
        + (f"罚款{fine:.0f}元" if fine else "警告")
        + (f"（地点：{place}；" if place else "（")
        + f"执法人员{'、'.join(o.name for o in officers)}）",
        after=snap(case),
        attachments=hashes,
    )
    return case
