"""What decisions, documents and enforcement use of legality review. Stable: callers never
touch legal's models; they pass their own record as ``subject``.

    review = interface.request_review(subject=doc, kind="normative_document", unit=doc.unit,
                                      title=f"《{doc.title}》", url=f"/office/documents/{doc.pk}/",
                                      actor=request.user)
    if not interface.review_passed(doc): raise ValidationError("未经合法性审核…")

``request_review`` runs in the caller's transaction and raises ``ValidationError`` or
``PermissionDenied`` (Chinese messages) or ``CalendarMissing`` (year without calendar data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import services
from .conf import KINDS

if TYPE_CHECKING:
    from .models import LegalReview

__all__ = [
    "KINDS",
    "adviser_for",
    "latest_review",
    "register_adviser",
    "request_review",
    "review_passed",
    "review_passed_on",
    "review_summary",
]


def request_review(
    *,
    subject,
    kind: str,
    unit,
    title: str,
    url: str,
    actor,
    reviewer_unit=None,
    materials=(),
    on=None,
) -> LegalReview:
    """Send ``subject`` (any saved record) for review by ``reviewer_unit`` (default: the
    configured 法制机构, else the 司法局). ``kind``: one of ``KINDS``. ``materials``: uploaded
    files stored as evidence. ``on``: the day it was sent (default today). Refused while an
    earlier review of the subject is open."""
    return services.request_review(
        on=on,
        subject=subject,
        kind=kind,
        unit=unit,
        title=title,
        url=url,
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=materials,
    )


def latest_review(subject) -> LegalReview | None:
    """The subject's most recent review request, whatever its state."""
    return services.latest_review(subject)


def review_passed(subject) -> bool:
    """True when the latest review concluded 合法 or 修改后合法."""
    return services.review_passed(subject)


def review_passed_on(subject):
    """The date of the written opinion when the latest review passed, else None. A
    collective discussion cannot come before it (条例第25条; 国办发〔2018〕115号)."""
    review = services.latest_review(subject)
    return review.concluded_on if review is not None and review.passed else None


def review_summary(subject) -> str:
    """Chinese one-liner, e.g. "2025-03-12 审查结论：修改后合法（区司法局）"."""
    return services.review_summary(subject)


def adviser_for(unit, on=None):
    """A 法律顾问 or 公职律师 of ``unit`` on the roster (serving on ``on`` when given), or
    None: whom a major decision's legality review consults (重大行政决策程序暂行条例 第28条)."""
    return services.adviser_for(unit, on)


def register_adviser(
    *, name, kind, unit, employer, phone, actor, contract_start=None, contract_end=None
):
    """Add a roster entry. ``kind``: ``counsel`` (法律顾问) or ``public_lawyer`` (公职律师)."""
    return services.register_adviser(
        name=name,
        kind=kind,
        unit=unit,
        employer=employer,
        phone=phone,
        actor=actor,
        contract_start=contract_start,
        contract_end=contract_end,
    )
