"""主动公开 (条例 第十九—二十六条): an agency's catalogue (第二十条 categories), its
releases published within 20 working days of the information being created or changed
(第二十六条; later ones flagged, with the reason), withdrawn when the information is no
longer valid, and the 政策解读 that accompany policies."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .. import rules
from ..deadlines import PROACTIVE
from ..models import CatalogueItem, Interpretation, ProactiveRelease
from .common import is_open, need_change, next_number, past, record, required

REL = ProactiveRelease
SNAPSHOT = ("state", "title", "created_on", "published_on", "late", "withdrawn_on")


def snap(rel: ProactiveRelease) -> dict:
    return {f: getattr(rel, f) for f in SNAPSHOT}


def office_url(rel: ProactiveRelease) -> str:
    return f"/office/disclosure/releases/{rel.pk}/"


WHAT = "本单位的主动公开信息"


@transaction.atomic
def save_catalogue_item(
    *, unit: OrgUnit, category: int, name: str, description: str = "", sort_order: int = 100,
    item: CatalogueItem | None = None, active: bool = True, actor,
) -> CatalogueItem:  # fmt: skip
    """Add or rename a heading of the unit's 公开目录."""
    need_change(actor, unit, "本单位的政府信息公开目录")
    if int(category or 0) not in dict(rules.CATEGORIES):
        raise ValidationError("请选择《政府信息公开条例》第二十条规定的类别")
    name = required(name, "目录名称", 100)
    clash = CatalogueItem.objects.filter(unit=unit, name=name)
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError(f"本单位的公开目录中已有“{name}”")
    before = None
    if item is None:
        item = CatalogueItem(unit=unit)
    else:
        item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
        if item.unit_id != unit.pk:
            raise ValidationError("不能把目录移到其他单位")
        before = {"name": item.name, "category": item.category, "active": item.active}
    item.category, item.name = int(category), name
    item.description = (description or "").strip()[:300]
    item.sort_order, item.active = int(sort_order or 100), bool(active)
    item.save()
    record(item, "disclosure_catalogue_saved", actor, unit,
           f"公开目录“{name}”（第二十条第{item.category}项）", before,
           {"name": item.name, "category": item.category, "active": item.active})  # fmt: skip
    return item


def _index_number(unit: OrgUnit, year: int) -> str:
    """索引号 as government portals write it: the agency's 组织机构代码 (characters 9–17 of its
    统一社会信用代码, GB 32100-2015), the year and a running number. A unit whose USCC is not
    yet entered under 组织机构 gets its record number, zero-padded, in that place."""
    org = unit.uscc[8:17] if len(unit.uscc or "") == 18 else f"{unit.pk:09d}"
    return f"{org}/{year}-{next_number(unit, year, 'release'):05d}"


def _start_clock(rel: ProactiveRelease, actor) -> str:
    try:
        with transaction.atomic():
            rel.deadline = core.start_deadline(
                record=rel, clock=PROACTIVE, start=rel.created_on, unit=rel.unit,
                title=f"主动公开：{rel.title}", url=office_url(rel), actor=actor,
            )  # fmt: skip
    except CalendarMissing as e:
        rel.deadline = None
        return f"（公开期限待{e.year}年工作日历载入后计算）"
    rel.save(update_fields=["deadline"])
    return ""


@transaction.atomic
def create_release(
    *, unit: OrgUnit, catalogue: CatalogueItem, title: str, body: str, created_on: dt.date,
    document_number: str = "", attachments=(), actor,
) -> ProactiveRelease:  # fmt: skip
    """Register information to publish; its 20-working-day clock runs from the day it was
    created or changed (第二十六条)."""
    need_change(actor, unit, WHAT)
    if catalogue is None or catalogue.unit_id != unit.pk or not catalogue.active:
        raise ValidationError("请选择本单位公开目录中的栏目")
    created_on = past(created_on, "信息形成或变更日期")
    rel = REL.objects.create(
        unit=unit, catalogue=catalogue, index_number=_index_number(unit, created_on.year),
        title=required(title, "标题", 300), body=required(body, "正文", 100000),
        document_number=(document_number or "").strip()[:100], created_on=created_on,
        recorded_by=actor,
    )  # fmt: skip
    waiting = _start_clock(rel, actor)
    hashes = [
        core.attach(rel, f, actor=actor, unit=unit, description="公开信息附件", public=True).sha256
        for f in attachments
    ]
    due = rel.deadline.due_date if rel.deadline else None
    record(rel, "disclosure_release_created", actor, unit,
           f"登记待公开信息（索引号{rel.index_number}），" + (waiting or f"应于{due:%Y-%m-%d}前公开"),
           after=snap(rel), attachments=hashes)  # fmt: skip
    return rel


@transaction.atomic
def publish(
    rel: ProactiveRelease, *, on: dt.date, late_reason: str = "", actor
) -> ProactiveRelease:
    """Publish on the portal. After the 20th working day it is flagged late and the reason
    is required (the annual report's section 五 draws on them)."""
    rel = REL.objects.select_for_update(of=("self",)).get(pk=rel.pk)
    need_change(actor, rel.unit, WHAT)
    if rel.state != REL.State.DRAFT:
        raise ValidationError(f"该信息{rel.get_state_display()}，不能再公开")
    on = past(on, "公开日期")
    if on < rel.created_on:
        raise ValidationError("公开日期不能早于信息形成或变更日期")
    d = Deadline.objects.filter(pk=rel.deadline_id).first()
    due = d.due_date if d is not None else None
    late = bool(due and on > due)
    reason = (late_reason or "").strip()[:300]
    if late and not reason:
        raise ValidationError(
            f"该信息应于{due:%Y-%m-%d}前公开（形成或变更之日起20个工作日），已逾期，请填写逾期公开的原因"
        )
    before = snap(rel)
    if is_open(d):
        core.complete_deadline(d, on=on, actor=actor)
    rel.state, rel.published_on, rel.late = REL.State.PUBLISHED, on, late
    rel.late_reason = reason if late else ""
    rel.save()
    record(rel, "disclosure_release_published", actor, rel.unit,
           f"主动公开（{on:%Y-%m-%d}）" + (f"，逾期公开（期限至{due:%Y-%m-%d}）：{reason}" if late else "，按期公开"),
           before, snap(rel))  # fmt: skip
    return rel


@transaction.atomic
def edit_release(
    rel: ProactiveRelease, *, title: str, body: str, document_number: str = "", version=None,
    actor,
) -> ProactiveRelease:  # fmt: skip
    """Correct a release's text. A published one stays published; the event keeps both."""
    from fazhi.core.locking import claim

    rel = REL.objects.select_for_update(of=("self",)).get(pk=rel.pk)
    need_change(actor, rel.unit, WHAT)
    if rel.state == REL.State.WITHDRAWN:
        raise ValidationError("该信息已撤回，不能修改")
    if version is not None:
        claim(rel, version)
    before = snap(rel) | {"body": rel.body}
    rel.title = required(title, "标题", 300)
    rel.body = required(body, "正文", 100000)
    rel.document_number = (document_number or "").strip()[:100]
    rel.save()
    record(rel, "disclosure_release_edited", actor, rel.unit, "修改公开信息内容", before,
           snap(rel) | {"body": rel.body})  # fmt: skip
    return rel


@transaction.atomic
def withdraw(rel: ProactiveRelease, *, on: dt.date, reason: str, actor) -> ProactiveRelease:
    """Take a release off the portal (the information was revoked or published in error);
    it stays in the records and in the year's count of what was published."""
    rel = REL.objects.select_for_update(of=("self",)).get(pk=rel.pk)
    need_change(actor, rel.unit, WHAT)
    if rel.state == REL.State.WITHDRAWN:
        raise ValidationError("该信息已撤回")
    on = past(on, "撤回日期")
    if rel.published_on and on < rel.published_on:
        raise ValidationError("撤回日期不能早于公开日期")
    reason = required(reason, "撤回原因", 300)
    before = snap(rel)
    d = Deadline.objects.filter(pk=rel.deadline_id).first()
    if is_open(d):
        core.cancel_deadline(d, reason=f"撤回：{reason}", actor=actor)
    rel.state, rel.withdrawn_on, rel.withdraw_reason = REL.State.WITHDRAWN, on, reason
    rel.save()
    record(rel, "disclosure_release_withdrawn", actor, rel.unit, f"撤回公开信息：{reason}",
           before, snap(rel))  # fmt: skip
    return rel


@transaction.atomic
def publish_interpretation(
    *, unit: OrgUnit, title: str, body: str, published_on: dt.date, form: str = "text",
    release: ProactiveRelease | None = None, document_ref: str = "", document_title: str = "",
    attachments=(), actor,
) -> Interpretation:  # fmt: skip
    """A 政策解读, linked to the release it explains or to a 规范性文件 by its public
    reference in the documents module (国办发〔2016〕80号 asks that interpretation go out
    with the policy)."""
    need_change(actor, unit, "本单位的政策解读")
    if form not in Interpretation.Form.values:
        raise ValidationError("请选择解读形式")
    if release is None and not (document_ref or "").strip():
        raise ValidationError("请选择所解读的公开信息或规范性文件")
    if release is not None and release.state != REL.State.PUBLISHED:
        raise ValidationError("所解读的信息尚未公开，请先公开政策文件")
    published_on = past(published_on, "解读发布日期")
    if release is not None and published_on < release.published_on:
        raise ValidationError("解读不能早于所解读的政策文件公开")
    obj = Interpretation.objects.create(
        unit=unit, release=release, document_ref=(document_ref or "").strip()[:60],
        document_title=(document_title or (release.title if release else "")).strip()[:300],
        title=required(title, "解读标题", 300), form=form, body=required(body, "解读内容", 100000),
        published_on=published_on, recorded_by=actor,
    )  # fmt: skip
    hashes = [
        core.attach(obj, f, actor=actor, unit=unit, description="解读材料", public=True).sha256
        for f in attachments
    ]
    record(obj, "disclosure_interpretation_published", actor, unit,
           f"发布政策解读（{obj.get_form_display()}），解读《{obj.document_title}》",
           after={"title": obj.title, "published_on": published_on}, attachments=hashes)  # fmt: skip
    return obj


@transaction.atomic
def withdraw_interpretation(obj: Interpretation, *, on: dt.date, reason: str, actor):
    obj = Interpretation.objects.select_for_update().get(pk=obj.pk)
    need_change(actor, obj.unit, "本单位的政策解读")
    if obj.withdrawn_on:
        raise ValidationError("该解读已撤回")
    reason = required(reason, "撤回原因", 300)
    obj.withdrawn_on = past(on, "撤回日期")
    obj.save(update_fields=["withdrawn_on"])
    record(obj, "disclosure_interpretation_withdrawn", actor, obj.unit, f"撤回政策解读：{reason}",
           {"withdrawn_on": None}, {"withdrawn_on": obj.withdrawn_on})  # fmt: skip
    return obj
