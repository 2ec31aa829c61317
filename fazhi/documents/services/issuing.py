"""统一登记、统一编号 and 统一印发 (publication) (国办发〔2018〕37号)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core

from .. import rules
from ..deadlines import EXPIRY, FILING
from ..models import (
    NormativeDocument,
    NumberSequence,
)
from .common import S, _event, _lock, _need_issue, _past, _snap, _today, office_url
from .review import review_passed

# --- 统一登记、统一编号 --------------------------------------------------------------------


@transaction.atomic
def register_and_number(
    doc: NormativeDocument, *, actor, on: dt.date | None = None
) -> NormativeDocument:
    """统一登记、统一编号: the next 文号 of the issuer for the year, never skipped or
    repeated. The issuer's NumberSequence row is locked (SELECT … FOR UPDATE) until the
    transaction ends, so concurrent numbering queues; a unique constraint on
    (issuer, year, N) backs it up."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.doc_number:
        raise ValidationError(f"该文件已编号：{doc.doc_number}")
    if doc.status in (S.DRAFTING, S.CONSULTING, S.REVIEWING) and not (
        doc.status == S.REVIEWING and review_passed(doc)
    ):
        raise ValidationError("未经合法性审核或审核未通过的文件，不得统一登记、编号")
    if doc.status != S.DISCUSSED or doc.discussion_outcome not in (
        NormativeDocument.Outcome.APPROVED,
        NormativeDocument.Outcome.APPROVED_WITH_CHANGES,
    ):
        raise ValidationError("文件未经集体审议通过，不得统一登记、编号")
    on = _past(on or _today(), "登记日期")
    if doc.discussion_date and on < doc.discussion_date:
        raise ValidationError("登记日期不能早于集体审议日期")
    year = on.year
    NumberSequence.objects.get_or_create(issuer=doc.issuer, year=year)
    seq = NumberSequence.objects.select_for_update().get(issuer=doc.issuer, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    before = _snap(doc)
    doc.number_year, doc.number_seq = year, seq.last
    doc.doc_number = rules.format_number(doc.issuer, year, seq.last)
    doc.registered_on = on
    doc.status = S.NUMBERED
    doc.save()
    _event(
        doc,
        "document_number",
        actor,
        f"统一登记、编号：{doc.doc_number}（{on:%Y-%m-%d}）",
        before=before,
    )
    return doc


# --- 统一印发 (publication) ----------------------------------------------------------------


@transaction.atomic
def publish(
    doc: NormativeDocument,
    *,
    published_on: dt.date,
    actor,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    channel: str = "",
) -> NormativeDocument:
    """统一印发 and publication (未经公布的规范性文件不得作为行政管理依据). Sets the 有效期
    (at most 5 years; 暂行/试行 2), starts the 备案 clock and the validity warning. The 备案
    period's last day may move past a holiday (rules.filing_due), so the calendar of the year
    it ends in must be loaded: without it publication is refused (``CalendarMissing``)."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.status != S.NUMBERED or not doc.doc_number:
        raise ValidationError("文件未经统一登记、编号，不得印发公布")
    published_on = _past(published_on, "公布日期")
    if doc.registered_on and published_on < doc.registered_on:
        raise ValidationError("公布日期不能早于登记编号日期")
    effective_on = effective_on or published_on
    if effective_on < published_on:
        raise ValidationError("施行日期不能早于公布日期")
    if effective_on > rules.add_years(published_on, 1):
        raise ValidationError("施行日期不能晚于公布日期一年以上")
    longest = rules.max_valid_until(effective_on, doc.title)
    years = rules.valid_years(doc.is_trial)
    if valid_until is None:
        valid_until = longest
    elif valid_until > longest:
        raise ValidationError(
            f"有效期不得超过{years}年"
            + ("（标题含“暂行”或“试行”）" if doc.is_trial else "")
            + f"，最迟至{longest:%Y-%m-%d}"
        )
    elif valid_until < effective_on:
        raise ValidationError("有效期截止日不能早于施行日期")
    before = _snap(doc)
    doc.published_on = published_on
    doc.effective_on = effective_on
    doc.valid_until = valid_until
    doc.publication_channel = (channel or "").strip()[:100] or "政府门户网站"
    doc.filing_due_on = rules.filing_due(published_on)
    doc.status = S.PUBLISHED
    doc.save()
    core.start_deadline(
        record=doc,
        clock=FILING,
        start=doc.filing_due_on,
        unit=doc.issuer,
        title=f"报送备案：《{doc.title}》（{doc.doc_number}）"[:300],
        url=office_url(doc),
        actor=actor,
    )
    core.start_deadline(
        record=doc,
        clock=EXPIRY,
        start=rules.evaluation_due(valid_until, effective_on),
        unit=doc.unit,
        title=f"有效期届满前评估：《{doc.title}》（{doc.doc_number}，有效期至{valid_until:%Y-%m-%d}）"[
            :300
        ],
        url=office_url(doc),
        actor=actor,
    )
    _event(
        doc,
        "document_publish",
        actor,
        f"印发公布{doc.doc_number}：{published_on:%Y-%m-%d}公布（{doc.publication_channel}），"
        f"{effective_on:%Y-%m-%d}施行，有效期至{valid_until:%Y-%m-%d}，"
        f"应于{doc.filing_due_on:%Y-%m-%d}前报送备案",
        before=before,
    )
    return doc
