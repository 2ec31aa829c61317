"""Legality reviews on the 工作台 (core/waiting.py): the reviewing 法制机构's legal
reviewers until one is assigned, then the assignee; a review sent back for material waits
for the requesting unit's clerks and no one else's."""

import datetime as dt

import pytest

from fazhi.core import waiting
from fazhi.legal import services

pytestmark = pytest.mark.today(2025, 9, 29)


def items(user, code):
    return waiting.PROVIDERS[code].items(user)


def test_review_reaches_the_reviewer_and_comes_back_to_the_unit(district, people):
    review = services.request_review(
        kind="normative_document",
        unit=district["scjg"],
        title="测试区市场监管领域轻微违法行为免罚清单（送审稿）",
        actor=people["scjg_clerk"],
        on=dt.date(2025, 9, 26),
    )
    [item] = items(people["legal"], "legal.assigned")
    assert item.title == review.subject_title and item.unit == "区市场监管局"
    assert item.link == f"/office/legal/reviews/{review.pk}/"
    assert item.due == review.deadline.due_date and item.kind == "待办的合法性审查"
    for other in ("sfj_clerk", "scjg_clerk", "scjg_reviewer", "coordinator", "town_clerk"):
        assert waiting.counts(people[other])["legal.assigned"] == 0
    services.assign(review, assignee=people["legal"], actor=people["legal"])
    assert waiting.counts(people["legal"])["legal.assigned"] == 1
    services.return_for_materials(
        review, reason="请补充起草说明", actor=people["legal"], on=dt.date(2025, 9, 29)
    )
    assert waiting.counts(people["legal"])["legal.assigned"] == 0
    [back] = items(people["scjg_clerk"], "legal.returned")
    assert back.note == "请补充起草说明" and back.state == "退回补充材料"
    for other in ("sfj_clerk", "town_clerk", "legal"):
        assert waiting.counts(people[other])["legal.returned"] == 0
