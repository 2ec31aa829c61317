"""规范性文件附带审查 (行政复议法 第13条, 第56—60条): the applicant asked, with the
application, that a 规范性文件 the challenged act rests on be reviewed. The case routes
the request to ``documents`` through its interface (modules never touch a sibling's
models) and keeps the reference it gets back; the review's clocks and outcome live there.

The request is taken as received on the case's acceptance day: it is handled within the
accepted case (第56条's 30 days and 7 working days run from then).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Case
from .cases import _need_body, _need_open, lock, snap
from .common import record, required


def _documents():
    from fazhi.documents import interface

    return interface


@transaction.atomic
def route_document_review(
    case: Case, *, document_title: str, document_number: str = "", actor
) -> Case:
    """Send the application's request for 附带审查 to the documents module, once."""
    case = lock(case)
    _need_body(actor, case)
    if not (case.document_review or "").strip():
        raise ValidationError("该案件的申请未一并提出对规范性文件的附带审查申请")
    if case.document_review_ref:
        raise ValidationError("该案件的附带审查申请已转规范性文件附带审查办理，不能重复转送")
    _need_open(case)
    document_title = required(document_title, "规范性文件名称", 200)
    before = snap(case)
    ref = _documents().receive_ancillary_review(
        source_ref=f"reconsideration.case:{case.pk}",
        case_number=case.number,
        requester=case.application.applicant_name,
        document_title=document_title,
        document_number=(document_number or "").strip(),
        received_on=case.accepted_on,
        unit=case.unit,
        actor=actor,
    )
    case.document_review_ref = ref
    case.save(update_fields=["document_review_ref"])
    number = f"（{document_number.strip()}）" if (document_number or "").strip() else ""
    record(case, "recon_document_review", actor, case.unit,
           f"一并提出的规范性文件附带审查申请转附带审查办理：《{document_title}》{number}",
           before, {**snap(case), "document_review_ref": ref})  # fmt: skip
    return case
