"""The verification anyone can repeat: the draw recomputed from the revealed seed and the
stored snapshot, compared line by line with the stored result or a published copy
(draw.verify; the portal's verify page and ``fazhi inspections verify TASK`` call it)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError

from .. import draw
from ..models import DrawnEntity, InspectionTask, Snapshot
from .snapshot import snapshot_pool
from .tasks import _seed, departments_of


def result_lines(task: InspectionTask) -> list[str]:
    """The stored result as published: class, USCC, inspectors (draw.Result.lines)."""
    return [
        f"{risk}\t{uscc}\t{','.join(inspectors)}"
        for risk, uscc, inspectors in DrawnEntity.objects.filter(task=task)
        .order_by("order")
        .values_list("risk_class", "entity__uscc", "inspectors")
    ]


def verify_task(task: InspectionTask, published_lines=None) -> list[str]:
    """Recompute the draw from the stored seed and snapshot and compare it with the stored
    result (or ``published_lines``, e.g. a copy someone downloaded). Empty list: 一致."""
    task = InspectionTask.objects.get(pk=task.pk)
    if task.drawn_on is None or not task.seed:
        return ["该抽查任务尚未抽取，无法核验"]
    snapshot = Snapshot.objects.filter(task=task).first()
    if snapshot is None:
        return ["该抽查任务没有名录库快照，无法核验"]
    try:
        algorithm, pool = snapshot_pool(snapshot)
    except (ValidationError, OSError, EOFError, UnicodeDecodeError):
        return ["名录库快照无法读取（数据已损坏）"]
    problems = []
    if algorithm != task.algorithm or task.algorithm != draw.ALGORITHM:
        problems.append(
            f"抽取算法版本为“{task.algorithm}”，快照为“{algorithm}”，本平台核验算法为"
            f"“{draw.ALGORITHM}”"
        )
        return problems
    lines = result_lines(task) if published_lines is None else list(published_lines)
    if published_lines is None:
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        if digest != task.result_hash:
            problems.append("抽取结果与抽取时记录的结果哈希不符（结果在抽取后被改动）")
    try:
        problems += draw.verify(
            _seed(task),
            pool,
            task.ratios,
            departments_of(task),
            lines,
            commitment=task.seed_hash,
            snapshot=task.snapshot_hash,
            per_department=task.per_department,
        )
    except draw.DrawError as e:
        problems.append(f"按种子和快照重新抽取失败：{e}")
    return problems
