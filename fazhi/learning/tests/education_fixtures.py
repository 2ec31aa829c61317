"""Fixtures of the 述法, 普法 and meetings tests (imported by their test files): the
officials of the shared personas' units, put on the directory through the officials
service."""

from __future__ import annotations

import pytest


def make_official(unit, name, post, level="staff"):
    from fazhi.learning.services.officials import add_official

    return add_official(unit=unit, name=name, post=post, level=level, actor=None)


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
