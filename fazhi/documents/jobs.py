"""Normative documents' scheduled duty (core.jobs registry): documents whose 有效期 has
ended become 失效 (services.expire_due, which writes the full-process record), and the
drafting unit is told. The evaluation due before expiry is a clock (deadlines.py), so its
reminders come from core's deadline duty."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import notify
from fazhi.core.jobs import Reminder, register_job

from . import services
from .models import NormativeDocument

# A lapse is announced to the unit within this many days of it (a run missed for a week
# still tells them; a freshly installed platform does not announce years of old lapses).
ANNOUNCE_DAYS = 7


@register_job("documents.expire", "规范性文件有效期届满失效", module="documents", order=20)
def expire(today: dt.date) -> list[Reminder]:
    services.expire_due(today)
    lapsed = NormativeDocument.objects.filter(
        status=NormativeDocument.Status.EXPIRED,
        valid_until__lt=today,
        valid_until__gte=today - dt.timedelta(days=ANNOUNCE_DAYS + 1),
    ).select_related("unit", "issuer")
    out = []
    for doc in lapsed.order_by("valid_until", "pk"):
        name = f"{doc.title}（{doc.doc_number}）" if doc.doc_number else doc.title
        out.append(
            Reminder(
                recipients=tuple(notify.unit_staff(doc.unit_id)),
                key=f"documents.expired:{doc.pk}:{doc.valid_until}",
                kind="document_expired",
                title=f"规范性文件已失效：{name}",
                body=f"该文件有效期至{doc.valid_until:%Y年%m月%d日}，"
                f"{doc.valid_until + dt.timedelta(days=1):%Y年%m月%d日}起失效"
                f"（制定机关：{doc.issuer.name}）。如需继续执行，应当重新制定并公布。",
                link=reverse("documents:detail", args=[doc.pk]),
                record_type="documents.normativedocument",
                record_id=str(doc.pk),
            )
        )
    return out
