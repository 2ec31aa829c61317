"""The annual catalogue of major decisions (决策事项目录, 第3条第3款): propose, settle, approve
with the Party committee's agreement, publish, adjust and re-publish."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core import events
from fazhi.core.models import OrgUnit

from ..models import (
    CatalogAdjustment,
    CatalogItem,
    CatalogVersion,
    DecisionCatalog,
    MajorDecision,
)
from .common import _attach, _check_change, _past, _require, _text


def _catalog_state(catalog: DecisionCatalog) -> dict:
    return {
        "state": catalog.state,
        "version": catalog.version,
        "party_agreed_on": catalog.party_agreed_on,
        "party_document": catalog.party_document,
        "published_on": catalog.published_on,
    }


def _check_body(actor, catalog: DecisionCatalog) -> None:
    _check_change(
        actor,
        catalog.unit,
        f"只有决策机关（{catalog.unit.name}）的工作人员或统筹协调人员可以审定、公布和调整目录",
    )


@transaction.atomic
def create_catalog(*, year: int, unit: OrgUnit, actor, title: str = "") -> DecisionCatalog:
    """A decision body opens its catalogue for the year; units then propose items."""
    _check_change(actor, unit, "无权为该单位建立决策事项目录")
    if unit.kind == OrgUnit.Kind.COMMUNITY:
        raise ValidationError("村（社区）不是重大行政决策的决策机关（条例第2条、第42条）")
    if DecisionCatalog.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name}{year}年度的决策事项目录已经建立")
    catalog = DecisionCatalog.objects.create(
        year=year,
        unit=unit,
        title=(_text(title) or f"{unit.name}{year}年度重大行政决策事项目录")[:200],
        created_by=actor,
    )
    events.append(
        action="catalog_create",
        record=catalog,
        actor=actor,
        unit=unit,
        summary=f"建立“{catalog.title}”，开始征集决策事项",
        after=_catalog_state(catalog),
    )
    return catalog


def _check_item_unit(catalog: DecisionCatalog, unit: OrgUnit) -> None:
    if not unit.path.startswith(catalog.unit.path):
        raise ValidationError(f"承办单位应为{catalog.unit.name}或其所属单位")


@transaction.atomic
def propose_item(
    catalog: DecisionCatalog,
    *,
    unit: OrgUnit,
    title: str,
    category: str,
    actor,
    summary: str = "",
    planned: str = "",
) -> CatalogItem:
    """A unit proposes a matter for the catalogue (条例第3条第1款 scope)."""
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    _check_change(actor, unit, "只能为本单位（或下属单位）申报决策事项")
    if catalog.state != DecisionCatalog.State.COLLECTING:
        raise ValidationError(
            "目录已经党委同意，不再征集事项；年度中确需增补的，由决策机关调整目录"
            "并重新公布（条例第3条第3款）"
        )
    _check_item_unit(catalog, unit)
    title = _require(title, "请填写决策事项名称")
    if category not in CatalogItem.Category.values:
        raise ValidationError("请选择事项类别（条例第3条第1款）")
    item = CatalogItem.objects.create(
        catalog=catalog,
        unit=unit,
        title=title[:200],
        category=category,
        summary=_text(summary),
        planned=_text(planned)[:50],
        created_by=actor,
    )
    events.append(
        action="item_propose",
        record=catalog,
        actor=actor,
        unit=unit,
        summary=f"{unit.name}申报决策事项“{item.title}”",
        after={"item": item.pk, "title": item.title, "unit": unit.code, "category": category},
    )
    return item


@transaction.atomic
def settle_item(item: CatalogItem, *, include: bool, actor, reason: str = "") -> CatalogItem:
    """The decision body includes a proposal in the draft catalogue or leaves it out."""
    # The catalogue row first: settling and approving the same catalogue queue up.
    catalog = DecisionCatalog.objects.select_for_update().get(pk=item.catalog_id)
    item = CatalogItem.objects.select_for_update().get(pk=item.pk, catalog=catalog)
    _check_body(actor, catalog)
    if catalog.state != DecisionCatalog.State.COLLECTING:
        raise ValidationError("目录已经党委同意，不能再审定申报事项；请通过目录调整增补或调出")
    if not include:
        reason = _require(reason, "请填写不列入目录的理由")
    before = {"state": item.state}
    item.state = CatalogItem.State.INCLUDED if include else CatalogItem.State.REJECTED
    item.note = "" if include else reason[:500]
    item.save(update_fields=["state", "note"])
    events.append(
        action="item_include" if include else "item_reject",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"“{item.title}”" + ("拟列入目录" if include else f"不列入目录：{reason}"),
        before=before,
        after={"item": item.pk, "state": item.state},
    )
    return item


def _snapshot(catalog: DecisionCatalog) -> list[dict]:
    return [
        {
            "number": i.number,
            "title": i.title,
            "unit": i.unit.name,
            "category": i.get_category_display(),
            "planned": i.planned,
        }
        for i in catalog.items.filter(state=CatalogItem.State.INCLUDED)
        .select_related("unit")
        .order_by("number", "pk")
    ]


@transaction.atomic
def approve_catalog(
    catalog: DecisionCatalog, *, party_agreed_on: dt.date, party_document: str, actor, files=()
) -> DecisionCatalog:
    """Record the same-level Party committee's agreement (条例第3条第3款)."""
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    _check_body(actor, catalog)
    if catalog.state != DecisionCatalog.State.COLLECTING:
        raise ValidationError("该目录已经党委同意")
    pending = catalog.items.filter(state=CatalogItem.State.PROPOSED).count()
    if pending:
        raise ValidationError(f"还有{pending}项申报事项未审定，请逐项确定是否列入目录")
    included = list(
        catalog.items.filter(state=CatalogItem.State.INCLUDED).order_by("unit__sort_order", "pk")
    )
    if not included:
        raise ValidationError("目录中还没有列入任何决策事项")
    if party_agreed_on is None or not _text(party_document):
        raise ValidationError(
            "决策事项目录须经同级党委同意后向社会公布（条例第3条第3款），"
            "请填写党委同意的日期和文件（如会议纪要）"
        )
    _past(party_agreed_on, "党委同意日期")
    before = _catalog_state(catalog)
    for n, item in enumerate(included, start=1):
        item.number = n
        item.save(update_fields=["number"])
    catalog.state = DecisionCatalog.State.APPROVED
    catalog.party_agreed_on = party_agreed_on
    catalog.party_document = _text(party_document)[:200]
    catalog.save(update_fields=["state", "party_agreed_on", "party_document"])
    hashes = _attach(catalog, files, actor=actor, unit=catalog.unit, description="党委同意文件")
    events.append(
        action="catalog_approve",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"{party_agreed_on:%Y-%m-%d}经同级党委同意（{catalog.party_document}），"
        f"目录列入{len(included)}项决策事项",
        before=before,
        after=_catalog_state(catalog),
        attachments=hashes,
    )
    return catalog


def _new_version(
    catalog: DecisionCatalog,
    *,
    published_on: dt.date,
    channel: str,
    party_agreed_on: dt.date,
    party_document: str,
    note: str = "",
) -> CatalogVersion:
    catalog.version += 1
    return CatalogVersion.objects.create(
        catalog=catalog,
        version=catalog.version,
        published_on=published_on,
        channel=channel[:100],
        party_agreed_on=party_agreed_on,
        party_document=party_document[:200],
        items=_snapshot(catalog),
        note=note[:300],
    )


@transaction.atomic
def publish_catalog(
    catalog: DecisionCatalog, *, published_on: dt.date, channel: str, actor
) -> CatalogVersion:
    """向社会公布 the agreed catalogue (first version)."""
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    _check_body(actor, catalog)
    if catalog.state == DecisionCatalog.State.PUBLISHED:
        raise ValidationError("该目录已经公布；调整后请使用“重新公布”")
    if catalog.state != DecisionCatalog.State.APPROVED:
        raise ValidationError("决策事项目录须经同级党委同意后方可向社会公布（条例第3条第3款）")
    channel = _require(channel, "请填写公布渠道（如：区政府门户网站）")
    if _past(published_on, "公布日期") < catalog.party_agreed_on:
        raise ValidationError("公布日期不能早于党委同意日期")
    before = _catalog_state(catalog)
    version = _new_version(
        catalog,
        published_on=published_on,
        channel=channel,
        party_agreed_on=catalog.party_agreed_on,
        party_document=catalog.party_document,
        note="首次公布",
    )
    catalog.state = DecisionCatalog.State.PUBLISHED
    catalog.published_on = published_on
    catalog.save(update_fields=["state", "published_on", "version"])
    events.append(
        action="catalog_publish",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"{published_on:%Y-%m-%d}通过{channel}公布目录（第1版，{len(version.items)}项）",
        before=before,
        after=_catalog_state(catalog),
    )
    return version


def _check_adjustable(catalog: DecisionCatalog, actor) -> None:
    _check_body(actor, catalog)
    if catalog.state != DecisionCatalog.State.PUBLISHED:
        raise ValidationError("目录尚未公布，征集阶段直接增减申报事项即可，无需作目录调整")


@transaction.atomic
def adjust_add(
    catalog: DecisionCatalog,
    *,
    unit: OrgUnit,
    title: str,
    category: str,
    reason: str,
    decided_on: dt.date,
    actor,
    summary: str = "",
    planned: str = "",
) -> CatalogAdjustment:
    """增补 an item during the year; it reaches the public with the next version."""
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    _check_adjustable(catalog, actor)
    _check_item_unit(catalog, unit)
    title = _require(title, "请填写增补的决策事项名称")
    reason = _require(reason, "请填写目录调整的理由")
    if category not in CatalogItem.Category.values:
        raise ValidationError("请选择事项类别（条例第3条第1款）")
    _past(decided_on, "调整日期")
    number = (catalog.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = CatalogItem.objects.create(
        catalog=catalog,
        number=number,
        unit=unit,
        title=title[:200],
        category=category,
        summary=_text(summary),
        planned=_text(planned)[:50],
        state=CatalogItem.State.INCLUDED,
        created_by=actor,
    )
    adj = CatalogAdjustment.objects.create(
        catalog=catalog,
        kind=CatalogAdjustment.Kind.ADD,
        item=item,
        reason=reason[:500],
        decided_on=decided_on,
        created_by=actor,
    )
    events.append(
        action="catalog_adjust_add",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"{decided_on:%Y-%m-%d}目录增补“{item.title}”（{unit.name}承办）：{reason}",
        after={"adjustment": adj.pk, "item": item.pk, "number": number},
    )
    return adj


@transaction.atomic
def adjust_remove(
    item: CatalogItem, *, reason: str, decided_on: dt.date, actor
) -> CatalogAdjustment:
    """调出 an item during the year, with its reason."""
    item = CatalogItem.objects.select_related("catalog__unit").get(pk=item.pk)
    catalog = DecisionCatalog.objects.select_for_update().get(pk=item.catalog_id)
    _check_adjustable(catalog, actor)
    if item.state != CatalogItem.State.INCLUDED:
        raise ValidationError("该事项不在目录中")
    decision = MajorDecision.objects.filter(item=item).first()
    if decision is not None:
        raise ValidationError(
            f"该事项已启动决策程序（{decision.get_state_display()}），不能调出目录"
        )
    reason = _require(reason, "请填写目录调整的理由")
    _past(decided_on, "调整日期")
    item.state = CatalogItem.State.REMOVED
    item.note = reason[:500]
    item.save(update_fields=["state", "note"])
    adj = CatalogAdjustment.objects.create(
        catalog=catalog,
        kind=CatalogAdjustment.Kind.REMOVE,
        item=item,
        reason=reason[:500],
        decided_on=decided_on,
        created_by=actor,
    )
    events.append(
        action="catalog_adjust_remove",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"{decided_on:%Y-%m-%d}目录调出“{item.title}”：{reason}",
        after={"adjustment": adj.pk, "item": item.pk},
    )
    return adj


@transaction.atomic
def republish_catalog(
    catalog: DecisionCatalog,
    *,
    published_on: dt.date,
    channel: str,
    party_agreed_on: dt.date,
    party_document: str,
    actor,
) -> CatalogVersion:
    """Re-publish the adjusted catalogue: a new version carrying the pending adjustments,
    again after the Party committee agreed (条例第3条第3款)."""
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    _check_adjustable(catalog, actor)
    pending = list(catalog.adjustments.filter(version=None))
    if not pending:
        raise ValidationError("没有待公布的目录调整")
    channel = _require(channel, "请填写公布渠道（如：区政府门户网站）")
    if party_agreed_on is None or not _text(party_document):
        raise ValidationError(
            "调整后的目录同样须经同级党委同意后向社会公布（条例第3条第3款），"
            "请填写党委同意的日期和文件"
        )
    _past(party_agreed_on, "党委同意日期")
    latest = max(a.decided_on for a in pending)
    if _past(published_on, "公布日期") < max(latest, party_agreed_on):
        raise ValidationError("公布日期不能早于调整日期和党委同意日期")
    before = _catalog_state(catalog)
    version = _new_version(
        catalog,
        published_on=published_on,
        channel=channel,
        party_agreed_on=party_agreed_on,
        party_document=_text(party_document),
        note="；".join(f"{a.get_kind_display()}“{a.item.title}”" for a in pending),
    )
    catalog.save(update_fields=["version"])
    CatalogAdjustment.objects.filter(pk__in=[a.pk for a in pending]).update(version=version.version)
    events.append(
        action="catalog_republish",
        record=catalog,
        actor=actor,
        unit=catalog.unit,
        summary=f"{published_on:%Y-%m-%d}重新公布调整后的目录（第{version.version}版，"
        f"{len(version.items)}项；{version.note}）",
        before=before,
        after=_catalog_state(catalog),
    )
    return version
