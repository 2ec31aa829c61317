"""重大行政决策 state changes. Each checks who may act and which statutory steps must be
done first, writes the change and appends to the full-process record in one transaction.

Article numbers are those of 重大行政决策程序暂行条例 (国务院令第713号) unless another act
is named. The gates:

- Only an item of a published catalogue starts a procedure (第3条第3款); the catalogue is
  published only after the same-level Party committee agrees, and so is each re-published
  version after an adjustment.
- Public participation (第14–15条): an online consultation of at least
  FAZHI_CONSULTATION_MIN_DAYS["major_decision"] (default 30) days, shorter only with the
  urgent reason stated, or an exemption recorded with its reason (matters that may not be
  disclosed).
- Dates of acts (meetings, agreements, publication, reports…) are those of days that have
  happened: a date after today is refused (``_past``).
- Expert review (第19条) and risk assessment (第22条) are recorded, or the reason they are
  not needed is stated; a high risk needs its mitigation measures (第24条).
- Legality review (第25–28条) via fazhi.legal: submitted only with the participation,
  expert and risk materials in hand (第26条); no collective discussion before it passed
  (第25条: 不得以征求意见等方式代替合法性审查).
- Collective decision at a 常务会议/全体会议, the head deciding last, dissent recorded, the
  head's reasons when departing from the majority (第30条).
- Report to the Party committee before release (第31条); publication only after an
  approved decision and that report (第32条); archive (第33条); execution (第34–35条);
  post-decision evaluation, never by the unit that did the main pre-decision assessment
  (第36条). Lifelong accountability (第38条) rests on this record being complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from fazhi.core import access, events, locking
from fazhi.core import services as core
from fazhi.core.models import Attachment, Deadline, Event, OrgUnit
from fazhi.core.workdays import CalendarMissing

from .deadlines import EXECUTION_CLOCK, PUBLISH_CLOCK
from .models import (
    CatalogAdjustment,
    CatalogItem,
    CatalogVersion,
    CollectiveDecision,
    DecisionCatalog,
    ExecutionNote,
    ExpertReview,
    MajorDecision,
    PostEvaluation,
    RiskAssessment,
)

KIND = "major_decision"


def comment_days() -> int:
    """条例第15条: 公开征求意见的期限一般不少于30日. The same setting the consultation app
    reads (FAZHI_CONSULTATION_MIN_DAYS["major_decision"]), so the two never disagree."""
    table = getattr(settings, "FAZHI_CONSULTATION_MIN_DAYS", None) or {}
    return int(table.get(KIND, 30))


# --- the sibling apps, only through their interfaces ---------------------------------------


def legal():
    from fazhi.legal import interface

    return interface


def consultation():
    from fazhi.consultation import interface

    return interface


def decision_url(decision: MajorDecision) -> str:
    return f"/office/decisions/{decision.pk}/"


# --- helpers ----------------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").strip()


def _require(value, message: str) -> str:
    value = _text(value)
    if not value:
        raise ValidationError(message)
    return value


def _past(day: dt.date | None, label: str) -> dt.date:
    """A date recorded for an act that has happened (a meeting, an agreement, a
    publication…): given, and not later than today."""
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > core.today():
        raise ValidationError(f"{label}不能晚于今天（{core.today():%Y-%m-%d}），不能预先登记")
    return day


def _check_change(actor, unit: OrgUnit, message: str) -> None:
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied(message)


def _attach(record, files, *, actor, unit, description: str) -> list[str]:
    return [
        core.attach(record, f, actor=actor, unit=unit, description=description).sha256
        for f in files or ()
        if f
    ]


def _norm(name: str) -> str:
    """Organisation names compared without spaces and bracket variants."""
    return re.sub(r"[\s（）()【】\[\]·]", "", name or "")


# --- the catalogue (决策事项目录, 第3条第3款) --------------------------------------------------


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


# --- the decision and its five procedures ----------------------------------------------------


def _dstate(d: MajorDecision) -> dict:
    return {
        "state": d.state,
        "participation": d.participation,
        "decided_on": d.decided_on,
        "published_on": d.published_on,
        "archived_on": d.archived_on,
    }


def _log(decision, action, actor, summary, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=decision,
        actor=actor,
        unit=decision.unit,
        summary=summary,
        before=before,
        after=after,
        attachments=attachments,
    )


def _lock(decision: MajorDecision) -> MajorDecision:
    return (
        MajorDecision.objects.select_for_update(of=("self",))
        .select_related("unit", "body", "item__catalog")
        .get(pk=decision.pk)
    )


def _check_decision(actor, decision: MajorDecision) -> None:
    _check_change(actor, decision.unit, "无权办理该单位的重大行政决策事项")


def _check_before_decision(decision: MajorDecision) -> None:
    if decision.state in (MajorDecision.State.DECIDED, MajorDecision.State.PUBLISHED):
        raise ValidationError("该决策已经集体讨论决定通过，决策前程序不能再变更")
    if decision.state == MajorDecision.State.REJECTED:
        raise ValidationError("该决策草案未获集体讨论通过，程序已终结")


@transaction.atomic
def start_decision(
    item: CatalogItem, *, actor, title: str = "", draft: str = "", explanation: str = "", files=()
) -> MajorDecision:
    """Start the procedure for a catalogue item (决策启动, 条例第9–13条)."""
    item = CatalogItem.objects.select_related("catalog__unit", "unit").get(pk=item.pk)
    _check_change(actor, item.unit, "只有承办单位可以启动该事项的决策程序")
    if (
        item.state != CatalogItem.State.INCLUDED
        or item.catalog.state != DecisionCatalog.State.PUBLISHED
    ):
        raise ValidationError(
            "只有列入已公布的决策事项目录的事项才能启动重大行政决策程序（条例第3条第3款）"
        )
    if MajorDecision.objects.filter(item=item).exists():
        raise ValidationError("该事项已启动决策程序")
    decision = MajorDecision.objects.create(
        item=item,
        unit=item.unit,
        body=item.catalog.unit,
        year=item.catalog.year,
        title=(_text(title) or item.title)[:200],
        draft=_text(draft),
        explanation=_text(explanation),
        created_by=actor,
    )
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="决策草案")
    _log(
        decision,
        "decision_start",
        actor,
        f"启动重大行政决策程序：{decision.title}（目录{item.catalog.year}年第{item.number}项）",
        after=_dstate(decision),
        attachments=hashes,
    )
    return decision


@transaction.atomic
def update_draft(
    decision: MajorDecision,
    *,
    title: str,
    draft: str,
    explanation: str,
    actor,
    files=(),
    version=None,
) -> MajorDecision:
    """``version``: what the edit form was opened at (``locking.claim``)."""
    decision = _lock(decision)
    locking.claim(decision, version)
    _check_decision(actor, decision)
    if decision.state != MajorDecision.State.DRAFTING:
        raise ValidationError("决策草案已提请合法性审查，不能再修改")
    before = {"title": decision.title, "draft": decision.draft, "explanation": decision.explanation}
    decision.title = _require(title, "请填写决策名称")[:200]
    decision.draft = _text(draft)
    decision.explanation = _text(explanation)
    decision.save(update_fields=["title", "draft", "explanation"])
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="决策草案")
    _log(
        decision,
        "draft_update",
        actor,
        "修改决策草案及起草说明",
        before=before,
        after={
            "title": decision.title,
            "draft": decision.draft,
            "explanation": decision.explanation,
        },
        attachments=hashes,
    )
    return decision


def _check_participation_open(decision: MajorDecision) -> None:
    _check_before_decision(decision)
    if decision.state != MajorDecision.State.DRAFTING:
        raise ValidationError("决策草案已提请合法性审查，不能再变更公众参与方式")
    if decision.participation:
        # A consultation closed before the statutory period does not count (consultation
        # .services.cut_short): the unit may consult again or record an exemption.
        if (
            decision.participation == MajorDecision.Participation.CONSULTATION
            and consultation().cut_short(decision)
        ):
            return
        raise ValidationError(f"已登记公众参与方式：{decision.get_participation_display()}")


@transaction.atomic
def open_consultation(
    decision: MajorDecision,
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    actor,
    urgent_reason: str = "",
    opener=None,
):
    """公开征求意见 on the portal (条例第14–15条) through the consultation app.

    The period counts as the consultation app counts it: the opening day is not counted
    (民法典第201条), so 30 days opened on 11-01 close on 12-01 at the earliest. ``opener``
    replaces ``consultation.interface.open_consultation`` (the demo back-dates with it)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_participation_open(decision)
    if not decision.draft or not decision.explanation:
        raise ValidationError(
            "公开征求意见须公布决策草案及其说明（条例第14条），请先填写决策草案和起草说明"
        )
    if opens_on is None or closes_on is None or closes_on <= opens_on:
        raise ValidationError("截止日期应晚于开始日期")
    days = (closes_on - opens_on).days
    urgent_reason = _text(urgent_reason)
    if days < comment_days() and not urgent_reason:
        raise ValidationError(
            f"公开征求意见的期限一般不少于{comment_days()}日（条例第15条），本次仅{days}日；"
            "因情况紧急等原因需要缩短期限的，请在“缩短期限的理由”中予以说明"
        )
    cons = (opener or consultation().open_consultation)(
        subject=decision,
        kind=KIND,
        unit=decision.unit,
        title=decision.title,
        draft=decision.draft,
        explanation=decision.explanation,
        opens_on=opens_on,
        closes_on=closes_on,
        actor=actor,
        subject_url=decision_url(decision),
        urgent_reason=urgent_reason,
    )
    before = _dstate(decision)
    decision.participation = MajorDecision.Participation.CONSULTATION
    decision.save(update_fields=["participation"])
    _log(
        decision,
        "consultation_open",
        actor,
        f"公开征求意见：{opens_on:%Y-%m-%d}至{closes_on:%Y-%m-%d}（{days}日）"
        + (f"；缩短期限的理由：{urgent_reason}" if days < comment_days() else ""),
        before=before,
        after=_dstate(decision),
    )
    return cons


@transaction.atomic
def record_exemption(decision: MajorDecision, *, reason: str, approved_by: str, actor):
    """依法不予公开的决策事项 are not put out for public comment (条例第14条); the reason and
    who approved it are recorded."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_participation_open(decision)
    reason = _require(
        reason, "请写明不公开征求意见的理由（条例第14条：依法不予公开的决策事项除外）"
    )
    approved_by = _require(approved_by, "请填写批准不公开征求意见的负责人或会议")
    result = consultation().record_exemption(
        subject=decision, reason=reason, approved_by=approved_by, actor=actor
    )
    before = _dstate(decision)
    decision.participation = MajorDecision.Participation.EXEMPTION
    decision.save(update_fields=["participation"])
    _log(
        decision,
        "participation_exempt",
        actor,
        f"不公开征求意见（经{approved_by}批准）：{reason}",
        before=before,
        after=_dstate(decision),
    )
    return result


def participation_status(decision: MajorDecision) -> tuple[bool, str]:
    """(done, Chinese explanation) for the public-participation step."""
    if decision.participation == MajorDecision.Participation.EXEMPTION:
        return True, "已登记依法不公开征求意见的理由"
    if decision.participation == MajorDecision.Participation.CONSULTATION:
        done, message = consultation().participation_done(decision)
        return bool(done), message or ("已公开征求意见并公布意见采纳情况" if done else "")
    return False, (
        "尚未开展公众参与：请先公开征求意见，或登记依法不公开征求意见的理由（条例第14–15条）"
    )


@transaction.atomic
def record_expert_review(
    decision: MajorDecision,
    *,
    held_on: dt.date,
    form: str,
    organizer: str,
    experts: str,
    opinions: str,
    adoption: str,
    actor,
    files=(),
) -> ExpertReview:
    """专家论证 (条例第19–21条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    _past(held_on, "论证日期")
    review = ExpertReview.objects.create(
        decision=decision,
        held_on=held_on,
        form=_require(form, "请填写论证方式")[:50],
        organizer=_require(organizer, "请填写组织或承担论证的单位")[:100],
        experts=_require(experts, "请填写参加论证的专家"),
        opinions=_require(opinions, "请填写专家论证意见"),
        adoption=_require(adoption, "请说明专家意见的采纳情况（条例第21条）"),
        created_by=actor,
    )
    if decision.expert_not_required:
        decision.expert_not_required = ""
        decision.save(update_fields=["expert_not_required"])
    hashes = _attach(review, files, actor=actor, unit=decision.unit, description="专家论证意见")
    _log(
        decision,
        "expert_review",
        actor,
        f"{held_on:%Y-%m-%d}专家论证（{review.form}，{review.organizer}组织）",
        after={"expert_review": review.pk},
        attachments=hashes,
    )
    return review


@transaction.atomic
def waive_step(decision: MajorDecision, *, step: str, reason: str, actor) -> MajorDecision:
    """State why expert review (step "expert", 条例第19条: 专业性、技术性较强的) or risk
    assessment (step "risk", 第22条: 可能对社会稳定、公共安全等造成不利影响的) is not
    needed for this matter."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    if step == "expert":
        if decision.expert_reviews.exists():
            raise ValidationError("已开展专家论证，无需说明不论证的理由")
        reason = _require(reason, "请说明不需要专家论证的理由（条例第19条）")
        decision.expert_not_required = reason[:500]
        decision.save(update_fields=["expert_not_required"])
        summary = f"不需专家论证：{reason}"
    elif step == "risk":
        if decision.risk_assessments.exists():
            raise ValidationError("已开展风险评估，无需说明不评估的理由")
        reason = _require(reason, "请说明不需要风险评估的理由（条例第22条）")
        decision.risk_not_required = reason[:500]
        decision.save(update_fields=["risk_not_required"])
        summary = f"不需风险评估：{reason}"
    else:
        raise ValueError(step)
    _log(decision, f"{step}_waive", actor, summary)
    return decision


@transaction.atomic
def record_risk_assessment(
    decision: MajorDecision,
    *,
    assessed_on: dt.date,
    assessor: str,
    method: str,
    level: str,
    conclusion: str,
    measures: str = "",
    actor,
    files=(),
) -> RiskAssessment:
    """风险评估 (条例第22–24条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    _past(assessed_on, "评估日期")
    if level not in RiskAssessment.Level.values:
        raise ValidationError("请选择风险等级（低、中、高）")
    if level == RiskAssessment.Level.HIGH and not _text(measures):
        raise ValidationError(
            "风险等级为高的，须写明防范、化解风险的措施；风险不可控的，应调整决策草案等确保风险可控后"
            "方可决策（条例第24条）"
        )
    ra = RiskAssessment.objects.create(
        decision=decision,
        assessed_on=assessed_on,
        assessor=_require(assessor, "请填写承担评估的单位")[:100],
        method=_require(method, "请填写评估方式")[:200],
        level=level,
        conclusion=_require(conclusion, "请填写评估结论"),
        measures=_text(measures),
        created_by=actor,
    )
    if decision.risk_not_required:
        decision.risk_not_required = ""
        decision.save(update_fields=["risk_not_required"])
    hashes = _attach(ra, files, actor=actor, unit=decision.unit, description="风险评估报告")
    _log(
        decision,
        "risk_assessment",
        actor,
        f"{assessed_on:%Y-%m-%d}风险评估（{ra.assessor}）：风险等级{ra.get_level_display()}",
        after={"risk_assessment": ra.pk, "level": level},
        attachments=hashes,
    )
    return ra


def expert_status(decision: MajorDecision) -> tuple[bool, str]:
    if decision.expert_reviews.exists():
        return True, "已开展专家论证"
    if decision.expert_not_required:
        return True, f"不需专家论证：{decision.expert_not_required}"
    return False, "请先登记专家论证情况，或说明不需要专家论证的理由（条例第19条）"


def risk_status(decision: MajorDecision) -> tuple[bool, str]:
    latest = decision.risk_assessments.order_by("-assessed_on", "-pk").first()
    if latest is not None:
        return True, f"风险等级{latest.get_level_display()}"
    if decision.risk_not_required:
        return True, f"不需风险评估：{decision.risk_not_required}"
    return False, "请先登记风险评估情况，或说明不需要风险评估的理由（条例第22条）"


def _check_preliminary(decision: MajorDecision) -> None:
    """The three steps before the legality review are done (条例第26条)."""
    problems = []
    done, msg = participation_status(decision)
    if not done:
        problems.append(f"公众参与尚未完成：{msg}")
    for ok, msg in (expert_status(decision), risk_status(decision)):
        if not ok:
            problems.append(msg)
    if problems:
        raise ValidationError(problems)


def legality_status(decision: MajorDecision) -> tuple[bool, str]:
    if decision.legality_requested_on is None:
        return False, "尚未提请合法性审查"
    passed = legal().review_passed(decision)
    summary = legal().review_summary(decision) or ""
    return bool(passed), summary or ("已通过" if passed else "审查中")


@transaction.atomic
def request_legality_review(
    decision: MajorDecision,
    *,
    actor,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
    requester=None,
):
    """送请合法性审查 (条例第25–26条): the draft, its explanation and the participation,
    expert and risk materials go to the legality reviewer. ``materials`` are uploaded files
    the legal app stores with the request. ``requester`` replaces
    ``legal.interface.request_review`` (the demo back-dates with it)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    if not decision.draft or not decision.explanation:
        raise ValidationError("送请合法性审查须提供决策草案和起草说明（条例第26条）")
    _check_preliminary(decision)
    if decision.legality_requested_on is not None and legal().review_passed(decision):
        raise ValidationError("合法性审查已经通过，无需再次提请")
    review = (requester or legal().request_review)(
        subject=decision,
        kind=KIND,
        unit=decision.unit,
        title=decision.title,
        url=decision_url(decision),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=tuple(materials),
    )
    before = _dstate(decision)
    decision.state = MajorDecision.State.UNDER_REVIEW
    decision.legality_requested_on = on or core.today()
    decision.save(update_fields=["state", "legality_requested_on"])
    _log(
        decision,
        "legality_request",
        actor,
        "提请合法性审查" + (f"（审查单位：{reviewer_unit.name}）" if reviewer_unit else ""),
        before=before,
        after=_dstate(decision),
    )
    return review


@transaction.atomic
def record_collective_decision(
    decision: MajorDecision,
    *,
    meeting_kind: str,
    meeting_name: str,
    meeting_on: dt.date,
    attendees: int,
    outcome: str,
    dissent: str,
    head_decision: str,
    actor,
    head_departs: bool = False,
    head_reason: str = "",
    files=(),
) -> CollectiveDecision:
    """集体讨论决定 (条例第30条). Refused before a passed legality review (第25条) and before
    the public participation is complete or exempted (第14–15条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_before_decision(decision)
    passed = decision.legality_requested_on is not None and legal().review_passed(decision)
    if not passed:
        raise ValidationError(
            "未经合法性审查或者经审查不合法的，不得提交集体讨论（条例第25条）；"
            "公开征求意见、专家论证不能代替合法性审查"
        )
    _check_preliminary(decision)
    if meeting_kind not in CollectiveDecision.MeetingKind.values:
        raise ValidationError("重大行政决策应当经决策机关常务会议或者全体会议讨论（条例第30条）")
    if outcome not in CollectiveDecision.Outcome.values:
        raise ValidationError("请选择决定结果")
    _past(meeting_on, "会议日期")
    if decision.legality_requested_on and meeting_on < decision.legality_requested_on:
        raise ValidationError("会议日期不能早于提请合法性审查的日期")
    opinion_on = legal().review_passed_on(decision)
    if opinion_on and meeting_on < opinion_on:
        raise ValidationError(
            f"会议日期不能早于合法性审查意见的出具日期（{opinion_on:%Y-%m-%d}）："
            "未经合法性审查的，不得提交集体讨论（条例第25条）"
        )
    if not attendees or attendees < 1:
        raise ValidationError("请填写出席会议的组成人员人数")
    meeting_name = _require(meeting_name, "请填写会议名称（如：区政府第35次常务会议）")
    dissent = _require(
        dissent, "集体讨论中的不同意见应当如实载明（条例第30条）；没有不同意见的请填写“无”"
    )
    head_decision = _require(
        head_decision, "请记录行政首长在集体讨论基础上最后作出的决定（条例第30条）"
    )
    if head_departs and not _text(head_reason):
        raise ValidationError(
            "行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由（条例第30条）"
        )
    meeting = CollectiveDecision.objects.create(
        decision=decision,
        meeting_kind=meeting_kind,
        meeting_name=meeting_name[:100],
        meeting_on=meeting_on,
        attendees=attendees,
        outcome=outcome,
        dissent=dissent,
        head_decision=head_decision,
        head_departs=bool(head_departs),
        head_reason=_text(head_reason),
        created_by=actor,
    )
    before = _dstate(decision)
    fields = ["state"]
    if outcome == CollectiveDecision.Outcome.APPROVED:
        decision.state = MajorDecision.State.DECIDED
        decision.decided_on = meeting_on
        decision.legality_passed = True
        decision.legality_summary = (legal().review_summary(decision) or "合法性审查通过")[:500]
        fields += ["decided_on", "legality_passed", "legality_summary"]
    elif outcome == CollectiveDecision.Outcome.REJECTED:
        decision.state = MajorDecision.State.REJECTED
    else:
        decision.state = MajorDecision.State.DEFERRED
    decision.save(update_fields=fields)
    hashes = _attach(meeting, files, actor=actor, unit=decision.unit, description="会议纪要")
    _log(
        decision,
        "collective_decision",
        actor,
        f"{meeting_on:%Y-%m-%d}{meeting.meeting_name}集体讨论（出席{attendees}人）："
        f"{meeting.get_outcome_display()}；不同意见：{dissent}",
        before=before,
        after=_dstate(decision) | {"meeting": meeting.pk},
        attachments=hashes,
    )
    if outcome == CollectiveDecision.Outcome.APPROVED:
        try:
            core.start_deadline(
                record=decision,
                clock=PUBLISH_CLOCK,
                start=meeting_on,
                unit=decision.unit,
                title=f"公布重大行政决策：{decision.title}",
                url=decision_url(decision) + "publish/",
                actor=actor,
            )
        except CalendarMissing as exc:
            # A missing calendar year must not block recording the decision itself; the
            # record says why the clock is not on the board.
            _log(decision, "deadline_missing", actor, f"未能开始计算公布期限：{exc}")
    return meeting


@transaction.atomic
def record_party_report(
    decision: MajorDecision, *, reported_on: dt.date, document: str, actor, note: str = "", files=()
) -> MajorDecision:
    """重大行政决策出台前应当按照规定向同级党委请示报告 (条例第31条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state == MajorDecision.State.PUBLISHED:
        raise ValidationError("决策已经公布，请示报告应在出台前进行（条例第31条）")
    if decision.state != MajorDecision.State.DECIDED:
        raise ValidationError("决策尚未经集体讨论决定通过，暂不能登记出台前的请示报告")
    _past(reported_on, "请示报告日期")
    if decision.decided_on and reported_on < decision.decided_on:
        raise ValidationError("请示报告日期不能早于集体讨论决定的日期")
    document = _require(document, "请填写请示报告的文件（如：关于……的请示）")
    before = {"party_reported_on": decision.party_reported_on}
    decision.party_reported_on = reported_on
    decision.party_report_document = document[:200]
    decision.party_report_note = _text(note)[:500]
    decision.save(update_fields=["party_reported_on", "party_report_document", "party_report_note"])
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="请示报告")
    _log(
        decision,
        "party_report",
        actor,
        f"{reported_on:%Y-%m-%d}向同级党委请示报告（{document}）"
        + (f"：{decision.party_report_note}" if decision.party_report_note else ""),
        before=before,
        after={"party_reported_on": reported_on, "document": document},
        attachments=hashes,
    )
    return decision


@transaction.atomic
def publish_decision(
    decision: MajorDecision,
    *,
    published_on: dt.date,
    channel: str,
    published_text: str,
    actor,
    document_number: str = "",
    adoption_note: str = "",
    files=(),
) -> MajorDecision:
    """公布 (条例第32条): only an approved decision, after the report to the Party committee."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state == MajorDecision.State.PUBLISHED:
        raise ValidationError("该决策已经公布")
    if decision.state == MajorDecision.State.REJECTED:
        raise ValidationError("该决策草案未获集体讨论通过，不能公布")
    if decision.state != MajorDecision.State.DECIDED:
        raise ValidationError("决策尚未经集体讨论决定通过，不得公布（条例第30条、第32条）")
    if decision.party_reported_on is None:
        raise ValidationError(
            "重大行政决策出台前应当按照规定向同级党委请示报告（条例第31条），请先登记请示报告情况"
        )
    _past(published_on, "公布日期")
    if published_on < decision.decided_on or published_on < decision.party_reported_on:
        raise ValidationError("公布日期不能早于决定日期和向党委请示报告的日期")
    channel = _require(channel, "请填写公布渠道（政府公报、政府网站或本地报刊等，条例第32条）")
    published_text = _require(published_text, "请填写公布的决策文本")
    needs_note = (
        decision.participation == MajorDecision.Participation.CONSULTATION
        or decision.expert_reviews.exists()
    )
    if needs_note and not _text(adoption_note):
        raise ValidationError("请说明公众意见、专家论证意见的采纳情况（条例第32条）")
    before = _dstate(decision)
    decision.state = MajorDecision.State.PUBLISHED
    decision.published_on = published_on
    decision.publication_channel = channel[:100]
    decision.document_number = _text(document_number)[:100]
    decision.published_text = published_text
    decision.adoption_note = _text(adoption_note)
    decision.save(
        update_fields=[
            "state",
            "published_on",
            "publication_channel",
            "document_number",
            "published_text",
            "adoption_note",
        ]
    )
    hashes = _attach(decision, files, actor=actor, unit=decision.unit, description="公布文本")
    _log(
        decision,
        "publish",
        actor,
        f"{published_on:%Y-%m-%d}通过{channel}公布"
        + (f"（{decision.document_number}）" if decision.document_number else ""),
        before=before,
        after=_dstate(decision),
        attachments=hashes,
    )
    rt, rid = events.record_ref(decision)
    for d in Deadline.objects.filter(
        record_type=rt, record_id=rid, clock=PUBLISH_CLOCK, state=Deadline.State.RUNNING
    ):
        core.complete_deadline(d, on=published_on, actor=None)
    return decision


def _check_published(decision: MajorDecision) -> None:
    if decision.state != MajorDecision.State.PUBLISHED:
        raise ValidationError("决策尚未公布，还不能登记执行情况和决策后评估")


@transaction.atomic
def schedule_execution_report(
    decision: MajorDecision, *, due: dt.date, unit: OrgUnit, actor
) -> Deadline:
    """The decision body sets when the executing unit next reports (条例第34–35条)."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_published(decision)
    if due is None or due < decision.published_on:
        raise ValidationError("报告日期不能早于决策公布日期")
    if due > core.today() + dt.timedelta(days=5 * 366):
        raise ValidationError("报告日期不能晚于五年以后，请检查填写的日期")
    deadline = core.start_deadline(
        record=decision,
        clock=EXECUTION_CLOCK,
        start=due,
        unit=unit,
        title=f"报告决策执行情况：{decision.title}",
        url=decision_url(decision) + "execution/",
        actor=actor,
    )
    _log(decision, "execution_schedule", actor, f"要求{unit.name}于{due:%Y-%m-%d}前报告执行情况")
    return deadline


@transaction.atomic
def add_execution_note(
    decision: MajorDecision,
    *,
    on: dt.date,
    unit: OrgUnit,
    note: str,
    actor,
    problems: str = "",
    files=(),
) -> ExecutionNote:
    """决策执行情况 (条例第34–35条): the executing unit reports progress and problems."""
    decision = _lock(decision)
    if actor is not None and not (
        access.can(actor, "change", decision.unit) or access.can(actor, "change", unit)
    ):
        raise PermissionDenied("只有承办单位或执行单位可以登记执行情况")
    _check_published(decision)
    if _past(on, "执行情况日期") < decision.published_on:
        raise ValidationError("执行情况日期不能早于决策公布日期")
    row = ExecutionNote.objects.create(
        decision=decision,
        on=on,
        unit=unit,
        note=_require(note, "请填写执行情况"),
        problems=_text(problems),
        created_by=actor,
    )
    hashes = _attach(row, files, actor=actor, unit=unit, description="执行情况材料")
    _log(
        decision,
        "execution_note",
        actor,
        f"{on:%Y-%m-%d}{unit.name}报告执行情况",
        after={"execution_note": row.pk},
        attachments=hashes,
    )
    rt, rid = events.record_ref(decision)
    due = (
        Deadline.objects.filter(
            record_type=rt,
            record_id=rid,
            clock=EXECUTION_CLOCK,
            unit=unit,
            state=Deadline.State.RUNNING,
        )
        .order_by("due_date")
        .first()
    )
    if due is not None:
        core.complete_deadline(due, on=on, actor=None)
    return row


def pre_decision_assessors(decision: MajorDecision) -> set[str]:
    """The units that did the main assessment before the decision (条例第36条)."""
    names = set(decision.risk_assessments.values_list("assessor", flat=True))
    names |= set(decision.expert_reviews.values_list("organizer", flat=True))
    return {n for n in names if _norm(n)}


@transaction.atomic
def start_evaluation(
    decision: MajorDecision,
    *,
    trigger: str,
    trigger_detail: str,
    evaluator: str,
    started_on: dt.date,
    actor,
    third_party: bool = False,
) -> PostEvaluation:
    """决策后评估 (条例第36条): on one of its three triggers; a third party may evaluate,
    except the unit that did the main pre-decision assessment."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    _check_published(decision)
    if trigger not in PostEvaluation.Trigger.values:
        raise ValidationError(
            "请选择启动决策后评估的情形（条例第36条：明显未达到预期效果、公众提出较多意见、"
            "决策机关认为有必要）"
        )
    trigger_detail = _require(trigger_detail, "请写明启动决策后评估的具体理由")
    evaluator = _require(evaluator, "请填写承担评估的单位")
    conflict = next(
        (n for n in pre_decision_assessors(decision) if _norm(n) == _norm(evaluator)), None
    )
    if conflict:
        raise ValidationError(
            f"“{conflict}”在决策作出前承担了主要论证评估工作，不得承担决策后评估（条例第36条）"
        )
    if _past(started_on, "评估启动日期") < decision.published_on:
        raise ValidationError("评估启动日期不能早于决策公布日期")
    if decision.evaluations.filter(finished_on=None).exists():
        raise ValidationError("上一次决策后评估尚未完成")
    ev = PostEvaluation.objects.create(
        decision=decision,
        trigger=trigger,
        trigger_detail=trigger_detail,
        evaluator=evaluator[:100],
        third_party=bool(third_party),
        started_on=started_on,
        created_by=actor,
    )
    _log(
        decision,
        "evaluation_start",
        actor,
        f"{started_on:%Y-%m-%d}启动决策后评估（{ev.get_trigger_display()}）："
        f"{'委托第三方' if third_party else ''}{evaluator}承担",
        after={"evaluation": ev.pk},
    )
    return ev


@transaction.atomic
def finish_evaluation(
    evaluation: PostEvaluation,
    *,
    finished_on: dt.date,
    result: str,
    recommendation: str,
    actor,
    files=(),
) -> PostEvaluation:
    evaluation = PostEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    decision = _lock(evaluation.decision)
    _check_decision(actor, decision)
    if evaluation.finished_on is not None:
        raise ValidationError("该次决策后评估已经完成")
    if _past(finished_on, "完成日期") < evaluation.started_on:
        raise ValidationError("完成日期不能早于启动日期")
    if recommendation not in PostEvaluation.Recommendation.values:
        raise ValidationError("请选择评估建议（继续执行、调整完善或停止执行）")
    evaluation.result = _require(result, "请填写评估结果")
    evaluation.finished_on = finished_on
    evaluation.recommendation = recommendation
    evaluation.save(update_fields=["result", "finished_on", "recommendation"])
    hashes = _attach(evaluation, files, actor=actor, unit=decision.unit, description="评估报告")
    _log(
        decision,
        "evaluation_finish",
        actor,
        f"{finished_on:%Y-%m-%d}完成决策后评估：{evaluation.get_recommendation_display()}",
        after={"evaluation": evaluation.pk, "recommendation": recommendation},
        attachments=hashes,
    )
    return evaluation


@transaction.atomic
def archive_decision(
    decision: MajorDecision, *, archived_on: dt.date, reference: str, actor
) -> MajorDecision:
    """归档 (条例第33条): the process record and materials filed completely."""
    decision = _lock(decision)
    _check_decision(actor, decision)
    if decision.state not in (MajorDecision.State.PUBLISHED, MajorDecision.State.REJECTED):
        raise ValidationError("决策尚未公布（或经集体讨论未获通过），暂不能归档")
    if decision.archived_on is not None:
        raise ValidationError("该决策已经归档")
    _past(archived_on, "归档日期")
    if decision.published_on and archived_on < decision.published_on:
        raise ValidationError("归档日期不能早于公布日期")
    decision.archived_on = archived_on
    decision.archive_reference = _require(reference, "请填写档号")[:100]
    decision.save(update_fields=["archived_on", "archive_reference"])
    _log(
        decision,
        "archive",
        actor,
        f"{archived_on:%Y-%m-%d}立卷归档（档号{decision.archive_reference}）",
        after=_dstate(decision),
    )
    return decision


# --- the full-process record and the archive package ------------------------------------------


def related_records(decision: MajorDecision) -> list[tuple[str, str, str]]:
    """(record_type, record_id, folder) of the decision, its steps, its catalogue item and
    the legality review / consultation records of the sibling apps."""
    refs = [(*events.record_ref(decision), "decision")]
    for folder, qs in (
        ("expert_review", decision.expert_reviews.all()),
        ("risk_assessment", decision.risk_assessments.all()),
        ("collective_decision", decision.meetings.all()),
        ("execution", decision.execution_notes.all()),
        ("evaluation", decision.evaluations.all()),
    ):
        refs += [(*events.record_ref(obj), folder) for obj in qs]
    for folder, getter in (
        ("legality_review", lambda: legal().latest_review(decision)),
        ("consultation", lambda: consultation().consultation_for(decision)),
    ):
        try:
            obj = getter()
        except ImportError:
            obj = None
        if obj is not None and hasattr(obj, "_meta"):
            refs.append((*events.record_ref(obj), folder))
    return refs


def _q(refs) -> Q:
    q = Q(pk__in=[])
    for rt, rid, _ in refs:
        q |= Q(record_type=rt, record_id=rid)
    return q


def full_record(decision: MajorDecision, refs=None):
    """Every event of the decision and its steps, in chain order."""
    return Event.objects.filter(_q(refs or related_records(decision))).order_by("seq")


def attachments_of(decision: MajorDecision, refs=None):
    return Attachment.objects.filter(_q(refs or related_records(decision))).order_by("pk")


EVENT_FIELDS = (
    "seq",
    "at",
    "actor_name",
    "unit_code",
    "record_type",
    "record_id",
    "action",
    "summary",
    "before",
    "after",
    "attachments",
    "prev_hash",
    "hash",
)


def _safe(name: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ") or "file"
    return name[:120]


def _summary(decision: MajorDecision) -> dict:
    d = decision
    return {
        "id": d.pk,
        "title": d.title,
        "year": d.year,
        "catalog": d.item.catalog.title,
        "catalog_number": d.item.number,
        "unit": d.unit.name,
        "body": d.body.name,
        "state": d.get_state_display(),
        "draft": d.draft,
        "explanation": d.explanation,
        "participation": d.get_participation_display(),
        "expert_not_required": d.expert_not_required,
        "risk_not_required": d.risk_not_required,
        "expert_reviews": list(
            d.expert_reviews.values(
                "held_on", "form", "organizer", "experts", "opinions", "adoption"
            )
        ),
        "risk_assessments": list(
            d.risk_assessments.values(
                "assessed_on", "assessor", "method", "level", "conclusion", "measures"
            )
        ),
        "legality_requested_on": d.legality_requested_on,
        "legality_passed": d.legality_passed,
        "legality_summary": d.legality_summary,
        "meetings": list(
            d.meetings.values(
                "meeting_kind",
                "meeting_name",
                "meeting_on",
                "attendees",
                "outcome",
                "dissent",
                "head_decision",
                "head_departs",
                "head_reason",
            )
        ),
        "decided_on": d.decided_on,
        "party_reported_on": d.party_reported_on,
        "party_report_document": d.party_report_document,
        "published_on": d.published_on,
        "publication_channel": d.publication_channel,
        "document_number": d.document_number,
        "published_text": d.published_text,
        "adoption_note": d.adoption_note,
        "execution_notes": [
            {"on": n.on, "unit": n.unit.name, "note": n.note, "problems": n.problems}
            for n in d.execution_notes.select_related("unit")
        ],
        "evaluations": list(
            d.evaluations.values(
                "trigger",
                "trigger_detail",
                "evaluator",
                "third_party",
                "started_on",
                "finished_on",
                "result",
                "recommendation",
            )
        ),
        "archived_on": d.archived_on,
        "archive_reference": d.archive_reference,
    }


def build_archive(decision: MajorDecision, actor) -> tuple[str, bytes]:
    """The archive package (条例第33条): every attached document, the full-process record
    (JSON and CSV) and a summary, with ``manifest.json`` naming each other file's SHA-256.

    Refused to a person who may not view the decision. Writes an ``archive_export`` event.
    """
    decision = access.get_for(
        actor,
        MajorDecision.objects.select_related("unit", "body", "item__catalog"),
        "view",
        pk=decision.pk,
    )
    refs = related_records(decision)
    folders = {(rt, rid): folder for rt, rid, folder in refs}
    files: list[tuple[str, bytes, dict]] = []
    evs = list(full_record(decision, refs).values(*EVENT_FIELDS))
    files.append(
        (
            "record/events.json",
            json.dumps(evs, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode(),
            {"kind": "全过程记录（JSON）"},
        )
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EVENT_FIELDS)
    for e in evs:
        writer.writerow(
            [
                json.dumps(e[f], cls=DjangoJSONEncoder, ensure_ascii=False)
                if isinstance(e[f], dict | list)
                else (e[f].isoformat() if isinstance(e[f], dt.datetime) else e[f])
                for f in EVENT_FIELDS
            ]
        )
    files.append(
        ("record/events.csv", buf.getvalue().encode("utf-8-sig"), {"kind": "全过程记录（CSV）"})
    )
    files.append(
        (
            "record/decision.json",
            json.dumps(
                _summary(decision), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1
            ).encode(),
            {"kind": "决策及各程序登记信息"},
        )
    )
    for att in attachments_of(decision, refs):
        with att.file.open("rb") as fh:
            data = fh.read()
        folder = folders.get((att.record_type, att.record_id), "other")
        files.append(
            (
                f"attachments/{folder}/{att.pk}_{_safe(att.original_name)}",
                data,
                {
                    "kind": "附件",
                    "description": att.description,
                    "stored_sha256": att.sha256,
                    "intact": hashlib.sha256(data).hexdigest() == att.sha256,
                },
            )
        )
    manifest = {
        "decision": decision.pk,
        "title": decision.title,
        "generated_at": timezone.now(),
        "generated_by": str(actor),
        "algorithm": "SHA-256",
        "basis": "《重大行政决策程序暂行条例》第三十三条",
        "files": [
            {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), **meta}
            for path, data, meta in files
        ],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path, data, _ in files:
            zf.writestr(path, data)
        zf.writestr(
            "manifest.json",
            json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode(),
        )
    payload = out.getvalue()
    with transaction.atomic():
        _log(
            decision,
            "archive_export",
            actor,
            f"导出归档包（{len(files)}个文件，SHA-256 {hashlib.sha256(payload).hexdigest()[:16]}…）",
            after={"files": len(files), "zip_sha256": hashlib.sha256(payload).hexdigest()},
        )
    return f"decision-{decision.pk}-archive.zip", payload
