"""Legality review (合法性审查): request, assign, return for materials, resubmit,
conclude with the opinion, withdraw, add material."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.models import Deadline, OrgUnit, Role, User

from .. import conf
from ..deadlines import NAMES, review_clock
from ..models import (
    LegalAdviser,
    LegalReview,
)
from .common import (
    REVIEW_URL,
    SELF_TYPE,
    _clock_actor,
    _day,
    _lock,
    _snapshot,
    _text,
    can_dispatch,
    can_request,
    can_review,
    default_reviewer_unit,
    is_requester,
)

# --- requests and opinions --------------------------------------------------------------


@transaction.atomic
def request_review(
    *,
    subject=None,
    kind: str,
    unit: OrgUnit,
    title: str,
    url: str = "",
    actor,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
    note: str = "",
) -> LegalReview:
    """Submit a draft with its materials for review. ``subject`` is any record (None: a
    matter registered here, which is then its own subject). The clock starts on ``on``."""
    if kind not in conf.KINDS:
        raise ValidationError("请选择审查类型")
    title = _text(title, "请填写送审事项名称")
    if not can_request(actor, unit):
        raise PermissionDenied("只能以本单位名义送请合法性审查")
    reviewer_unit = reviewer_unit or default_reviewer_unit()
    if reviewer_unit is None:
        raise ValidationError("未找到审查机构（司法局），请选择审查机构")
    if not reviewer_unit.active or reviewer_unit.kind == OrgUnit.Kind.COMMUNITY:
        raise ValidationError("审查机构应为在用的区（县）政府、部门或乡镇（街道）")
    on = _day(on, label="送审日期")
    subject_type = subject_id = ""
    if subject is not None:
        subject_type, subject_id = events.record_ref(subject)
        pending = (
            LegalReview.objects.filter(
                subject_type=subject_type,
                subject_id=subject_id,
                state__in=LegalReview.OPEN_STATES,
            )
            .order_by("-pk")
            .first()
        )
        if pending is not None:
            raise ValidationError(
                f"该事项已于{pending.submitted_on:%Y-%m-%d}送请合法性审查，"
                f"目前{pending.get_state_display()}，请等待审查意见或先撤回后再送审"
            )
    review = LegalReview.objects.create(
        kind=kind,
        subject_type=subject_type or SELF_TYPE,
        subject_id=subject_id or "0",
        subject_title=title,
        subject_url=url[:300],
        unit=unit,
        reviewer_unit=reviewer_unit,
        submitted_on=on,
        requested_by=actor,
    )
    if subject is None:
        review.subject_id = str(review.pk)
        review.subject_url = REVIEW_URL.format(review.pk)
    deadline = core.start_deadline(
        record=review,
        clock=review_clock(kind),
        start=on,
        unit=reviewer_unit,
        title=f"{NAMES[kind]}：{title}",
        url=REVIEW_URL.format(review.pk),
        actor=actor,
    )
    review.deadline = deadline
    review.save(update_fields=["subject_id", "subject_url", "deadline"])
    hashes = [
        core.attach(review, f, actor=actor, unit=unit, description="送审材料").sha256
        for f in materials
    ]
    events.append(
        action="legal_request",
        record=review,
        actor=actor,
        unit=unit,
        summary=f"{unit.display_name}送请{reviewer_unit.display_name}"
        f"{NAMES[kind]}：{title}" + (f"（{note.strip()}）" if note.strip() else ""),
        after={
            "kind": kind,
            "subject": [review.subject_type, review.subject_id],
            "reviewer_unit": reviewer_unit.code,
            "submitted_on": on,
            "due": deadline.due_date,
        },
        attachments=hashes,
    )
    return review


@transaction.atomic
def assign(
    review: LegalReview, *, assignee: User, actor, adviser: LegalAdviser | None = None
) -> LegalReview:
    """Assign the review to a legal reviewer of the reviewing unit (and name the adviser
    consulted, if already known)."""
    review = _lock(review)
    if not can_dispatch(actor, review):
        raise PermissionDenied("只有审查机构的法制审核人员或统筹协调人员可以分派审查任务")
    if review.state not in (LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW):
        raise ValidationError("只能分派待审查或审查中的事项")
    if (
        assignee is None
        or not assignee.is_active
        or Role.LEGAL_REVIEWER not in assignee.role_codes
        or assignee.unit_id is None
        or not assignee.unit.path.startswith(review.reviewer_unit.path)
    ):
        raise ValidationError(f"承办人员应为{review.reviewer_unit.name}的法制审核人员")
    if adviser is not None and not adviser.active:
        raise ValidationError(f"{adviser.name}已不在聘，不能征询其意见")
    before = _snapshot(review)
    review.assignee = assignee
    if adviser is not None:
        review.adviser = adviser
    if review.state == LegalReview.State.SUBMITTED:
        review.state = LegalReview.State.IN_REVIEW
    review.save(update_fields=["assignee", "adviser", "state"])
    if review.deadline_id:
        # The board lists the review under the assignee ("mine"); not a state change.
        Deadline.objects.filter(pk=review.deadline_id).update(assignee=assignee)
    events.append(
        action="legal_assign",
        record=review,
        actor=actor,
        unit=review.reviewer_unit,
        summary=f"分派{assignee}承办审查"
        + (f"，征询{adviser}的意见" if adviser is not None else ""),
        before=before,
        after=_snapshot(review),
    )
    return review


@transaction.atomic
def return_for_materials(
    review: LegalReview, *, reason: str, actor, on: dt.date | None = None
) -> LegalReview:
    """Ask the requesting unit for missing materials; the clock stops until they arrive
    (重大行政决策程序暂行条例 第26条: 材料不符合要求的，可以退回或者要求补充)."""
    review = _lock(review)
    if not can_review(actor, review):
        raise PermissionDenied(
            f"只有{review.reviewer_unit.name}的法制审核人员可以要求送审单位补充材料"
        )
    if review.state not in (LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW):
        raise ValidationError("只有待审查或审查中的事项可以退回补充材料")
    reason = _text(reason, "请写明需要补充的材料")
    on = _day(on, label="退回日期", not_before=review.submitted_on)
    deadline = Deadline.objects.get(pk=review.deadline_id)
    # The day of receipt is not counted anyway: a same-day return pauses from the next day.
    start = max(on, deadline.start_date + dt.timedelta(days=1))
    core.pause_deadline(
        deadline,
        start=start,
        reason=f"送审单位补充材料：{reason}"[:300],
        actor=_clock_actor(actor, deadline),
    )
    before = _snapshot(review)
    review.state = LegalReview.State.RETURNED
    review.return_reason = reason
    review.returned_on = on
    review.save(update_fields=["state", "return_reason", "returned_on"])
    events.append(
        action="legal_return",
        record=review,
        actor=actor,
        unit=review.reviewer_unit,
        summary=f"退回补充材料（{on:%Y-%m-%d}起暂停计时）：{reason}",
        before=before,
        after=_snapshot(review),
    )
    return review


@transaction.atomic
def resubmit(
    review: LegalReview, *, actor, materials=(), note: str = "", on: dt.date | None = None
) -> LegalReview:
    """The requesting unit supplies the materials; the clock runs again from that day."""
    review = _lock(review)
    requester = is_requester(actor, review)
    if not (requester or can_review(actor, review)):
        raise PermissionDenied("只有送审单位可以补充材料后重新提交")
    if review.state != LegalReview.State.RETURNED:
        raise ValidationError("该事项未处于退回补充材料状态，无需重新提交")
    if not materials and not note.strip():
        raise ValidationError("请上传补充的材料或说明补充情况")
    on = _day(on, label="重新提交日期", not_before=review.returned_on or review.submitted_on)
    deadline = Deadline.objects.get(pk=review.deadline_id)
    pause = deadline.pauses.get(end=None)
    clock_actor = _clock_actor(actor, deadline)
    if on <= pause.start:
        # Returned on the day of receipt and supplied by the next day: no day was lost.
        core.restart_deadline(
            deadline,
            start=deadline.start_date,
            reason="送审单位当即补齐材料，不暂停计时",
            actor=clock_actor,
        )
    else:
        core.resume_deadline(deadline, end=on, actor=clock_actor)
    before = _snapshot(review)
    review.state = (
        LegalReview.State.IN_REVIEW if review.assignee_id else LegalReview.State.SUBMITTED
    )
    review.save(update_fields=["state"])
    unit = review.unit if requester else review.reviewer_unit
    hashes = [
        core.attach(review, f, actor=actor, unit=unit, description="补充材料").sha256
        for f in materials
    ]
    deadline.refresh_from_db()
    events.append(
        action="legal_resubmit",
        record=review,
        actor=actor,
        unit=unit,
        summary=f"补充材料后重新提交，{on:%Y-%m-%d}恢复计时，届满日{deadline.due_date:%Y-%m-%d}"
        + (f"：{note.strip()}" if note.strip() else ""),
        before=before,
        after=_snapshot(review),
        attachments=hashes,
    )
    return review


def earliest_conclusion(review: LegalReview) -> dt.date:
    """The first day an opinion may be given without a recorded reason: the minimum review
    time (``conf.MIN_DEFAULTS``) counted in working days from receipt, paused days excluded."""
    n = conf.min_working_days(review.kind)
    pauses = []
    start = review.submitted_on
    if review.deadline_id:
        deadline = Deadline.objects.get(pk=review.deadline_id)
        start = deadline.start_date
        pauses = [(p.start, p.end) for p in deadline.pauses.all() if p.end is not None]
    return calendar().add_working_days(start, n, pauses=pauses).due


def reviewed_materials(review: LegalReview) -> list[str]:
    """What is under review: the record sent from its own module (a document, decision or
    contract, linked by ``subject``) and every material attached to the review."""
    from fazhi.core.models import Attachment

    out = []
    if review.subject_type != SELF_TYPE:
        out.append(f"{review.subject_title}（送审记录）")
    for a in Attachment.objects.filter(record_type=SELF_TYPE, record_id=str(review.pk)).order_by(
        "pk"
    ):
        out.append(a.original_name)
    return out


NOTHING_REVIEWED = (
    "本事项既未附送审材料，也未关联送审记录，不能出具审查意见：合法性审查须对送审稿及"
    "相关材料进行审查，请先上传送审稿等材料"
)


def _check_opinion(kind: str, opinion: str, reasons: str, adviser) -> str:
    """The opinion's own rules: a conclusion; reasons for 不合法 and 修改后合法; for a major
    decision an adviser or public lawyer consulted (重大行政决策程序暂行条例 第28条)."""
    if opinion not in LegalReview.Opinion.values:
        raise ValidationError("请选择审查结论")
    reasons = (reasons or "").strip()
    if opinion == LegalReview.Opinion.UNLAWFUL and not reasons:
        raise ValidationError("审查结论为“不合法”的，须写明不合法的理由和依据")
    if opinion == LegalReview.Opinion.LAWFUL_IF_AMENDED and not reasons:
        raise ValidationError("审查结论为“修改后合法”的，须写明具体修改意见")
    if kind == LegalReview.Kind.MAJOR_DECISION and adviser is None:
        raise ValidationError(
            "重大行政决策的合法性审查应当组织法律顾问、公职律师提出法律意见"
            "（重大行政决策程序暂行条例第二十八条），请选择征询的法律顾问或公职律师"
        )
    return reasons


def _check_minimum(review: LegalReview, on: dt.date, early_reason: str, earliest: dt.date) -> str:
    """The minimum review time: an earlier opinion needs its reason recorded. Returns the
    reason to store ('' when the period was respected)."""
    early_reason = (early_reason or "").strip()
    if on >= earliest:
        return ""
    if not early_reason:
        n = conf.min_working_days(review.kind)
        raise ValidationError(
            f"{review.get_kind_display()}的合法性审查时间一般不少于{n}个工作日"
            f"（{conf.min_basis(review.kind)}）。本事项{review.submitted_on:%Y-%m-%d}送审，"
            f"最早可于{earliest:%Y-%m-%d}出具意见；确需提前出具的，请填写提前出具意见的理由"
        )
    return early_reason[:300]


def _next_opinion_seq(review: LegalReview, year: int) -> int:
    # Lock the reviewing unit's row: two opinions of one unit are numbered one at a time.
    OrgUnit.objects.select_for_update().filter(pk=review.reviewer_unit_id).first()
    last = LegalReview.objects.filter(
        reviewer_unit_id=review.reviewer_unit_id, opinion_year=year
    ).aggregate(m=Max("opinion_seq"))["m"]
    return (last or 0) + 1


@transaction.atomic
def conclude(
    review: LegalReview,
    *,
    opinion: str,
    reasons: str,
    actor,
    on: dt.date | None = None,
    early_reason: str = "",
    adviser: LegalAdviser | None = None,
    written: bool = True,
) -> LegalReview:
    """Give the opinion (合法 / 修改后合法 / 不合法).

    Refused before the minimum review time unless the reason is recorded (国办发〔2018〕
    115号 for normative documents; 重大行政决策程序暂行条例 第26条 for major decisions);
    不合法 and 修改后合法 need reasons; a major decision needs an adviser or public lawyer
    consulted (同条例 第28条).
    """
    review = _lock(review)
    if not can_review(actor, review):
        raise PermissionDenied(f"只有{review.reviewer_unit.name}的法制审核人员可以出具审查意见")
    if review.state == LegalReview.State.RETURNED:
        raise ValidationError(
            "送审单位补充材料期间不能出具审查意见，请待材料补齐、恢复计时后再出具"
        )
    if review.state not in (LegalReview.State.SUBMITTED, LegalReview.State.IN_REVIEW):
        raise ValidationError("该事项已出具审查意见或已撤回")
    materials = reviewed_materials(review)
    if not materials:
        # An opinion "on nothing": the reviewing body examines the draft and its materials
        # (重大行政决策程序暂行条例 第26条: 送请合法性审查，应当提供决策草案及相关材料).
        raise ValidationError(NOTHING_REVIEWED)
    reasons = _check_opinion(review.kind, opinion, reasons, adviser or review.adviser)
    on = _day(on, label="出具意见日期", not_before=review.submitted_on)
    adviser = adviser or review.adviser
    early_reason = _check_minimum(review, on, early_reason, earliest_conclusion(review))
    before = _snapshot(review)
    if written:
        review.opinion_year = on.year
        review.opinion_seq = _next_opinion_seq(review, on.year)
    if review.assignee_id is None and actor is not None:
        review.assignee = actor
    review.adviser = adviser
    review.opinion = opinion
    review.reasons = reasons
    review.early_reason = early_reason
    review.written_opinion = written
    review.state = LegalReview.State.CONCLUDED
    review.concluded_on = on
    review.concluded_by = actor
    review.reviewed_materials = materials
    review.save()
    if review.deadline_id:
        deadline = Deadline.objects.get(pk=review.deadline_id)
        if deadline.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.complete_deadline(deadline, on=on, actor=_clock_actor(actor, deadline))
    label = review.get_opinion_display()
    events.append(
        action="legal_conclude",
        record=review,
        actor=actor,
        unit=review.reviewer_unit,
        summary=f"出具审查意见：{label}"
        + (f"（{review.opinion_number}）" if review.opinion_number else "（会签意见）")
        + (f"；提前出具，理由：{early_reason}" if early_reason else "")
        + f"；审查的材料：{'、'.join(materials)}",
        before=before,
        after={
            **_snapshot(review),
            "reasons": reasons,
            "early_reason": early_reason,
            "materials": materials,
        },
    )
    return review


@transaction.atomic
def withdraw(review: LegalReview, *, reason: str, actor, on: dt.date | None = None) -> LegalReview:
    """The requesting unit withdraws its request; the clock is cancelled."""
    review = _lock(review)
    if not (is_requester(actor, review) or access.is_global(actor, "change")):
        raise PermissionDenied("只有送审单位可以撤回送审")
    if not review.is_open:
        raise ValidationError("已出具意见或已撤回的事项不能撤回")
    reason = _text(reason, "请填写撤回理由")
    on = _day(on, label="撤回日期", not_before=review.submitted_on)
    if review.deadline_id:
        deadline = Deadline.objects.get(pk=review.deadline_id)
        core.cancel_deadline(
            deadline, reason=f"送审单位撤回：{reason}", actor=_clock_actor(actor, deadline)
        )
    before = _snapshot(review)
    review.state = LegalReview.State.WITHDRAWN
    review.withdraw_reason = reason
    review.save(update_fields=["state", "withdraw_reason"])
    events.append(
        action="legal_withdraw",
        record=review,
        actor=actor,
        unit=review.unit,
        summary=f"{on:%Y-%m-%d}撤回送审：{reason}",
        before=before,
        after=_snapshot(review),
    )
    return review


@transaction.atomic
def add_material(review: LegalReview, uploaded, *, actor, description: str = ""):
    """Either party adds a document (draft, basis, the adviser's written advice…)."""
    if is_requester(actor, review):
        unit = review.unit
    elif can_review(actor, review):
        unit = review.reviewer_unit
    else:
        raise PermissionDenied("无权为该审查事项上传材料")
    if review.state == LegalReview.State.WITHDRAWN:
        raise ValidationError("已撤回的事项不能再上传材料")
    return core.attach(review, uploaded, actor=actor, unit=unit, description=description or "材料")
