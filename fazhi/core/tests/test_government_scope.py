"""The government unit's own staff act for that unit, not for the whole district (D11).

G00 (the district government) is the ancestor of every unit, so "own unit and the units
below it" would hand its clerk (demo account g00_clerk, 区政府办's clerk in the demo)
change rights over every department and township. Without a global role, a person of a
government unit is scoped to that unit alone; a township keeps its communities.
"""

import datetime as dt

import pytest

from fazhi.core import access, services
from fazhi.core.demo import unit_clerk
from fazhi.core.models import Deadline, OrgUnit

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def records(demo_units, clocks):
    def mk(code, title):
        return services.start_deadline(
            record_type="test.case",
            record_id=title,
            clock="test.reply",
            start=dt.date(2025, 9, 26),
            unit=demo_units.units[code],
            title=title,
            actor=None,
        )

    return {
        "G00": mk("G00", "区政府的事项"),
        "D08": mk("D08", "司法局的申请"),
        "T01": mk("T01", "城关街道的事项"),
        "T01C01": mk("T01C01", "东门社区的事项"),
    }


@pytest.fixture
def g00_clerk(demo_units):
    user = unit_clerk(demo_units, "G00")
    assert user.username == "g00_clerk" and user.unit.kind == OrgUnit.Kind.GOVERNMENT
    return user


def titles(user, action="view"):
    qs = access.restrict(Deadline.objects.all(), user, action)
    return set(qs.values_list("title", flat=True))


def test_government_clerk_scoped_to_own_unit(g00_clerk, demo_units, records):
    units = demo_units.units
    assert titles(g00_clerk) == {"区政府的事项"}
    assert titles(g00_clerk, "change") == {"区政府的事项"}
    assert access.can(g00_clerk, "change", units["G00"])
    assert not access.can(g00_clerk, "change", units["D08"])
    assert not access.can(g00_clerk, "view", units["T01"])
    assert list(access.allowed_unit_choices(g00_clerk).values_list("code", flat=True)) == ["G00"]


def test_township_keeps_its_communities(demo_units, records):
    clerk = unit_clerk(demo_units, "T01")
    assert titles(clerk) == {"城关街道的事项", "东门社区的事项"}
    assert access.can(clerk, "change", demo_units.units["T01C01"])


def test_global_roles_unchanged(demo_units, records):
    assert titles(demo_units.users["leader"]) == set(r.title for r in records.values())
    assert titles(demo_units.users["coordinator"], "change") == titles(demo_units.users["leader"])


def test_government_clerk_refused_department_record_by_page(g00_clerk, records, login):
    client = login(g00_clerk)
    other = records["D08"]
    resp = client.get(f"/office/deadlines/{other.pk}/")
    assert resp.status_code == 404 and "司法局的申请" not in resp.content.decode()
    assert client.post(f"/office/deadlines/{other.pk}/attach/").status_code == 404
    board = client.get("/office/").content.decode()
    assert "区政府的事项" in board and "司法局的申请" not in board
    assert client.get(f"/office/deadlines/{records['G00'].pk}/").status_code == 200


def test_government_clerk_refused_department_record_by_api(g00_clerk, records, client):
    _, key = services.issue_token(g00_clerk, "测试")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    other = records["D08"]
    assert client.get(f"/api/deadlines/{other.pk}", **auth).status_code == 404
    listed = client.get("/api/deadlines", **auth).json()
    assert [i["title"] for i in listed["items"]] == ["区政府的事项"]


def test_government_clerk_records_view_is_own_unit(g00_clerk, records, login):
    body = login(g00_clerk).get("/office/records/").content.decode()
    assert "区政府的事项" in body and "司法局的申请" not in body
