"""The 权责清单 side: agencies, their powers, delegations to townships (赋权乡镇), the
免罚/轻罚 lists, the 裁量基准 and the 法制审核 criteria. Published on the portal
(行政处罚法 第39条: 实施机关、立案依据、实施程序和救济渠道 are made public)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import OrgUnit

from ..models import (
    Agency,
    CaseKind,
    Delegation,
    DiscretionBand,
    DiscretionStandard,
    Exemption,
    Power,
    ReviewCriterion,
)
from .common import need_change, past, record, required


@transaction.atomic
def create_agency(
    *,
    unit: OrgUnit,
    name: str,
    kind: str,
    legal_basis: str,
    actor,
    remedies: str = "",
    address: str = "",
    phone: str = "",
) -> Agency:
    need_change(actor, unit, "本单位的执法主体")
    name = required(name, "执法主体名称", 100)
    if kind not in Agency.Kind.values:
        raise ValidationError("请选择主体类别")
    if kind == Agency.Kind.TOWNSHIP and unit.kind != OrgUnit.Kind.TOWNSHIP:
        raise ValidationError("依赋权行使执法权的主体应属于乡镇（街道）")
    if Agency.objects.filter(name=name).exists():
        raise ValidationError(f"执法主体“{name}”已经登记")
    agency = Agency.objects.create(
        unit=unit,
        name=name,
        kind=kind,
        legal_basis=required(legal_basis, "设立及执法依据", 2000),
        remedies=(remedies or "").strip(),
        address=(address or "").strip()[:200],
        phone=(phone or "").strip()[:30],
    )
    record(agency, "enforcement_agency_create", actor, unit, f"登记执法主体：{agency.name}")
    return agency


def _check_power_fields(code: str, name: str, kind: str, legal_basis: str) -> tuple:
    code = required(code, "事项编码", 40)
    name = required(name, "事项名称", 200)
    if kind not in CaseKind.values:
        raise ValidationError("请选择事项类别")
    return code, name, required(legal_basis, "设定依据", 2000)


@transaction.atomic
def add_power(
    *,
    agency: Agency,
    code: str,
    name: str,
    kind: str,
    legal_basis: str,
    actor,
    responsible: str = "",
    review_listed: bool = False,
) -> Power:
    need_change(actor, agency.unit, "本单位执法主体的权责清单")
    code, name, legal_basis = _check_power_fields(code, name, kind, legal_basis)
    if Power.objects.filter(agency=agency, code=code).exists():
        raise ValidationError(f"事项编码“{code}”在本主体的权责清单中已经存在")
    power = Power.objects.create(
        agency=agency,
        code=code,
        name=name,
        kind=kind,
        legal_basis=legal_basis,
        responsible=(responsible or "").strip()[:100],
        review_listed=review_listed,
    )
    record(power, "enforcement_power_add", actor, agency.unit, f"权责清单增加事项：{power}")
    return power


@transaction.atomic
def delegate(
    *,
    power: Power,
    to_agency: Agency,
    document_title: str,
    delegated_on: dt.date,
    actor,
    document_number: str = "",
) -> Delegation:
    """Record a power delegated to a township (赋权乡镇). The township's agency must be one
    exercising delegated powers, and the same power is not delegated twice to it."""
    need_change(actor, power.agency.unit, "本单位执法事项的赋权")
    if to_agency.kind != Agency.Kind.TOWNSHIP:
        raise ValidationError("执法事项只能赋予乡镇（街道）执法主体")
    if to_agency.pk == power.agency_id:
        raise ValidationError("不能把执法事项赋予本主体")
    if Delegation.objects.filter(power=power, to_agency=to_agency, withdrawn_on=None).exists():
        raise ValidationError(f"“{power.name}”已经赋予{to_agency.name}")
    delegation = Delegation.objects.create(
        power=power,
        to_agency=to_agency,
        document_title=required(document_title, "赋权文件", 200),
        document_number=(document_number or "").strip()[:60],
        delegated_on=past(delegated_on, "赋权日期"),
    )
    record(
        delegation,
        "enforcement_delegate",
        actor,
        power.agency.unit,
        f"将“{power.name}”赋予{to_agency.name}（{delegation.document_title}）",
    )
    return delegation


@transaction.atomic
def withdraw_delegation(delegation: Delegation, *, on: dt.date, actor) -> Delegation:
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    need_change(actor, delegation.power.agency.unit, "本单位执法事项的赋权")
    if delegation.withdrawn_on:
        raise ValidationError("该赋权已经收回")
    on = past(on, "收回日期")
    if on < delegation.delegated_on:
        raise ValidationError("收回日期不能早于赋权日期")
    delegation.withdrawn_on = on
    delegation.save(update_fields=["withdrawn_on"])
    record(
        delegation,
        "enforcement_delegation_withdraw",
        actor,
        delegation.power.agency.unit,
        f"收回赋予{delegation.to_agency.name}的“{delegation.power.name}”",
    )
    return delegation


@transaction.atomic
def add_exemption(
    *, agency: Agency, kind: str, violation: str, legal_basis: str, conditions: str, actor
) -> Exemption:
    need_change(actor, agency.unit, "本单位执法主体的免罚轻罚清单")
    if kind not in Exemption.Kind.values:
        raise ValidationError("请选择清单类别")
    item = Exemption.objects.create(
        agency=agency,
        kind=kind,
        violation=required(violation, "违法行为"),
        legal_basis=required(legal_basis, "法律依据", 2000),
        conditions=required(conditions, "适用条件", 2000),
    )
    record(item, "enforcement_exemption_add", actor, agency.unit, f"免罚轻罚清单增加：{item}")
    return item


@transaction.atomic
def add_standard(
    *, agency: Agency, code: str, violation: str, legal_basis: str, bands, actor, power=None
) -> DiscretionStandard:
    """A 裁量基准 entry with its bands: ``bands`` is a list of (circumstance, description,
    min_fine, max_fine). Bands must not run backwards (下限 ≤ 上限)."""
    need_change(actor, agency.unit, "本单位执法主体的裁量基准")
    code = required(code, "编号", 40)
    if DiscretionStandard.objects.filter(agency=agency, code=code).exists():
        raise ValidationError(f"裁量基准编号“{code}”已经存在")
    if not bands:
        raise ValidationError("裁量基准至少应有一个裁量阶次")
    standard = DiscretionStandard.objects.create(
        agency=agency,
        power=power,
        code=code,
        violation=required(violation, "违法行为"),
        legal_basis=required(legal_basis, "处罚依据", 2000),
    )
    for circumstance, description, low, high in bands:
        low, high = Decimal(str(low)), Decimal(str(high))
        if circumstance not in DiscretionBand.Circumstance.values:
            raise ValidationError("请选择违法情节")
        if low < 0 or high < low:
            raise ValidationError(f"裁量阶次“{description}”的罚款下限应不大于上限")
        DiscretionBand.objects.create(
            standard=standard,
            circumstance=circumstance,
            description=required(description, "情节描述"),
            min_fine=low,
            max_fine=high,
        )
    record(standard, "enforcement_standard_add", actor, agency.unit, f"裁量基准：{standard}")
    return standard


@transaction.atomic
def set_criteria(agency: Agency, criteria, *, actor) -> list[ReviewCriterion]:
    """Replace the agency's 重大执法决定法制审核 criteria: ``criteria`` is a list of
    (kind, amount or None, party_kind or "")."""
    need_change(actor, agency.unit, "本单位执法主体的法制审核情形")
    before = [str(c) for c in agency.criteria.all()]
    rows = []
    for kind, amount, party_kind in criteria:
        if kind not in ReviewCriterion.Kind.values:
            raise ValidationError("请选择法制审核情形")
        needs_amount = kind in (
            ReviewCriterion.Kind.FINE_OVER,
            ReviewCriterion.Kind.CONFISCATION_OVER,
        )
        if needs_amount and (amount is None or Decimal(str(amount)) <= 0):
            raise ValidationError("按数额确定的情形应填写大于零的数额")
        rows.append(
            ReviewCriterion(
                agency=agency,
                kind=kind,
                amount=Decimal(str(amount)) if needs_amount else None,
                party_kind=party_kind or "",
            )
        )
    agency.criteria.all().delete()
    ReviewCriterion.objects.bulk_create(rows)
    record(
        agency,
        "enforcement_criteria_set",
        actor,
        agency.unit,
        "重大执法决定法制审核情形：" + ("；".join(str(r) for r in rows) or "（无）"),
        before={"criteria": before},
        after={"criteria": [str(r) for r in rows]},
    )
    return rows
