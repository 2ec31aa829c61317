"""What other modules use of normative documents. Stable: callers never touch documents'
models; they pass their own record's reference and get one back.

    ref = interface.receive_ancillary_review(
        source_ref="reconsideration.case:12", case_number="示范区行复〔2025〕12号",
        requester="张三", document_title="示范区……管理办法", document_number="示范区政规〔2024〕3号",
        received_on=case.accepted_on, unit=case.unit, actor=request.user)

Runs in the caller's transaction and raises ``ValidationError`` or ``PermissionDenied``
(Chinese messages) or ``CalendarMissing`` (a year without calendar data).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from .models import AncillaryReview, NormativeDocument
from .services import ancillary

__all__ = ["ancillary_review_status", "receive_ancillary_review", "year_counts"]

REF_PREFIX = "documents.ancillaryreview:"


def receive_ancillary_review(
    *,
    source_ref: str,
    case_number: str,
    requester: str,
    document_title: str,
    document_number: str = "",
    document=None,
    received_on: dt.date,
    unit,
    actor,
) -> str:
    """A 规范性文件附带审查 raised with a 行政复议 application (行政复议法 第13条, 第56条):
    recorded here with its clocks; the returned reference names it for the caller to keep."""
    review = ancillary.receive(
        source_ref=source_ref,
        case_number=case_number,
        requester=requester,
        document_title=document_title,
        document_number=document_number,
        document=document,
        received_on=received_on,
        unit=unit,
        actor=actor,
    )
    return f"{REF_PREFIX}{review.pk}"


def _review(ref: str) -> AncillaryReview | None:
    text = (ref or "").removeprefix(REF_PREFIX)
    if not ref.startswith(REF_PREFIX) or not (text.isascii() and text.isdigit()):
        return None
    return AncillaryReview.objects.filter(pk=int(text)).first()


def ancillary_review_status(ref: str) -> dict | None:
    """Where a review stands, for the caller's page: state, conclusion, the office page.
    None for a reference that names nothing."""
    review = _review(ref)
    if review is None:
        return None
    return {
        "state": review.get_state_display(),
        "conclusion": review.get_conclusion_display() if review.conclusion else "",
        "concluded_on": review.concluded_on,
        "url": review.get_absolute_url(),
    }


def year_counts(year: int, unit_id: int | None = None) -> dict[str, int]:
    """The 行政规范性文件 row of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号, 二、
    第二十条第（一）项): ``issued`` 本年制发 (公布日期 in the year), ``repealed`` 本年废止
    (废止日期 in the year; 失效 by expiry is not 废止), ``in_force`` 现行有效 on 31 December
    (公布 and 施行 by then, not yet ended nor past its 有效期). Counted by 制定机关 (the unit
    in whose name a document is issued); ``unit_id`` None: the whole district."""
    S = NormativeDocument.Status
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = NormativeDocument.objects.filter(status__in=(S.PUBLISHED, S.REPEALED, S.EXPIRED))
    if unit_id is not None:
        qs = qs.filter(issuer_id=unit_id)
    issued = qs.filter(published_on__gte=start, published_on__lte=end).count()
    repealed = qs.filter(status=S.REPEALED, ended_on__gte=start, ended_on__lte=end).count()
    in_force = (
        qs.filter(published_on__lte=end)
        .filter(Q(effective_on__isnull=True) | Q(effective_on__lte=end))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=end))
        .count()
    )
    return {"issued": issued, "repealed": repealed, "in_force": in_force}


# --- the 政府信息公开 portal's read of the public registry (issue 16) ------------------------

DOCUMENT_REF_PREFIX = "documents.normativedocument:"


def _shown(doc, today: dt.date) -> dict:
    from .services.common import public_url

    return {
        "title": doc.title,
        "number": doc.doc_number,
        "published_on": doc.published_on,
        "status": doc.shown_status(today)[1],
        "url": public_url(doc),
    }


def published_documents_of(unit, *, today: dt.date, limit: int = 10) -> tuple[int, list[dict]]:
    """The normative documents ``unit`` issued that the public library shows (published,
    repealed or expired; 条例 第二十条第一项), newest first: the count and the first
    ``limit`` as dicts (title, 文号, publication date, status as of ``today``, portal page).
    The disclosure portal links to them instead of copying them."""
    from .models import PUBLIC_STATUSES, NormativeDocument

    qs = (
        NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES, issuer=unit)
        .defer("body", "explanation")
        .order_by("-published_on", "-pk")
    )
    return qs.count(), [_shown(d, today) for d in qs[:limit]]


def public_document(ref: str, *, today: dt.date) -> dict | None:
    """A published normative document named by ``ref`` — its 文号, or
    ``documents.normativedocument:<pk>`` — as in ``published_documents_of``; None when no
    public document answers to it (a draft is never named)."""
    from .models import PUBLIC_STATUSES, NormativeDocument

    ref = (ref or "").strip()
    if not ref:
        return None
    qs = NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES).defer("body", "explanation")
    text = ref.removeprefix(DOCUMENT_REF_PREFIX)
    if ref.startswith(DOCUMENT_REF_PREFIX):
        doc = qs.filter(pk=int(text)).first() if text.isascii() and text.isdigit() else None
    else:
        doc = qs.filter(doc_number=ref).order_by("-published_on", "-pk").first()
    return _shown(doc, today) if doc is not None else None


def normative_documents_for_interpretation(unit, limit: int = 500) -> list[dict]:
    """The unit's published 规范性文件 (drafted or issued by it), newest first, for a
    政策解读 to name the document it explains (国办发〔2016〕80号: 解读与文件同步): each as
    {ref, title, number, date}. ``ref`` is the stable reference the caller keeps."""
    from django.db.models import Q

    from .models import NormativeDocument

    rows = (
        NormativeDocument.objects.filter(Q(unit=unit) | Q(issuer=unit))
        .filter(status=NormativeDocument.Status.PUBLISHED)
        .order_by("-published_on", "-pk")
        .values_list("pk", "title", "doc_number", "published_on")[:limit]
    )
    return [
        {"ref": f"{DOCUMENT_REF_PREFIX}{pk}", "title": title, "number": number, "date": on}
        for pk, title, number, on in rows
    ]
