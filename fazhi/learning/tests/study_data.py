"""学法用法 fixtures on top of the shared personas (conftest.py at the root): a directory
of officials in the test district, made through the real services (``actor=None``: the
system, as an import would)."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 10)


@pytest.fixture
def staff(district, people):
    """{key: Official}: the government's 区长 and 副区长, the 司法局's 局长, 副局长 and two
    staff, the 市场监管局's 局长 and one staff, 城关街道's 主任, and one of its community."""
    from fazhi.learning.services import officials as svc

    def add(key, unit, name, post, level, number=""):
        return key, svc.add_official(unit=district[unit], name=name, post=post, level=level,
                                     staff_number=number, joined_on=dt.date(2020, 1, 6),
                                     actor=None)  # fmt: skip

    return dict(
        [
            add("mayor", "gov", "李区长", "区长", "principal", "G001"),
            add("deputy", "gov", "王副区长", "副区长", "leader", "G002"),
            add("sfj_head", "sfj", "张局长", "局长", "principal", "S001"),
            add("sfj_deputy", "sfj", "赵副局长", "副局长", "leader", "S002"),
            add("sfj_a", "sfj", "陈科员", "科员", "staff", "S003"),
            add("sfj_b", "sfj", "周科员", "科员", "staff", "S004"),
            add("scjg_head", "scjg", "刘局长", "局长", "principal", "M001"),
            add("scjg_a", "scjg", "孙科员", "科员", "staff", "M002"),
            add("town_head", "town", "吴主任", "街道办事处主任", "principal"),
            add("community_a", "community", "郑干事", "社区干事", "staff"),
        ]
    )


def session(unit, people_, kind="collective", held_on=dt.date(2025, 3, 12), hours=2,
            meeting="", actor=None, statuses=None):  # fmt: skip
    from fazhi.learning.services import sessions

    statuses = statuses or {}
    return sessions.record_session(
        unit=unit, kind=kind, held_on=held_on, topic="学习《行政复议法》", laws="行政复议法",
        meeting=meeting, hours=hours, actor=actor,
        attendance=[(o, statuses.get(o.pk, "present")) for o in people_],
    )  # fmt: skip
