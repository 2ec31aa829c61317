"""Event history and clocks follow their record (issue 18, point 4): an ordinary clerk of
the 法制机构 (司法局) who cannot open another unit's legality review reads neither its
events nor its clock through the deadline page, the board, the record list, the API or a
page's history partial; its legal reviewers and the requesting unit still do."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from fazhi.core import access, events
from fazhi.core.models import Deadline, Event
from fazhi.legal import services as legal

pytestmark = pytest.mark.today(2025, 11, 10)

TITLE = "《测试区市场主体信用分级分类监管办法》"


@pytest.fixture
def review(people, district):
    """A review requested by 市场监管局 and reviewed by 司法局 (the 法制机构)."""
    r = legal.request_review(
        kind="normative_document",
        unit=district["scjg"],
        title=TITLE,
        actor=people["scjg_clerk"],
        on=dt.date(2025, 3, 3),
    )
    legal.assign(r, assignee=people["legal"], actor=people["legal"])
    return r


def _review_events(payload) -> list:
    return [i for i in payload["items"] if i["record_type"] == "legal.legalreview"]


def test_clerk_of_the_reviewing_unit_cannot_read_the_review(people, review, login):
    clerk = people["sfj_clerk"]
    assert not access.can_read_record(clerk, "legal.legalreview", str(review.pk))
    client = login(clerk)
    assert client.get(f"/office/deadlines/{review.deadline_id}/").status_code == 404
    assert TITLE not in client.get("/office/?tab=due_soon").content.decode()
    assert TITLE not in client.get("/office/").content.decode()
    assert TITLE not in client.get("/office/records/").content.decode()
    assert _review_events(client.get("/api/events?limit=500").json()) == []
    assert client.get(f"/api/deadlines/{review.deadline_id}").status_code == 404
    assert not access.restrict(Deadline.objects.filter(pk=review.deadline_id), clerk).exists()
    hist = events.history("legal.legalreview", str(review.pk), clerk)
    assert not hist.exists()


def test_history_partial_filters_whatever_the_view_passed(people, review):
    request = RequestFactory().get("/")
    request.user = people["sfj_clerk"]
    unfiltered = events.history("legal.legalreview", str(review.pk))
    assert unfiltered.count() >= 2
    html = render_to_string("core/_history.html", {"history": unfiltered}, request=request)
    assert "暂无记录" in html and "#" + str(unfiltered[0].seq) not in html
    request.user = people["legal"]
    html = render_to_string("core/_history.html", {"history": unfiltered}, request=request)
    assert "暂无记录" not in html


def test_reviewers_and_requesting_unit_still_read_it(people, review, login):
    n = Event.objects.filter(record_type="legal.legalreview", record_id=str(review.pk)).count()
    client = login(people["legal"])
    assert client.get(f"/office/deadlines/{review.deadline_id}/").status_code == 200
    assert len(_review_events(client.get("/api/events?limit=500").json())) == n
    # The requesting unit opens its own review, so it reads every event of it, including
    # those the 法制机构 wrote under its own unit.
    client = login(people["scjg_clerk"])
    assert len(_review_events(client.get("/api/events?limit=500").json())) == n
    # Coordinators see everything.
    client = login(people["coordinator"])
    assert client.get(f"/office/deadlines/{review.deadline_id}/").status_code == 200
