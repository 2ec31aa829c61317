"""The roster of legal advisers and public lawyers (法律顾问、公职律师) and their
participation in meetings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, events, locking
from fazhi.core.identifiers import validate_phone
from fazhi.core.models import OrgUnit

from ..models import (
    AdviserParticipation,
    LegalAdviser,
)
from .common import (
    _day,
    _text,
)

# --- advisers ---------------------------------------------------------------------------

ADVISER_FIELDS = (
    "name",
    "kind",
    "unit_id",
    "employer",
    "phone",
    "contract_start",
    "contract_end",
    "active",
)


@transaction.atomic
def save_adviser(adviser: LegalAdviser, actor, version=None) -> LegalAdviser:
    """Add or update a roster entry (聘期、服务单位). The phone is validated and normalised.
    ``version``: what the edit form was opened at (``locking.claim``)."""
    if adviser.unit_id is None:
        raise ValidationError("请选择服务单位")
    if actor is not None and not access.can(actor, "change", adviser.unit):
        raise PermissionDenied("只能维护为本单位服务的法律顾问和公职律师")
    if adviser.pk:
        locking.claim(adviser, version)
    adviser.name = _text(adviser.name, "请填写姓名", 50)
    adviser.employer = _text(adviser.employer, "请填写律师事务所或工作单位", 100)
    adviser.phone = validate_phone(adviser.phone)
    if adviser.kind == LegalAdviser.Kind.COUNSEL and not adviser.contract_start:
        raise ValidationError("法律顾问须填写聘期起始日期")
    if adviser.contract_start and adviser.contract_end:
        if adviser.contract_end < adviser.contract_start:
            raise ValidationError("聘期截止日期不能早于起始日期")
    adviser.full_clean()
    before = None
    if adviser.pk:
        old = LegalAdviser.objects.get(pk=adviser.pk)
        before = {f: getattr(old, f) for f in ADVISER_FIELDS}
    adviser.save()
    after = {f: getattr(adviser, f) for f in ADVISER_FIELDS}
    # The phone stays out of the full-process record's summary (it is personal data).
    events.append(
        action="update" if before else "create",
        record=adviser,
        actor=actor,
        unit=adviser.unit,
        summary=f"{'修改' if before else '登记'}{adviser.get_kind_display()}“{adviser.name}”"
        f"（{adviser.employer}，服务{adviser.unit.display_name}）",
        before={k: v for k, v in (before or {}).items() if k != "phone"} or None,
        after={k: v for k, v in after.items() if k != "phone"},
    )
    return adviser


def register_adviser(
    *,
    name: str,
    kind: str,
    unit: OrgUnit,
    employer: str,
    phone: str,
    actor,
    contract_start: dt.date | None = None,
    contract_end: dt.date | None = None,
) -> LegalAdviser:
    """A new roster entry from plain values (for callers that do not touch the model)."""
    if kind not in LegalAdviser.Kind.values:
        raise ValidationError("请选择法律顾问或公职律师")
    return save_adviser(
        LegalAdviser(
            name=name,
            kind=kind,
            unit=unit,
            employer=employer,
            phone=phone,
            contract_start=contract_start,
            contract_end=contract_end,
        ),
        actor,
    )


def adviser_for(unit: OrgUnit, on: dt.date | None = None) -> LegalAdviser | None:
    """The first (by registration) adviser or public lawyer of ``unit`` still on the
    roster, serving on ``on`` when a date is given; None if there is none."""
    for adviser in LegalAdviser.objects.filter(active=True, unit=unit).order_by("pk"):
        if on is None or adviser.serving_on(on):
            return adviser
    return None


@transaction.atomic
def record_participation(
    *, adviser: LegalAdviser, date: dt.date, meeting: str, topic: str, unit: OrgUnit, actor
) -> AdviserParticipation:
    """An adviser attended a meeting to give legal advice (法律顾问参与决策会议)."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied("只能登记本单位会议的法律顾问参与情况")
    meeting = _text(meeting, "请填写会议名称", 200)
    topic = _text(topic, "请填写议题")
    date = _day(date, label="会议日期")
    if not adviser.serving_on(date):
        raise ValidationError(f"{adviser.name}在{date:%Y-%m-%d}不在聘期内")
    p = AdviserParticipation.objects.create(
        adviser=adviser, date=date, meeting=meeting, topic=topic, unit=unit, created_by=actor
    )
    events.append(
        action="legal_participation",
        record=p,
        actor=actor,
        unit=unit,
        summary=f"{adviser.name}参加{meeting}（{date:%Y-%m-%d}），议题：{topic}",
        after={"adviser": adviser.pk, "date": date, "meeting": meeting, "topic": topic},
    )
    return p
