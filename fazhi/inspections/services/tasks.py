"""抽查任务: creation, the published commitment, the draw, the seed's reveal, a recorded
redo (draw.py is the published procedure; ``snapshot`` reads the frozen pool back,
``verify`` recomputes the draw).

Order of a task: 草拟 → 公布抽取承诺 (commit: the pool is frozen into a snapshot, a secret
seed is generated and only its SHA-256 and the snapshot's are public) → 抽取 (make_draw,
once) → 公布种子 (reveal_seed) → anyone recomputes the draw from seed + snapshot
(verify.verify_task). A draw is never made twice: a redo voids the task, which stays visible with
its reason, and opens a new draft (市场监管总局关于全面推进“双随机、一公开”监管工作的通知,
2019: 抽查过程全程留痕、可追溯; rules.md §6).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from fazhi.enforcement.interface import certified_inspectors

from .. import conf, draw
from ..models import (
    Avoidance,
    DrawnEntity,
    Entity,
    InspectionPlan,
    InspectionTask,
    Snapshot,
)
from .common import need_change, record, required
from .snapshot import snapshot_pool

WHAT = "本单位牵头的抽查任务"
FILTER_KEYS = {"industry": "行业", "region": "所在区域", "kind": "主体类型"}
REDRAW_REFUSED = "已抽取，不能重新抽取；确需重新抽取的，应记录原因另行抽取"
DRAWN_STATES = (
    InspectionTask.State.DRAWN,
    InspectionTask.State.CHECKING,
    InspectionTask.State.DONE,
)


def _ratios(ratios) -> dict[str, str]:
    """Per risk class, a fraction 0–1; classes not given take the configured default."""
    given = dict(ratios or {})
    unknown = set(given) - set(draw.RISK_CLASSES)
    if unknown:
        raise ValidationError(
            f"信用风险分类只有A、B、C、D，不能为“{'、'.join(sorted(unknown))}”设比例"
        )
    out = {}
    for risk, default in conf.default_ratios().items():
        value = given.get(risk, default)
        try:
            r = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise ValidationError(f"{risk}类的抽查比例应为0到1之间的小数，如0.03表示3%") from None
        if not r.is_finite() or r < 0 or r > 1:
            raise ValidationError(f"{risk}类的抽查比例应在0到1之间（如0.03表示3%）")
        out[risk] = str(r)
    if not any(Decimal(v) for v in out.values()):
        raise ValidationError("各类抽查比例不能都为0")
    return out


def _pool_filter(pool_filter) -> dict[str, list[str]]:
    out = {}
    for key, values in (pool_filter or {}).items():
        if key not in FILTER_KEYS:
            raise ValidationError(f"检查对象范围只能按{'、'.join(FILTER_KEYS.values())}筛选")
        if isinstance(values, str):
            values = [values]
        values = sorted({str(v).strip() for v in values if str(v).strip()})
        if values:
            out[key] = values
    return out


def departments_of(task: InspectionTask) -> list[str]:
    """The responsible departments as the draw names them (unit id as text), in a fixed
    order: published with the task, so the draw can be recomputed."""
    return [str(pk) for pk in sorted(task.departments.values_list("pk", flat=True))]


@transaction.atomic
def create_task(
    plan: InspectionPlan,
    *,
    title: str,
    departments,
    items,
    actor,
    starts_on,
    ends_on,
    pool_filter=None,
    ratios=None,
    per_department: int | None = None,
    redo_of: InspectionTask | None = None,
    redo_reason: str = "",
) -> InspectionTask:
    """A task of ``plan``'s department (the lead). More than one department: a joint task
    (联合抽查, 进一次门、查多项事); each item must be one of theirs."""
    need_change(actor, plan.unit, WHAT)
    title = required(title, "任务名称", 200)
    departments = list(dict.fromkeys(departments or []))
    if plan.unit not in departments:
        departments.insert(0, plan.unit)
    items = list(dict.fromkeys(items or []))
    if not items:
        raise ValidationError("请选择抽查事项")
    dept_ids = {d.pk for d in departments}
    for item in items:
        if item.unit_id not in dept_ids:
            raise ValidationError(f"抽查事项“{item}”不属于本任务的责任部门")
        if not item.active:
            raise ValidationError(f"抽查事项“{item}”已停用")
    if starts_on is None or ends_on is None:
        raise ValidationError("请填写检查开始和结束日期")
    if ends_on < starts_on:
        raise ValidationError("检查结束日期不能早于开始日期")
    if starts_on.year != plan.year:
        raise ValidationError(f"检查开始日期应在计划年度（{plan.year}年）内")
    if per_department in (None, ""):
        per_department = conf.per_department()
    try:
        per_department = int(per_department)
    except (TypeError, ValueError):
        raise ValidationError("每个对象每部门检查人员数应为整数") from None
    if per_department < 1 or per_department * len(departments) < 2:
        raise ValidationError("每个检查对象至少应有两名执法检查人员")
    task = InspectionTask.objects.create(
        plan=plan,
        unit=plan.unit,
        joint=len(departments) > 1,
        title=title,
        pool_filter=_pool_filter(pool_filter),
        ratios=_ratios(ratios),
        per_department=per_department,
        starts_on=starts_on,
        ends_on=ends_on,
        redo_of=redo_of,
        redo_reason=redo_reason,
        created_by=actor if actor is not None and actor.pk else None,
    )
    task.departments.set(departments)
    task.items.set(items)
    summary = f"创建{'联合' if task.joint else ''}抽查任务：{task.title}"
    if redo_of is not None:
        summary += f"（重新抽取“{redo_of.title}”，原因：{redo_reason}）"
    record(task, "inspections_task_create", actor, task.unit, summary)
    return task


def _lock(task: InspectionTask) -> InspectionTask:
    task = InspectionTask.objects.select_for_update().select_related("unit").get(pk=task.pk)
    return task


def _entities(task: InspectionTask):
    qs = Entity.objects.filter(status=Entity.Status.ACTIVE)
    for key, values in task.pool_filter.items():
        qs = qs.filter(**{f"{key}__in": values})
    return qs


def previous_task(task: InspectionTask) -> InspectionTask | None:
    """The last cycle: the lead unit's latest task drawn before this one (voided draws do
    not count)."""
    return (
        InspectionTask.objects.filter(unit_id=task.unit_id, state__in=DRAWN_STATES)
        .exclude(pk=task.pk)
        .order_by("-drawn_on", "-pk")
        .first()
    )


@transaction.atomic
def commit(task: InspectionTask, *, actor, seed: bytes | None = None) -> InspectionTask:
    """Freeze the pool and publish the commitment: SHA-256 of a fresh 32-byte secret seed
    (``secrets``), SHA-256 of the snapshot, the algorithm's version. The seed itself stays
    secret until the draw is made.

    ``seed``: leave it out in real use (a fresh secret each time). Only the demo builder
    passes one, drawn from its seeded generator, so that two builds give the same draws."""
    task = _lock(task)
    need_change(actor, task.unit, WHAT)
    if task.state != InspectionTask.State.DRAFT:
        raise ValidationError("只有草拟的抽查任务才能公布抽取承诺")
    dept_ids = [int(d) for d in departments_of(task)]
    refs = certified_inspectors(unit_ids=dept_ids, on=task.starts_on)
    for unit in task.departments.order_by("code"):
        if not any(r.unit_id == unit.pk for r in refs):
            raise ValidationError(
                f"{unit}在{task.starts_on:%Y-%m-%d}没有在岗持证的执法人员，执法检查人员名录库为空"
            )
    inspectors = [draw.Inspector(id=r.certificate_number, department=str(r.unit_id)) for r in refs]
    ids = {r.certificate_number for r in refs}
    entities = _entities(task)
    odd = (
        entities.exclude(risk_class__in=draw.RISK_CLASSES)
        .order_by("uscc")
        .values_list("uscc", "risk_class")
        .first()
    )
    if odd is not None:
        raise ValidationError(f"检查对象{odd[0]}的信用风险分类“{odd[1]}”不是A、B、C、D之一")
    # One list of codes per class, read in order along the (status, class, code) index: no
    # model instance or tuple per entity (5,000,000 of them: bench/inspections_scale.py).
    strata = {
        risk: list(
            entities.filter(risk_class=risk)
            .order_by("uscc")
            .values_list("uscc", flat=True)
            .iterator(chunk_size=20000)
        )
        for risk in draw.RISK_CLASSES
    }
    # Filtered here rather than by certificate_number IN (50,000 numbers) in the query.
    conflicts = {
        (number, uscc)
        for number, uscc in Avoidance.objects.filter(
            withdrawn_on=None, entity__in=entities
        ).values_list("certificate_number", "entity__uscc")
        if number in ids
    }
    last = previous_task(task)
    if last is not None:
        for inspector_ids, uscc in DrawnEntity.objects.filter(task=last).values_list(
            "inspectors", "entity__uscc"
        ):
            conflicts.update((i, uscc) for i in inspector_ids if i in ids)
    try:
        pool = draw.Pool.from_strata(strata, inspectors, conflicts)
    except draw.DrawError as e:
        raise ValidationError(str(e)) from None
    counts = {risk: len(members) for risk, members in pool.strata.items()}
    total = sum(counts.values())
    if not total:
        raise ValidationError("检查对象范围内没有存续的检查对象，检查对象名录库为空")
    h = hashlib.sha256()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=6) as gz:
        for data in draw.snapshot_chunks(pool):
            h.update(data)
            gz.write(data)
    if seed is None:
        seed = secrets.token_bytes(32)
    elif len(seed) != 32:
        raise ValueError("the draw's seed is 32 bytes")
    task.seed = seed.hex()
    task.seed_hash = draw.seed_commitment(seed)
    task.snapshot_hash = h.hexdigest()
    task.snapshot_counts = counts
    task.algorithm = draw.ALGORITHM
    task.committed_on = timezone.now()
    task.state = InspectionTask.State.COMMITTED
    task.save()
    Snapshot.objects.create(
        task=task,
        data=buf.getvalue(),
        sha256=task.snapshot_hash,
        entities=total,
        inspectors=len(inspectors),
        inspector_names={r.certificate_number: [r.id, r.name, r.unit_id] for r in refs},
    )
    task.refresh_from_db()
    record(
        task,
        "inspections_task_commit",
        actor,
        task.unit,
        f"公布抽取承诺：检查对象{total}家（{'、'.join(f'{k}类{v}' for k, v in counts.items())}），"
        f"执法检查人员{len(inspectors)}名，随机种子承诺{task.seed_hash}，快照哈希"
        f"{task.snapshot_hash}，算法{task.algorithm}",
        before={"state": InspectionTask.State.DRAFT},
        after={
            "state": task.state,
            "seed_hash": task.seed_hash,
            "snapshot_hash": task.snapshot_hash,
            "algorithm": task.algorithm,
            "counts": counts,
        },
    )
    return task


def _seed(task: InspectionTask) -> bytes:
    return bytes.fromhex(task.seed)


@transaction.atomic
def make_draw(task: InspectionTask, *, actor) -> InspectionTask:
    """Draw once, from the committed snapshot and seed."""
    task = _lock(task)
    need_change(actor, task.unit, WHAT)
    if task.state in DRAWN_STATES:
        raise ValidationError(REDRAW_REFUSED)
    if task.state == InspectionTask.State.VOIDED:
        raise ValidationError("该抽查任务已作废，不能抽取")
    if task.state != InspectionTask.State.COMMITTED:
        raise ValidationError("请先公布抽取承诺，再进行抽取")
    _, pool = snapshot_pool(task.snapshot)
    try:
        result = draw.draw(
            _seed(task), pool, task.ratios, departments_of(task), task.per_department
        )
    except draw.DrawError as e:
        message = str(e)
        for unit in task.departments.all():  # the draw names departments by id
            message = message.replace(f"部门{unit.pk}可派", f"{unit}可派")
        raise ValidationError(message) from None
    ids = _entity_ids(sorted(uscc for _, uscc in result.entities))
    # The inspectors' JSON as json.dumps writes it; joined directly when every certificate
    # number is plain ASCII without quote or backslash (150,000 json.dumps calls: a second).
    plain = all(
        i.id.isascii() and i.id.isprintable() and '"' not in i.id and "\\" not in i.id
        for i in pool.inspectors
    )

    def dumps(numbers: list[str]) -> str:
        return '["' + '", "'.join(numbers) + '"]' if plain and numbers else json.dumps(numbers)

    rows = [
        (task.pk, task.unit_id, ids[uscc], risk, n, dumps(result.inspectors[uscc]))
        for n, (risk, uscc) in enumerate(result.entities, start=1)
    ]
    rows.sort(key=lambda row: row[2])  # along the entity table: its pages read once
    _insert_drawn(rows)
    task.result_hash = result.digest()
    task.drawn_on = timezone.now()
    task.state = InspectionTask.State.DRAWN
    task.save()
    task.refresh_from_db()
    record(
        task,
        "inspections_task_draw",
        actor,
        task.unit,
        f"抽取检查对象{len(result.entities)}家并分派执法检查人员，结果哈希{task.result_hash}",
        before={"state": InspectionTask.State.COMMITTED},
        after={"state": task.state, "result_hash": task.result_hash},
    )
    return task


def _entity_ids(usccs: list[str]) -> dict[str, int]:
    """USCC → entity id for the drawn codes (sorted: the unique index read in order), in
    plain queries of 5,000 codes (one array on PostgreSQL): the ORM's ``__in`` spent more
    than a second preparing 150,000 parameters."""
    q = connection.ops.quote_name
    head = f"SELECT {q('uscc')}, {q('id')} FROM {q(Entity._meta.db_table)} WHERE {q('uscc')}"
    ids: dict[str, int] = {}
    with connection.cursor() as cur:
        for start in range(0, len(usccs), 5000):
            part = usccs[start : start + 5000]
            if connection.vendor == "postgresql":
                cur.execute(f"{head} = ANY(%s)", [part])
            else:
                cur.execute(f"{head} IN ({', '.join(['%s'] * len(part))})", part)
            ids.update(cur.fetchall())
    return ids


def _insert_drawn(rows: list[tuple]) -> None:
    """The drawn entities in plain INSERTs (COPY on PostgreSQL): a model instance per row
    cost more than the whole draw's budget at 150,000 drawn entities (bench/inspections_
    scale.py). The columns a new row leaves at their defaults are written as such."""
    q = connection.ops.quote_name
    table = q(DrawnEntity._meta.db_table)
    cols = ["task_id", "unit_id", "entity_id", "risk_class", "order", "inspectors",
            "outcome", "note", "case_ref", "late_reason"]  # fmt: skip
    names = ", ".join(q(c) for c in cols)
    blank = ("", "", "", "")
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + blank)
            return
        marks = ", ".join(["%s"] * len(cols))
        cur.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [r + blank for r in rows]
        )


@transaction.atomic
def reveal_seed(task: InspectionTask, *, actor) -> InspectionTask:
    """After the draw the seed is made public: with the snapshot, anyone can recompute."""
    task = _lock(task)
    need_change(actor, task.unit, WHAT)
    if task.drawn_on is None:
        raise ValidationError("抽取之前不能公布随机种子")
    if task.seed_revealed_on:
        raise ValidationError("随机种子已经公布")
    task.seed_revealed_on = timezone.now()
    task.save(update_fields=["seed_revealed_on"])
    task.refresh_from_db()
    record(
        task,
        "inspections_task_reveal_seed",
        actor,
        task.unit,
        f"公布随机种子：{task.seed}",
        after={"seed": task.seed},
    )
    return task


@transaction.atomic
def redo(task: InspectionTask, *, reason: str, actor) -> InspectionTask:
    """Void a committed or drawn task (it stays, with its reason, for everyone to see) and
    open a new draft with the same settings. Returns the new task."""
    task = _lock(task)
    need_change(actor, task.unit, WHAT)
    reason = required(reason, "重新抽取的原因")
    if task.state == InspectionTask.State.VOIDED:
        raise ValidationError("该抽查任务已作废并已重新抽取")
    if task.state == InspectionTask.State.DRAFT:
        raise ValidationError("草拟的抽查任务尚未公布抽取承诺，不需要重新抽取")
    if task.state != InspectionTask.State.COMMITTED and (
        DrawnEntity.objects.filter(task=task).exclude(outcome="").exists()
    ):
        raise ValidationError("已经开始检查的抽查任务不能重新抽取")
    before = task.state
    task.state = InspectionTask.State.VOIDED
    task.save(update_fields=["state"])
    task.refresh_from_db()
    record(
        task,
        "inspections_task_void",
        actor,
        task.unit,
        f"作废抽查任务，重新抽取：{reason}",
        before={"state": before},
        after={"state": task.state, "reason": reason},
    )
    return create_task(
        task.plan,
        title=task.title,
        departments=list(task.departments.all()),
        items=list(task.items.all()),
        pool_filter=task.pool_filter,
        ratios=task.ratios,
        per_department=task.per_department,
        starts_on=task.starts_on,
        ends_on=task.ends_on,
        actor=actor,
        redo_of=task,
        redo_reason=reason[:300],
    )
