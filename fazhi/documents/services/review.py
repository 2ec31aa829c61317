"""合法性审核 (via ``legal``) and 集体审议 (国办发〔2018〕115号: 未经合法性审核或者经审核不合法的，
不得提交集体审议)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.models import OrgUnit

from ..models import NormativeDocument
from .common import (
    KIND,
    S,
    _event,
    _legal,
    _lock,
    _need_draft,
    _past,
    _snap,
    _today,
    may_draft,
    may_issue,
    office_url,
)
from .drafting import participation

# --- legality review --------------------------------------------------------------------


@transaction.atomic
def request_review(
    doc: NormativeDocument,
    *,
    actor,
    self_checked: bool,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
    requester=None,
):
    """Send the draft for 合法性审核 (via ``legal``), after public participation.
    ``requester`` stands in for ``legal.interface.request_review`` (same keywords), for
    the demo's back-dated requests."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status not in (S.DRAFTING, S.CONSULTING):
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能送交合法性审核")
    if not doc.body.strip():
        raise ValidationError("请先填写文件正文")
    done, why = participation(doc)
    if not done:
        raise ValidationError(
            f"公众参与程序尚未完成，不能送交合法性审核：{why or '请先公开征求意见或登记不征求意见的理由'}"
        )
    if not self_checked:
        raise ValidationError(
            "送审前应对照国办发〔2018〕37号的禁止性规定自查（不得增设行政许可、处罚、强制、收费等）"
        )
    review = (requester or _legal().request_review)(
        subject=doc,
        kind=KIND,
        unit=doc.unit,
        title=doc.title,
        url=office_url(doc),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=materials,
    )
    doc.status = S.REVIEWING
    doc.self_checked = True
    doc.review_requested_on = on or _today()
    doc.save(update_fields=["status", "self_checked", "review_requested_on"])
    _event(doc, "document_review_request", actor, f"送交合法性审核（{why}）")
    return review


def review_passed(doc: NormativeDocument) -> bool:
    return bool(_legal().review_passed(doc))


def review_summary(doc: NormativeDocument) -> str:
    return _legal().review_summary(doc)


def _review_date(doc: NormativeDocument, fallback: dt.date) -> dt.date:
    """The date the legal module's latest review concluded (its opinion date)."""
    review = _legal().latest_review(doc)
    return getattr(review, "concluded_on", None) or fallback


@transaction.atomic
def withdraw(doc: NormativeDocument, *, reason: str, actor) -> NormativeDocument:
    """Take the draft back for revision (e.g. after a 不合法 opinion); it must be reviewed
    again before discussion."""
    doc = _lock(doc)
    _need_draft(actor, doc)
    if doc.status not in (S.CONSULTING, S.REVIEWING):
        raise ValidationError("只有征求意见或审核阶段的文件可以撤回修改")
    if doc.status == S.REVIEWING:
        review = _legal().latest_review(doc)
        if review is not None and getattr(review, "concluded_on", None) is None:
            raise ValidationError("合法性审核尚未出具意见；如需修改，请先在合法性审查中撤回送审")
        if review_passed(doc):
            raise ValidationError("合法性审核已通过，请提交集体审议；审议未通过的退回修改")
    if not (reason or "").strip():
        raise ValidationError("请说明撤回修改的理由")
    before = _snap(doc)
    doc.status = S.DRAFTING
    doc.save(update_fields=["status"])
    _event(doc, "document_withdraw", actor, f"撤回修改：{reason.strip()}", before=before)
    return doc


# --- collective discussion ---------------------------------------------------------------


@transaction.atomic
def record_discussion(
    doc: NormativeDocument,
    *,
    meeting: str,
    date: dt.date,
    outcome: str,
    actor,
    note: str = "",
) -> NormativeDocument:
    """集体审议: only after a passed legality review (国办发〔2018〕115号: 未经合法性审核或者
    经审核不合法的，不得提交集体审议)."""
    doc = _lock(doc)
    if not (may_draft(actor, doc) or may_issue(actor, doc)):
        raise PermissionDenied("只有起草单位或制定机关可以登记集体审议情况")
    if doc.status not in (S.REVIEWING,):
        if doc.status in (S.DRAFTING, S.CONSULTING):
            raise ValidationError("文件尚未经合法性审核，不得提交集体审议")
        raise ValidationError(f"文件处于“{doc.get_status_display()}”阶段，不能登记集体审议")
    if not review_passed(doc):
        raise ValidationError("合法性审核尚未完成或审核未通过，不得提交集体审议")
    if not (meeting or "").strip():
        raise ValidationError("请填写审议会议名称（如：区政府第12次常务会议）")
    date = _past(date, "审议日期")
    if doc.review_requested_on and date < doc.review_requested_on:
        raise ValidationError("审议日期不能早于送交合法性审核的日期")
    opinion_on = _legal().review_passed_on(doc)
    if opinion_on and date < opinion_on:
        raise ValidationError(
            f"审议日期不能早于合法性审核意见的出具日期（{opinion_on:%Y-%m-%d}）："
            "未经合法性审核的，不得提交集体审议"
        )
    if outcome not in NormativeDocument.Outcome.values:
        raise ValidationError("请选择审议结果")
    if outcome == NormativeDocument.Outcome.REJECTED and not (note or "").strip():
        raise ValidationError("审议未通过的，请填写审议意见")
    before = _snap(doc)
    doc.legality_reviewed_on = _review_date(doc, date)
    doc.discussion_meeting = meeting.strip()[:100]
    doc.discussion_date = date
    doc.discussion_outcome = outcome
    doc.discussion_note = (note or "").strip()[:500]
    doc.status = S.DRAFTING if outcome == NormativeDocument.Outcome.REJECTED else S.DISCUSSED
    doc.save()
    label = NormativeDocument.Outcome(outcome).label
    _event(
        doc,
        "document_discuss",
        actor,
        f"{doc.discussion_meeting}（{date:%Y-%m-%d}）集体审议：{label}"
        + (f"；{doc.discussion_note}" if doc.discussion_note else ""),
        before=before,
    )
    return doc
