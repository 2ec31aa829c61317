"""Units are listed by their sort order, then code — never by the text of their
materialised path, where "/1/10/" sorts before "/1/2/" (D20)."""

import datetime as dt
import re

import pytest

from fazhi.core import services
from fazhi.core.models import OrgUnit

pytestmark = pytest.mark.today(2025, 11, 10)

NAMES = [f"测试区第{i}局" for i in range(1, 13)]


@pytest.fixture
def units(district):
    made = []
    for i, name in enumerate(NAMES, start=1):
        # Created in order, so some paths sort wrongly as text ("/1/10/" before "/1/9/").
        unit = OrgUnit(
            code=f"B{i:02d}", name=name, kind="department", parent=district["gov"], sort_order=i
        )
        made.append(services.save_unit(unit, None))
    # A unit whose sort order puts it first, whatever its code.
    first = made[-1]
    first.sort_order = 0
    services.save_unit(first, None)
    return [NAMES[-1], *NAMES[:-1]]


def main(body: str) -> str:
    """The page content, without the navigation (a coordinator's unit switcher lists
    every unit too)."""
    return body[body.index("<main") :]


def order_in(body: str, names: list[str]) -> list[str]:
    found = sorted((m.start(), n) for n in names for m in [re.search(re.escape(n), body)] if m)
    return [n for _, n in found]


def test_paths_would_sort_wrongly(units):
    paths = sorted(OrgUnit.objects.filter(kind="department"), key=lambda u: u.path)
    assert [u.name for u in paths] != units


def test_units_page_in_sort_order(units, people, login):
    body = main(login(people["coordinator"]).get("/office/units/").content.decode())
    assert order_in(body, NAMES) == units


def test_units_api_in_sort_order(units, people, login):
    items = login(people["coordinator"]).get("/api/units", {"kind": "department"}).json()
    assert [u["name"] for u in items["items"] if u["name"] in NAMES] == units


def test_unit_switcher_in_sort_order(units, people, login):
    body = login(people["coordinator"]).get("/office/").content.decode()
    switcher = body[body.index('id="unit-switcher"') :]
    assert order_in(switcher[: switcher.index("</form>")], NAMES) == units


def test_portal_directory_in_sort_order(units, client):
    assert order_in(main(client.get("/units/").content.decode()), NAMES) == units


def test_plan_picker_in_sort_order(units, people, login):
    from fazhi.plans.models import Plan, Section

    gov = OrgUnit.objects.get(code="G00")
    plan = Plan.objects.create(
        title="计划", kind="annual", start_year=2025, end_year=2025, unit=gov
    )
    Section.objects.create(plan=plan, number="一", title="部分", order=0)
    body = main(
        login(people["coordinator"]).get(f"/office/plans/{plan.pk}/tasks/new/").content.decode()
    )
    assert order_in(body, NAMES) == units


def test_plan_matrix_columns_in_sort_order(units, people, login):
    from fazhi.plans import services as plans
    from fazhi.plans.models import Plan, Section

    gov = OrgUnit.objects.get(code="G00")
    plan = Plan.objects.create(
        title="计划", kind="annual", start_year=2025, end_year=2025, unit=gov
    )
    section = Section.objects.create(plan=plan, number="一", title="部分", order=0)
    plans.create_task(
        plan,
        section=section,
        title="任务",
        body="",
        unit_codes=["B03", "B11", "B02"],
        actor=people["coordinator"],
    )
    plans.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=people["coordinator"],
    )
    body = main(
        login(people["coordinator"]).get(f"/office/plans/{plan.pk}/matrix/").content.decode()
    )
    assert order_in(body, [NAMES[1], NAMES[2], NAMES[10]]) == [NAMES[1], NAMES[2], NAMES[10]]
