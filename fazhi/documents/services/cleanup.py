"""清理: selecting documents in force, each unit's proposal, closing and publishing the lists."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, events, locking
from fazhi.core.models import OrgUnit

from ..models import (
    Cleanup,
    CleanupItem,
    Outcome,
)
from .common import S, _event, _lock, _need_manage, _past, _today
from .lifecycle import _end

# --- cleanup (清理) ------------------------------------------------------------------------


def _cleanup_event(cleanup: Cleanup, action: str, actor, summary: str, after=None):
    events.append(
        action=action,
        record=cleanup,
        actor=actor,
        unit=cleanup.unit,
        summary=summary,
        after=after,
    )


@transaction.atomic
def create_cleanup(
    *, title: str, unit: OrgUnit, started_on: dt.date, actor, basis: str = ""
) -> Cleanup:
    _need_manage(actor)
    if not (title or "").strip():
        raise ValidationError("请填写清理名称")
    started_on = _past(started_on, "开始日期")
    c = Cleanup.objects.create(
        title=title.strip()[:200],
        unit=unit,
        basis=(basis or "").strip()[:300],
        started_on=started_on,
        created_by=actor,
    )
    _cleanup_event(c, "cleanup_create", actor, f"启动规范性文件清理“{c.title}”")
    return c


@transaction.atomic
def add_to_cleanup(
    cleanup: Cleanup, documents, *, actor, assigned_unit: OrgUnit | None = None
) -> list[CleanupItem]:
    """Select documents in force and assign each to a unit (by default its drafting unit)."""
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("清理已完成，不能再增加文件")
    docs = list(documents)
    if not docs:
        raise ValidationError("请选择要清理的文件")
    today = cleanup.started_on
    already = set(cleanup.items.values_list("document_id", flat=True))
    items = []
    for d in docs:
        if d.status != S.PUBLISHED or (d.valid_until and d.valid_until < today):
            raise ValidationError(f"《{d.title}》不是现行有效的文件，无需清理")
        if d.pk in already:
            raise ValidationError(f"《{d.title}》已在本次清理范围内")
        items.append(
            CleanupItem(cleanup=cleanup, document=d, assigned_unit=assigned_unit or d.unit)
        )
    CleanupItem.objects.bulk_create(items)
    _cleanup_event(
        cleanup,
        "cleanup_add",
        actor,
        f"将{len(items)}件文件纳入清理范围",
        after={"documents": [d.pk for d in docs]},
    )
    return items


@transaction.atomic
def record_cleanup_outcome(
    item: CleanupItem,
    *,
    outcome: str,
    reason: str,
    actor,
    on: dt.date | None = None,
    version=None,
) -> CleanupItem:
    """The assigned unit proposes 继续有效 / 修改 / 废止 / 失效 for one document, with reason.
    ``version``: what the outcome form was opened at (``locking.claim``)."""
    item = (
        CleanupItem.objects.select_for_update()
        .select_related("cleanup", "document")
        .get(pk=item.pk)
    )
    locking.claim(item, version)
    if actor is not None and not access.can(actor, "change", item.assigned_unit):
        raise PermissionDenied("只有承办单位可以提出该文件的清理意见")
    if item.cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("清理已完成，不能再修改清理意见")
    if outcome not in Outcome.values:
        raise ValidationError("请选择清理结果：继续有效、修改、废止或宣布失效")
    if not (reason or "").strip():
        raise ValidationError("请填写清理理由")
    before = {"outcome": item.outcome, "reason": item.reason}
    item.outcome, item.reason = outcome, reason.strip()[:500]
    item.recorded_on, item.recorded_by = on or _today(), actor
    item.save()
    events.append(
        action="cleanup_outcome",
        record=item.cleanup,
        actor=actor,
        unit=item.assigned_unit,
        summary=f"《{item.document.title}》清理意见：{Outcome(outcome).label}（{item.reason[:100]}）",
        before=before,
        after={"document": item.document_id, "outcome": outcome, "reason": item.reason},
    )
    return item


@transaction.atomic
def close_cleanup(cleanup: Cleanup, *, actor, on: dt.date | None = None) -> Cleanup:
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.OPEN:
        raise ValidationError("该清理已完成")
    total = cleanup.items.count()
    if not total:
        raise ValidationError("清理范围内没有文件")
    missing = cleanup.items.filter(outcome="").count()
    if missing:
        raise ValidationError(f"尚有{missing}件文件未提出清理意见，不能完成清理")
    on = _past(on or _today(), "完成日期")
    if on < cleanup.started_on:
        raise ValidationError("完成日期不能早于开始日期")
    cleanup.state, cleanup.closed_on = Cleanup.State.CLOSED, on
    cleanup.save(update_fields=["state", "closed_on"])
    counts = cleanup_counts(cleanup)
    _cleanup_event(
        cleanup,
        "cleanup_close",
        actor,
        f"完成清理：共{total}件，"
        + "，".join(f"{Outcome(k).label}{v}件" for k, v in counts.items() if v),
        after=counts,
    )
    return cleanup


def cleanup_counts(cleanup: Cleanup) -> dict[str, int]:
    counts = dict.fromkeys(Outcome.values, 0)
    for outcome in cleanup.items.values_list("outcome", flat=True):
        if outcome:
            counts[outcome] += 1
    return counts


@transaction.atomic
def publish_cleanup(cleanup: Cleanup, *, actor, on: dt.date | None = None) -> Cleanup:
    """Publish the lists; documents to be repealed or declared expired end on that day
    (清理结果公布后，未列入继续有效目录的文件不得作为行政管理依据)."""
    _need_manage(actor)
    cleanup = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    if cleanup.state != Cleanup.State.CLOSED:
        raise ValidationError("清理完成后才能公布清理结果")
    on = _past(on or _today(), "公布日期")
    if on < cleanup.closed_on:
        raise ValidationError("公布日期不能早于清理完成日期")
    for item in cleanup.items.select_related("document"):
        doc = item.document
        if doc.status != S.PUBLISHED:
            continue
        text = f"经“{cleanup.title}”决定{Outcome(item.outcome).label}：{item.reason}"
        if item.outcome == Outcome.REPEAL:
            _end(_lock(doc), S.REPEALED, on, text, actor, f"{on:%Y-%m-%d}废止（{text}）")
        elif item.outcome == Outcome.EXPIRE:
            _end(_lock(doc), S.EXPIRED, on, text, actor, f"{on:%Y-%m-%d}宣布失效（{text}）")
        elif item.outcome == Outcome.AMEND:
            _event(doc, "document_to_amend", actor, f"列入拟修改目录（{text}）")
    cleanup.state, cleanup.published_on = Cleanup.State.PUBLISHED, on
    cleanup.save(update_fields=["state", "published_on"])
    _cleanup_event(cleanup, "cleanup_publish", actor, f"{on:%Y-%m-%d}公布清理结果目录")
    return cleanup
