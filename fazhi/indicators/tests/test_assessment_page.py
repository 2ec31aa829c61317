"""The assessment page readable on a phone (issue 12, point 4): column headers give each
item's full name (wrapped, not cut to a few characters behind a tooltip), the scoring
basis opens on touch (<details>, not a title attribute only a mouse can show), and the
adjustment form picks the unit and the item from searchable selects."""

from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.indicators import services
from fazhi.indicators.models import AssessmentItem, AssessmentScheme, AssessmentScore

# The 2025 assessment is scored after the year ends.
pytestmark = pytest.mark.today(2026, 2, 10)

LONG = "行政执法案卷评查优秀率达到规定比例"
SEARCHABLE_JS = Path(__file__).resolve().parents[2] / "core" / "static" / "core" / "searchable.js"


@pytest.fixture
def scheme(people, district):
    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification", order=1
    )
    AssessmentItem.objects.create(
        scheme=scheme, name=LONG, points=Decimal(5), rule="manual", order=2
    )
    services.compute_scores(scheme, people["coordinator"])
    return scheme


def page(client, scheme) -> str:
    resp = client.get(f"/office/indicators/assessments/{scheme.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_column_headers_carry_the_full_item_name(scheme, people, login):
    body = page(login(people["coordinator"]), scheme)
    assert f'<th scope="col" class="text-end fz-colhead">{LONG}<' in body
    assert "…" not in body.split("<thead>")[1].split("</thead>")[0]


def test_scoring_basis_opens_on_touch(scheme, people, login):
    score = AssessmentScore.objects.filter(item__name="督察整改").first()
    assert score.basis
    body = page(login(people["leader"]), scheme)
    tbody = body.split("<tbody>")[1].split("</tbody>")[0]
    assert '<details class="fz-basis">' in tbody
    assert f'<div class="fz-basis-text">{score.basis}' in tbody
    assert f'title="{score.basis}' not in tbody


def test_adjustment_picks_unit_and_item_from_searchable_selects(scheme, people, login):
    client = login(people["coordinator"])
    body = page(client, scheme)
    assert 'name="unit" data-searchable="on"' in body and 'name="item" data-searchable="on"' in body
    assert "vendor/tom-select/js/tom-select.complete.min.js" in body
    assert "core/searchable.js" in body
    target = AssessmentScore.objects.get(item__name=LONG, unit__code="T01")
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {
            "action": "adjust",
            "unit": target.unit_id,
            "item": target.item_id,
            "points": "4",
            "reason": "案卷评查结果已复核",
        },
    )
    assert resp.status_code == 302
    target.refresh_from_db()
    assert target.adjusted == Decimal(4)
    # Only that score moved.
    assert AssessmentScore.objects.exclude(pk=target.pk).filter(adjusted__isnull=False).count() == 0
    # The adjusted score shows its reason under the basis, visible without hovering.
    assert "理由：案卷评查结果已复核" in page(client, scheme)


def test_searchable_script_is_keyed_on_the_data_attribute():
    js = SEARCHABLE_JS.read_text(encoding="utf-8")
    assert "data-searchable" in js and '"on"' in js and "TomSelect" in js
