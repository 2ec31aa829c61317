"""备案: reporting a published document to the higher body, and its review result."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import OrgUnit

from .. import rules
from ..deadlines import FILING
from ..models import (
    Filing,
    NormativeDocument,
)
from .common import S, _event, _lock, _need_issue, _open_deadlines, _past

# --- 备案 (filing) ------------------------------------------------------------------------


def default_filed_with(doc: NormativeDocument) -> str:
    if doc.issuer.kind == OrgUnit.Kind.GOVERNMENT and doc.issuer.parent_id is None:
        return "上一级人民政府、本级人大常委会"
    return "本级人民政府（司法行政部门）"


@transaction.atomic
def file(
    doc: NormativeDocument,
    *,
    filed_on: dt.date,
    actor,
    filed_with: str = "",
    late_reason: str = "",
) -> Filing:
    """Report the published document to the higher body for 备案. Filing after the period
    is accepted but flagged late, with the reason recorded."""
    doc = _lock(doc)
    _need_issue(actor, doc)
    if doc.status not in (S.PUBLISHED, S.REPEALED, S.EXPIRED) or not doc.published_on:
        raise ValidationError("文件公布后才能报送备案")
    if Filing.objects.filter(document=doc).exists():
        raise ValidationError("该文件已报送备案")
    filed_on = _past(filed_on, "报送备案日期")
    if filed_on < doc.published_on:
        raise ValidationError("报送备案日期不能早于公布日期")
    due = doc.filing_due_on or rules.filing_due(doc.published_on, strict=False)
    on_time = filed_on <= due
    late_reason = (late_reason or "").strip()
    if not on_time and not late_reason:
        raise ValidationError(
            f"备案期限为{due:%Y-%m-%d}，已逾期{(filed_on - due).days}日，请说明逾期报送的原因"
        )
    filing = Filing.objects.create(
        document=doc,
        filed_with=(filed_with or "").strip()[:100] or default_filed_with(doc),
        filed_on=filed_on,
        due_on=due,
        on_time=on_time,
        late_reason=late_reason[:300],
        created_by=actor,
    )
    for d in _open_deadlines(doc, FILING):
        core.complete_deadline(d, on=filed_on, actor=actor)
    _event(
        doc,
        "document_file",
        actor,
        f"{filed_on:%Y-%m-%d}报送{filing.filed_with}备案"
        + ("（按期）" if on_time else f"（逾期{(filed_on - due).days}日：{late_reason}）"),
        after={"filed_on": filed_on, "due_on": due, "on_time": on_time},
    )
    return filing


@transaction.atomic
def record_filing_outcome(
    filing: Filing, *, outcome: str, on: dt.date, actor, note: str = ""
) -> Filing:
    """The higher body's result of 备案审查."""
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    doc = filing.document
    _need_issue(actor, doc)
    if filing.outcome != Filing.Outcome.PENDING:
        raise ValidationError("该备案已登记审查结果")
    if outcome not in (Filing.Outcome.PASSED, Filing.Outcome.CORRECTED, Filing.Outcome.REJECTED):
        raise ValidationError("请选择审查结果：通过、要求纠正或不予备案")
    on = _past(on, "审查结果日期")
    if on < filing.filed_on:
        raise ValidationError("审查结果日期不能早于报送备案日期")
    note = (note or "").strip()
    if outcome != Filing.Outcome.PASSED and not note:
        raise ValidationError("要求纠正或不予备案的，请填写备案审查意见")
    filing.outcome, filing.outcome_on, filing.outcome_note = outcome, on, note[:500]
    filing.save()
    _event(
        doc,
        "document_filing_outcome",
        actor,
        f"备案审查结果（{on:%Y-%m-%d}）：{filing.get_outcome_display()}"
        + (f"；{note}" if note else ""),
        after={"outcome": outcome, "on": on},
    )
    return filing
