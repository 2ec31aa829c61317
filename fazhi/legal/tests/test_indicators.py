"""Computed legal indicators equal a hand count, per unit and district-wide, and their
records_url lists exactly the records counted."""

import datetime as dt
import re

import pytest

from fazhi.indicators import registry
from fazhi.indicators.models import IndicatorValue
from fazhi.legal import services

from .conftest import upload

pytestmark = pytest.mark.today(2026, 1, 12)

D = dt.date
CODES = ["legal.reviews", "legal.agreements_reviewed", "legal.opinions", "legal.adviser_meetings"]


@pytest.fixture
def records(cast, district, adviser):
    """2025: 司法局 concludes 3 non-contract reviews (one 会签 without a letter) and 2
    contract reviews; 市场监管局's own legal reviewer concludes 1 enforcement review; one
    review concluded in 2024, one still open, one withdrawn. Advisers: 3 meetings in 2025
    (2 of the government, 1 of 市场监管局) and 1 in 2024."""
    legal, scjg_legal = cast["legal"], cast["scjg_legal"]

    def review(kind, unit, clerk, on, done=None, reviewer=None, written=True, actor=legal):
        r = services.request_review(
            kind=kind,
            unit=district[unit],
            title=f"{kind}-{on}",
            actor=cast[clerk],
            on=on,
            reviewer_unit=district[reviewer] if reviewer else None,
            materials=[upload()],
        )
        if done:
            services.conclude(
                r,
                opinion="lawful",
                reasons="",
                actor=actor,
                on=done,
                written=written,
                adviser=adviser if kind == "major_decision" else None,
            )
        return r

    review("normative_document", "scjg", "scjg_clerk", D(2025, 3, 3), D(2025, 3, 14))
    review("major_decision", "town", "town_clerk", D(2025, 5, 6), D(2025, 5, 20))
    review("other", "town", "town_clerk", D(2025, 9, 1), D(2025, 9, 15), written=False)
    review("contract", "scjg", "scjg_clerk", D(2025, 4, 1), D(2025, 4, 14))
    review("contract", "town", "town_clerk", D(2025, 12, 22), D(2025, 12, 31), written=False)
    review(
        "enforcement_decision",
        "scjg",
        "scjg_clerk",
        D(2025, 7, 1),
        D(2025, 7, 9),
        reviewer="scjg",
        actor=scjg_legal,
    )
    review("other", "scjg", "scjg_clerk", D(2024, 12, 2), D(2024, 12, 16))
    review("contract", "scjg", "scjg_clerk", D(2025, 12, 29))  # open: not counted
    w = review("other", "town", "town_clerk", D(2025, 6, 2))
    services.withdraw(w, reason="暂缓", actor=cast["town_clerk"])
    # Concluded in January 2026 after a December 2025 request: counts in 2026.
    review("normative_document", "scjg", "scjg_clerk", D(2025, 12, 24), D(2026, 1, 9))
    for day, unit in (
        (D(2025, 2, 10), "gov"),
        (D(2025, 6, 10), "gov"),
        (D(2025, 8, 8), "scjg"),
        (D(2024, 11, 11), "gov"),
    ):
        services.record_participation(
            adviser=adviser,
            date=day,
            meeting="常务会议",
            topic="议题",
            unit=district[unit],
            actor=cast["coordinator"],
        )


def test_computed_values_equal_hand_counts(records, district, cast, login):
    registry.refresh(2025, CODES)
    registry.refresh(2024, CODES)
    gov, sfj, scjg = district["gov"].pk, district["sfj"].pk, district["scjg"].pk

    def values(code, year=2025):
        return {
            v.unit_id: int(v.value)
            for v in IndicatorValue.objects.filter(indicator__code=code, year=year)
        }

    assert values("legal.reviews") == {sfj: 3, scjg: 1, gov: 4}
    assert values("legal.agreements_reviewed") == {sfj: 2, gov: 2}
    assert values("legal.opinions") == {sfj: 3, scjg: 1, gov: 4}
    assert values("legal.adviser_meetings") == {gov: 3, scjg: 1}
    assert values("legal.reviews", 2024) == {sfj: 1, gov: 1}
    assert values("legal.adviser_meetings", 2024) == {gov: 1}
    assert registry.district_values(2025)["legal.reviews"].source == "computed"
    # Each figure's records_url lists exactly what was counted (the coordinator sees all).
    client = login(cast["coordinator"])
    for v in IndicatorValue.objects.filter(indicator__code__in=CODES, year=2025):
        html = client.get(v.records_url).content.decode()
        rows = len(re.findall(r"<tr>\s*<td", html))
        assert rows == int(v.value), (v.indicator.code, v.unit_id, v.records_url)


def test_reviews_by_subject_kind_page_and_api(records, cast, login):
    """Reviews by subject kind: the 2025 counts per kind and opinion, on the review list
    and from the API, each within the reader's scope."""
    from fazhi.legal.models import LegalReview

    rows = services.counts_by_kind(LegalReview.objects.all(), 2025)
    by = {r["kind"]: r["total"] for r in rows}
    assert by == {
        "normative_document": 1,
        "major_decision": 1,
        "contract": 2,
        "enforcement_decision": 1,
        "other": 1,
        "": 6,
    }
    client = login(cast["coordinator"])
    page = client.get("/office/legal/reviews/?year=2025").content.decode()
    assert "2025年出具意见的审查事项（按审查类型）：合计6件" in page
    api = client.get("/api/legal/reviews/by-kind?year=2025").json()
    assert api[-1] == {
        "kind": "",
        "label": "合计",
        "lawful": 6,
        "lawful_if_amended": 0,
        "unlawful": 0,
        "total": 6,
    }
    assert client.get("/api/legal/reviews/by-kind?year=abc").status_code == 422
    # 市场监管局's clerk counts only what it may see: its own unit's requests.
    own = login(cast["scjg_clerk"]).get("/api/legal/reviews/by-kind?year=2025").json()
    assert own[-1]["total"] == 3
