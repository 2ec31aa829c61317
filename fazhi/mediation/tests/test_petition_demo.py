"""The demo district's 信访, built through the services on the demo's dates (a December
build, the latest the demo's today allows with the 2026 calendar): the volumes, categories
and channels, the reviews and the refused repeat the demo promises."""

import datetime as dt
from collections import Counter

import pytest

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze
from fazhi.demo.builder import demo_today
from fazhi.mediation import demo_petitions
from fazhi.mediation.models import Petition, PetitionReview

# On SQLite only (db_agnostic, like the 人民调解 demo's test): what it checks does not depend on
# the database, and on PostgreSQL the demo district of tests/ builds these petitions too.
pytestmark = [pytest.mark.django_db, pytest.mark.db_agnostic]


def test_demo_petitions(demo_units, monkeypatch):
    freeze(monkeypatch, dt.date(2026, 12, 31))
    demo_units.today = demo_today(2025)
    demo_petitions.build(demo_units)
    y2025 = Petition.objects.filter(received_on__year=2025)
    assert 295 <= y2025.count() <= 305
    assert {p.unit.code for p in Petition.objects.select_related("unit")} == {"D27"}
    assert set(Counter(y2025.values_list("category", flat=True))) == {
        "claim",
        "suggestion",
        "accusation",
    }
    assert len(set(y2025.values_list("channel", flat=True))) == 5
    routed_out = y2025.exclude(handling_unit=None).exclude(handling_unit__code="D27").count()
    assert routed_out > y2025.count() * 0.7
    claims = y2025.filter(category="claim", state="concluded")
    assert 1 <= claims.filter(late=True).count() <= 6
    assert claims.filter(extension_days=20).count() == 1
    assert PetitionReview.objects.filter(level="review").count() == 12
    assert PetitionReview.objects.filter(level="re_review").count() == 3
    assert PetitionReview.objects.exclude(hearing_from=None).count() == 1
    assert y2025.filter(not_accepted_ground="re_reviewed").count() == 1
    objected = Event.objects.filter(action="petition_objected")
    assert objected.count() == 3
    assert y2025.filter(people_count__gte=5).exclude(representatives="").exists()
    current = Petition.objects.filter(received_on__year=2026)
    assert current.filter(state__in=Petition.OPEN_STATES).exists()
    today = demo_units.today
    overdue = current.filter(state="handling", deadline__state="running",
                             deadline__due_date__lt=today)  # fmt: skip
    assert overdue.count() == 1
