"""规范性文件附带审查 raised in a 行政复议 (行政复议法 2023 第13条, 第56—60条).

收到 (from ``reconsideration`` through ``documents.interface``; the clocks to handle in 30
days and to forward in 7 working days start) → 处理方式: the 复议机关 handles it (the
written notice to the maker: its answer within 10 working days, 第58条) or forwards it to
the body that has the power (its reply within 60 days, 第59条) → 制定机关答复 → 结论
(第60条): lawful, or unlawful: 决定停止执行 / 责令制定机关予以纠正. An unlawful finding on a
document in the platform is written on that document's own record too.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, required

from ..deadlines import ANCILLARY_FORWARD, ANCILLARY_HANDLE, ANCILLARY_MAKER, ANCILLARY_REPLY
from ..models import AncillaryReview, NormativeDocument
from .common import _event

A = AncillaryReview
ST = A.State
SNAPSHOT = ("state", "route", "routed_on", "forwarded_to", "maker_answered_on", "conclusion",
            "concluded_on")  # fmt: skip


def snap(review: AncillaryReview) -> dict:
    return {f: getattr(review, f) for f in SNAPSHOT}


def office_url(review: AncillaryReview) -> str:
    return f"/office/documents/ancillary/{review.pk}/"


def need_change(actor, unit: OrgUnit) -> None:
    _need_change(actor, unit, "本单位收到的规范性文件附带审查")


def _lock(review: AncillaryReview) -> AncillaryReview:
    # Only the review row: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    return (
        A.objects.select_for_update(of=("self",))
        .select_related("unit", "document")
        .get(pk=review.pk)
    )


def _running(d: Deadline | None) -> bool:
    return d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED)


def _done(d: Deadline | None, on: dt.date, actor) -> None:
    if _running(d):
        core.complete_deadline(d, on=on, actor=actor)


def _cancel(d: Deadline | None, reason: str, actor) -> None:
    if _running(d):
        core.cancel_deadline(d, reason=reason, actor=actor)


def _day(review: AncillaryReview, on: dt.date | None, label: str, after: dt.date) -> dt.date:
    on = past(on, label)
    if on < after:
        raise ValidationError(f"{label}不能早于{after:%Y-%m-%d}")
    return on


def _title(review: AncillaryReview) -> str:
    return f"《{review.document_title}》（{review.case_number}）"


@transaction.atomic
def receive(
    *,
    source_ref: str,
    case_number: str,
    requester: str,
    document_title: str,
    document_number: str = "",
    document: NormativeDocument | None = None,
    received_on: dt.date,
    unit: OrgUnit,
    actor,
) -> AncillaryReview:
    """The request as the 复议机构 received it. A document named by a 文号 the platform
    knows is linked to it; one made elsewhere is kept by its title and number."""
    need_change(actor, unit)
    source_ref = required(source_ref, "提出审查申请的记录", 100)
    case_number = required(case_number, "行政复议案号", 60)
    requester = required(requester, "申请人", 200)
    document_number = (document_number or "").strip()[:100]
    if document is None and document_number:
        document = NormativeDocument.objects.filter(doc_number=document_number).first()
    if document is not None:
        document_title = document_title or document.title
        document_number = document_number or document.doc_number
    document_title = required(document_title, "规范性文件名称", 200)
    received_on = past(received_on, "收到附带审查申请日期")
    if A.objects.filter(source_ref=source_ref).exists():
        raise ValidationError(
            f"该行政复议案件（{case_number}）的附带审查申请已经转来，不能重复登记"
        )
    review = A.objects.create(
        unit=unit,
        source_ref=source_ref,
        case_number=case_number,
        requester=requester,
        document=document,
        document_title=document_title,
        document_number=document_number,
        received_on=received_on,
        maker_name=document.issuer.name if document is not None else "",
        created_by=actor,
    )
    review.handle_deadline = core.start_deadline(
        record=review, clock=ANCILLARY_HANDLE, start=received_on, unit=unit,
        title=f"处理附带审查申请：{_title(review)}", url=office_url(review), actor=actor,
    )  # fmt: skip
    review.forward_deadline = core.start_deadline(
        record=review, clock=ANCILLARY_FORWARD, start=received_on, unit=unit,
        title=f"无权处理的转送有权机关：{_title(review)}", url=office_url(review), actor=actor,
    )  # fmt: skip
    review.save(update_fields=["handle_deadline", "forward_deadline"])
    record(review, "ancillary_receive", actor, unit,
           f"收到{case_number}一并提出的规范性文件附带审查申请：{_title(review)}",
           after=snap(review))  # fmt: skip
    return review


@transaction.atomic
def route(
    review: AncillaryReview,
    *,
    route: str,
    on: dt.date,
    actor,
    forwarded_to: str = "",
    maker_name: str = "",
) -> AncillaryReview:
    """处理方式 (第56条). ``handle``: this body has the power; ``on`` is the day the written
    notice went to the maker, whose 10 working days start (第58条). ``forward``: to the
    named body on ``on`` (late after 7 working days, recorded as such); its 60 days start."""
    review = _lock(review)
    need_change(actor, review.unit)
    if review.state != ST.RECEIVED:
        raise ValidationError(f"已决定处理方式（{review.get_route_display()}），不能重复办理")
    if route not in A.Route.values:
        raise ValidationError("请选择处理方式：本机关依法处理，或转送有权处理的机关")
    before = snap(review)
    if route == A.Route.HANDLE:
        on = _day(review, on, "书面通知制定机关日期", review.received_on)
        review.maker_name = required(maker_name or review.maker_name, "制定机关", 200)
        _cancel(review.forward_deadline, "本机关有权处理，不转送", actor)
        review.maker_deadline = core.start_deadline(
            record=review, clock=ANCILLARY_MAKER, start=on, unit=review.unit,
            title=f"制定机关书面答复：{_title(review)}", url=office_url(review), actor=actor,
        )  # fmt: skip
        review.state = ST.HANDLING
        summary = f"本机关依法处理，{on:%Y-%m-%d}书面通知制定机关{review.maker_name}提出书面答复"
    else:
        on = _day(review, on, "转送日期", review.received_on)
        review.forwarded_to = required(forwarded_to, "转送的有权处理机关", 200)
        _done(review.forward_deadline, on, actor)
        _cancel(review.handle_deadline, f"已转送{review.forwarded_to}处理", actor)
        review.reply_deadline = core.start_deadline(
            record=review, clock=ANCILLARY_REPLY, start=on, unit=review.unit,
            title=f"{review.forwarded_to}回复处理意见：{_title(review)}", url=office_url(review),
            actor=actor,
        )  # fmt: skip
        review.state = ST.FORWARDED
        summary = f"{on:%Y-%m-%d}转送{review.forwarded_to}依法处理"
    review.route, review.routed_on = route, on
    review.save()
    record(review, "ancillary_route", actor, review.unit, summary, before, snap(review))
    return review


@transaction.atomic
def record_maker_answer(
    review: AncillaryReview, *, on: dt.date, answer: str, actor
) -> AncillaryReview:
    """The maker's written answer on the lawfulness of the clauses (第58条)."""
    review = _lock(review)
    need_change(actor, review.unit)
    if review.state != ST.HANDLING:
        raise ValidationError("只有本机关依法处理的附带审查才登记制定机关的书面答复")
    if review.maker_answered_on:
        raise ValidationError("已登记制定机关的书面答复")
    on = _day(review, on, "制定机关答复日期", review.routed_on)
    answer = required(answer, "书面答复内容", 5000)
    before = snap(review)
    review.maker_answered_on, review.maker_answer = on, answer
    _done(review.maker_deadline, on, actor)
    review.save()
    record(review, "ancillary_maker_answer", actor, review.unit,
           f"{on:%Y-%m-%d}收到制定机关{review.maker_name}的书面答复", before, snap(review))  # fmt: skip
    return review


@transaction.atomic
def conclude(
    review: AncillaryReview, *, conclusion: str, on: dt.date, reasons: str, actor
) -> AncillaryReview:
    """结论 (第60条). Handled here: after the maker's answer, or once its period has run out
    without one. Forwarded: the body's reply as received. Unlawful, and the document is in
    the platform: the finding goes on the document's own record too."""
    review = _lock(review)
    need_change(actor, review.unit)
    if review.state == ST.CONCLUDED:
        raise ValidationError("该附带审查已办结")
    if review.state == ST.RECEIVED:
        raise ValidationError("请先决定处理方式：本机关依法处理，或转送有权处理的机关")
    if conclusion not in A.Conclusion.values:
        raise ValidationError("请选择审查结论")
    on = _day(review, on, "结论日期", review.routed_on)
    reasons = required(reasons, "理由", 5000)
    if review.state == ST.HANDLING and not review.maker_answered_on:
        due = review.maker_deadline.due_date if review.maker_deadline else None
        if due is not None and on <= due:
            raise ValidationError(
                f"制定机关书面答复的期限至{due:%Y-%m-%d}，尚未收到答复，期限届满前不能作出结论"
            )
        _cancel(review.maker_deadline, "制定机关逾期未提交书面答复", actor)
    before = snap(review)
    review.conclusion, review.concluded_on, review.reasons = conclusion, on, reasons
    forwarded = review.state == ST.FORWARDED
    _done(review.reply_deadline if forwarded else review.handle_deadline, on, actor)
    review.state = ST.CONCLUDED
    review.save()
    label = A.Conclusion(conclusion).label
    who = f"{review.forwarded_to}回复处理意见" if forwarded else "审查结论"
    record(review, "ancillary_conclude", actor, review.unit, f"{on:%Y-%m-%d}{who}：{label}；{reasons[:200]}",
           before, snap(review))  # fmt: skip
    if review.unlawful and review.document_id:
        # The applicant's name stays out of the document's record.
        _event(
            review.document,
            "document_ancillary_unlawful",
            actor,
            f"行政复议附带审查（{review.case_number}）{on:%Y-%m-%d}认定不合法：{label}；{reasons[:200]}",
        )
    return review
