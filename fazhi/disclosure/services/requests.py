"""A 政府信息公开申请 from receipt to reply (条例 第二十七—四十五条).

收到 (online on the portal; letters, faxes and visits entered by the clerk with the day of
receipt of 第三十一条) → 补正 once, within 7 working days, the reply period starting again
from the supplement (第三十条; no supplement in time = no longer handled) → 征求意见 of a
third party (第三十二条) or a co-author agency (第三十四条), 15 working days each, not
counted (第三十三条第三款) → 信息处理费 where the request is excessive (第四十二条) → 延期
by up to 20 working days with approval and notice (第三十三条第二款) → 答复 of one of the
types of 第三十六条, or partial disclosure (第三十七条), on or before the due day (a reply
after it is flagged late).

Every step is an event on the request; the clock's pauses, restart and extension are
events on its core Deadline.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.identifiers import validate_id_number, validate_phone, validate_uscc
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .. import conf, rules
from ..deadlines import CONSULTATION, CORRECTION, CORRECTION_NOTICE, FEE, REPLY
from ..models import DisclosureRequest, ThirdPartyConsultation
from . import fees
from .common import (
    hash_code,
    is_open,
    need_change,
    new_access_code,
    new_link_token,
    next_number,
    past,
    record,
    required,
    today,
)

R = DisclosureRequest
ST = R.State
SNAPSHOT = (
    "state", "received_on", "correction_notified_on", "corrected_on", "extension_days",
    "fee_amount", "fee_notified_on", "fee_paid_on", "reply_type", "ground", "result",
    "replied_on", "late",
)  # fmt: skip


def snap(req: DisclosureRequest) -> dict:
    return {f: getattr(req, f) for f in SNAPSHOT}


def lock(req: DisclosureRequest) -> DisclosureRequest:
    return R.objects.select_for_update(of=("self",)).get(pk=req.pk)


def office_url(req: DisclosureRequest) -> str:
    return f"/office/disclosure/requests/{req.pk}/"


def state_words(req: DisclosureRequest) -> str:
    return f"该申请{req.get_state_display()}"


def _normal(text: str) -> str:
    return re.sub(r"[\s，。、,.;；:：“”\"'（）()《》]", "", text or "")


def find_repeat(unit: OrgUnit, applicant_id: str, description: str, before: dt.date):
    """The same applicant's earlier request to the same agency, already answered, that
    asks for the same information (第三十六条第六项: 重复申请). Flagged for the clerk, who
    decides; never refused automatically."""
    text = _normal(description)
    if not text:
        return None
    earlier = R.objects.filter(
        unit=unit, applicant_id=applicant_id, state=ST.REPLIED, received_on__lte=before
    ).order_by("-received_on", "-id")[:50]
    for old in earlier:
        if difflib.SequenceMatcher(None, text, _normal(old.description)).ratio() >= (
            conf.repeat_similarity()
        ):
            return old
    return None


def _identity(kind: str, value: str) -> str:
    if kind == R.ApplicantKind.PERSON:
        return validate_id_number(value)
    if kind in R.ApplicantKind.values:
        return validate_uscc(value)
    raise ValidationError("请选择申请人类型（自然人，或法人或其他组织的类别）")


@transaction.atomic
def submit(
    *,
    unit: OrgUnit | None,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    applicant_id: str,
    applicant_phone: str,
    description: str,
    applicant_address: str = "",
    applicant_email: str = "",
    delivery: str = "电子邮件",
    received_on: dt.date | None = None,
    attachments=(),
    actor=None,
    now: dt.date | None = None,
) -> tuple[DisclosureRequest, str]:
    """Receive a request. Online (``actor`` None) it is received the day it is sent (the
    portal confirms at once, 第三十一条第三项); the clerk gives the day a letter, fax or
    visit came in. Returns the request and its query code, shown once to the applicant.
    ``now`` dates an online request sent earlier (the demo's history)."""
    if unit is None or not unit.active:
        raise ValidationError("请选择受理申请的行政机关")
    if channel not in R.Channel.values:
        raise ValidationError("请选择申请方式")
    if actor is None:
        if channel != R.Channel.ONLINE:
            raise ValidationError("网上提交的申请，申请方式应为网上申请")
        received_on = now or today()
    else:
        need_change(actor, unit, "本单位收到的政府信息公开申请")
        if channel == R.Channel.ONLINE:
            raise ValidationError("窗口登记的申请请选择信函、当面、传真或电子邮件申请")
        received_on = past(received_on, "收到申请日期")
    name = required(applicant_name, "申请人姓名或名称", 200)
    ident = _identity(applicant_kind, (applicant_id or "").strip())
    phone = validate_phone(applicant_phone)
    text = required(description, "所需政府信息的名称、文号或者便于查询的其他特征性描述", 5000)
    email = (applicant_email or "").strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ValidationError("电子邮箱格式不正确")
    year = received_on.year
    n = next_number(unit, year, "request")
    code = new_access_code()
    req = R.objects.create(
        unit=unit,
        tracking_number=f"{unit.code}-依申请-{year}-{n:04d}",
        access_code_hash=hash_code(code),
        link_token=new_link_token(),
        channel=channel,
        applicant_kind=applicant_kind,
        applicant_name=name,
        applicant_id=ident,
        applicant_phone=phone,
        applicant_address=(applicant_address or "").strip()[:200],
        applicant_email=email[:254],
        description=text,
        delivery=(delivery or "电子邮件").strip()[:30],
        received_on=received_on,
        repeat_of=find_repeat(unit, ident, text, received_on),
        recorded_by=actor,
    )
    hashes = [
        core.attach(
            req, f, actor=actor, unit=unit, description="申请材料", public=actor is None
        ).sha256
        for f in attachments
    ]
    waiting = _start_clocks(req, actor)
    summary = f"收到政府信息公开申请（{R.Channel(channel).label}），" + (
        waiting or f"答复期限至{req.deadline.due_date:%Y-%m-%d}"
    )
    if req.repeat_of_id:
        summary += f"；与本申请人{req.repeat_of.received_on:%Y-%m-%d}已答复的申请（{req.repeat_of.tracking_number}）内容相同，请核实是否属于重复申请"
    record(req, "disclosure_request_received", actor, unit, summary, after=snap(req),
           attachments=hashes)  # fmt: skip
    return req, code


def _start_clocks(req: DisclosureRequest, actor) -> str:
    """Start the reply clock and the 补正-notice clock. When the period runs into a year
    whose holiday notice is not loaded yet (from early December), the request is still
    received — the applicant's right does not wait for our calendar — and the daily job
    starts its clocks the day the calendar is loaded. Returns what to tell, or ""."""
    start = req.corrected_on or req.received_on
    try:
        with transaction.atomic():
            req.deadline = core.start_deadline(
                record=req, clock=REPLY, start=start, unit=req.unit,
                title=f"答复政府信息公开申请：{req.tracking_number}", url=office_url(req),
                actor=actor,
            )  # fmt: skip
            if req.corrected_on is None and req.correction_notified_on is None:
                req.correction_deadline = core.start_deadline(
                    record=req, clock=CORRECTION_NOTICE, start=start, unit=req.unit,
                    title=f"审查申请内容、需要补正的一次性告知：{req.tracking_number}",
                    url=office_url(req), actor=actor,
                )  # fmt: skip
    except CalendarMissing as e:
        req.deadline = None
        req.correction_deadline = None
        req.save(update_fields=["deadline", "correction_deadline"])
        return f"答复期限待{e.year}年工作日历（节假日安排）载入后自动计算"
    req.save(update_fields=["deadline", "correction_deadline"])
    return ""


def start_waiting_clocks(day: dt.date) -> int:
    """Requests received while a year's calendar was missing get their clocks now."""
    started = 0
    for req in R.objects.filter(deadline=None, state=ST.RECEIVED):
        with transaction.atomic():
            req = lock(req)
            if req.deadline_id is None and not _start_clocks(req, None):
                record(req, "disclosure_clock_started", None, req.unit,
                       f"工作日历已载入，答复期限至{req.deadline.due_date:%Y-%m-%d}")  # fmt: skip
                started += 1
    return started


# --- the steps ------------------------------------------------------------------------------


def _in_progress(req: DisclosureRequest, *allowed: str) -> None:
    if req.state not in allowed:
        if req.state in (ST.REPLIED, ST.CLOSED):
            raise ValidationError(f"{state_words(req)}，不能再办理")
        raise ValidationError(f"该申请当前{req.get_state_display()}，不能办理此项")


def _after(req: DisclosureRequest, on: dt.date, label: str) -> dt.date:
    on = past(on, label)
    if on < req.received_on:
        raise ValidationError(f"{label}不能早于收到申请日期（{req.received_on:%Y-%m-%d}）")
    return on


def _pause(req: DisclosureRequest, on: dt.date, reason: str, actor) -> None:
    """Stop the reply clock from ``on`` (the day of receipt is never counted, so a step
    taken that day stops it from the next day)."""
    d = req.deadline
    if d is None or d.state != Deadline.State.RUNNING:
        return
    start = max(on, d.start_date + dt.timedelta(days=1))
    last = d.pauses.exclude(end=None).order_by("-end").first()
    if last is not None and start <= last.end:
        start = last.end + dt.timedelta(days=1)
    req.deadline = core.pause_deadline(d, start=start, reason=reason, actor=actor)


def _resume(req: DisclosureRequest, on: dt.date, actor) -> None:
    """Start the reply clock again the day after ``on`` (the day the answer or payment
    came in is still not counted)."""
    if req.deadline_id is None:
        return
    d = Deadline.objects.get(pk=req.deadline_id)
    if d.state != Deadline.State.PAUSED:
        return
    pause = d.pauses.get(end=None)
    req.deadline = core.resume_deadline(
        d, end=max(on + dt.timedelta(days=1), pause.start + dt.timedelta(days=1)), actor=actor
    )


def _finish(deadline: Deadline | None, on: dt.date, actor) -> None:
    if is_open(deadline):
        core.complete_deadline(deadline, on=on, actor=actor)


@transaction.atomic
def request_correction(
    req: DisclosureRequest, *, items: str, on: dt.date, actor
) -> DisclosureRequest:
    """第三十条: the notice goes once, within 7 working days of receipt, and lists every
    point to supplement and the period (conf.correction_working_days)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    if req.correction_notified_on is not None:
        raise ValidationError(
            "补正只能一次性告知，该申请已经告知过补正（《政府信息公开条例》第三十条）"
        )
    _in_progress(req, ST.RECEIVED)
    items = required(items, "需要补正的事项", 2000)
    on = _after(req, on, "补正告知日期")
    notice = req.correction_deadline
    if notice is not None and notice.due_date and on > notice.due_date:
        raise ValidationError(
            f"补正应在收到申请之日起{conf.correction_notice_working_days()}个工作日内告知"
            f"（{notice.due_date:%Y-%m-%d}前），已超过告知期限，应按现有内容答复"
        )
    before = snap(req)
    _finish(notice, on, actor)
    _pause(req, on, "告知申请人补正", actor)
    req.state = ST.CORRECTION
    req.correction_items = items
    req.correction_notified_on = on
    req.correction_deadline = core.start_deadline(
        record=req, clock=CORRECTION, start=on, unit=req.unit,
        title=f"申请人补正：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    req.save()
    record(req, "disclosure_correction", actor, req.unit,
           f"一次性告知申请人补正，补正期限至{req.correction_deadline.due_date:%Y-%m-%d}：{items}",
           before, snap(req))  # fmt: skip
    return req


@transaction.atomic
def supplement(
    req: DisclosureRequest, *, on: dt.date, description: str = "", actor, attachments=()
) -> DisclosureRequest:
    """The supplemented request arrives: the reply period runs again from that day
    (第三十条). ``description`` replaces the original one when the applicant restated it."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.CORRECTION)
    on = past(on, "收到补正申请日期")
    if on < req.correction_notified_on:
        raise ValidationError("收到补正的日期不能早于补正告知日期")
    due = req.correction_deadline.due_date if req.correction_deadline else None
    if due is not None and on > due:
        raise ValidationError(
            f"补正期限已于{due:%Y-%m-%d}届满，申请人逾期未补正的，该申请不再处理；如有正当理由，请在办理记录中说明后重新登记申请"
        )
    before = snap(req)
    _finish(req.correction_deadline, on, actor)
    if req.deadline_id is not None:
        old = Deadline.objects.get(pk=req.deadline_id)
        try:
            with transaction.atomic():
                req.deadline = core.restart_deadline(
                    old, start=on, reason="收到申请人补正后的申请", actor=actor
                )
        except CalendarMissing:
            core.cancel_deadline(old, reason="补正后重新起算，待工作日历载入后计算", actor=actor)
            req.deadline = None
    text = (description or "").strip()
    if text:
        req.description = required(text, "补正后的申请内容", 5000)
    req.corrected_on = on
    req.state = ST.RECEIVED
    req.save()
    waiting = "" if req.deadline_id else _start_clocks(req, actor)
    hashes = [
        core.attach(req, f, actor=actor, unit=req.unit, description="补正材料").sha256
        for f in attachments
    ]
    record(req, "disclosure_supplemented", actor, req.unit,
           f"收到补正后的申请，答复期限自{on:%Y-%m-%d}重新计算，"
           + (waiting or f"至{req.deadline.due_date:%Y-%m-%d}"),
           before, snap(req), attachments=hashes)  # fmt: skip
    return req


@transaction.atomic
def consult(
    req: DisclosureRequest, *, kind: str, party: str, sent_on: dt.date, actor
) -> ThirdPartyConsultation:
    """第三十二条 / 第三十四条: a letter asking a third party or a co-author agency; the
    reply clock stops while the letters are out (第三十三条第三款)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED, ST.CONSULTING)
    if kind not in ThirdPartyConsultation.Kind.values:
        raise ValidationError("请选择征求意见的对象类别（第三方或其他机关）")
    party = required(party, "征求意见对象", 200)
    sent_on = _after(req, sent_on, "发出征求意见函日期")
    if req.corrected_on and sent_on < req.corrected_on:
        raise ValidationError("征求意见日期不能早于收到补正申请的日期")
    before = snap(req)
    _pause(req, sent_on, "征求第三方或其他机关意见", actor)
    c = ThirdPartyConsultation.objects.create(request=req, kind=kind, party=party, sent_on=sent_on)
    c.deadline = core.start_deadline(
        record=req, clock=CONSULTATION, start=sent_on, unit=req.unit,
        title=f"{party}提出意见：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    c.save(update_fields=["deadline"])
    req.state = ST.CONSULTING
    req.save()
    record(req, "disclosure_consulted", actor, req.unit,
           f"向{party}发出征求意见函（{ThirdPartyConsultation.Kind(kind).label}），"
           f"{conf.consultation_working_days()}个工作日内（至{c.deadline.due_date:%Y-%m-%d}）提出意见，"
           "征求意见期间不计入答复期限", before, snap(req))  # fmt: skip
    return c


@transaction.atomic
def record_answer(
    consultation: ThirdPartyConsultation, *, answer: str, on: dt.date, note: str = "", actor
) -> ThirdPartyConsultation:
    """The party's view (or its silence when the 15 days ran out). When no letter is out any
    more, the reply clock runs again from the next day."""
    req = lock(consultation.request)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    c = ThirdPartyConsultation.objects.select_for_update().get(pk=consultation.pk)
    if c.answered_on is not None:
        raise ValidationError("该征求意见已登记过意见")
    if answer not in ThirdPartyConsultation.Answer.values:
        raise ValidationError("请选择对方的意见")
    on = past(on, "收到意见日期")
    if on < c.sent_on:
        raise ValidationError("收到意见的日期不能早于发出征求意见函的日期")
    due = c.deadline.due_date if c.deadline else None
    if answer == ThirdPartyConsultation.Answer.NONE and due is not None and on <= due:
        raise ValidationError(f"征求意见期限至{due:%Y-%m-%d}届满，届满前不能登记为逾期未提出意见")
    before = snap(req)
    c.answer, c.answered_on, c.answer_note = answer, on, (note or "").strip()[:2000]
    c.save(update_fields=["answer", "answered_on", "answer_note"])
    _finish(c.deadline, min(on, due) if due and answer == "none" else on, actor)
    if not req.consultations.filter(answered_on=None).exists():
        _resume(req, on, actor)
        req.state = ST.RECEIVED
        req.save()
    words = {"consent": "同意公开", "object": "不同意公开", "none": "逾期未提出意见"}[answer]
    if answer == "none":
        words += (
            "（第三方逾期未提出意见的，由行政机关依法决定；其他机关逾期未提出意见的，视为同意公开）"
        )
    record(req, "disclosure_consultation_answer", actor, req.unit,
           f"{c.party}：{words}" + (f"。{c.answer_note}" if c.answer_note else ""),
           before, snap(req))  # fmt: skip
    return c


@transaction.atomic
def extend(
    req: DisclosureRequest, *, days: int, reason: str, approved_by: str, approved_on: dt.date,
    actor,
) -> DisclosureRequest:  # fmt: skip
    """第三十三条第二款: up to 20 more working days, approved by the head of the
    政府信息公开工作机构 and told to the applicant (the 延期答复告知书)."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED, ST.CONSULTING, ST.FEE)
    approved_on = _after(req, approved_on, "批准延期日期")
    if req.deadline_id is None:
        raise ValidationError("答复期限尚未计算（工作日历未载入），暂不能办理延期")
    before = snap(req)
    req.deadline = core.extend_deadline(
        Deadline.objects.get(pk=req.deadline_id), days=int(days or 0), reason=reason or "",
        approved_by=approved_by or "", approved_on=approved_on, actor=actor,
    )  # fmt: skip
    req.extension_days += int(days)
    req.extension_approved_by = approved_by.strip()[:50]
    req.extension_approved_on = approved_on
    req.extension_reason = reason.strip()[:300]
    req.save()
    due = req.deadline.due_date
    record(req, "disclosure_extended", actor, req.unit,
           f"经{req.extension_approved_by}批准延长答复期限{days}个工作日"
           + (f"，至{due:%Y-%m-%d}" if due else "") + f"，并告知申请人：{req.extension_reason}",
           before, snap(req))  # fmt: skip
    return req


def month_rank(req: DisclosureRequest) -> int:
    """Which of the applicant's requests to this agency in the calendar month this is."""
    mine = R.objects.filter(unit=req.unit, applicant_id=req.applicant_id)
    first = req.received_on.replace(day=1)
    earlier = mine.filter(received_on__gte=first, received_on__lt=req.received_on).count()
    same_day = mine.filter(received_on=req.received_on, pk__lte=req.pk).count()
    return earlier + same_day


@transaction.atomic
def notify_fee(
    req: DisclosureRequest, *, method: str, on: dt.date, pages: int = 0, actor
) -> DisclosureRequest:
    """第四十二条 and 国办函〔2020〕109号: a fee only when the request exceeds the free
    amount (the 11th request of the month, or more than 30 pages); one scale per request.
    The reply clock stops until the fee is paid."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.RECEIVED)
    if req.fee_notified_on is not None:
        raise ValidationError("该申请已发出过收费通知")
    if method not in dict(fees.METHODS):
        raise ValidationError("请选择计费方式（按件或按量，只能选择一种）")
    if method == fees.PER_PAGE and (pages or 0) < 1:
        raise ValidationError("按量计收请填写提供信息的页数")
    amount = fees.fee(method, nth=month_rank(req), pages=int(pages or 0))
    if amount <= 0:
        if method == fees.PER_REQUEST:
            raise ValidationError(
                f"该申请是申请人本月向本机关提出的第{month_rank(req)}件申请，"
                f"未超过{conf.PER_REQUEST_FREE}件，不收费"
            )
        raise ValidationError("30页以下（含）不收费")
    on = _after(req, on, "收费通知日期")
    before = snap(req)
    _pause(req, on, "申请人缴纳信息处理费", actor)
    req.fee_method, req.fee_amount, req.fee_notified_on = method, amount, on
    req.state = ST.FEE
    fee_clock = core.start_deadline(
        record=req, clock=FEE, start=on, unit=req.unit,
        title=f"申请人缴纳信息处理费：{req.tracking_number}", url=office_url(req), actor=actor,
    )  # fmt: skip
    req.save()
    record(req, "disclosure_fee_notified", actor, req.unit,
           f"发出收费通知（{dict(fees.METHODS)[method]}），信息处理费{amount}元，"
           f"申请人应在{fee_clock.due_date:%Y-%m-%d}前缴纳", before, snap(req))  # fmt: skip
    return req


def fee_deadline(req: DisclosureRequest) -> Deadline | None:
    return (
        Deadline.objects.filter(
            clock=FEE, record_type="disclosure.disclosurerequest", record_id=str(req.pk)
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def fee_paid(req: DisclosureRequest, *, on: dt.date, actor) -> DisclosureRequest:
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, ST.FEE)
    on = past(on, "缴费日期")
    if on < req.fee_notified_on:
        raise ValidationError("缴费日期不能早于收费通知日期")
    clock = fee_deadline(req)
    if clock is not None and clock.due_date and on > clock.due_date:
        raise ValidationError(f"缴费期限已于{clock.due_date:%Y-%m-%d}届满，申请不再处理")
    before = snap(req)
    _finish(clock, on, actor)
    _resume(req, on, actor)
    req.fee_paid_on = on
    req.state = ST.RECEIVED
    req.save()
    record(req, "disclosure_fee_paid", actor, req.unit,
           f"申请人已缴纳信息处理费{req.fee_amount}元，答复期限恢复计算", before, snap(req))  # fmt: skip
    return req


@transaction.atomic
def reply(
    req: DisclosureRequest, *, reply_type: str, on: dt.date, text: str, ground: str = "",
    other_agency: str = "", actor, attachments=(),
) -> DisclosureRequest:  # fmt: skip
    """The 答复 (第三十六条, 第三十七条). Its template row follows from type and ground
    (rules.template_row); a reply after the due day is flagged late."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    if req.state == ST.CONSULTING:
        raise ValidationError("征求意见尚未结束，请先登记对方的意见（或期满未提出意见）")
    if req.state == ST.CORRECTION:
        raise ValidationError("申请人正在补正，请在收到补正申请后答复，或待补正期限届满")
    if req.state == ST.FEE:
        raise ValidationError("申请人尚未缴纳信息处理费，缴费后才能提供信息")
    _in_progress(req, ST.RECEIVED)
    try:
        row = rules.template_row(reply_type, (ground or "").strip())
    except ValueError as e:
        raise ValidationError(str(e)) from None
    on = past(on, "答复日期")
    start = req.corrected_on or req.received_on
    if on < start:
        raise ValidationError(f"答复日期不能早于收到申请（补正申请）的日期（{start:%Y-%m-%d}）")
    if req.fee_paid_on and on < req.fee_paid_on:
        raise ValidationError("答复日期不能早于缴费日期")
    text = required(text, "答复内容", 20000)
    other = (other_agency or "").strip()[:200]
    if reply_type == "not_this_agency" and not other:
        raise ValidationError(
            "能够确定负责公开的机关的，请填写该机关的名称和联系方式（第三十六条第五项）"
        )
    before = snap(req)
    d = Deadline.objects.filter(pk=req.deadline_id).first()
    due = d.due_date if d is not None else None
    req.late = bool(due and on > due)
    _finish(d, on, actor)
    _finish(req.correction_deadline, on, actor)
    req.reply_type, req.ground, req.result = reply_type, (ground or "").strip(), row
    req.reply_text, req.other_agency, req.replied_on = text, other, on
    req.state = ST.REPLIED
    req.save()
    hashes = [
        core.attach(req, f, actor=actor, unit=req.unit, description="答复材料").sha256
        for f in attachments
    ]
    record(req, "disclosure_replied", actor, req.unit,
           f"作出答复：{rules.REPLY_LABELS[reply_type]}"
           + (f"（{dict(rules.grounds_for(reply_type))[req.ground]}）" if req.ground else "")
           + (f"；逾期答复（期限至{due:%Y-%m-%d}）" if req.late else "；按期答复"),
           before, snap(req), attachments=hashes)  # fmt: skip
    return req


@transaction.atomic
def withdraw(req: DisclosureRequest, *, on: dt.date, reason: str, actor) -> DisclosureRequest:
    """The applicant withdraws: counted under （六）其他处理 3.其他."""
    req = lock(req)
    need_change(actor, req.unit, "本单位收到的政府信息公开申请")
    _in_progress(req, *R.OPEN_STATES)
    on = _after(req, on, "撤回日期")
    reason = required(reason, "撤回情况", 500)
    return _close(req, on, "other", f"申请人撤回申请：{reason}", actor)


def _close(req, on, row, summary, actor):
    before = snap(req)
    for c in req.consultations.filter(answered_on=None):
        _finish(c.deadline, on, actor)
    _finish(fee_deadline(req), on, actor)
    _finish(req.correction_deadline, on, actor)
    if req.deadline_id and is_open(req.deadline):
        core.cancel_deadline(
            Deadline.objects.get(pk=req.deadline_id), reason=summary[:200], actor=actor
        )
    req.state, req.result, req.replied_on = ST.CLOSED, row, on
    req.save()
    record(req, "disclosure_closed", actor, req.unit, summary, before, snap(req))
    return req


def sweep(day: dt.date) -> dict:
    """What the passing of time decides, recorded the day after (the daily job): no
    supplement in time → no longer handled (第三十条); fee not paid in time → no longer
    handled (国办函〔2020〕109号); a consultation past its 15 working days → recorded as
    silence and the reply clock runs again (第三十二条、第三十四条)."""
    counts = {"no_correction": 0, "no_fee": 0, "silent_consultations": 0}
    for req in R.objects.filter(state=ST.CORRECTION, correction_deadline__due_date__lt=day):
        with transaction.atomic():
            req = lock(req)
            last = req.correction_deadline.due_date
            _close(req, last + dt.timedelta(days=1), "other_no_correction",
                   f"申请人在补正期限（{last:%Y-%m-%d}届满）内无正当理由未补正，该申请不再处理"
                   "（《政府信息公开条例》第三十条）", None)  # fmt: skip
        counts["no_correction"] += 1
    for req in R.objects.filter(state=ST.FEE):
        clock = fee_deadline(req)
        if clock is None or clock.due_date is None or clock.due_date >= day:
            continue
        with transaction.atomic():
            req = lock(req)
            _close(req, clock.due_date + dt.timedelta(days=1), "other_no_fee",
                   f"申请人逾期（{clock.due_date:%Y-%m-%d}届满）未缴纳信息处理费，该申请不再处理",
                   None)  # fmt: skip
        counts["no_fee"] += 1
    late = ThirdPartyConsultation.objects.filter(
        answered_on=None, deadline__due_date__lt=day, request__state=ST.CONSULTING
    ).select_related("deadline", "request")
    for c in late:
        due = c.deadline.due_date
        record_answer(c, answer="none", on=due + dt.timedelta(days=1), actor=None)
        counts["silent_consultations"] += 1
    return counts


def due_on(req: DisclosureRequest) -> dt.date | None:
    """The reply's due day as of now (None while the clock is stopped)."""
    d = req.deadline
    return d.due_date if d is not None else None


def working_day_of(req: DisclosureRequest, on: dt.date) -> int:
    """Which working day of the reply period ``on`` is (for the record page's wording)."""
    start = req.corrected_on or req.received_on
    return calendar().working_days_between(start, on)
