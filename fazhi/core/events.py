"""The full-process record (全过程记录): an append-only, hash-chained event log.

Each event carries the SHA-256 of its predecessor, so an event altered, removed or slipped
in afterwards by SQL breaks the chain at a place ``verify_chain`` names. Events are written
by service functions inside the same transaction as the change they describe
(行政处罚法 第47条: 全过程记录; 国办发〔2018〕118号 执法全过程记录制度).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from . import access
from .models import ChainHead, Event

GENESIS = "0" * 64
# state_hash of an event after which the record's row no longer exists (a deletion).
DELETED = "deleted"

# Columns left out of a record's state hash, besides auto_now timestamps (see _state_fields).
# The user's password hash and last login are rewritten by Django's authentication itself
# (login stamps last_login; a login re-hashes the password when the hasher's work factor
# rises after an upgrade), never through a service, so they would raise false alarms.
STATE_EXCLUDE: dict[str, frozenset[str]] = {"core.user": frozenset({"password", "last_login"})}


def record_ref(obj: models.Model) -> tuple[str, str]:
    """(record_type, record_id) naming a model instance in events, deadlines, attachments."""
    return obj._meta.label_lower, str(obj.pk)


def _plain(value):
    """JSON-safe copy (dates, decimals, UUIDs as strings) so what is hashed is what is stored."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def event_digest(
    *,
    seq: int,
    at,
    actor_id,
    actor_name: str,
    unit_code: str,
    record_type: str,
    record_id: str,
    action: str,
    summary: str,
    before,
    after,
    attachments,
    prev_hash: str,
    state_hash: str = "",
) -> str:
    body = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "unit_code": unit_code,
        "record_type": record_type,
        "record_id": record_id,
        "action": action,
        "summary": summary,
        "before": before,
        "after": after,
        "attachments": attachments,
        "prev_hash": prev_hash,
    }
    if state_hash:
        # Only when known: events written before state hashes existed keep their digest.
        body["state_hash"] = state_hash
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _digest_of(event: Event | _Row) -> str:
    at = event.at.astimezone(UTC)
    return event_digest(
        seq=event.seq,
        at=at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        unit_code=event.unit_code,
        record_type=event.record_type,
        record_id=event.record_id,
        action=event.action,
        summary=event.summary,
        before=event.before,
        after=event.after,
        attachments=event.attachments,
        prev_hash=event.prev_hash,
        state_hash=event.state_hash,
    )


# --- the record's state after the change --------------------------------------------------


# Record types every row of which is created by a service that appends the row's own event
# (registered by each module with ``require_creation_event``). Only for these does the
# check name a row that has no event at all as created by bypassing the services: other
# rows (a deadline, a calendar year loaded from the package, an expert review) are recorded
# by events on the record they belong to, and one event naming such a row (an attachment, an
# edit) says nothing about its siblings.
CREATED_WITH_EVENT: set[str] = set()


def require_creation_event(*labels: str) -> None:
    """Declare record types (``app.model``) whose every row has its creation event."""
    CREATED_WITH_EVENT.update(label.lower() for label in labels)


def state_model(record_type: str) -> type[models.Model] | None:
    """The model a record_type names, or None for types that are not one row (imports…)."""
    try:
        return apps.get_model(record_type)
    except (LookupError, ValueError):
        return None


def _state_fields(model: type[models.Model]) -> list[str]:
    """Every concrete column a person could change, by attname.

    auto_now timestamps are left out: save() rewrites them even when nothing a person
    entered changed, they carry no content of their own, and someone editing a row by SQL
    need not touch them, so they would add false alarms and no detection.
    """
    skip = STATE_EXCLUDE.get(model._meta.label_lower, frozenset())
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in skip and not getattr(f, "auto_now", False)
    ]


_VALUES: dict[type[models.Model], models.QuerySet] = {}


def _values_of(model: type[models.Model]) -> models.QuerySet:
    """The model's state columns as a values() query, built once per model (resolving
    every field name again on each event was most of the cost of an append)."""
    qs = _VALUES.get(model)
    if qs is None:
        qs = _VALUES[model] = model._base_manager.order_by().values(*_state_fields(model))
    return qs


def record_states(model: type[models.Model], pks=None) -> dict[str, dict]:
    """{str(pk): canonical state} for the given primary keys (all rows when None), read
    from the rows as stored: concrete columns plus the sorted keys of many-to-many links."""
    pk_name = model._meta.pk.attname
    qs = _values_of(model).all()
    if pks is not None:
        pks = list(pks)
        qs = qs.filter(pk=pks[0]) if len(pks) == 1 else qs.filter(pk__in=pks)
    rows = qs.iterator() if pks is None or len(pks) > 1 else qs
    states = {str(row[pk_name]): dict(row) for row in rows}
    for m2m in model._meta.many_to_many:
        if m2m.name in STATE_EXCLUDE.get(model._meta.label_lower, frozenset()):
            continue
        through = m2m.remote_field.through
        src, dst = m2m.m2m_column_name(), m2m.m2m_reverse_name()
        links = through._base_manager.order_by()
        if pks is not None:
            links = links.filter(**{f"{src}__in": list(pks)})
        for row in states.values():
            row[m2m.name] = []
        for a, b in links.values_list(src, dst).iterator():
            if str(a) in states:
                states[str(a)][m2m.name].append(b)
        for row in states.values():
            row[m2m.name] = sorted(row[m2m.name], key=str)
    return states


def state_digest(state: dict) -> str:
    canonical = json.dumps(
        state, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def state_hash_of(record_type: str, record_id: str) -> str:
    """SHA-256 of the record's row as stored now; DELETED if it is gone; "" if the
    record type is not a model (nothing to compare later)."""
    model = state_model(record_type)
    if model is None:
        return ""
    try:
        states = record_states(model, [record_id])
    except (ValueError, TypeError, ValidationError):
        return ""
    state = states.get(str(record_id))
    return DELETED if state is None else state_digest(state)


def _lock_head() -> ChainHead | None:
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET seq = seq WHERE id = 1 RETURNING seq, hash")
        row = cur.fetchone()
    return ChainHead(pk=1, seq=row[0], hash=row[1]) if row else None


def _move_head(seq: int, digest: str) -> None:
    """The head row to the new last event (one statement; the ORM's update was an eighth
    of an append)."""
    meta = ChainHead._meta
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {q(meta.db_table)} SET {q(meta.get_field('seq').column)} = %s,"
            f" {q(meta.get_field('hash').column)} = %s WHERE {q(meta.pk.column)} = 1",
            [seq, digest],
        )


def append(
    *,
    action: str,
    record: models.Model | None = None,
    record_type: str = "",
    record_id: str = "",
    actor=None,
    unit=None,
    summary: str = "",
    before=None,
    after=None,
    attachments: Iterable[str] = (),
) -> Event:
    """Append one event. Must run inside the caller's transaction (the change it records),
    after the change's last save: the event carries the hash of the record's row as it
    stands then, and ``verify_states`` compares the live row with it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events.append must run inside transaction.atomic()")
    if record is not None:
        record_type, record_id = record_ref(record)
    # Lock the head row and read it in one statement (an UPDATE takes the row lock on
    # PostgreSQL and the write lock on SQLite): concurrent appends queue here.
    head = _lock_head()
    if head is None:
        ChainHead.objects.get_or_create(pk=1)
        head = _lock_head()
    at = timezone.now().astimezone(UTC)
    actor_id = actor.pk if actor is not None and actor.pk else None
    actor_name = (str(actor) if actor is not None and actor.pk else "系统")[:100]
    unit_code = getattr(unit, "code", "") or ""
    fields = dict(
        seq=head.seq + 1,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        unit_code=unit_code,
        record_type=record_type,
        record_id=str(record_id),
        action=action,
        summary=summary[:500],
        before=_plain(before),
        after=_plain(after),
        attachments=sorted(set(attachments)),
        prev_hash=head.hash,
        state_hash=state_hash_of(record_type, str(record_id)),
    )
    digest = event_digest(**fields)
    event = Event.objects.create(hash=digest, **fields)
    access.note_record_type(Event, event.record_type)
    _move_head(event.seq, digest)
    return event


def append_many(
    *,
    action: str,
    records: Iterable[models.Model],
    actor=None,
    unit_of: Callable[[models.Model], object] = lambda r: None,
    summary_of: Callable[[models.Model], str] = lambda r: "",
    batch: int = 1000,
) -> int:
    """Append one event per record, as ``append`` would one by one, for a batch import:
    each record's row state is read with one query per batch and the events are inserted
    together, chained in order. Same rules: inside the caller's transaction, after the
    records' last save."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events.append_many must run inside transaction.atomic()")
    records = list(records)
    if not records:
        return 0
    head = _lock_head()
    if head is None:
        ChainHead.objects.get_or_create(pk=1)
        head = _lock_head()
    seq, prev = head.seq, head.hash
    actor_id = actor.pk if actor is not None and actor.pk else None
    actor_name = (str(actor) if actor is not None and actor.pk else "系统")[:100]
    seen_types = set()
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        model = type(chunk[0])
        states = record_states(model, [r.pk for r in chunk])
        rows = []
        for record in chunk:
            record_type, record_id = record_ref(record)
            seen_types.add(record_type)
            state = states.get(str(record_id))
            at = timezone.now().astimezone(UTC)
            fields = dict(
                seq=seq + 1,
                at=at,
                actor_id=actor_id,
                actor_name=actor_name,
                unit_code=getattr(unit_of(record), "code", "") or "",
                record_type=record_type,
                record_id=str(record_id),
                action=action,
                summary=summary_of(record)[:500],
                before=None,
                after=None,
                attachments=[],
                prev_hash=prev,
                state_hash=DELETED if state is None else state_digest(state),
            )
            digest = event_digest(**fields)
            rows.append(Event(hash=digest, **fields))
            seq, prev = seq + 1, digest
        Event.objects.bulk_create(rows, batch_size=batch)
    for record_type in seen_types:
        access.note_record_type(Event, record_type)
    ChainHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return len(records)


def history(record_type: str, record_id: str, user=None):
    """A record's events; with ``user``, only those the user may read
    (``access.restrict_events``; the history partial applies it to every page as well)."""
    qs = Event.objects.filter(record_type=record_type, record_id=str(record_id)).order_by("seq")
    if user is not None:
        return access.restrict_events(qs, user, record_type)
    qs.fazhi_record_type = record_type  # for the history partial's filter
    return qs


@dataclass
class ChainProblem:
    seq: int | None
    kind: str  # altered | missing | inserted | tail | changed | deleted | unrecorded | anchor
    message: str


class _Row(NamedTuple):
    """An event as verify_chain reads it: its stored columns, without a model instance."""

    seq: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    unit_code: str
    record_type: str
    record_id: str
    action: str
    summary: str
    before: object
    after: object
    attachments: list
    prev_hash: str
    hash: str
    state_hash: str


def verify_chain(batch: int = 5000) -> Iterator[ChainProblem]:
    """Recompute the chain; yield every break, each naming the event concerned."""
    expected_prev = GENESIS
    last_seq = 0
    last_hash = GENESIS
    qs = Event.objects.order_by("seq").values_list(*_Row._fields)
    # Rows, not Event instances: building a model per event was a third of the time.
    for row in qs.iterator(chunk_size=batch):
        ev = _Row(*row)
        recomputed = _digest_of(ev)
        if ev.seq != last_seq + 1:
            gap = ev.seq - last_seq - 1
            yield ChainProblem(
                ev.seq,
                "missing",
                f"事件#{last_seq + 1}至#{ev.seq - 1}共{gap}条已被删除（#{ev.seq}之前的链条中断）",
            )
        elif ev.prev_hash != expected_prev:
            yield ChainProblem(
                ev.seq,
                "inserted",
                f"事件#{ev.seq}记载的前一事件哈希与#{last_seq}不符：#{last_seq}或#{ev.seq}"
                "是被替换或插入的记录",
            )
        if recomputed != ev.hash:
            yield ChainProblem(ev.seq, "altered", f"事件#{ev.seq}的内容被篡改（哈希不符）")
        expected_prev = ev.hash
        last_seq = ev.seq
        last_hash = ev.hash
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_seq or head.hash != last_hash):
        if head.seq > last_seq:
            yield ChainProblem(
                None,
                "tail",
                f"最后{head.seq - last_seq}条事件（#{last_seq + 1}至#{head.seq}）已被删除",
            )
        else:
            yield ChainProblem(
                None,
                "tail",
                f"链尾与登记的链头（#{head.seq}）不符：#{head.seq + 1}之后的事件是被插入的",
            )


@dataclass
class StateReport:
    records: int = 0  # live rows compared
    unknown: int = 0  # rows whose last event predates state hashes


def verify_states(report: StateReport | None = None, batch: int = 2000) -> Iterator[ChainProblem]:
    """Compare every live record of every record type that has events with its last
    event: a row changed or deleted without an event is named, and for the types declared
    with ``require_creation_event`` a row created without one."""
    report = report if report is not None else StateReport()
    types = Event.objects.order_by().values_list("record_type", flat=True).distinct()
    for record_type in sorted(set(types)):
        model = state_model(record_type)
        if model is None:
            continue
        name = model._meta.verbose_name
        last: dict[str, tuple[int, str]] = {}
        for rid, seq, sh in (
            Event.objects.filter(record_type=record_type)
            .order_by("seq")
            .values_list("record_id", "seq", "state_hash")
            .iterator(chunk_size=batch)
        ):
            last[rid] = (seq, sh)
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        seen = set()
        for i in range(0, len(pks), batch):
            for rid, state in record_states(model, pks[i : i + batch]).items():
                seen.add(rid)
                report.records += 1
                if rid not in last:
                    if record_type not in CREATED_WITH_EVENT:
                        continue
                    yield ChainProblem(
                        None,
                        "unrecorded",
                        f"{name}（{record_type}:{rid}）没有任何全过程记录事件：绕过业务流程新建",
                    )
                    continue
                seq, expected = last[rid]
                if not expected:
                    report.unknown += 1
                elif expected == DELETED or state_digest(state) != expected:
                    yield ChainProblem(
                        seq,
                        "changed",
                        f"{name}（{record_type}:{rid}）在最后一条事件#{seq}之后被直接修改"
                        "（记录状态与事件记载的状态哈希不符）",
                    )
        for rid, (seq, expected) in last.items():
            if rid in seen or expected == DELETED:
                continue
            if not expected:
                report.unknown += 1
                continue
            yield ChainProblem(
                seq,
                "deleted",
                f"{name}（{record_type}:{rid}）已被删除，但最后一条事件#{seq}不是删除事件",
            )
