"""The numbers of the documents an agency sends in an 依申请公开 (补正告知书, 征求意见函,
延期答复告知书, 答复书, 信息处理费收费通知): a 发文字号 of its own, given the first time the
document is made and kept on the record, so every later copy carries the same number.

The form follows GB/T 9704-2012《党政机关公文格式》7.2.4: 机关代字, the year in full in
六角括号, the running number without 第 and without leading zeros — e.g.
``测试区市场监管局公开答〔2025〕3号``. The 机关代字 is the agency's own: set it per unit in
``FAZHI_DISCLOSURE_DOC_PREFIX`` (settings: ``D23=示区市监,G00=示区府``); without it the
district part of the government's name and the unit's short name are used. 公开 plus one
character says which document it is (``KINDS``); each kind runs its own sequence per unit
and year (the year of the document's date).

Giving a number changes the record: only staff who may change the agency's records give
one (others read the documents already made), and it is an event in the full-process
record, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core import access, events
from fazhi.core.models import OrgUnit

from ..models import DisclosureRequest, NumberSequence, ThirdPartyConsultation


@dataclass(frozen=True)
class Kind:
    model: type
    field: str
    code: str  # after 公开 in the number: 公开补, 公开征 …
    title: str


KINDS = {
    "correction": Kind(DisclosureRequest, "correction_number", "补", "补正告知书"),
    "extension": Kind(DisclosureRequest, "extension_number", "延", "延期答复告知书"),
    "reply": Kind(DisclosureRequest, "reply_number", "答", "政府信息公开申请答复书"),
    "fee": Kind(DisclosureRequest, "fee_number", "费", "信息处理费收费通知"),
    "consultation": Kind(ThirdPartyConsultation, "letter_number", "征", "征求意见函"),
}


def _configured() -> dict[str, str]:
    raw = getattr(settings, "FAZHI_DISCLOSURE_DOC_PREFIX", "") or ""
    if isinstance(raw, dict):
        return {str(k).strip(): str(v).strip() for k, v in raw.items()}
    pairs = (item.split("=", 1) for item in str(raw).split(",") if "=" in item)
    return {code.strip(): prefix.strip() for code, prefix in pairs if prefix.strip()}


def agency_code(unit: OrgUnit) -> str:
    """The 机关代字 of ``unit``'s numbers (see the module docstring)."""
    configured = _configured().get(unit.code)
    if configured:
        return configured
    parent = unit.parent if unit.parent_id else None
    if unit.kind == OrgUnit.Kind.GOVERNMENT:
        return (unit.short_name or unit.name).removesuffix("人民政府") + "政府"
    own = unit.short_name or unit.name
    if parent is not None and parent.kind == OrgUnit.Kind.GOVERNMENT:
        district = (parent.short_name or parent.name).removesuffix("人民政府")
        if not own.startswith(district):
            own = district + own.removeprefix("区").removeprefix("县")
    return own


def _next(unit: OrgUnit, year: int, kind: str) -> int:
    seq, _ = NumberSequence.objects.select_for_update().get_or_create(
        unit=unit, year=year, kind=f"doc_{kind}"
    )
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last


@transaction.atomic
def number(obj: DisclosureRequest | ThirdPartyConsultation, kind: str, *, on: dt.date,
           actor) -> str:  # fmt: skip
    """The document's number, given now if it has none yet (numbered in the year of the
    document's date ``on``)."""
    spec = KINDS[kind]
    if not isinstance(obj, spec.model):
        raise KeyError(kind)
    current = spec.model.objects.select_for_update().get(pk=obj.pk)
    req = current if isinstance(current, DisclosureRequest) else current.request
    given = getattr(current, spec.field)
    if given:
        setattr(obj, spec.field, given)
        return given
    unit = OrgUnit.objects.select_related("parent").get(pk=req.unit_id)
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(
            f"该{spec.title}尚未编号：须由本机关办理政府信息公开的工作人员首次制作后才能下载"
        )
    n = _next(unit, on.year, kind)
    given = f"{agency_code(unit)}公开{spec.code}〔{on.year}〕{n}号"
    setattr(current, spec.field, given)
    current.save(update_fields=[spec.field])
    summary = f"制作{spec.title}，文号{given}"
    if isinstance(current, ThirdPartyConsultation):
        summary = f"制作致{current.party}的{spec.title}，文号{given}"
    events.append(
        action="disclosure_document_numbered", record=req, actor=actor, unit=unit,
        summary=summary, before={spec.field: ""}, after={spec.field: given},
    )  # fmt: skip
    setattr(obj, spec.field, given)
    return given
