"""Helpers of the case-screen tests: a penalty case driven through the services to the
stage a test needs (dates fixed, in 2025)."""

from __future__ import annotations

import datetime as dt

from .conftest import docs

D = dt.date
FILED, INVESTIGATED, NOTIFIED, DECIDED = (
    D(2025, 9, 1),
    D(2025, 9, 10),
    D(2025, 9, 15),
    D(2025, 9, 22),
)


def investigate(case, enf, actor):
    from fazhi.enforcement import services as s

    return s.investigate(
        case,
        on=INVESTIGATED,
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=enf["officers"],
        actor=actor,
    )


def notify(case, actor, fine=3000):
    from fazhi.enforcement import services as s

    return s.notify(
        case, on=NOTIFIED, documents=docs("行政处罚告知书"), actor=actor, proposed_fine=fine
    )


def decide(case, enf, actor, fine=3000):
    from fazhi.enforcement import services as s

    band = enf["standard"].bands.get(circumstance="general")
    return s.decide(
        case,
        on=DECIDED,
        outcome="penalty",
        documents=docs("行政处罚决定书"),
        actor=actor,
        fine=fine,
        band=band,
    )


def decided(open_penalty, enf, actor, party=None, title=None):
    kw = {"title": title} if title else {}
    case = open_penalty(FILED, party=party, **kw)
    investigate(case, enf, actor)
    notify(case, actor)
    return decide(case, enf, actor)
