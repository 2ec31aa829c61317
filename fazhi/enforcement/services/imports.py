"""Re-import of an agency's power list and of its officers from the units' spreadsheets:
a row naming a power (by agency and 事项编码) or an officer (by 执法证号) already
registered updates it instead of adding a duplicate. Each update checks the same rules as
registration and appends to the full-process record what changed (before/after), in the
same transaction (国办发〔2018〕118号: 全过程记录)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Agency, CaseKind, Officer, Power
from .common import need_change, record, required

POWER_FIELDS = ("name", "kind", "legal_basis", "responsible", "review_listed")
OFFICER_FIELDS = (
    "agency_id",
    "name",
    "certificate_kind",
    "issuer",
    "issued_on",
    "valid_until",
    "legal_qualification",
    "certified_since",
)


def _changes(obj, values: dict) -> tuple[dict, dict]:
    before = {k: getattr(obj, k) for k in values if getattr(obj, k) != values[k]}
    after = {k: values[k] for k in before}
    return before, after


@transaction.atomic
def update_power(
    power: Power,
    *,
    name: str,
    kind: str,
    legal_basis: str,
    actor,
    responsible: str = "",
    review_listed: bool = False,
) -> bool:
    """Update an existing power from an imported row; returns whether anything changed
    (an unchanged row appends no event)."""
    power = Power.objects.select_for_update().select_related("agency__unit").get(pk=power.pk)
    need_change(actor, power.agency.unit, "本单位执法主体的权责清单")
    if kind not in CaseKind.values:
        raise ValidationError("请选择事项类别")
    values = {
        "name": required(name, "事项名称", 200),
        "kind": kind,
        "legal_basis": required(legal_basis, "设定依据", 2000),
        "responsible": (responsible or "").strip()[:100],
        "review_listed": bool(review_listed),
    }
    before, after = _changes(power, values)
    if not after:
        return False
    for k, v in after.items():
        setattr(power, k, v)
    power.save(update_fields=list(after))
    record(
        power,
        "enforcement_power_update",
        actor,
        power.agency.unit,
        f"权责清单更新事项：{power}（导入）",
        before=before,
        after=after,
    )
    return True


@transaction.atomic
def update_officer(
    officer: Officer,
    *,
    agency: Agency,
    name: str,
    issuer: str,
    issued_on: dt.date,
    valid_until: dt.date,
    actor,
    certificate_kind: str = "enforcement",
    legal_qualification: bool = False,
    certified_since: dt.date | None = None,
) -> bool:
    """Update an existing officer's registration from an imported row (same certificate
    number). A later validity restarts the expiry clock as 换证 does; a status change is not
    an import's business (暂扣、注销 need a reason: ``set_status``)."""
    from .officers import _snap, _start_expiry

    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    need_change(actor, officer.unit, "本单位的执法人员")
    need_change(actor, agency.unit, "本单位的执法人员")
    if certificate_kind not in Officer.CertificateKind.values:
        raise ValidationError("请选择证件类型")
    if issued_on is None or valid_until is None:
        raise ValidationError("请填写发证日期和有效期")
    if valid_until <= issued_on:
        raise ValidationError("证件有效期应晚于发证日期")
    values = {
        "agency_id": agency.pk,
        "name": required(name, "姓名", 50),
        "certificate_kind": certificate_kind,
        "issuer": required(issuer, "发证机关", 100),
        "issued_on": issued_on,
        "valid_until": valid_until,
        "legal_qualification": bool(legal_qualification),
    }
    if certified_since is not None:
        values["certified_since"] = certified_since
    if values.get("certified_since", officer.certified_since) > issued_on:
        raise ValidationError("首次取得执法证日期不能晚于本证发证日期")
    before, after = _changes(officer, values)
    if not after:
        return False
    snap = _snap(officer)
    moved_expiry = "valid_until" in after
    for k, v in after.items():
        setattr(officer, k, v)
    fields = list(after)
    if agency.unit_id != officer.unit_id:
        officer.unit = agency.unit
        fields.append("unit")
    officer.save(update_fields=fields)
    if moved_expiry and officer.status != Officer.Status.REVOKED:
        from fazhi.core import services as core
        from fazhi.core.models import Deadline

        dl = officer.expiry_deadline
        if dl is not None and dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
            core.cancel_deadline(dl, reason="导入更新了证件有效期", actor=actor)
    record(
        officer,
        "enforcement_officer_update",
        actor,
        officer.unit,
        f"更新执法人员{officer.name}（{officer.certificate_number}）的登记信息（导入）",
        before={**snap, **{k: str(v) for k, v in before.items()}},
        after={**_snap(officer), **{k: str(v) for k, v in after.items()}},
    )
    if moved_expiry and officer.status != Officer.Status.REVOKED:
        _start_expiry(officer, actor)
    return True
