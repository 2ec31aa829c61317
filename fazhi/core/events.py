"""The full-process record (全过程记录): an append-only, hash-chained event log.

Each event carries the SHA-256 of its predecessor, so an event altered, removed or slipped
in afterwards by SQL breaks the chain at a place ``verify_chain`` names. Events are written
by service functions inside the same transaction as the change they describe
(行政处罚法 第47条: 全过程记录; 国办发〔2018〕118号 执法全过程记录制度).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from . import access
from .models import ChainHead, Event

GENESIS = "0" * 64


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
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _digest_of(event: Event) -> str:
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
    """Append one event. Must run inside the caller's transaction (the change it records)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events.append must run inside transaction.atomic()")
    if record is not None:
        record_type, record_id = record_ref(record)
    # Lock the head row first (an UPDATE takes the row lock on PostgreSQL and the write
    # lock on SQLite), then read it: concurrent appends queue here.
    ChainHead.objects.get_or_create(pk=1)
    ChainHead.objects.filter(pk=1).update(seq=F("seq"))
    head = ChainHead.objects.select_for_update().get(pk=1)
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
    )
    digest = event_digest(**fields)
    event = Event.objects.create(hash=digest, **fields)
    access.note_record_type(Event, event.record_type)
    ChainHead.objects.filter(pk=1).update(seq=event.seq, hash=digest)
    return event


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
    kind: str  # altered | missing | inserted | tail
    message: str


def verify_chain(batch: int = 5000) -> Iterator[ChainProblem]:
    """Recompute the chain; yield every break, each naming the event concerned."""
    expected_prev = GENESIS
    last_seq = 0
    last_hash = GENESIS
    qs = Event.objects.order_by("seq").values_list(
        "seq",
        "at",
        "actor_id",
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
    for row in qs.iterator(chunk_size=batch):
        ev = Event(
            seq=row[0],
            at=row[1],
            actor_id=row[2],
            actor_name=row[3],
            unit_code=row[4],
            record_type=row[5],
            record_id=row[6],
            action=row[7],
            summary=row[8],
            before=row[9],
            after=row[10],
            attachments=row[11],
            prev_hash=row[12],
            hash=row[13],
        )
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
