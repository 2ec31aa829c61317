"""Writes are scoped: a clerk of one unit never edits, regenerates or submits another unit's
report draft, nor generates one in its name; ``/api/reports/{id}`` hides another unit's
unpublished draft and shows it once published. Each report is re-read to prove nothing
changed.

A small district (conftest personas): 司法局's 2025 draft. "Today" is frozen at 2026-02-10."""

import datetime as dt

import pytest

from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.reports import services
from fazhi.reports.models import AnnualReport

TODAY = dt.date(2026, 2, 10)


@pytest.fixture
def draft(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    return services.generate(2025, district["sfj"], people["sfj_clerk"], today=TODAY)


def test_another_units_clerk_cannot_edit_the_draft(draft, people, login):
    key = services.paragraph_slots(draft.doc)[0][0]
    assert login(people["sfj_clerk"]).get(f"/office/reports/{draft.pk}/edit/").status_code == 200
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        client = login(people[who])
        with nothing_moved(draft):
            resp = client.post(f"/office/reports/{draft.pk}/edit/", {key: "他单位改写的开头。"})
            assert resp.status_code == 404


@pytest.mark.parametrize("action", ["regenerate", "submit", "return", "publish"])
def test_another_units_clerk_cannot_act_on_the_draft(draft, people, login, action):
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        client = login(people[who])
        with nothing_moved(draft):
            resp = client.post(f"/office/reports/{draft.pk}/", {"action": action, "reason": "x"})
            assert resp.status_code == 404
    assert AnnualReport.objects.get(pk=draft.pk).state == AnnualReport.State.DRAFT


def test_clerk_cannot_generate_a_report_for_another_unit(draft, district, people, login):
    client = login(people["scjg_clerk"])
    with nothing_moved(draft):
        resp = client.post("/office/reports/", {"year": "2025", "unit": district["sfj"].pk})
        assert resp.status_code == 400
    assert AnnualReport.objects.count() == 1


def test_api_hides_another_units_unpublished_draft(draft, people, login, client):
    url = f"/api/reports/{draft.pk}"
    assert client.get(url).status_code == 401
    assert login(people["sfj_clerk"]).get(url).json()["state"] == "draft"
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        assert login(people[who]).get(url).status_code == 404
    assert draft.title not in str(login(people["scjg_clerk"]).get("/api/reports/published").json())
    services.submit(draft, people["sfj_clerk"])
    assert login(people["scjg_clerk"]).get(url).status_code == 404  # under review: still hidden
    services.publish(draft, people["leader"], on=dt.date(2026, 3, 20))
    body = login(people["scjg_clerk"]).get(url).json()
    assert body["state"] == "published" and body["title"] == draft.title
