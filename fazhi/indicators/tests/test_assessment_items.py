"""Adding a scoring item to an assessment scheme (issue 18 point 2): the item and its event
in the full-process record commit together, through the service, or not at all.

Runs without the test transaction (``transactional_db``) so that a view writing outside a
transaction meets ``events.append``'s guard exactly as it does in production."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.indicators import services
from fazhi.indicators.models import AssessmentItem, AssessmentScheme


@pytest.fixture
def scheme(transactional_db):
    return AssessmentScheme.objects.create(year=2025, name="2025年度考核")


def test_coordinator_adds_an_item_through_the_page(scheme, people, client):
    client.force_login(people["coordinator"])
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {
            "action": "item",
            "item-name": "法治宣传教育",
            "item-points": "5",
            "item-rule": "manual",
            "item-order": "9",
        },
    )
    assert resp.status_code == 302
    item = AssessmentItem.objects.get(scheme=scheme)
    assert item.name == "法治宣传教育"
    ev = Event.objects.get(record_type="indicators.assessmentscheme", record_id=str(scheme.pk))
    assert ev.action == "assessment_item"
    assert "法治宣传教育" in ev.summary


def test_item_refused_without_indicator_saves_nothing(scheme, people, client):
    client.force_login(people["coordinator"])
    resp = client.post(
        f"/office/indicators/assessments/{scheme.pk}/",
        {
            "action": "item",
            "item-name": "行政复议纠错率",
            "item-points": "5",
            "item-rule": "rate_at_least",
            "item-order": "1",
        },
    )
    assert resp.status_code == 400
    assert "按指标计分的考核内容须选择指标" in resp.content.decode()
    assert not AssessmentItem.objects.exists()
    assert not Event.objects.filter(action="assessment_item").exists()


def test_service_refuses_a_clerk(scheme, people):
    item = AssessmentItem(name="x", points=Decimal(1), rule="manual")
    with pytest.raises(PermissionDenied):
        services.add_assessment_item(scheme, item, actor=people["sfj_clerk"])
    with pytest.raises(ValidationError):
        services.add_assessment_item(
            scheme,
            AssessmentItem(name="y", points=Decimal(1), rule="at_least"),
            actor=people["coordinator"],
        )
    assert not AssessmentItem.objects.exists()
