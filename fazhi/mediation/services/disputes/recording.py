"""排查: a dispute found (by a visit, the grid, a hotline, a party's application, a hand-over
from 信访, the court or the police) is recorded with its parties and a district-wide number
TJ<year><n>; its description can be corrected later (optimistic lock)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.locking import claim
from fazhi.core.models import OrgUnit

from ... import rules
from ...models import Dispute, DisputeParty
from ..common import district_root, money, need_disputes, next_number, past, record, required
from .checks import choice, clean_parties, people_count, snap

NUMBER_KIND = "dispute"


def number_for(unit: OrgUnit, year: int) -> str:
    n = next_number(district_root(unit), year, NUMBER_KIND)
    return f"TJ{year}{n:05d}"


@transaction.atomic
def record_dispute(
    actor, *, unit: OrgUnit, found_on: dt.date, source: str, type: str, summary: str,
    parties, place: str = "", amount=None, people_involved: int = 2, found_by: str = "",
    petition_number: str = "",
) -> Dispute:  # fmt: skip
    """Record a dispute found on ``found_on`` (人民调解法 第二十二条; 排查 is how it is found).
    Its unit is the one that will see it through: a township for what its villages find."""
    need_disputes(actor, unit)
    if unit is None or not unit.active:
        raise ValidationError("请选择在用的责任单位")
    found_on = past(found_on, "排查发现日期")
    choice(source, rules.DISPUTE_SOURCES, "纠纷来源")
    choice(type, rules.DISPUTE_TYPES, "纠纷类型")
    summary = required(summary, "纠纷简要情况", 2000)
    clean = clean_parties(parties)
    people = people_count(people_involved, clean)
    amount = money(amount, "涉及金额")
    d = Dispute.objects.create(
        unit=unit, number=number_for(unit, found_on.year), found_on=found_on, source=source,
        type=type, summary=summary, place=(place or "").strip()[:200], amount=amount,
        people_involved=people, found_by=(found_by or "").strip()[:50],
        petition_number=(petition_number or "").strip()[:40], recorded_by=actor,
    )  # fmt: skip
    DisputeParty.objects.bulk_create([DisputeParty(dispute=d, **p) for p in clean])
    names = "与".join(
        "、".join(p["name"] for p in clean if p["side"] == side)
        for side in ("applicant", "respondent")
    )
    record(d, "mediation_dispute_recorded", actor, unit,
           f"登记矛盾纠纷{d.number}（{d.get_type_display()}，{d.get_source_display()}）：{names}",
           after=snap(d) | {"found_on": found_on, "parties": len(clean)})  # fmt: skip
    return d


@transaction.atomic
def update_dispute(actor, dispute: Dispute, *, version, **fields) -> Dispute:
    """Correct the description of a dispute (the fields of ``Dispute.lock_fields``). The
    dates, body and outcome are changed only by their own steps."""
    unknown = set(fields) - set(Dispute.lock_fields)
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}")
    d = Dispute.objects.select_for_update().get(pk=dispute.pk)
    need_disputes(actor, d.unit)
    claim(d, version, bump=False)
    before = snap(d)
    if "type" in fields:
        d.type = choice(fields["type"], rules.DISPUTE_TYPES, "纠纷类型")
    if "summary" in fields:
        d.summary = required(fields["summary"], "纠纷简要情况", 2000)
    if "place" in fields:
        d.place = (fields["place"] or "").strip()[:200]
    if "amount" in fields:
        d.amount = money(fields["amount"], "涉及金额")
    if "people_involved" in fields:
        d.people_involved = people_count(fields["people_involved"], list(d.parties.values("pk")))
    if "mediators" in fields:
        mediators = (fields["mediators"] or "").strip()
        if d.state == Dispute.State.FOUND and mediators:
            raise ValidationError("纠纷尚未受理调解，不能填写调解员")
        if d.accepted_on and not mediators:
            raise ValidationError("请填写调解员")
        d.mediators = mediators[:200]
    after = snap(d)
    if after == before:
        raise ValidationError("没有需要保存的修改")
    claim(d, None)
    d.save()
    changed = "、".join(
        str(Dispute._meta.get_field(f.removesuffix("_id")).verbose_name)
        for f in after if before[f] != after[f]
    )  # fmt: skip
    record(d, "mediation_dispute_updated", actor, d.unit, f"修改纠纷信息：{changed}",
           before, after)  # fmt: skip
    return d
