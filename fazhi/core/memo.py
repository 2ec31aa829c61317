"""Results kept until the next change anywhere on the platform.

Every change of a record goes through a service that appends an event to the full-process
record in the same transaction (core/events.py; the write walk in tests/test_writes_record.py
holds every form to it), so the hash of the chain's last event names the state of all the
records: a result computed at one head is still right at the same head, on the same day
(many results read the date: due soon, overdue). The hash, unlike the sequence number, does
not come back after a restore or a rolled-back transaction.

Kept per process (each server worker has its own), bounded, and emptied by ``clear`` (the
tests empty it before each test, whose fixtures may write rows without events).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.utils import timezone

T = TypeVar("T")

_LOCK = threading.Lock()
_STORE: dict[Hashable, tuple[str, object]] = {}
_MAX = 4096


def head(*, dated: bool = True) -> str:
    """The state of every record, as of now (and today, when ``dated``)."""
    from .models import ChainHead

    digest = ChainHead.objects.filter(pk=1).values_list("hash", flat=True).first() or ""
    return f"{digest}@{timezone.localdate():%Y-%m-%d}" if dated else digest


def remember(key: Hashable, compute: Callable[[], T], *, dated: bool = True) -> T:
    """``compute()``, or what it gave last time for ``key`` if nothing has changed since
    (nor the day, when ``dated``: pass ``dated=False`` only for what never reads the date)."""
    state = head(dated=dated)
    hit = _STORE.get(key)
    if hit is not None and hit[0] == state:
        return hit[1]  # type: ignore[return-value]
    value = compute()
    with _LOCK:
        if len(_STORE) >= _MAX:
            _STORE.clear()
        _STORE[key] = (state, value)
    return value


def clear() -> None:
    with _LOCK:
        _STORE.clear()
