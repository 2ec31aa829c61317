"""The demo's consultations: two ended with every comment answered and the summary
published, one open on the portal today; deterministic and fast."""

import datetime as dt
import random

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.consultation import interface
from fazhi.consultation.demo import build
from fazhi.consultation.models import Comment, Consultation
from fazhi.core import events

# The demo district's today (conftest.demo_units builds it as of 2026-03-01).
TODAY = dt.date(2026, 3, 1)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def test_demo_builds_fast_and_the_portal_shows_it(demo_units, client):
    build(demo_units)
    done = Consultation.objects.filter(state="summarized")
    assert done.count() == 2
    for c in done:
        assert c.summary_published_on and "逐条答复情况如下" in c.summary
        assert not c.comments.filter(moderation="pending").exists()
        assert not c.comments.filter(moderation="published", response="").exists()
        assert interface.participation_done((c.subject_type, c.subject_id)) == (True, "")
    live = Consultation.objects.get(state="open")
    today = TODAY
    assert live.opens_on <= today <= live.closes_on and live.period_days == 30
    assert live.comments.filter(moderation="pending").count() == 2
    html = client.get(reverse("consultation_public:list")).content.decode()
    assert live.title in html and "还剩17天" in html
    for c in done:
        assert c.title in html
        page = client.get(reverse("consultation_public:detail", args=[c.pk])).content.decode()
        assert "意见采纳情况" in page
    for x in Comment.objects.exclude(phone=""):
        assert x.phone not in html
    assert list(events.verify_chain()) == []


class Rollback(Exception):
    pass


def _fingerprint():
    return list(
        Comment.objects.order_by("consultation__title", "number").values_list(
            "consultation__title", "body", "name", "phone", "moderation", "response"
        )
    ) + list(Consultation.objects.order_by("title").values_list("title", "state", "summary"))


def test_demo_is_deterministic(demo_units):
    prints = []
    for _ in range(2):
        demo_units.rng = random.Random(5)
        try:
            with transaction.atomic():
                build(demo_units)
                prints.append(_fingerprint())
                raise Rollback
        except Rollback:
            pass
    assert prints[0] == prints[1]
    comments = [row for row in prints[0] if len(row) == 6]
    assert len(comments) == 20
    assert any(row[2] for row in comments) and any(row[3] for row in comments)
