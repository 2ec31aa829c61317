"""Anchoring the full-process record outside the database.

The hash chain (core.events) proves that no event was edited in place, but someone with
write access to the database can delete the last events and roll the chain head back, or
rewrite history from a point onwards and re-hash everything after it: the chain is then
consistent again. What catches both is a copy of an earlier head kept where that person
cannot reach: each day's head (date, seq, hash) is recorded as a ``ChainAnchor``,
published on the public portal, written into every backup manifest and into the annual
report's appendix; ``fazhi check-records --anchor FILE`` compares the chain with the
anchors the operator kept (行政处罚法 第47条 全过程记录；国办发〔2018〕118号).
"""

from __future__ import annotations

import datetime as dt
import json
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import events
from .models import ChainAnchor, ChainHead, Event


class ChainBroken(RuntimeError):
    """The chain does not verify: a day's head must not be anchored on top of it."""


@dataclass(frozen=True)
class Anchor:
    date: dt.date
    seq: int
    hash: str
    source: str = ""
    day: bool = True  # a day's anchor (compared with the database's); False: a backup's head

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "seq": self.seq, "hash": self.hash}


def current_head() -> tuple[int, str]:
    head = ChainHead.objects.filter(pk=1).first()
    return (head.seq, head.hash) if head else (0, events.GENESIS)


def head_line(on: dt.date | None = None) -> str:
    """One line for the annual report's appendix and printed exports: the anchor of the
    day (or the live head), so a reader holds a copy the database does not."""
    anchor = None
    if on is not None:
        anchor = ChainAnchor.objects.filter(date__lte=on).order_by("-date").first()
    if anchor is not None:
        return (
            f"全过程记录链头：截至{anchor.date:%Y年%m月%d日}共{anchor.seq}条事件，"
            f"链头哈希（SHA-256）{anchor.hash}"
        )
    seq, digest = current_head()
    return (
        f"全过程记录链头：截至{timezone.localtime():%Y年%m月%d日}共{seq}条事件，"
        f"链头哈希（SHA-256）{digest}"
    )


def anchor_today(today: dt.date | None = None) -> ChainAnchor:
    """Record today's head; idempotent (a day's anchor, once published, never changes).

    Called daily by the jobs runner. Refuses when the chain does not verify, so that a
    tampered chain is never anchored as if it were sound.
    """
    day = today or timezone.localdate()
    existing = ChainAnchor.objects.filter(date=day).first()
    if existing is not None:
        return existing
    problems = list(events.verify_chain())
    if problems:
        raise ChainBroken(
            f"全过程记录校验未通过，未登记{day:%Y-%m-%d}的链头：{problems[0].message}"
        )
    with transaction.atomic():
        seq, digest = current_head()
        anchor, _ = ChainAnchor.objects.get_or_create(
            date=day, defaults={"seq": seq, "hash": digest}
        )
    return anchor


def stored_anchors() -> list[Anchor]:
    return [
        Anchor(a.date, a.seq, a.hash, "数据库") for a in ChainAnchor.objects.order_by("date", "seq")
    ]


def _parse_list(items, source: str) -> list[Anchor]:
    out = []
    if not isinstance(items, list):
        raise ValueError(f"{source}中的锚点应为列表")
    for i, item in enumerate(items, 1):
        try:
            date = dt.date.fromisoformat(str(item["date"])[:10])
            seq = int(item["seq"])
            digest = str(item["hash"]).strip().lower()
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{source}第{i}个锚点格式不正确（应含 date、seq、hash）") from exc
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest) or seq < 0:
            raise ValueError(f"{source}第{i}个锚点的序号或哈希不正确")
        out.append(Anchor(date, seq, digest, source))
    return out


def anchors_from_manifest(manifest: dict, source: str) -> list[Anchor]:
    """The anchors a backup manifest carries, plus its chain head as of the backup."""
    out = _parse_list(manifest.get("anchors", []), source)
    head = manifest.get("chain_head")
    if head:
        created = str(manifest.get("created_at", ""))[:10] or "1970-01-01"
        out += [
            Anchor(a.date, a.seq, a.hash, a.source, day=False)
            for a in _parse_list([{"date": created, **head}], f"{source}（备份时的链头）")
        ]
    return out


def load_anchors(path: str | Path) -> list[Anchor]:
    """Anchors kept outside the database: a JSON list of {date, seq, hash}, a backup
    manifest (JSON), or a backup archive made by ``fazhi backup``."""
    path = Path(path)
    source = path.name
    try:
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as tar:
                member = tar.extractfile("manifest.json")
                data = json.load(member)
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"找不到锚点文件：{path}") from exc
    except (KeyError, OSError, UnicodeDecodeError, json.JSONDecodeError, tarfile.TarError) as exc:
        raise ValueError(f"无法读取锚点文件{path}：{exc}") from exc
    if isinstance(data, dict):
        return anchors_from_manifest(data, source)
    return _parse_list(data, source)


def verify_anchors(anchors: Iterable[Anchor]) -> Iterator[events.ChainProblem]:
    """Compare the chain with anchors: each anchored seq must still exist and its
    recomputed hash must equal the anchored hash."""
    anchors = list(anchors)
    if not anchors:
        return
    last = Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    stored = {a.date: a for a in stored_anchors()}
    for a in sorted(anchors, key=lambda a: (a.seq, a.date)):
        where = f"{a.source}中{a.date:%Y-%m-%d}的锚点" if a.source else f"{a.date}的锚点"
        db = stored.get(a.date)
        if (
            a.day
            and a.source != "数据库"
            and db is not None
            and (db.seq, db.hash) != (a.seq, a.hash)
        ):
            yield events.ChainProblem(
                a.seq,
                "anchor",
                f"数据库中{a.date:%Y-%m-%d}的锚点（#{db.seq}）与{where}（#{a.seq}）不符：锚点表被改写",
            )
        if a.seq == 0:
            if a.hash != events.GENESIS:
                yield events.ChainProblem(0, "anchor", f"{where}哈希不正确")
            continue
        event = Event.objects.filter(seq=a.seq).first()
        if event is None:
            if a.seq > last:
                yield events.ChainProblem(
                    a.seq,
                    "anchor",
                    f"{where}记载链头为#{a.seq}，但现有记录只到#{last}："
                    f"#{last + 1}至#{a.seq}共{a.seq - last}条事件连同链头被删除或回滚",
                )
            else:
                yield events.ChainProblem(a.seq, "anchor", f"{where}锚定的事件#{a.seq}已不存在")
            continue
        if events._digest_of(event) != a.hash:
            yield events.ChainProblem(
                a.seq,
                "anchor",
                f"事件#{a.seq}重新计算的哈希与{where}不符：#{a.seq}及以前的历史被改写后重新计算了哈希",
            )
