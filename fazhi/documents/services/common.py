"""What every documents procedure shares: the record's snapshot and event, who may act
(drafting unit, issuer, coordinator), the row lock, today and the past-date check, the
open clocks of a document. The procedures are in the sibling files; ``__init__``
re-exports them all."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core import access, events
from fazhi.core.models import Deadline

from ..models import NormativeDocument

KIND = "normative_document"
S = NormativeDocument.Status

SNAPSHOT_FIELDS = (
    "title",
    "status",
    "doc_number",
    "registered_on",
    "published_on",
    "effective_on",
    "valid_until",
    "ended_on",
)


def _legal():
    from fazhi.legal import interface

    return interface


def _consultation():
    from fazhi.consultation import interface

    return interface


def office_url(doc: NormativeDocument) -> str:
    return f"/office/documents/{doc.pk}/"


def public_url(doc: NormativeDocument) -> str:
    return f"/documents/{doc.pk}/"


def _snap(doc: NormativeDocument) -> dict:
    return {f: getattr(doc, f) for f in SNAPSHOT_FIELDS}


def _event(doc, action: str, actor, summary: str, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=doc,
        actor=actor,
        unit=doc.unit,
        summary=summary,
        before=before,
        after=after if after is not None else _snap(doc),
        attachments=attachments,
    )


def may_draft(actor, doc: NormativeDocument) -> bool:
    return actor is None or access.can(actor, "change", doc.unit)


def may_issue(actor, doc: NormativeDocument) -> bool:
    """The issuer's office registers, numbers, publishes and files (统一登记、编号、印发)."""
    return actor is None or access.can(actor, "change", doc.issuer)


def _need_draft(actor, doc) -> None:
    if not may_draft(actor, doc):
        raise PermissionDenied("只有起草单位可以办理该事项")


def _need_issue(actor, doc) -> None:
    if not may_issue(actor, doc):
        raise PermissionDenied("只有制定机关（或其办公室）可以办理统一登记、编号、印发和备案")


def _need_manage(actor) -> None:
    if actor is not None and not access.can(actor, "documents_manage"):
        raise PermissionDenied("只有统筹协调人员可以组织规范性文件清理和导入")


def _lock(doc: NormativeDocument) -> NormativeDocument:
    return (
        NormativeDocument.objects.select_for_update()
        .select_related("unit", "issuer")
        .get(pk=doc.pk)
    )


def _today() -> dt.date:
    return timezone.localdate()


def _past(day: dt.date | None, label: str) -> dt.date:
    """A date a person records for an act that has happened (a meeting, a registration,
    a publication, a filing…): given, and not later than today."""
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > _today():
        raise ValidationError(f"{label}不能晚于今天（{_today():%Y-%m-%d}），不能预先登记")
    return day


def _open_deadlines(doc: NormativeDocument, clock: str):
    return Deadline.objects.filter(
        record_type="documents.normativedocument",
        record_id=str(doc.pk),
        clock=clock,
        state__in=[Deadline.State.RUNNING, Deadline.State.PAUSED],
    )
