"""A 行政复议案件 from acceptance to decision (行政复议法 第四章).

受理 with the 普通 or 简易 procedure (第53条 lists when 简易 applies) → the application copy
to the respondent (7 / 3 working days, 第48条 / 第53条) → the respondent's 答复 with its
evidence (10 / 5 working days; none = the act is taken to have no evidence, 第70条) →
hearing (notice 5 working days before, 第50条) → 中止 (第39条; the decision clock pauses;
more than 60 days on the grounds of 第39条第1款第1、2、4项 ends the case, 第41条) /
延期 (≤ 30 days with the head's approval, 第62条) → 决定 within 60 / 30 days (第62条) or
终止 → 送达 → 公开 (第79条) and, for a case against a department of this government, a
copy to its superior (第79条第2款).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.models import Deadline, OrgUnit

from .. import conf
from ..deadlines import (
    ANSWER,
    ANSWER_SIMPLE,
    COPY,
    COPY_SIMPLE,
    DECISION,
    DECISION_SIMPLE,
    PUBLICATION,
    SUSPENSION,
)
from ..models import Application, Case, Outcome
from . import applications as apps_svc
from .common import need_change, next_number, past, prefix, record, required, today

S = Case.State
P = Case.Procedure
SNAPSHOT = (
    "state",
    "procedure",
    "accepted_on",
    "copy_sent_on",
    "answered_on",
    "no_answer",
    "hearing_on",
    "suspended_on",
    "resumed_on",
    "extended_days",
    "decided_on",
    "outcome",
    "served_on",
    "published_on",
)

# 第53条: when the 简易程序 applies (the last one needs every party's consent).
SIMPLE_GROUNDS = {
    "on_the_spot": "被申请行政复议的行政行为是当场作出",
    "warning": "被申请行政复议的行政行为是警告或者通报批评",
    "amount": "案件涉及款额三千元以下",
    "disclosure": "属于政府信息公开案件",
    "consent": "当事人各方同意适用简易程序",
}

# 第39条第1款: the grounds of 中止; those of 第1、2、4项 end the case after 60 days (第41条).
SUSPENSION_GROUNDS = {
    "death": "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议",
    "incapacity": "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人",
    "missing": "作为申请人的公民下落不明",
    "org_ended": "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人",
    "force_majeure": "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议",
    "settlement": "依法进行调解、和解，申请人和被申请人同意中止",
    "interpretation": "案件涉及的法律适用问题需要有权机关作出解释或者确认",
    "other_case": "案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结",
    "document_review": "附带审查规范性文件或者审查行政行为依据（第五十六条、第五十七条）",
    "other": "需要中止行政复议的其他情形",
}
TERMINABLE = ("death", "incapacity", "org_ended")

DECIDING = (
    Outcome.UPHOLD,
    Outcome.REVOKE,
    Outcome.MODIFY,
    Outcome.DECLARE_UNLAWFUL,
    Outcome.DECLARE_VOID,
    Outcome.ORDER_PERFORMANCE,
    Outcome.DISMISS,
)
CLOSING = (Outcome.MEDIATED, Outcome.WITHDRAWN, Outcome.TERMINATED)


def snap(case: Case) -> dict:
    return {f: getattr(case, f) for f in SNAPSHOT}


def lock(case: Case) -> Case:
    # Only the case row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("unit", "respondent")
        .get(pk=case.pk)
    )


def office_url(case: Case) -> str:
    return f"/office/reconsideration/cases/{case.pk}/"


def _running(d: Deadline | None) -> bool:
    return d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED)


def _done(d: Deadline | None, on: dt.date, actor) -> None:
    if _running(d):
        core.complete_deadline(d, on=on, actor=actor)


def _cancel(d: Deadline | None, reason: str, actor) -> None:
    if _running(d):
        core.cancel_deadline(d, reason=reason, actor=actor)


def _day(case: Case, on: dt.date | None, label: str, after: dt.date | None = None) -> dt.date:
    on = past(on, label)
    if on < (after or case.accepted_on):
        raise ValidationError(f"{label}不能早于{(after or case.accepted_on):%Y-%m-%d}")
    return on


def _need_body(actor, case: Case) -> None:
    need_change(actor, case.unit, "行政复议机构的案件")


def _need_open(case: Case) -> None:
    if case.state in (S.DECIDED, S.CLOSED):
        raise ValidationError(f"该案件{case.get_state_display()}，不能再办理")


# --- acceptance and the procedure ----------------------------------------------------------


def check_simple(ground: str, amount: Decimal | None = None) -> str:
    """第53条: the 简易程序 only on one of its grounds; the amount ground only up to the
    configured limit (3,000 yuan)."""
    if ground not in SIMPLE_GROUNDS:
        raise ValidationError("适用简易程序须符合《行政复议法》第五十三条规定的情形，请选择")
    if ground == "amount":
        limit = conf.simple_amount_limit()
        if amount is None:
            raise ValidationError("请填写案件涉及的款额")
        if amount > limit:
            raise ValidationError(
                f"案件涉及款额{amount:,.2f}元，超过{limit:,.0f}元，不能以款额为由适用简易程序"
            )
    return SIMPLE_GROUNDS[ground] + (f"（{amount:,.2f}元）" if ground == "amount" else "")


@transaction.atomic
def accept(
    app: Application,
    *,
    on: dt.date,
    actor,
    procedure: str = P.ORDINARY,
    simple_ground: str = "",
    amount: Decimal | None = None,
    deemed: bool = False,
) -> Case:
    """受理. ``deemed``: the review period ran out without a conclusion (第30条第3款), the
    system records the acceptance on its last day, under the 普通程序."""
    app = apps_svc.lock(app)
    if not deemed:
        need_change(actor, app.unit, "行政复议机构的受理审查")
        if app.state == Application.State.CORRECTION:
            raise ValidationError("申请正在补正中：请等待补正材料或补正期限届满")
        on = apps_svc._review_day(app, on)
    if app.state != Application.State.RECEIVED:
        raise ValidationError(f"{apps_svc.state_words(app)}，不能受理")
    simple = procedure == P.SIMPLE
    if procedure not in P.values:
        raise ValidationError("请选择审理程序")
    ground = check_simple(simple_ground, amount) if simple else ""
    unit = app.unit
    year = on.year
    n = next_number(unit, year, "case")
    before = apps_svc.snap(app)
    case = Case.objects.create(
        application=app,
        unit=unit,
        respondent=app.respondent,
        respondent_name=app.respondent_name,
        number=f"{prefix(unit)}行复〔{year}〕{n}号",
        procedure=procedure,
        simple_ground=ground,
        accepted_on=on,
        document_review=app.document_review,
        disclosure_related=app.disclosure_related,
    )
    title = f"{case.number}（被申请人{case.respondent_name}）"
    case.deadline = core.start_deadline(
        record=case, clock=DECISION_SIMPLE if simple else DECISION, start=on, unit=unit,
        title=f"作出复议决定：{title}", url=office_url(case), actor=actor,
    )  # fmt: skip
    case.copy_deadline = core.start_deadline(
        record=case, clock=COPY_SIMPLE if simple else COPY, start=on, unit=unit,
        title=f"发送申请书副本：{title}", url=office_url(case), actor=actor,
    )  # fmt: skip
    case.save(update_fields=["deadline", "copy_deadline"])
    app.state = Application.State.ACCEPTED
    app.decided_on = on
    app.deemed_accepted = deemed
    if deemed:
        # The review clock ran out: it ends on its last day, counted as on time.
        _done(app.review_deadline, on, None)
    else:
        _done(app.review_deadline, on, actor)
    app.save()
    how = (
        "受理审查期限届满未作出决定，依法视为受理（《行政复议法》第三十条第三款）"
        if deemed
        else "决定受理"
    )
    record(app, "recon_accepted", actor, unit, f"{how}，立案{case.number}", before,
           apps_svc.snap(app))  # fmt: skip
    record(case, "recon_case_opened", actor, unit,
           f"受理，适用{case.get_procedure_display()}" + (f"（{ground}）" if ground else ""),
           after=snap(case))  # fmt: skip
    return case


# --- the respondent ---------------------------------------------------------------------


@transaction.atomic
def send_copy(case: Case, *, on: dt.date, actor) -> Case:
    """The application copy goes to the respondent; its answer period starts that day."""
    case = lock(case)
    _need_body(actor, case)
    _need_open(case)
    if case.copy_sent_on:
        raise ValidationError("已向被申请人发送申请书副本")
    on = _day(case, on, "发送申请书副本日期")
    before = snap(case)
    case.copy_sent_on = on
    _done(case.copy_deadline, on, actor)
    simple = case.procedure == P.SIMPLE
    case.answer_deadline = core.start_deadline(
        # The respondent's duty: on its own deadline board (the 复议机构 sees it too).
        record=case, clock=ANSWER_SIMPLE if simple else ANSWER, start=on,
        unit=case.respondent or case.unit, title=f"被申请人答复：{case.number}（{case.respondent_name}）",
        url=office_url(case), actor=actor,
    )  # fmt: skip
    case.save()
    record(case, "recon_copy_sent", actor, case.unit,
           f"向被申请人{case.respondent_name}发送申请书副本", before, snap(case))  # fmt: skip
    return case


@transaction.atomic
def answer(case: Case, *, on: dt.date, summary: str, actor, attachments=()) -> Case:
    """The respondent's written answer with its evidence and basis (第48条). Filed by the
    respondent department itself or entered by the 复议机构."""
    case = lock(case)
    if actor is not None and not (
        (case.respondent is not None and _can(actor, case.respondent)) or _can(actor, case.unit)
    ):
        need_change(actor, case.respondent or case.unit, "本单位作为被申请人的案件")
    _need_open(case)
    if not case.copy_sent_on:
        raise ValidationError("尚未向被申请人发送申请书副本")
    if case.answered_on:
        raise ValidationError("被申请人已提交答复")
    on = _day(case, on, "提交答复日期", case.copy_sent_on)
    text = required(summary, "答复要点", 5000)
    # Files go with the respondent's unit when it files them itself; the 复议机构 entering
    # the answer it received on paper keeps them under its own.
    own = case.respondent is not None and _can(actor, case.respondent)
    unit = case.respondent if own else case.unit
    hashes = [
        core.attach(case, f, actor=actor, unit=unit, description="被申请人答复及证据").sha256
        for f in attachments
    ]
    before = snap(case)
    case.answered_on = on
    _done(case.answer_deadline, on, None)  # who may file was checked above
    case.save()
    late = case.no_answer
    record(case, "recon_answered", actor, case.unit,
           f"被申请人提交书面答复和证据：{text}" + ("（已逾期，视为没有证据、依据）" if late else ""),
           before, snap(case), attachments=hashes)  # fmt: skip
    return case


def _can(actor, unit: OrgUnit) -> bool:
    from fazhi.core import access

    return access.can(actor, "change", unit)


# --- hearing, suspension, extension ------------------------------------------------------


@transaction.atomic
def schedule_hearing(case: Case, *, notified_on: dt.date, hearing_on: dt.date, actor) -> Case:
    """第50条 (with 第88条): the parties are told 5 working days before the hearing."""
    case = lock(case)
    _need_body(actor, case)
    _need_open(case)
    notified_on = _day(case, notified_on, "听证通知日期")
    earliest = calendar().add_working_days(notified_on, conf.hearing_notice_working_days()).due
    if hearing_on < earliest:
        raise ValidationError(
            f"听证应在通知后{conf.hearing_notice_working_days()}个工作日以后举行：{notified_on:%Y-%m-%d}"
            f"通知的，最早{earliest:%Y-%m-%d}（《行政复议法》第五十条）"
        )
    before = snap(case)
    case.hearing_notified_on = notified_on
    case.hearing_on = hearing_on
    case.save()
    record(case, "recon_hearing_notice", actor, case.unit,
           f"通知当事人{hearing_on:%Y-%m-%d}举行听证", before, snap(case))  # fmt: skip
    return case


@transaction.atomic
def suspend(case: Case, *, on: dt.date, ground: str, note: str = "", actor) -> Case:
    """中止 (第39条): the decision clock pauses; on the grounds that end a case after 60 days
    (第41条) that clock starts too."""
    case = lock(case)
    _need_body(actor, case)
    _need_open(case)
    if case.state == S.SUSPENDED:
        raise ValidationError("案件已中止审理")
    if ground not in SUSPENSION_GROUNDS:
        raise ValidationError("请选择《行政复议法》第三十九条规定的中止情形")
    on = _day(case, on, "中止日期")
    if on == case.accepted_on:
        raise ValidationError("中止日期应晚于受理日期")
    before = snap(case)
    label = SUSPENSION_GROUNDS[ground]
    core.pause_deadline(case.deadline, start=on, reason=f"中止审理：{label}", actor=actor)
    case.state = S.SUSPENDED
    case.suspended_on = on
    case.suspension_ground = ground
    case.resumed_on = None
    case.save()
    if ground in TERMINABLE:
        core.start_deadline(
            record=case, clock=SUSPENSION, start=on, unit=case.unit,
            title=f"中止满六十日终止：{case.number}", url=office_url(case), actor=actor,
        )  # fmt: skip
    record(case, "recon_suspended", actor, case.unit,
           f"中止审理：{label}" + (f"。{note.strip()}" if note.strip() else ""),
           before, snap(case))  # fmt: skip
    return case


def _suspension_deadline(case: Case) -> Deadline | None:
    return (
        Deadline.objects.filter(
            record_type="reconsideration.case", record_id=str(case.pk), clock=SUSPENSION
        )
        .exclude(state__in=[Deadline.State.DONE, Deadline.State.CANCELLED])
        .first()
    )


@transaction.atomic
def resume(case: Case, *, on: dt.date, actor) -> Case:
    """The ground is gone: the decision clock runs again (the suspended days not counted)."""
    case = lock(case)
    _need_body(actor, case)
    if case.state != S.SUSPENDED:
        raise ValidationError("案件未中止审理")
    on = _day(case, on, "恢复审理日期", case.suspended_on + dt.timedelta(days=1))
    before = snap(case)
    core.resume_deadline(case.deadline, end=on, actor=actor)
    _done(_suspension_deadline(case), on, actor)
    case.state = S.REVIEW
    case.resumed_on = on
    case.save()
    record(case, "recon_resumed", actor, case.unit, f"{on:%Y-%m-%d}恢复审理", before,
           snap(case))  # fmt: skip
    return case


@transaction.atomic
def extend(case: Case, *, days: int, reason: str, approved_by: str, approved_on: dt.date,
           actor) -> Case:  # fmt: skip
    """第62条: at most 30 days, approved by the head of the 复议机构 and told to the
    parties; the 简易程序 has no extension (core refuses from the clock)."""
    case = lock(case)
    _need_body(actor, case)
    _need_open(case)
    approved_on = past(approved_on, "批准日期")
    before = snap(case)
    core.extend_deadline(case.deadline, days=days, reason=reason, approved_by=approved_by,
                         approved_on=approved_on, actor=actor)  # fmt: skip
    case.extended_days += days
    case.save()
    record(case, "recon_extended", actor, case.unit,
           f"经{approved_by.strip()}批准延长审理期限{days}日", before, snap(case))  # fmt: skip
    return case


# --- the end of the case -----------------------------------------------------------------


@transaction.atomic
def decide(case: Case, *, on: dt.date, outcome: str, summary: str, actor) -> Case:
    """决定 (第63—69条) or 调解书 / 准予撤回 / 终止 (第73—74条, 第41条). A decision on the
    merits needs the respondent heard: the copy sent, and its answer in or its period run
    out (第48条, 第70条)."""
    case = lock(case)
    _need_body(actor, case)
    _need_open(case)
    if case.state == S.SUSPENDED:
        raise ValidationError("案件中止审理中，请先恢复审理或依法终止")
    if outcome not in DECIDING + CLOSING:
        raise ValidationError("请选择处理结果")
    on = _day(case, on, "决定日期")
    if outcome in DECIDING:
        if not case.copy_sent_on:
            raise ValidationError("尚未向被申请人发送申请书副本，不能作出复议决定")
        if not case.answered_on and not case.no_answer:
            raise ValidationError(
                "被申请人尚未答复且答复期限未届满，不能作出复议决定（《行政复议法》第四十八条）"
            )
    text = required(summary, "决定要旨", 5000)
    before = snap(case)
    case.outcome = outcome
    case.decided_on = on
    case.decision_summary = text
    case.state = S.DECIDED if outcome in DECIDING else S.CLOSED
    n = next_number(case.unit, on.year, "decision")
    case.decision_number = f"{prefix(case.unit)}行复决〔{on.year}〕{n}号"
    _done(case.deadline, on, actor)
    _done(case.copy_deadline, on, actor)
    _cancel(case.answer_deadline, "案件已审结", None)
    case.save()
    if outcome in DECIDING:
        core.start_deadline(
            record=case, clock=PUBLICATION, start=on, unit=case.unit,
            title=f"公开复议决定书：{case.decision_number}", url=office_url(case), actor=actor,
        )  # fmt: skip
    record(case, "recon_decided", actor, case.unit,
           f"{Outcome(outcome).label}（{case.decision_number}）：{text}", before,
           snap(case))  # fmt: skip
    return case


@transaction.atomic
def serve(case: Case, *, on: dt.date, actor) -> Case:
    case = lock(case)
    _need_body(actor, case)
    if not case.decided_on:
        raise ValidationError("尚未作出决定")
    if case.served_on:
        raise ValidationError("决定书已送达")
    on = _day(case, on, "送达日期", case.decided_on)
    before = snap(case)
    case.served_on = on
    case.save()
    record(case, "recon_served", actor, case.unit, f"{on:%Y-%m-%d}送达决定书", before,
           snap(case))  # fmt: skip
    return case


def _publication_deadline(case: Case) -> Deadline | None:
    return (
        Deadline.objects.filter(
            record_type="reconsideration.case", record_id=str(case.pk), clock=PUBLICATION
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def publish(case: Case, *, on: dt.date, actor) -> Case:
    """Publish the decision on the portal (第79条), masked by core; late ones stay flagged
    by their clock."""
    case = lock(case)
    _need_body(actor, case)
    if case.state != S.DECIDED:
        raise ValidationError("只有作出复议决定的案件才公开决定书")
    if case.published_on:
        raise ValidationError("决定书已公开")
    on = _day(case, on, "公开日期", case.decided_on)
    before = snap(case)
    case.published_on = on
    d = _publication_deadline(case)
    _done(d, on, actor)
    case.save()
    late = d is not None and d.due_date and on > d.due_date
    record(case, "recon_published", actor, case.unit,
           f"{on:%Y-%m-%d}在门户网站公开决定书" + ("（逾期）" if late else ""), before,
           snap(case))  # fmt: skip
    return case


def superior_copy_required(case: Case) -> bool:
    """第79条第2款: for a case against a department of this government, the decision is
    copied to the respondent's superior department (the 主管部门 above it in the system)."""
    return case.respondent is not None and case.respondent.kind == OrgUnit.Kind.DEPARTMENT


@transaction.atomic
def copy_to_superior(case: Case, *, on: dt.date, actor) -> Case:
    case = lock(case)
    _need_body(actor, case)
    if case.state != S.DECIDED:
        raise ValidationError("尚未作出复议决定")
    if not superior_copy_required(case):
        raise ValidationError("被申请人不是本级人民政府工作部门，无须抄告上一级主管部门")
    if case.superior_copied_on:
        raise ValidationError("已抄告")
    on = _day(case, on, "抄告日期", case.decided_on)
    before = snap(case)
    case.superior_copied_on = on
    case.save()
    record(case, "recon_superior_copied", actor, case.unit,
           "决定书抄告被申请人的上一级主管部门（《行政复议法》第七十九条第二款）", before,
           snap(case))  # fmt: skip
    return case


def sweep(day: dt.date) -> dict:
    """What happens by the passing of time, recorded by the daily job: a respondent that
    did not answer in its period (第70条: the act is taken to have no evidence and basis);
    a case suspended more than 60 days on a ground of 第39条第1款第1、2、4项 ends
    (第41条第5项), on the first day past the 60."""
    no_answer = terminated = 0
    for case in Case.objects.filter(
        state__in=[S.REVIEW, S.SUSPENDED], answered_on=None, no_answer=False,
        answer_deadline__due_date__lt=day,
    ).select_related("answer_deadline"):  # fmt: skip
        with transaction.atomic():
            case = lock(case)
            before = snap(case)
            case.no_answer = True
            case.save()
            record(case, "recon_no_answer", None, case.unit,
                   f"被申请人未在答复期限（{case.answer_deadline.due_date:%Y-%m-%d}届满）内提出书面"
                   "答复、提交证据和依据，视为该行政行为没有证据、依据（《行政复议法》第七十条）",
                   before, snap(case))  # fmt: skip
        no_answer += 1
    for case in Case.objects.filter(state=S.SUSPENDED, suspension_ground__in=TERMINABLE):
        d = _suspension_deadline(case)
        if d is None or d.due_date is None or d.due_date >= day:
            continue
        end = d.due_date + dt.timedelta(days=1)
        with transaction.atomic():
            case = lock(case)
            before = snap(case)
            core.complete_deadline(d, on=end, actor=None)
            _done(case.deadline, end, None)
            _cancel(case.answer_deadline, "案件终止", None)
            _cancel(case.copy_deadline, "案件终止", None)
            case.state = S.CLOSED
            case.outcome = Outcome.TERMINATED
            case.decided_on = end
            n = next_number(case.unit, end.year, "decision")
            case.decision_number = f"{prefix(case.unit)}行复终〔{end.year}〕{n}号"
            case.decision_summary = (
                f"因“{SUSPENSION_GROUNDS[case.suspension_ground]}”中止满六十日，中止原因仍未消除，"
                "终止行政复议（《行政复议法》第四十一条第五项）"
            )
            case.save()
            record(case, "recon_terminated", None, case.unit, case.decision_summary, before,
                   snap(case))  # fmt: skip
        terminated += 1
    return {"no_answer": no_answer, "terminated": terminated}


def today_sweep() -> dict:
    return sweep(today())
