"""The interface other modules use to put their records out for public comment.

Stable: decisions (重大行政决策 公众参与) and documents (行政规范性文件 征求意见) call these
and nothing else of this app. A ``subject`` is the record the consultation belongs to:
a saved model instance (named via ``core.events.record_ref``) or a plain
``(record_type, record_id)`` pair.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count

from . import services
from .models import Comment, Consultation, Exemption

__all__ = [
    "comment_counts",
    "consultation_for",
    "cut_short",
    "open_consultation",
    "participation_done",
    "record_exemption",
]


def open_consultation(
    *,
    subject,
    kind: str,
    unit,
    title: str,
    draft: str,
    explanation: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor,
    subject_url: str = "",
    urgent_reason: str = "",
) -> Consultation:
    """Create and publish a consultation of ``subject`` on the portal.

    ``kind`` is "major_decision", "normative_document" or "other". Refused (ValidationError,
    Chinese message) when the period is shorter than the kind's minimum
    (FAZHI_CONSULTATION_MIN_DAYS) and no ``urgent_reason`` is given, when ``opens_on`` is
    before today, or when the subject already has a consultation that has not ended;
    PermissionDenied when ``actor`` may not change records of ``unit``.
    """
    with transaction.atomic():
        c = services.create_draft(
            subject=subject,
            kind=kind,
            unit=unit,
            title=title,
            draft=draft,
            explanation=explanation,
            opens_on=opens_on,
            closes_on=closes_on,
            actor=actor,
            subject_url=subject_url,
            urgent_reason=urgent_reason,
        )
        return services.open_draft(c, actor=actor)


def record_exemption(*, subject, reason: str, approved_by: str, actor) -> Exemption:
    """Record that ``subject`` is legally not put out for public comment (reason and who
    approved). The event is written into the subject's own full-process record."""
    return services.record_exemption(
        subject=subject, reason=reason, approved_by=approved_by, actor=actor
    )


def cut_short(subject) -> str:
    """Why the subject's latest consultation does not count (closed before the statutory
    period), or "" — the caller then lets the subject be put out for comment again."""
    c = consultation_for(subject)
    if c is None or c.state not in (Consultation.State.CLOSED, Consultation.State.SUMMARIZED):
        return ""
    return services.cut_short(c)


def consultation_for(subject) -> Consultation | None:
    """The subject's latest consultation, or None."""
    return services.of_subject(subject).order_by("-pk").first()


def participation_done(subject) -> tuple[bool, str]:
    """(True, "") when a consultation of ``subject`` has its summary of comments published,
    or an exemption is recorded; else (False, the Chinese reason why not)."""
    record_type, record_id = services.subject_ref(subject)
    if Exemption.objects.filter(subject_type=record_type, subject_id=record_id).exists():
        return True, ""
    qs = services.of_subject(subject)
    summarized = list(qs.filter(state=Consultation.State.SUMMARIZED).order_by("-pk"))
    if any(not services.cut_short(c) for c in summarized):
        return True, ""
    c = qs.order_by("-pk").first()
    if c is not None and c.state == Consultation.State.SUMMARIZED:
        return False, services.cut_short(c)
    if c is None:
        return False, "尚未公开征求意见，也未登记免于公开征求意见的理由"
    if c.state == Consultation.State.DRAFT:
        return False, "公开征求意见尚未发布"
    if c.state == Consultation.State.OPEN:
        return False, (
            f"正在公开征求意见（{services.cn_date(c.opens_on)}至{services.cn_date(c.closes_on)}），"
            "尚未结束"
        )
    n = services.counts(c)
    left = n["pending"] + n["unanswered"]
    todo = f"，还有{left}条意见未审核或未答复" if left else ""
    return False, f"公开征求意见已结束，尚未公布意见采纳情况{todo}"


def comment_counts(subject) -> dict:
    """Published comments of every consultation of ``subject`` by answer:
    {"total": n, "adopted": n, "partly": n, "not_adopted": n}. Comments rejected in
    moderation (spam, abuse) and those still pending are not counted; "total" minus the
    three answers is the number still unanswered."""
    record_type, record_id = services.subject_ref(subject)
    published = Comment.objects.filter(
        consultation__subject_type=record_type,
        consultation__subject_id=record_id,
        moderation=Comment.Moderation.PUBLISHED,
    )
    out = {"total": published.count(), "adopted": 0, "partly": 0, "not_adopted": 0}
    rows = published.exclude(response="").values_list("response").annotate(n=Count("pk"))
    for response, n in rows.order_by():
        out[response] = n
    return out
