"""What waits for the case clerks on the 工作台: their cases in progress (nearest decision
date first), decisions to publish (today fixed: 2025-11-10)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import waiting

from . import cases_flow as flow

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.mark.django_db
def test_due_cases_and_publications_wait_for_the_units_clerk(enf, people, open_penalty, login):
    soon = open_penalty(dt.date(2025, 8, 20), title="乙商店无照经营案")  # due 2025-11-18
    later = open_penalty(dt.date(2025, 10, 20), title="丙商店无照经营案")  # due 2026-01-19
    decided = flow.decided(open_penalty, enf, people["scjg_clerk"])
    clerk = people["scjg_clerk"]
    cases = waiting.PROVIDERS["enforcement.case_due"].items(clerk)
    assert [i.title for i in cases] == [
        f"{soon.number} 乙商店无照经营案",
        f"{later.number} 丙商店无照经营案",
    ]
    assert cases[0].due == dt.date(2025, 11, 18) and cases[0].link.endswith(f"/{soon.pk}/")
    pubs = waiting.PROVIDERS["enforcement.publication_due"].items(clerk)
    assert [(i.title.split()[0], i.state) for i in pubs] == [(decided.number, "待公示")]
    for other in ("town_clerk", "sfj_clerk", "leader"):
        assert waiting.counts(people[other]).get("enforcement.case_due") == 0
        assert waiting.counts(people[other]).get("enforcement.publication_due") == 0
    text = login(clerk).get("/office/").content.decode()
    assert soon.number in text and decided.number in text
