"""Legality review, the adviser roster and government contracts: every state change.

Each function checks its rule, writes, and appends to the full-process record in one
transaction (core.events). ``actor=None`` means the system (as in core.services).
Other modules call ``interface``, never these functions or the models directly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.calendar import calendar
from fazhi.core.identifiers import validate_phone, validate_uscc
from fazhi.core.models import Deadline, OrgUnit, Role, User

from . import conf
from .deadlines import MILESTONE_CLOCK, NAMES, review_clock
from .models import (
    AdviserParticipation,
    Contract,
    ContractDispute,
    ContractMilestone,
    LegalAdviser,
    LegalReview,
)

REVIEWER_ACTION = "legal_review"
REVIEW_URL = "/office/legal/reviews/{}/"
CONTRACT_URL = "/office/legal/contracts/{}/"
SELF_TYPE = "legal.legalreview"


def _today() -> dt.date:
    return timezone.localdate()


def _day(on: dt.date | None, *, label: str, not_before: dt.date | None = None) -> dt.date:
    """A date a user gives for an act: not in the future, not before the act it follows."""
    on = on or _today()
    if on > _today():
        raise ValidationError(f"{label}不能晚于今天")
    if not_before is not None and on < not_before:
        raise ValidationError(f"{label}不能早于{not_before:%Y-%m-%d}")
    return on


def _text(value: str, message: str, limit: int = 300) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value[:limit]


# --- who may -------------------------------------------------------------------------------


def default_reviewer_unit() -> OrgUnit | None:
    """The reviewing 法制机构: ``FAZHI_LEGAL_REVIEW_UNIT`` if set, else the 司法局."""
    code = conf.review_unit_code()
    qs = OrgUnit.objects.filter(active=True)
    if code:
        unit = qs.filter(code=code).first()
        if unit is not None:
            return unit
    return (
        qs.filter(kind=OrgUnit.Kind.DEPARTMENT, name__contains="司法局")
        .order_by("sort_order", "code")
        .first()
    )


def can_request(actor, unit: OrgUnit) -> bool:
    return actor is None or access.can(actor, "change", unit)


def can_review(actor, review: LegalReview) -> bool:
    """The assignee, or a legal reviewer (法制审核人员) of the reviewing unit."""
    if actor is None:
        return True
    if review.assignee_id is not None and review.assignee_id == actor.pk:
        return True
    return access.can(actor, REVIEWER_ACTION, review.reviewer_unit)


def can_dispatch(actor, review: LegalReview) -> bool:
    """Assigning: the reviewing unit's legal reviewers, or the coordinator."""
    return can_review(actor, review) or access.is_global(actor, "change")


def is_requester(actor, review: LegalReview) -> bool:
    return actor is None or access.can(actor, "change", review.unit)


def reviewers_of(unit: OrgUnit):
    """Accounts that can be assigned a review of ``unit``: its legal reviewers."""
    return User.objects.filter(
        is_active=True, roles__code=Role.LEGAL_REVIEWER, unit__path__startswith=unit.path
    ).order_by("username")


def _clock_actor(actor, deadline: Deadline):
    """The actor for core's deadline services; None (the system, after our own check)
    when the requesting unit acts on the clock that belongs to the reviewing unit."""
    if actor is not None and access.can(actor, "change", deadline.unit):
        return actor
    return None


def _lock(review: LegalReview) -> LegalReview:
    return (
        LegalReview.objects.select_for_update(of=("self",))
        .select_related("unit", "reviewer_unit")
        .get(pk=review.pk)
    )


def _snapshot(review: LegalReview) -> dict:
    return {
        "state": review.state,
        "assignee": review.assignee_id,
        "adviser": review.adviser_id,
        "opinion": review.opinion,
        "concluded_on": review.concluded_on,
    }


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
        + (f"；提前出具，理由：{early_reason}" if early_reason else ""),
        before=before,
        after={**_snapshot(review), "reasons": reasons, "early_reason": early_reason},
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


# --- figures by subject kind ------------------------------------------------------------


def counts_by_kind(queryset, year: int) -> list[dict]:
    """Reviews concluded in ``year`` by subject kind (规范性文件、重大行政决策、合同、重大执法
    决定、其他) and opinion, over ``queryset`` (already scoped to the reader): one grouped
    query. Rows in the order of ``LegalReview.Kind`` with a total row last."""
    from django.db.models import Count

    grouped = (
        queryset.filter(state=LegalReview.State.CONCLUDED, concluded_on__year=year)
        .order_by()
        .values("kind", "opinion")
        .annotate(n=Count("pk"))
    )
    table = {k: dict.fromkeys(LegalReview.Opinion.values, 0) for k in LegalReview.Kind.values}
    for row in grouped:
        if row["kind"] in table and row["opinion"] in table[row["kind"]]:
            table[row["kind"]][row["opinion"]] = row["n"]
    rows = []
    for kind, label in LegalReview.Kind.choices:
        n = table[kind]
        rows.append({"kind": kind, "label": label, **n, "total": sum(n.values())})
    total = {o: sum(r[o] for r in rows) for o in LegalReview.Opinion.values}
    rows.append({"kind": "", "label": "合计", **total, "total": sum(total.values())})
    return rows


# --- what other modules ask -------------------------------------------------------------


def latest_review(subject) -> LegalReview | None:
    subject_type, subject_id = events.record_ref(subject)
    return (
        LegalReview.objects.select_related("reviewer_unit", "deadline")
        .filter(subject_type=subject_type, subject_id=subject_id)
        .order_by("-submitted_on", "-pk")
        .first()
    )


def review_passed(subject) -> bool:
    review = latest_review(subject)
    return review is not None and review.passed


def summary_of(review: LegalReview | None) -> str:
    if review is None:
        return "未经合法性审查"
    who = review.reviewer_unit.display_name
    if review.state == LegalReview.State.CONCLUDED:
        return f"{review.concluded_on:%Y-%m-%d} 审查结论：{review.get_opinion_display()}（{who}）"
    if review.state == LegalReview.State.WITHDRAWN:
        return f"{review.submitted_on:%Y-%m-%d} 送{who}审查，已撤回"
    due = ""
    if review.deadline_id and review.deadline.due_date and review.state != "returned":
        due = f"，届满日{review.deadline.due_date:%Y-%m-%d}"
    return f"{review.submitted_on:%Y-%m-%d} 送{who}审查，{review.get_state_display()}{due}"


def review_summary(subject) -> str:
    return summary_of(latest_review(subject))


# --- advisers ---------------------------------------------------------------------------

ADVISER_FIELDS = (
    "name",
    "kind",
    "unit_id",
    "employer",
    "phone",
    "contract_start",
    "contract_end",
    "active",
)


@transaction.atomic
def save_adviser(adviser: LegalAdviser, actor, version=None) -> LegalAdviser:
    """Add or update a roster entry (聘期、服务单位). The phone is validated and normalised.
    ``version``: what the edit form was opened at (``locking.claim``)."""
    if adviser.unit_id is None:
        raise ValidationError("请选择服务单位")
    if actor is not None and not access.can(actor, "change", adviser.unit):
        raise PermissionDenied("只能维护为本单位服务的法律顾问和公职律师")
    if adviser.pk:
        locking.claim(adviser, version)
    adviser.name = _text(adviser.name, "请填写姓名", 50)
    adviser.employer = _text(adviser.employer, "请填写律师事务所或工作单位", 100)
    adviser.phone = validate_phone(adviser.phone)
    if adviser.kind == LegalAdviser.Kind.COUNSEL and not adviser.contract_start:
        raise ValidationError("法律顾问须填写聘期起始日期")
    if adviser.contract_start and adviser.contract_end:
        if adviser.contract_end < adviser.contract_start:
            raise ValidationError("聘期截止日期不能早于起始日期")
    adviser.full_clean()
    before = None
    if adviser.pk:
        old = LegalAdviser.objects.get(pk=adviser.pk)
        before = {f: getattr(old, f) for f in ADVISER_FIELDS}
    adviser.save()
    after = {f: getattr(adviser, f) for f in ADVISER_FIELDS}
    # The phone stays out of the full-process record's summary (it is personal data).
    events.append(
        action="update" if before else "create",
        record=adviser,
        actor=actor,
        unit=adviser.unit,
        summary=f"{'修改' if before else '登记'}{adviser.get_kind_display()}“{adviser.name}”"
        f"（{adviser.employer}，服务{adviser.unit.display_name}）",
        before={k: v for k, v in (before or {}).items() if k != "phone"} or None,
        after={k: v for k, v in after.items() if k != "phone"},
    )
    return adviser


def register_adviser(
    *,
    name: str,
    kind: str,
    unit: OrgUnit,
    employer: str,
    phone: str,
    actor,
    contract_start: dt.date | None = None,
    contract_end: dt.date | None = None,
) -> LegalAdviser:
    """A new roster entry from plain values (for callers that do not touch the model)."""
    if kind not in LegalAdviser.Kind.values:
        raise ValidationError("请选择法律顾问或公职律师")
    return save_adviser(
        LegalAdviser(
            name=name,
            kind=kind,
            unit=unit,
            employer=employer,
            phone=phone,
            contract_start=contract_start,
            contract_end=contract_end,
        ),
        actor,
    )


def adviser_for(unit: OrgUnit, on: dt.date | None = None) -> LegalAdviser | None:
    """The first (by registration) adviser or public lawyer of ``unit`` still on the
    roster, serving on ``on`` when a date is given; None if there is none."""
    for adviser in LegalAdviser.objects.filter(active=True, unit=unit).order_by("pk"):
        if on is None or adviser.serving_on(on):
            return adviser
    return None


@transaction.atomic
def record_participation(
    *, adviser: LegalAdviser, date: dt.date, meeting: str, topic: str, unit: OrgUnit, actor
) -> AdviserParticipation:
    """An adviser attended a meeting to give legal advice (法律顾问参与决策会议)."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied("只能登记本单位会议的法律顾问参与情况")
    meeting = _text(meeting, "请填写会议名称", 200)
    topic = _text(topic, "请填写议题")
    date = _day(date, label="会议日期")
    if not adviser.serving_on(date):
        raise ValidationError(f"{adviser.name}在{date:%Y-%m-%d}不在聘期内")
    p = AdviserParticipation.objects.create(
        adviser=adviser, date=date, meeting=meeting, topic=topic, unit=unit, created_by=actor
    )
    events.append(
        action="legal_participation",
        record=p,
        actor=actor,
        unit=unit,
        summary=f"{adviser.name}参加{meeting}（{date:%Y-%m-%d}），议题：{topic}",
        after={"adviser": adviser.pk, "date": date, "meeting": meeting, "topic": topic},
    )
    return p


# --- contracts --------------------------------------------------------------------------


def _lock_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("unit", "review")
        .get(pk=contract.pk)
    )


def _check_contract(actor, contract: Contract) -> None:
    if actor is not None and not access.can(actor, "change", contract.unit):
        raise PermissionDenied("只能办理本单位的合同")


def _contract_event(contract, action, actor, summary, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=contract,
        actor=actor,
        unit=contract.unit,
        summary=summary,
        before=before,
        after=after,
        attachments=attachments,
    )


@transaction.atomic
def register_contract(
    *,
    unit: OrgUnit,
    title: str,
    category: str,
    counterparty: str,
    actor,
    counterparty_uscc: str = "",
    amount: Decimal | None = None,
    description: str = "",
    on: dt.date | None = None,
) -> Contract:
    """Register a draft contract or agreement before it goes to legality review."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied("只能登记本单位的合同")
    title = _text(title, "请填写合同名称", 200)
    counterparty = _text(counterparty, "请填写合同相对方", 200)
    if category not in Contract.Category.values:
        raise ValidationError("请选择合同类别")
    uscc = validate_uscc(counterparty_uscc) if (counterparty_uscc or "").strip() else ""
    if amount is not None and amount < 0:
        raise ValidationError("合同金额不能为负数")
    on = _day(on, label="登记日期")
    contract = Contract.objects.create(
        title=title,
        category=category,
        counterparty=counterparty,
        counterparty_uscc=uscc,
        amount=amount,
        unit=unit,
        description=(description or "").strip(),
        registered_on=on,
        created_by=actor,
    )
    _contract_event(
        contract,
        "contract_register",
        actor,
        f"登记合同《{title}》，相对方{counterparty}"
        + (f"，金额{amount}万元" if amount is not None else ""),
        after={"category": category, "counterparty": counterparty, "amount": amount},
    )
    return contract


@transaction.atomic
def submit_contract(
    contract: Contract,
    *,
    actor,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
) -> LegalReview:
    """Send the draft contract for legality review (again, after an unlawful opinion or a
    withdrawal)."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    current = contract.review
    resubmission = (
        contract.state == Contract.State.UNDER_REVIEW
        and current is not None
        and not current.is_open
        and not current.passed
    )
    if contract.state != Contract.State.REGISTERED and not resubmission:
        if current is not None and current.is_open:
            raise ValidationError("该合同的合法性审查正在进行中")
        raise ValidationError(f"合同{contract.get_state_display()}，不能再送审")
    review = request_review(
        subject=contract,
        kind=LegalReview.Kind.CONTRACT,
        unit=contract.unit,
        title=f"《{contract.title}》",
        url=CONTRACT_URL.format(contract.pk),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=materials,
        on=_day(on, label="送审日期", not_before=contract.registered_on),
    )
    before = {"state": contract.state}
    contract.review = review
    contract.state = Contract.State.UNDER_REVIEW
    contract.save(update_fields=["review", "state"])
    _contract_event(
        contract,
        "contract_submit",
        actor,
        f"送{review.reviewer_unit.display_name}合法性审查"
        + ("（修改后重新送审）" if resubmission else ""),
        before,
        {"state": contract.state, "review": review.pk},
    )
    return contract.review


def sign_refusal(contract: Contract) -> str:
    """Why the contract may not be signed yet ('' when it may)."""
    review = contract.review
    if review is None:
        return "该合同尚未送合法性审查，未经合法性审查的合同不得签订"
    if review.is_open:
        return "该合同的合法性审查尚未出具意见，不能签订"
    if review.state == LegalReview.State.WITHDRAWN:
        return "该合同的合法性审查已撤回，请重新送审，审查通过后方可签订"
    if not review.passed:
        return "该合同经合法性审查结论为“不合法”，不得签订；请修改后重新送审"
    return ""


@transaction.atomic
def sign_contract(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    """Sign: only after a legality review concluded 合法 or 修改后合法."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state in (Contract.State.REGISTERED, Contract.State.UNDER_REVIEW):
        refusal = sign_refusal(contract)
        if refusal:
            raise ValidationError(refusal)
    else:
        raise ValidationError(f"合同{contract.get_state_display()}，不能重复签订")
    on = _day(on, label="签订日期", not_before=contract.review.concluded_on)
    contract.state = Contract.State.SIGNED
    contract.signed_on = on
    contract.save(update_fields=["state", "signed_on"])
    _contract_event(
        contract,
        "contract_sign",
        actor,
        f"{on:%Y-%m-%d}签订（合法性审查：{contract.review.get_opinion_display()}）",
        {"state": Contract.State.UNDER_REVIEW},
        {"state": contract.state, "signed_on": on},
    )
    return contract


@transaction.atomic
def start_performance(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state != Contract.State.SIGNED:
        raise ValidationError("只有已签订的合同可以开始履行")
    on = _day(on, label="开始履行日期", not_before=contract.signed_on)
    contract.state = Contract.State.PERFORMING
    contract.save(update_fields=["state"])
    _contract_event(
        contract, "contract_perform", actor, f"{on:%Y-%m-%d}开始履行", after={"state": "performing"}
    )
    return contract


@transaction.atomic
def complete_contract(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    """Performance complete: every milestone must be done."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("只有已签订或履行中的合同可以确认履行完毕")
    open_ms = contract.milestones.filter(done_on=None).count()
    if open_ms:
        raise ValidationError(f"还有{open_ms}个履约节点未完成，不能确认履行完毕")
    on = _day(on, label="履行完毕日期", not_before=contract.signed_on)
    contract.state = Contract.State.COMPLETED
    contract.completed_on = on
    contract.save(update_fields=["state", "completed_on"])
    _contract_event(
        contract, "contract_complete", actor, f"{on:%Y-%m-%d}履行完毕", after={"state": "completed"}
    )
    return contract


@transaction.atomic
def terminate_contract(
    contract: Contract, *, reason: str, actor, on: dt.date | None = None
) -> Contract:
    """Terminate (解除/终止) a signed contract; open milestone clocks are cancelled."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("只有已签订或履行中的合同可以终止")
    reason = _text(reason, "请填写终止理由")
    on = _day(on, label="终止日期", not_before=contract.signed_on)
    for ms in contract.milestones.filter(done_on=None).exclude(deadline=None):
        d = ms.deadline
        if d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.cancel_deadline(d, reason=f"合同终止：{reason}", actor=actor)
    contract.state = Contract.State.TERMINATED
    contract.completed_on = on
    contract.end_reason = reason
    contract.save(update_fields=["state", "completed_on", "end_reason"])
    _contract_event(
        contract,
        "contract_terminate",
        actor,
        f"{on:%Y-%m-%d}终止：{reason}",
        after={"state": "terminated", "reason": reason},
    )
    return contract


@transaction.atomic
def add_milestone(contract: Contract, *, title: str, due: dt.date, actor) -> ContractMilestone:
    """A performance milestone; its date goes on the deadline board (FIXED clock)."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("合同签订后才能登记履约节点")
    title = _text(title, "请填写履约节点", 200)
    if due is None:
        raise ValidationError("请填写约定期限")
    ms = ContractMilestone.objects.create(contract=contract, title=title, due=due)
    ms.deadline = core.start_deadline(
        record=ms,
        clock=MILESTONE_CLOCK.code,
        start=due,
        unit=contract.unit,
        title=f"《{contract.title}》履约节点：{title}"[:300],
        url=CONTRACT_URL.format(contract.pk),
        actor=actor,
    )
    ms.save(update_fields=["deadline"])
    # After the last save: the milestone's own record carries its state with the deadline.
    events.append(
        action="milestone_add",
        record=ms,
        actor=actor,
        unit=contract.unit,
        summary=f"登记履约节点“{title}”，约定期限{due:%Y-%m-%d}",
    )
    _contract_event(
        contract, "milestone_add", actor, f"登记履约节点“{title}”，约定期限{due:%Y-%m-%d}"
    )
    return ms


@transaction.atomic
def complete_milestone(
    milestone: ContractMilestone, *, actor, on: dt.date | None = None
) -> ContractMilestone:
    milestone = ContractMilestone.objects.select_for_update().get(pk=milestone.pk)
    contract = milestone.contract
    _check_contract(actor, contract)
    if milestone.done_on is not None:
        raise ValidationError("该履约节点已完成")
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError(f"合同{contract.get_state_display()}，不能再登记履约")
    on = _day(on, label="完成日期", not_before=contract.signed_on)
    milestone.done_on = on
    milestone.save(update_fields=["done_on"])
    if milestone.deadline_id:
        d = Deadline.objects.get(pk=milestone.deadline_id)
        if d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.complete_deadline(d, on=on, actor=actor)
    late = on > milestone.due
    _contract_event(
        contract,
        "milestone_done",
        actor,
        f"履约节点“{milestone.title}”于{on:%Y-%m-%d}完成" + ("（逾期）" if late else ""),
    )
    return milestone


@transaction.atomic
def open_dispute(
    contract: Contract, *, description: str, actor, on: dt.date | None = None
) -> ContractDispute:
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state in (Contract.State.REGISTERED, Contract.State.UNDER_REVIEW):
        raise ValidationError("合同尚未签订，不能登记履约纠纷")
    description = _text(description, "请填写争议事项", 2000)
    on = _day(on, label="纠纷发生日期", not_before=contract.signed_on)
    dispute = ContractDispute.objects.create(
        contract=contract, description=description, opened_on=on
    )
    _contract_event(contract, "dispute_open", actor, f"登记合同纠纷：{description[:100]}")
    return dispute


@transaction.atomic
def resolve_dispute(
    dispute: ContractDispute, *, outcome: str, actor, on: dt.date | None = None
) -> ContractDispute:
    dispute = ContractDispute.objects.select_for_update().get(pk=dispute.pk)
    contract = dispute.contract
    _check_contract(actor, contract)
    if dispute.resolved_on is not None:
        raise ValidationError("该纠纷已处理完毕")
    outcome = _text(outcome, "请填写处理结果")
    on = _day(on, label="解决日期", not_before=dispute.opened_on)
    dispute.resolved_on = on
    dispute.outcome = outcome
    dispute.save(update_fields=["resolved_on", "outcome"])
    _contract_event(contract, "dispute_resolve", actor, f"合同纠纷处理完毕：{outcome}")
    return dispute


# --- ledger import ------------------------------------------------------------------------

REVIEW_ROW_KEYS = {
    "kind",
    "unit",
    "reviewer_unit",
    "title",
    "submitted_on",
    "concluded_on",
    "opinion",
    "reasons",
    "written",
    "adviser",
    "assignee",
    "early_reason",
    "subject",
    "url",
}
SIGNED_STATES = (
    Contract.State.SIGNED,
    Contract.State.PERFORMING,
    Contract.State.COMPLETED,
    Contract.State.TERMINATED,
)


def _review_row(n: int, row: dict, actor, cal) -> LegalReview:
    """One concluded review of the ledger, checked by the rules ``conclude`` applies."""
    title = (row.get("title") or "").strip()
    where = f"第{n}条审查记录（{title or '未命名'}）"
    try:
        unknown = set(row) - REVIEW_ROW_KEYS
        if unknown:
            raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
        if row.get("kind") not in conf.KINDS:
            raise ValidationError("请选择审查类型")
        title = _text(title, "请填写送审事项名称")
        unit, reviewer_unit = row.get("unit"), row.get("reviewer_unit")
        if unit is None or reviewer_unit is None:
            raise ValidationError("请填写送审单位和审查机构")
        if not (
            access.is_global(actor, "change") or access.can(actor, REVIEWER_ACTION, reviewer_unit)
        ):
            raise PermissionDenied(f"无权导入{reviewer_unit.name}的审查台账")
        submitted, concluded = row.get("submitted_on"), row.get("concluded_on")
        if submitted is None or concluded is None:
            raise ValidationError("请填写送审日期和出具意见日期")
        _day(submitted, label="送审日期")
        _day(concluded, label="出具意见日期", not_before=submitted)
        reasons = _check_opinion(
            row["kind"], row.get("opinion"), row.get("reasons"), row.get("adviser")
        )
        review = LegalReview(
            kind=row["kind"],
            subject_title=title,
            subject_url=(row.get("url") or "")[:300],
            unit=unit,
            reviewer_unit=reviewer_unit,
            assignee=row.get("assignee"),
            adviser=row.get("adviser"),
            state=LegalReview.State.CONCLUDED,
            submitted_on=submitted,
            concluded_on=concluded,
            opinion=row["opinion"],
            reasons=reasons,
            written_opinion=row.get("written", True),
            requested_by=actor,
            concluded_by=row.get("assignee"),
        )
        earliest = cal.add_working_days(submitted, conf.min_working_days(row["kind"])).due
        review.early_reason = _check_minimum(
            review, concluded, row.get("early_reason", ""), earliest
        )
        subject = row.get("subject")
        if subject is not None:
            review.subject_type, review.subject_id = events.record_ref(subject)
        return review
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise ValidationError([f"{where}：{m}" for m in messages]) from None


def _required(row: dict, key: str, message: str):
    if row.get(key) is None:
        raise ValidationError(message)
    return row[key]


def _contract_row(n: int, row: dict, actor) -> tuple[Contract, list[dict]]:
    title = (row.get("title") or "").strip()
    where = f"第{n}份合同（{title or '未命名'}）"
    try:
        unit = row.get("unit")
        if unit is None:
            raise ValidationError("请填写承办单位")
        if actor is not None and not access.can(actor, "change", unit):
            raise PermissionDenied(f"无权导入{unit.name}的合同")
        if row.get("category") not in Contract.Category.values:
            raise ValidationError("请选择合同类别")
        state = row.get("state", Contract.State.REGISTERED)
        if state not in Contract.State.values:
            raise ValidationError("合同状态不正确")
        uscc = (row.get("counterparty_uscc") or "").strip()
        contract = Contract(
            title=_text(title, "请填写合同名称", 200),
            category=row["category"],
            counterparty=_text(row.get("counterparty", ""), "请填写合同相对方", 200),
            counterparty_uscc=validate_uscc(uscc) if uscc else "",
            amount=row.get("amount"),
            unit=unit,
            description=(row.get("description") or "").strip(),
            state=state,
            registered_on=_day(_required(row, "registered_on", "请填写登记日期"), label="登记日期"),
            signed_on=row.get("signed_on"),
            completed_on=row.get("completed_on"),
            end_reason=(row.get("end_reason") or "").strip()[:300],
            created_by=actor,
        )
        reviews = sorted(
            row.get("reviews") or [], key=lambda r: r.get("concluded_on") or dt.date.min
        )
        if state != Contract.State.REGISTERED and not reviews:
            raise ValidationError("未经合法性审查的合同不能登记为审查中或已签订")
        if state in SIGNED_STATES:
            last = reviews[-1]
            if last.get("opinion") not in LegalReview.PASSING:
                raise ValidationError("合法性审查结论为“不合法”的合同不得签订")
            if contract.signed_on is None or contract.signed_on < last["concluded_on"]:
                raise ValidationError("签订日期应在合法性审查出具意见之后")
            _day(contract.signed_on, label="签订日期")
        elif contract.signed_on is not None:
            raise ValidationError("未签订的合同不应有签订日期")
        if state in (Contract.State.COMPLETED, Contract.State.TERMINATED):
            if contract.completed_on is None or contract.completed_on < contract.signed_on:
                raise ValidationError("履行完毕或终止日期应在签订日期之后")
            _day(contract.completed_on, label="履行完毕或终止日期")
        if state == Contract.State.TERMINATED and not contract.end_reason:
            raise ValidationError("请填写终止理由")
        return contract, reviews
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise ValidationError([f"{where}：{m}" for m in messages]) from None


@transaction.atomic
def import_ledger(*, reviews=(), contracts=(), actor, source: str) -> tuple[int, int]:
    """Load concluded reviews and contracts from the ledgers (审查台账、合同台账) kept before
    the platform: every row passes the rules the services enforce (reasons, adviser for
    major decisions, minimum review time or its reason, no signed contract without a passed
    review); any failing row rejects the whole batch with row-level messages. No clocks run
    for past records; the batch is one entry of the full-process record.
    Returns (reviews, contracts) loaded."""
    source = _text(source, "请注明台账来源", 200)
    cal = calendar()
    errors: list[str] = []
    built_contracts: list[tuple[Contract, list[dict]]] = []
    for n, row in enumerate(contracts, start=1):
        try:
            built_contracts.append(_contract_row(n, row, actor))
        except ValidationError as exc:
            errors.extend(exc.messages)
    rows = [dict(r) for r in reviews]
    review_rows: list[tuple[dict, Contract | None]] = [(r, None) for r in rows]
    for contract, crows in built_contracts:
        for r in crows:
            r = dict(r, kind=LegalReview.Kind.CONTRACT, unit=contract.unit)
            r.setdefault("title", f"《{contract.title}》")
            review_rows.append((r, contract))
    if errors:
        raise ValidationError(errors)
    for contract, _ in built_contracts:
        contract.source = source
    Contract.objects.bulk_create([c for c, _ in built_contracts], batch_size=500)
    built: list[LegalReview] = []
    for n, (row, contract) in enumerate(review_rows, start=1):
        if contract is not None:
            row["subject"] = contract
            row["url"] = CONTRACT_URL.format(contract.pk)
        try:
            review = _review_row(n, row, actor, cal)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        review.source = source
        built.append(review)
    if errors:
        raise ValidationError(errors)
    # Written opinions are numbered per reviewing unit and year, after what exists.
    seqs: dict[tuple[int, int], int] = {}
    for review in sorted(built, key=lambda r: (r.concluded_on, r.subject_title)):
        if not review.written_opinion:
            continue
        key = (review.reviewer_unit.pk, review.concluded_on.year)
        if key not in seqs:
            OrgUnit.objects.select_for_update().filter(pk=key[0]).first()
            seqs[key] = (
                LegalReview.objects.filter(reviewer_unit_id=key[0], opinion_year=key[1]).aggregate(
                    m=Max("opinion_seq")
                )["m"]
                or 0
            )
        seqs[key] += 1
        review.opinion_year, review.opinion_seq = key[1], seqs[key]
    for review in built:
        if not review.subject_type:
            review.subject_type, review.subject_id = SELF_TYPE, "0"
    LegalReview.objects.bulk_create(built, batch_size=500)
    own = [r for r in built if r.subject_type == SELF_TYPE]
    for r in own:
        r.subject_id, r.subject_url = str(r.pk), REVIEW_URL.format(r.pk)
    LegalReview.objects.bulk_update(own, ["subject_id", "subject_url"], batch_size=500)
    latest: dict[int, LegalReview] = {}
    for r in built:
        if r.kind == LegalReview.Kind.CONTRACT and r.subject_type == "legal.contract":
            cid = int(r.subject_id)
            if cid not in latest or r.concluded_on >= latest[cid].concluded_on:
                latest[cid] = r
    linked = []
    for contract, _ in built_contracts:
        if contract.pk in latest:
            contract.review = latest[contract.pk]
            linked.append(contract)
    Contract.objects.bulk_update(linked, ["review"], batch_size=500)
    # Each imported row starts its own full-process record (after its last write above),
    # so the record check can tell it from a row slipped in by SQL.
    for contract, _ in built_contracts:
        _contract_event(
            contract, "contract_import", actor, f"自历史台账“{source}”导入政府合同"[:500]
        )
    for review in built:
        events.append(
            action="review_import",
            record=review,
            actor=actor,
            unit=review.unit,
            summary=f"自历史台账“{source}”导入合法性审查记录"[:500],
        )
    events.append(
        action="legal_import",
        record_type="legal.import",
        record_id=source[:64],
        actor=actor,
        unit=getattr(actor, "unit", None),
        summary=f"导入历史台账“{source}”：合法性审查{len(built)}件、政府合同{len(built_contracts)}份",
        after={
            "reviews": [r.pk for r in built],
            "contracts": [c.pk for c, _ in built_contracts],
        },
    )
    return len(built), len(built_contracts)
