"""Existing documents (存量文件) entered from the records."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import OrgUnit

from .. import rules, search
from ..deadlines import EXPIRY
from ..models import (
    Filing,
    NormativeDocument,
    NumberSequence,
)
from .common import S, _event, _need_manage, _today, office_url
from .drafting import _check_title
from .filing import default_filed_with

# --- existing documents (import) -------------------------------------------------------------


@transaction.atomic
def import_existing(
    *,
    title: str,
    unit: OrgUnit,
    issuer: OrgUnit,
    doc_number: str,
    published_on: dt.date,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    status: str = S.PUBLISHED,
    ended_on: dt.date | None = None,
    end_reason: str = "",
    legality_reviewed_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    filing_outcome: str = "",
    filed_with: str = "",
    body: str = "",
    actor,
) -> NormativeDocument:
    """An existing document entered from the records (存量文件): what it is and where it
    stands. Its history before the platform is not replayed."""
    _need_manage(actor)
    parsed = rules.parse_number(doc_number)
    year = seq = None
    if parsed and parsed[0] == rules.issuer_prefix(issuer):
        _, year, seq = parsed
        NumberSequence.objects.get_or_create(issuer=issuer, year=year)
        row = NumberSequence.objects.select_for_update().get(issuer=issuer, year=year)
        if row.last < seq:
            row.last = seq
            row.save(update_fields=["last"])
    doc = NormativeDocument.objects.create(
        title=_check_title(title),
        unit=unit,
        issuer=issuer,
        body=body,
        status=status,
        source=NormativeDocument.Source.IMPORTED,
        doc_number=doc_number,
        number_year=year,
        number_seq=seq,
        registered_on=published_on,
        published_on=published_on,
        effective_on=effective_on or published_on,
        valid_until=valid_until,
        filing_due_on=rules.filing_due(published_on, strict=False),
        legality_reviewed_on=legality_reviewed_on,
        self_checked=legality_reviewed_on is not None,
        ended_on=ended_on,
        end_reason=end_reason,
        created_by=actor,
    )
    if filed_on:
        Filing.objects.create(
            document=doc,
            filed_with=filed_with or default_filed_with(doc),
            filed_on=filed_on,
            due_on=doc.filing_due_on,
            on_time=filed_on <= doc.filing_due_on,
            outcome=filing_outcome or Filing.Outcome.PENDING,
            outcome_on=filed_on if filing_outcome and filing_outcome != "pending" else None,
            created_by=actor,
        )
    search.index(doc)
    _event(doc, "document_import", actor, f"导入存量文件《{doc.title}》（{doc_number}）")
    if status == S.PUBLISHED and valid_until and valid_until >= _today():
        core.start_deadline(
            record=doc,
            clock=EXPIRY,
            start=rules.evaluation_due(valid_until, doc.effective_on),
            unit=doc.unit,
            title=f"有效期届满前评估：《{doc.title}》（{doc_number}，有效期至{valid_until:%Y-%m-%d}）"[
                :300
            ],
            url=office_url(doc),
            actor=actor,
        )
    return doc
