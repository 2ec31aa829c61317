"""Access scoping: a clerk of one unit never reads or changes another unit's record,
by page or by API; coordinators and leaders see everything; leaders change nothing."""

import datetime as dt

import pytest

from fazhi.core import access, services
from fazhi.core.models import Deadline

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def records(people, district, clocks):
    start = dt.date(2025, 9, 26)
    mk = lambda unit, title: services.start_deadline(  # noqa: E731
        record_type="test.case",
        record_id=title,
        clock="test.reply",
        start=start,
        unit=district[unit],
        title=title,
        actor=None,
    )
    return {
        "sfj": mk("sfj", "司法局的申请"),
        "scjg": mk("scjg", "市场监管局的申请"),
        "community": mk("community", "东门社区的事项"),
    }


def titles(user):
    return set(
        access.restrict(Deadline.objects.all(), user, "view").values_list("title", flat=True)
    )


def test_restrict_by_persona(people, records):
    assert titles(people["sfj_clerk"]) == {"司法局的申请"}
    assert titles(people["scjg_clerk"]) == {"市场监管局的申请"}
    assert titles(people["scjg_reviewer"]) == {"市场监管局的申请"}
    # A township sees its own records and those of the communities under it.
    assert titles(people["town_clerk"]) == {"东门社区的事项"}
    assert titles(people["coordinator"]) == {"司法局的申请", "市场监管局的申请", "东门社区的事项"}
    assert titles(people["leader"]) == titles(people["coordinator"])


def test_change_and_review_rights(people, records, district):
    assert access.can(people["scjg_clerk"], "change", district["scjg"])
    assert not access.can(people["scjg_clerk"], "change", district["sfj"])
    assert not access.can(people["leader"], "change", district["scjg"])
    assert access.can(people["coordinator"], "change", district["scjg"])
    assert access.can(people["scjg_reviewer"], "review", district["scjg"])
    assert not access.can(people["scjg_clerk"], "review", district["scjg"])
    assert not access.can(people["scjg_reviewer"], "review", district["sfj"])
    assert list(access.restrict(Deadline.objects.all(), people["leader"], "change")) == []


def test_anonymous_sees_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    assert not access.restrict(Deadline.objects.all(), AnonymousUser(), "view").exists()


def test_other_units_record_by_page_is_404(people, records, login):
    client = login(people["sfj_clerk"])
    other = records["scjg"]
    resp = client.get(f"/office/deadlines/{other.pk}/")
    assert resp.status_code == 404
    assert "市场监管局的申请" not in resp.content.decode()
    own = client.get(f"/office/deadlines/{records['sfj'].pk}/")
    assert own.status_code == 200 and "司法局的申请" in own.content.decode()


def test_other_units_record_cannot_be_changed_by_post(people, records, login):
    client = login(people["sfj_clerk"])
    other = records["scjg"]
    resp = client.post(f"/office/deadlines/{other.pk}/attach/", {"description": "x"})
    assert resp.status_code == 404
    assert not access.restrict(Deadline.objects.filter(pk=other.pk), people["sfj_clerk"], "change")


def test_leader_reads_but_cannot_change(people, records, login):
    client = login(people["leader"])
    d = records["scjg"]
    assert client.get(f"/office/deadlines/{d.pk}/").status_code == 200
    assert client.post(f"/office/deadlines/{d.pk}/attach/").status_code == 404


def test_other_units_record_by_api_is_404(people, records, login):
    client = login(people["sfj_clerk"])
    other = records["scjg"]
    assert client.get(f"/api/deadlines/{other.pk}").status_code == 404
    listed = client.get("/api/deadlines").json()
    assert [i["title"] for i in listed["items"]] == ["司法局的申请"]


def test_other_units_record_by_token_api_is_404(people, records, client):
    _, key = services.issue_token(people["sfj_clerk"], "测试")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/deadlines/{records['scjg'].pk}", **auth).status_code == 404
    assert client.get(f"/api/deadlines/{records['sfj'].pk}", **auth).status_code == 200


def test_board_is_scoped(people, records, login):
    body = login(people["scjg_clerk"]).get("/office/").content.decode()
    assert "市场监管局的申请" in body and "司法局的申请" not in body


def test_coordinator_unit_switcher_filters_board(people, records, login, district):
    client = login(people["coordinator"])
    body = client.get("/office/").content.decode()
    assert "司法局的申请" in body and "市场监管局的申请" in body
    client.post("/office/switch-unit/", {"unit": "D23", "next": "/office/"})
    body = client.get("/office/").content.decode()
    assert "市场监管局的申请" in body and "司法局的申请" not in body
    # A clerk cannot switch.
    assert (
        login(people["sfj_clerk"]).post("/office/switch-unit/", {"unit": "D23"}).status_code == 403
    )
