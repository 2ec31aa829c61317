"""A 行政复议申请 from receipt to acceptance (行政复议法 第三章第一节、第四章第一节).

收件 (online on the portal, or at the counter with the 笔录 of an oral application, 第22条)
→ 受理审查 within 5 working days (第30条; silence = deemed accepted on the last day, which
``sweep`` records) → 补正 (notice within the same 5 days listing everything once; the
applicant's 10 working days; no supplement = deemed to give up, 第31条; the review period
starts again from the supplement) → 受理 (with the 普通 or 简易 procedure, 第53条),
不予受理 (第30条), or 告知 the applicant of the competent body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .. import conf
from ..deadlines import CORRECTION, REVIEW
from ..models import Application, PartyKind
from .common import (
    body_unit,
    hash_code,
    need_change,
    new_access_code,
    new_link_token,
    next_number,
    past,
    prefix,
    record,
    required,
    today,
)

ST = Application.State
SNAPSHOT = ("state", "received_on", "correction_notified_on", "corrected_on", "decided_on")


def snap(app: Application) -> dict:
    return {f: getattr(app, f) for f in SNAPSHOT}


def lock(app: Application) -> Application:
    return Application.objects.select_for_update().get(pk=app.pk)


def office_url(app: Application) -> str:
    return f"/office/reconsideration/applications/{app.pk}/"


# --- the application period (第20—21条) ---------------------------------------------------


@dataclass(frozen=True)
class PeriodCheck:
    start: dt.date | None
    end: dt.date | None
    late: bool
    barred: bool
    note: str


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _end(start: dt.date, days: int) -> tuple[dt.date, str]:
    """``days`` calendar days after ``start``, a last day on a holiday moving to the next
    working day (民事诉讼法 第85条, through 行政复议法 第88条). Without the year's calendar the
    nominal day is given and said to be unrolled."""
    try:
        return calendar().add_calendar_days(start, days).due, ""
    except CalendarMissing:
        return start + dt.timedelta(days=days), "（该年度节假日安排未载入，未计算节假日顺延）"


def check_period(
    *,
    received_on: dt.date,
    known_on: dt.date,
    remedy_told: bool = True,
    remedy_known_on: dt.date | None = None,
    act_on: dt.date | None = None,
    immovable: bool = False,
    inaction: bool = False,
) -> PeriodCheck:
    """Whether an application received on ``received_on`` is within its period.

    * 第20条第1款: 60 days from knowing the act (for inaction: from the day the agency's
      period to act ended, which the applicant gives as ``known_on``).
    * 第20条第3款: not told of the right, body and period → from knowing them, but at most
      1 year from knowing the act.
    * 第21条: never more than 5 years (20 for immovables) after the act.
    A late application is flagged, not refused: force majeure and other good reasons stop
    the period (第20条第2款), which the 复议机构 judges."""
    days = conf.application_days()
    what = "行政机关履行期限届满" if inaction else "知道或者应当知道该行政行为"
    if remedy_told or remedy_known_on is None:
        start = known_on
        end, rolled = _end(start, days)
        basis = f"自{what}之日（{start:%Y-%m-%d}）起{days}日"
    else:
        start = remedy_known_on
        end, rolled = _end(start, days)
        cap = known_on + dt.timedelta(days=conf.untold_cap_days())
        basis = (
            f"行政机关未告知申请复议的权利、机关和期限，自知道之日（{start:%Y-%m-%d}）起{days}日"
        )
        if cap < end:
            end = cap
            basis += f"，但最长不超过自知道行政行为内容之日起一年（{cap:%Y-%m-%d}）"
    late = received_on > end
    barred = False
    note = f"申请期限：{basis}，至{end:%Y-%m-%d}届满{rolled}。"
    if late:
        note += (
            f"收到申请之日（{received_on:%Y-%m-%d}）已超过申请期限{(received_on - end).days}日。"
        )
    else:
        note += "在申请期限内。"
    if act_on is not None:
        years = conf.absolute_bar_years(immovable)
        bar = _add_years(act_on, years)
        if received_on > bar:
            barred = True
            note += f"行政行为作出已超过{years}年（{bar:%Y-%m-%d}），依法不予受理（第二十一条）。"
    return PeriodCheck(start, end, late, barred, note)


# --- receipt --------------------------------------------------------------------------------


def _identity(kind: str, value: str) -> str:
    if kind == PartyKind.PERSON:
        return validate_id_number(value)
    if kind == PartyKind.ORGANISATION:
        return validate_uscc(value)
    raise ValidationError("请选择申请人类型")


def _respondent(respondent: OrgUnit | None, name: str) -> tuple[OrgUnit | None, str]:
    if respondent is not None:
        return respondent, respondent.name
    return None, required(name, "被申请人", 200)


@transaction.atomic
def submit(
    *,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    applicant_id: str,
    applicant_phone: str,
    known_on: dt.date | None,
    act: str,
    requests: str,
    reasons: str,
    respondent: OrgUnit | None = None,
    respondent_name: str = "",
    applicant_address: str = "",
    agent_name: str = "",
    act_number: str = "",
    act_on: dt.date | None = None,
    inaction: bool = False,
    remedy_told: bool = True,
    remedy_known_on: dt.date | None = None,
    immovable: bool = False,
    document_review: str = "",
    disclosure_related: bool = False,
    oral_record: str = "",
    received_on: dt.date | None = None,
    attachments=(),
    actor=None,
    now: dt.date | None = None,
) -> tuple[Application, str]:
    """Receive an application. Online (``actor`` None) it is received the day it is sent;
    at the counter the clerk gives the day it came in, and an oral application needs its
    笔录. Returns the application and its query code, shown once to the applicant.
    ``now`` dates an online application sent earlier (the demo's history; the portal never
    passes it)."""
    unit = body_unit()
    if unit is None:
        raise ValidationError("平台尚未设置行政复议机构，暂不能受理申请，请与司法局联系")
    if channel not in Application.Channel.values:
        raise ValidationError("请选择申请方式")
    if actor is None:
        if channel != Application.Channel.ONLINE:
            raise ValidationError("网上提交的申请，申请方式应为网上申请")
        received_on = now or today()
    else:
        need_change(actor, unit, "行政复议机构的收件")
        if channel == Application.Channel.ONLINE:
            raise ValidationError("窗口登记的申请请选择当面递交、邮寄、口头申请或转送")
        received_on = past(received_on, "收到申请日期")
    if channel == Application.Channel.ORAL:
        oral_record = required(oral_record, "口头申请笔录（经申请人确认）", 5000)
    name = required(applicant_name, "申请人姓名或名称", 200)
    ident = _identity(applicant_kind, (applicant_id or "").strip())
    phone = validate_phone(applicant_phone)
    if known_on is None:
        raise ValidationError("请填写知道或者应当知道该行政行为的日期")
    if known_on > received_on:
        raise ValidationError("知道该行政行为的日期不能晚于提出申请的日期")
    if act_on is not None and act_on > received_on:
        raise ValidationError("行政行为作出日期不能晚于提出申请的日期")
    if act_on is not None and known_on < act_on:
        raise ValidationError("知道该行政行为的日期不能早于行为作出日期")
    if not remedy_told and remedy_known_on is not None and remedy_known_on < known_on:
        raise ValidationError("知道申请复议权利的日期不能早于知道行政行为的日期")
    resp, resp_name = _respondent(respondent, respondent_name)
    period = check_period(
        received_on=received_on,
        known_on=known_on,
        remedy_told=remedy_told,
        remedy_known_on=remedy_known_on,
        act_on=act_on,
        immovable=immovable,
        inaction=inaction,
    )
    year = received_on.year
    n = next_number(unit, year, "application")
    code = new_access_code()
    app = Application.objects.create(
        unit=unit,
        tracking_number=f"{prefix(unit)}复议申〔{year}〕{n:04d}号",
        access_code_hash=hash_code(code),
        link_token=new_link_token(),
        channel=channel,
        applicant_kind=applicant_kind,
        applicant_name=name,
        applicant_id=ident,
        applicant_phone=phone,
        applicant_address=(applicant_address or "").strip()[:200],
        agent_name=(agent_name or "").strip()[:100],
        respondent=resp,
        respondent_name=resp_name,
        act=required(act, "被申请复议的行政行为", 300),
        act_number=(act_number or "").strip()[:100],
        act_on=act_on,
        inaction=inaction,
        known_on=known_on,
        remedy_told=remedy_told,
        remedy_known_on=None if remedy_told else remedy_known_on,
        immovable=immovable,
        requests=required(requests, "行政复议请求", 2000),
        reasons=required(reasons, "事实和理由", 10000),
        oral_record=oral_record,
        document_review=(document_review or "").strip()[:2000],
        disclosure_related=disclosure_related,
        received_on=received_on,
        period_start=period.start,
        period_end=period.end,
        late=period.late,
        period_note=period.note[:300],
        recorded_by=actor,
    )
    hashes = [
        # Online, the applicant has no account: the upload is the public's (core's check).
        core.attach(
            app, f, actor=actor, unit=unit, description="申请材料", public=actor is None
        ).sha256
        for f in attachments
    ]
    app.review_deadline = core.start_deadline(
        record=app,
        clock=REVIEW,
        start=received_on,
        unit=unit,
        title=f"受理审查：{app.tracking_number}（被申请人{resp_name}）",
        url=office_url(app),
        actor=actor,
    )
    app.save(update_fields=["review_deadline"])
    how = Application.Channel(channel).label
    record(
        app,
        "recon_received",
        actor,
        unit,
        f"收到行政复议申请（{how}），被申请人{resp_name}。{period.note}",
        after=snap(app),
        attachments=hashes,
    )
    return app, code


# --- review: 补正, 受理, 不予受理, 告知 --------------------------------------------------------


def state_words(app: Application) -> str:
    """The refusal's wording: 该申请已受理 (not 已已受理), 该申请已不予受理."""
    label = app.get_state_display()
    return f"该申请{label}" if label.startswith("已") else f"该申请已{label}"


def _open(app: Application) -> None:
    if app.state not in Application.OPEN_STATES:
        raise ValidationError(f"{state_words(app)}，不能再办理受理审查")


def _done(deadline: Deadline | None, on: dt.date, actor) -> None:
    if deadline is not None and deadline.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
        core.complete_deadline(deadline, on=on, actor=actor)


def _review_day(app: Application, on: dt.date | None) -> dt.date:
    on = past(on, "审查结论日期")
    if on < (app.corrected_on or app.received_on):
        raise ValidationError("审查结论日期不能早于收到申请（补正材料）的日期")
    return on


@transaction.atomic
def request_correction(app: Application, *, items: str, on: dt.date, actor) -> Application:
    """第31条: one notice listing everything missing, within the review period; the
    applicant has 10 working days from receiving it."""
    app = lock(app)
    need_change(actor, app.unit, "行政复议机构的受理审查")
    if app.state != ST.RECEIVED:
        raise ValidationError(
            "只能对待审查的申请通知补正；补正材料收到后如仍不齐全，应作出受理审查结论"
        )
    on = _review_day(app, on)
    if app.correction_notified_on is not None:
        raise ValidationError("补正通知应当一次性载明需要补正的全部事项，不能再次通知补正")
    before = snap(app)
    app.correction_items = required(items, "需要补正的事项", 2000)
    app.correction_notified_on = on
    app.state = ST.CORRECTION
    _done(app.review_deadline, on, actor)
    app.correction_deadline = core.start_deadline(
        record=app,
        clock=CORRECTION,
        start=on,
        unit=app.unit,
        title=f"申请人补正：{app.tracking_number}",
        url=office_url(app),
        actor=actor,
    )
    app.save()
    record(app, "recon_correction", actor, app.unit,
           f"通知申请人补正：{app.correction_items}", before, snap(app))  # fmt: skip
    return app


@transaction.atomic
def receive_correction(app: Application, *, on: dt.date, actor, attachments=()) -> Application:
    """The supplement arrived: the review period starts again from that day (第31条第3款
    with 第30条)."""
    app = lock(app)
    need_change(actor, app.unit, "行政复议机构的受理审查")
    if app.state != ST.CORRECTION:
        raise ValidationError("该申请不在补正中")
    on = past(on, "收到补正材料日期")
    if on < app.correction_notified_on:
        raise ValidationError("收到补正材料日期不能早于补正通知日期")
    before = snap(app)
    _done(app.correction_deadline, on, actor)
    app.corrected_on = on
    app.state = ST.RECEIVED
    app.review_deadline = core.start_deadline(
        record=app,
        clock=REVIEW,
        start=on,
        unit=app.unit,
        title=f"受理审查（补正后）：{app.tracking_number}",
        url=office_url(app),
        actor=actor,
    )
    app.save()
    hashes = [
        core.attach(app, f, actor=actor, unit=app.unit, description="补正材料").sha256
        for f in attachments
    ]
    record(app, "recon_corrected", actor, app.unit,
           f"{on:%Y-%m-%d}收到补正材料，受理审查期限自该日重新计算", before, snap(app),
           attachments=hashes)  # fmt: skip
    return app


@transaction.atomic
def reject(app: Application, *, on: dt.date, reason: str, actor) -> Application:
    """不予受理 (第30条第1款): a written decision with the reason."""
    app = lock(app)
    need_change(actor, app.unit, "行政复议机构的受理审查")
    _open(app)
    if app.state == ST.CORRECTION:
        raise ValidationError("申请正在补正中：请等待补正材料或补正期限届满")
    on = _review_day(app, on)
    before = snap(app)
    app.reject_reason = required(reason, "不予受理的理由", 2000)
    app.state = ST.REJECTED
    app.decided_on = on
    _done(app.review_deadline, on, actor)
    app.save()
    record(app, "recon_rejected", actor, app.unit, f"决定不予受理：{app.reject_reason}",
           before, snap(app))  # fmt: skip
    return app


@transaction.atomic
def refer(app: Application, *, on: dt.date, to: str, reason: str, actor) -> Application:
    """Not for this body: the applicant is told in writing which body to apply to
    (第30条第2款)."""
    app = lock(app)
    need_change(actor, app.unit, "行政复议机构的受理审查")
    _open(app)
    on = _review_day(app, on)
    before = snap(app)
    app.referred_to = required(to, "有权受理的行政复议机关", 200)
    app.reject_reason = required(reason, "告知的理由", 2000)
    app.state = ST.REFERRED
    app.decided_on = on
    _done(app.review_deadline, on, actor)
    _done(app.correction_deadline, on, actor)
    app.save()
    record(app, "recon_referred", actor, app.unit,
           f"告知申请人向{app.referred_to}申请：{app.reject_reason}", before, snap(app))  # fmt: skip
    return app


@transaction.atomic
def withdraw(app: Application, *, on: dt.date, reason: str, actor) -> Application:
    """The applicant withdraws before acceptance (第74条 applies the same before it)."""
    app = lock(app)
    need_change(actor, app.unit, "行政复议机构的受理审查")
    _open(app)
    on = past(on, "撤回日期")
    before = snap(app)
    app.state = ST.WITHDRAWN
    app.withdrawn_on = on
    app.reject_reason = required(reason, "撤回的说明", 500)
    for d in (app.review_deadline, app.correction_deadline):
        if d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.cancel_deadline(d, reason="申请人撤回申请", actor=actor)
    app.save()
    record(app, "recon_withdrawn", actor, app.unit, f"申请人撤回申请：{app.reject_reason}",
           before, snap(app))  # fmt: skip
    return app


def sweep(day: dt.date) -> dict:
    """What the law makes happen by silence, recorded the day after it happened (the daily
    job): an application not reviewed in time is deemed accepted on the last day of the
    review period (第30条第3款); one whose supplement did not come is deemed given up
    (第31条第2款)."""
    from .cases import accept

    accepted = withdrawn = 0
    due = Application.objects.filter(
        state=ST.RECEIVED, review_deadline__due_date__lt=day
    ).select_related("review_deadline")
    for app in due:
        accept(app, on=app.review_deadline.due_date, actor=None, deemed=True)
        accepted += 1
    gone = Application.objects.filter(
        state=ST.CORRECTION, correction_deadline__due_date__lt=day
    ).select_related("correction_deadline")
    for app in gone:
        with transaction.atomic():
            app = lock(app)
            before = snap(app)
            last = app.correction_deadline.due_date
            app.state = ST.DEEMED_WITHDRAWN
            app.withdrawn_on = last
            _done(app.correction_deadline, last, None)
            app.save()
            record(app, "recon_deemed_withdrawn", None, app.unit,
                   f"申请人在补正期限（{last:%Y-%m-%d}届满）内未补正，视为放弃行政复议申请"
                   "（《行政复议法》第三十一条第二款）", before, snap(app))  # fmt: skip
        withdrawn += 1
    return {"deemed_accepted": accepted, "deemed_withdrawn": withdrawn}
