"""The 随机抽查事项清单 (the “一单”): each responsible department's items.

一般检查事项 carry a sampling ratio and a frequency; 重点检查事项 carry neither — they are
checked without a cap on how many (市场监管总局关于全面推进“双随机、一公开”监管工作的通知,
2019; rules.md §6)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import locking
from fazhi.core.models import OrgUnit

from ..models import CheckItem
from .common import need_change, record, required

WHAT = "本单位的随机抽查事项清单"
FIELDS = ("code", "name", "basis", "object_type", "method", "level", "ratio", "frequency")


def _ratio(value) -> Decimal:
    try:
        r = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError("抽查比例应为0到1之间的小数，如0.03表示3%") from None
    if not r.is_finite() or r <= 0 or r > 1:
        raise ValidationError("抽查比例应大于0且不超过1（如0.03表示3%）")
    return r.quantize(Decimal("0.0001"))


def _clean(*, code, name, basis, object_type, method, level, ratio, frequency) -> dict:
    if level not in CheckItem.Level.values:
        raise ValidationError("请选择事项类别（一般检查事项或重点检查事项）")
    values = {
        "code": required(code, "事项编码", 40),
        "name": required(name, "抽查事项", 200),
        "basis": required(basis, "检查依据", 2000),
        "object_type": required(object_type, "检查对象", 100),
        "method": required(method or "现场检查", "检查方式", 100),
        "level": level,
    }
    if level == CheckItem.Level.GENERAL:
        if ratio in (None, ""):
            raise ValidationError("一般检查事项应填写抽查比例")
        values["ratio"] = _ratio(ratio)
        values["frequency"] = required(frequency, "抽查频次", 50)
    else:
        if ratio not in (None, "") or (frequency or "").strip():
            raise ValidationError("重点检查事项不设抽查比例和频次（全覆盖，不受比例限制）")
        values["ratio"] = None
        values["frequency"] = ""
    return values


@transaction.atomic
def create_item(
    *,
    unit: OrgUnit,
    code: str,
    name: str,
    basis: str,
    object_type: str,
    actor,
    method: str = "现场检查",
    level: str = CheckItem.Level.GENERAL,
    ratio=None,
    frequency: str = "",
) -> CheckItem:
    need_change(actor, unit, WHAT)
    values = _clean(
        code=code,
        name=name,
        basis=basis,
        object_type=object_type,
        method=method,
        level=level,
        ratio=ratio,
        frequency=frequency,
    )
    if CheckItem.objects.filter(unit=unit, code=values["code"]).exists():
        raise ValidationError(f"事项编码“{values['code']}”在本单位的抽查事项清单中已经存在")
    item = CheckItem.objects.create(unit=unit, **values)
    record(item, "inspections_item_create", actor, unit, f"抽查事项清单增加：{item}")
    return item


@transaction.atomic
def update_item(
    item: CheckItem,
    *,
    code: str,
    name: str,
    basis: str,
    object_type: str,
    actor,
    method: str = "现场检查",
    level: str = CheckItem.Level.GENERAL,
    ratio=None,
    frequency: str = "",
    version=None,
) -> CheckItem:
    """``version``: what the edit form was opened at (``locking.claim``: a stale form is
    refused with who changed what)."""
    item = CheckItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    need_change(actor, item.unit, WHAT)
    if not item.active:
        raise ValidationError("该事项已停用，不能修改")
    locking.claim(item, version, bump=False)
    values = _clean(
        code=code,
        name=name,
        basis=basis,
        object_type=object_type,
        method=method,
        level=level,
        ratio=ratio,
        frequency=frequency,
    )
    if (
        values["code"] != item.code
        and CheckItem.objects.filter(unit=item.unit, code=values["code"]).exists()
    ):
        raise ValidationError(f"事项编码“{values['code']}”在本单位的抽查事项清单中已经存在")
    before = {k: getattr(item, k) for k in FIELDS if getattr(item, k) != values[k]}
    after = {k: values[k] for k in before}
    if not after:
        return item
    locking.claim(item, None)
    for k, v in after.items():
        setattr(item, k, v)
    item.save(update_fields=list(after))
    item.refresh_from_db()
    record(
        item,
        "inspections_item_update",
        actor,
        item.unit,
        f"修改抽查事项：{item}",
        before=before,
        after=after,
    )
    return item


@transaction.atomic
def deactivate_item(item: CheckItem, *, reason: str, actor) -> CheckItem:
    """An item leaves the list (法律修改、职责调整); it stays on past tasks."""
    item = CheckItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    need_change(actor, item.unit, WHAT)
    if not item.active:
        raise ValidationError("该事项已经停用")
    reason = required(reason, "停用原因")
    item.active = False
    item.save(update_fields=["active"])
    item.refresh_from_db()
    record(
        item,
        "inspections_item_deactivate",
        actor,
        item.unit,
        f"停用抽查事项：{item}（{reason}）",
        before={"active": True},
        after={"active": False},
    )
    return item
