"""Fixtures of the 述法, 普法 and meetings tests (imported by their test files): the
officials of the shared personas' units. h3's officials service did not exist when these
were written, so the rows are created with the ORM plus their creation event (fixture data
only)."""

from __future__ import annotations

import pytest
from django.db import transaction

from fazhi.core import events


def make_official(unit, name, post, level="staff"):
    from fazhi.learning.models import Official

    with transaction.atomic():
        o = Official.objects.create(unit=unit, name=name, post=post, level=level)
        events.append(action="learning_official_added", record=o, unit=unit,
                      summary=f"测试数据：{name}")  # fmt: skip
    return o


@pytest.fixture(name="officials")
def officials_fixture(district):
    return {
        "scjg_head": make_official(district["scjg"], "周建国", "局长", "principal"),
        "scjg_deputy": make_official(district["scjg"], "吴丽华", "副局长", "leader"),
        "scjg_staff": make_official(district["scjg"], "郑小军", "科员"),
        "sfj_head": make_official(district["sfj"], "钱明", "局长", "principal"),
        "gov_head": make_official(district["gov"], "孙志强", "区长", "principal"),
        "gov_deputy": make_official(district["gov"], "李红梅", "副区长", "leader"),
        "town_head": make_official(district["town"], "陈立", "街道办事处主任", "principal"),
    }
