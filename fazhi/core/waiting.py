"""The waiting-items registry: what waits for a person, by role, from every module.

Like clocks (core/deadlines.py) and jobs (core/jobs.py), each module registers here, in its
``waiting.py``, the things that wait for someone — progress reports to review, a report
awaiting approval, an item sent back, a legality review assigned — so the 工作台 shows them
without core importing a module's models (architecture.md, dependency rule).

A provider gives a queryset of what waits for ``user`` (already scoped: a clerk never gets
another unit's item) and how one row reads (``WaitingItem``). The count in the header is
one ``COUNT`` per provider, the 工作台's list one query per provider (the provider
``select_related``s what its rows read), so neither grows with the number of items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet


@dataclass(frozen=True)
class WaitingItem:
    title: str
    link: str
    kind: str  # the provider's Chinese label, e.g. 待审核进展
    state: str  # the record's Chinese state, e.g. 已报送待审核
    due: dt.date | None = None
    unit: str = ""  # the unit the item belongs to, by name
    note: str = ""  # e.g. the reason it was sent back


@dataclass(frozen=True)
class Provider:
    code: str
    label: str
    query: Callable[..., QuerySet] = field(repr=False, compare=False)
    item: Callable[..., WaitingItem] = field(repr=False, compare=False)
    module: str = ""
    order: int = 100
    # Where the whole list (and, for progress reports, batch approval) lives.
    list_url: str = ""

    def count(self, user) -> int:
        return self.query(user).count()

    def items(self, user, limit: int | None = None) -> list[WaitingItem]:
        qs = self.query(user)
        if limit is not None:
            qs = qs[:limit]
        return [_labelled(self.item(obj), self.label) for obj in qs]


def _labelled(item: WaitingItem, label: str) -> WaitingItem:
    return item if item.kind else replace(item, kind=label)


PROVIDERS: dict[str, Provider] = {}


def register_waiting(
    code: str, label: str, *, module: str = "", order: int = 100, list_url: str = ""
):
    """Decorator over ``query(user) -> QuerySet``; ``item`` reads one row. Use::

    @register_waiting("plans.review", "待审核进展", module="plans")
    def review(user): ...

    @review.item
    def _(progress): return WaitingItem(...)
    """

    def wrap(query: Callable) -> _Registering:
        return _Registering(code, label, query, module, order, list_url)

    return wrap


class _Registering:
    """The decorated query until its ``item`` reader is given; then it is registered."""

    def __init__(self, code, label, query, module, order, list_url):
        self.code, self.label, self.query = code, label, query
        self.module, self.order, self.list_url = module, order, list_url

    def __call__(self, user) -> QuerySet:
        return self.query(user)

    def item(self, fn: Callable) -> Callable:
        PROVIDERS[self.code] = Provider(
            code=self.code,
            label=self.label,
            query=self.query,
            item=fn,
            module=self.module,
            order=self.order,
            list_url=self.list_url,
        )
        return fn


def ordered() -> list[Provider]:
    return sorted(PROVIDERS.values(), key=lambda p: (p.order, p.code))


def counts(user) -> dict[str, int]:
    """How many items wait for ``user``, per provider (one COUNT each)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    return {p.code: p.count(user) for p in ordered()}


def total(user) -> int:
    """The header's count on every page: kept until the next change on the platform, since
    it is read far more often than anything changes (core/memo.py).
    The person's unit and roles are part of the key: what waits depends on them."""
    from . import memo

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return 0
    key = ("waiting.total", user.pk, user.unit_id, tuple(sorted(user.role_codes)))
    # What waits does not depend on the date (a provider lists what waits, not what is due;
    # the 工作台's deadline board says what is due soon), so the count is kept across days.
    return memo.remember(key, lambda: sum(counts(user).values()), dated=False)


def sections(user, limit: int = 20) -> list[tuple[Provider, int, list[WaitingItem]]]:
    """(provider, count, first ``limit`` items) for each provider with something waiting."""
    out = []
    for p, n in ((p, p.count(user)) for p in ordered()):
        if n:
            out.append((p, n, p.items(user, limit)))
    return out
