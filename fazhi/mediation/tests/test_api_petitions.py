"""The 信访 API for staff: the petitions in the caller's scope with the list's filters, one
petition with its clocks and the steps it offers, registration and the steps through the
same forms and services; another unit's clerk gets 404 and changes nothing; the leader only
reads; a step on an old version is refused; garbage is a 4xx, never a 500."""

from __future__ import annotations

import datetime as dt

from fazhi.core.tests.refusal import nothing_moved
from fazhi.mediation.models import Petition

from .petition_fixtures import *  # noqa: F403
from .petition_fixtures import PERSON_ID

API = "/api/mediation/petitions"
D = dt.date


def test_register_list_and_read(login, people, district, at):
    at(D(2025, 3, 3))
    c = login(people["sfj_clerk"])
    resp = c.post(API, {
        "unit": district["sfj"].pk, "channel": "online", "received_on": "2025-03-03",
        "category": "accusation", "petitioner_name": "钱某", "petitioner_id": PERSON_ID,
        "people_count": "1", "subject": "举报违规占道经营", "content": "某店长期占道经营。",
    })  # fmt: skip
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["number"] == "XF202500001" and body["actions"] == ["route"]
    assert {k["clock"]: k["due_date"] for k in body["clocks"]} == {
        "mediation.petition_routing": "2025-03-18"
    }
    listed = c.get(API, {"category": "accusation"}).json()
    assert listed["count"] == 1 and listed["items"][0]["due"] == "2025-03-18"
    assert c.get(API, {"category": "claim"}).json()["count"] == 0
    assert c.get(API, {"state": "nope"}).status_code == 422


def test_steps_through_the_api(make_petition, login, people, district, at):
    p = make_petition()
    at(D(2025, 3, 6))
    c = login(people["sfj_clerk"])
    resp = c.post(f"{API}/{p.pk}/actions/route", {
        "route": "transfer", "on": "2025-03-05", "handling_unit": district["scjg"].pk,
        "handling_received_on": "2025-03-06",
    })  # fmt: skip
    assert resp.status_code == 200 and resp.json()["state"] == "routed"
    h = login(people["scjg_clerk"])
    assert h.get(API, {"side": "handling"}).json()["count"] == 1
    body = h.get(f"{API}/{p.pk}").json()
    assert body["actions"] == ["object", "notify"]
    resp = h.post(f"{API}/{p.pk}/actions/notify", {"accepted": "1", "notified_on": "2025-03-06"})
    assert resp.status_code == 200 and resp.json()["state"] == "handling"


def test_refusal_is_a_400_in_chinese_and_moves_nothing(transferred, login, people, at):
    p = transferred()
    at(D(2025, 3, 14))
    c = login(people["scjg_clerk"])
    with nothing_moved(p):
        resp = c.post(f"{API}/{p.pk}/actions/object", {"on": "2025-03-14", "reason": "不属本局"})
    assert resp.status_code == 400
    assert "5个工作日内（至2025-03-13）" in resp.json()["detail"]


def test_another_units_clerk_gets_404_and_nothing_moves(transferred, login, people):
    p = transferred()
    c = login(people["town_clerk"])
    assert c.get(f"{API}/{p.pk}").status_code == 404
    assert c.get(API).json()["count"] == 0
    with nothing_moved(p):
        resp = c.post(f"{API}/{p.pk}/actions/notify", {"accepted": "1",
                                                      "notified_on": "2025-03-06"})  # fmt: skip
        assert resp.status_code == 404
    assert Petition.objects.get(pk=p.pk).state == "routed"


def test_leader_reads_but_does_not_act(transferred, login, people):
    p = transferred()
    c = login(people["leader"])
    body = c.get(f"{API}/{p.pk}").json()
    assert body["number"] == p.number and body["actions"] == []
    with nothing_moved(p):
        resp = c.post(f"{API}/{p.pk}/actions/notify", {"accepted": "1",
                                                      "notified_on": "2025-03-06"})  # fmt: skip
        assert resp.status_code == 403


def test_a_step_on_an_old_version_is_refused(make_petition, login, people, at):
    p = make_petition()
    c = login(people["sfj_clerk"])
    old = c.get(f"{API}/{p.pk}").json()["version"]
    Petition.objects.filter(pk=p.pk).update(version=old + 1)
    with nothing_moved(p):
        resp = c.post(f"{API}/{p.pk}/actions/route", {"route": "handle", "on": "2025-03-03",
                                                     "version": str(old)})  # fmt: skip
    assert resp.status_code in (400, 409)


def test_garbage_is_never_a_500(make_petition, login, people):
    p = make_petition()
    c = login(people["sfj_clerk"])
    assert c.post(API, {"received_on": "x", "people_count": "-1"}).status_code == 400
    assert c.post(f"{API}/{p.pk}/actions/route", {"route": "x", "on": "y"}).status_code == 400
    assert c.post(f"{API}/{p.pk}/actions/nonsense", {}).status_code == 422
    assert c.get(f"{API}/99999999999999999999").status_code == 422
    assert c.get(API, {"month": "2025-99"}).status_code == 200
