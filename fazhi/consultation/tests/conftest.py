"""Fixtures for consultation tests: consultations of 司法局 (the personas of the root
conftest) on fixed June 2026 dates or from the test's frozen today. Dates and the comment helper are in helpers.py."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.consultation import services
from fazhi.consultation.interface import open_consultation

from .helpers import CLOSES, DRAFT, OPENS


@pytest.fixture
def make(people, district):
    """make(**overrides) -> an open consultation of 司法局 (fixed June 2026 dates)."""
    counter = iter(range(1, 1000))

    def _make(**kw):
        args = dict(
            subject=(services.STANDALONE, f"t{next(counter)}"),
            kind="normative_document",
            unit=district["sfj"],
            title="示范区城市公园管理办法（征求意见稿）",
            draft=DRAFT,
            explanation="为解决公园管理中的突出问题，起草本办法。",
            opens_on=OPENS,
            closes_on=CLOSES,
            actor=people["sfj_clerk"],
        )
        today = kw.pop("today", OPENS)
        args.update(kw)
        c = services.create_draft(**args)
        return services.open_draft(c, actor=args["actor"], today=today)

    return _make


@pytest.fixture
def live(people, district):
    """An open consultation of 司法局 from the test's (frozen) today for 30 days."""
    today = timezone.localdate()
    return open_consultation(
        subject=(services.STANDALONE, "live"),
        kind="normative_document",
        unit=district["sfj"],
        title="测试区城市公园管理办法（征求意见稿）",
        draft=DRAFT,
        explanation="为解决公园管理中的突出问题，起草本办法。",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=people["sfj_clerk"],
    )
