"""The progress matrix stays fast as a plan grows (issue 12: no page over 0.4 s; a district
plan has about a thousand cells): the number of database queries does not grow with the
tasks and units, and the cells written by ``row_html`` escape what they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import OrgUnit
from fazhi.core.tests.refusal import freeze
from fazhi.plans import overview, services
from fazhi.plans.tests.helpers import annual_plan


@pytest.fixture
def grow(district, people, monkeypatch):
    """A plan with one period; ``grow(n, codes)`` adds n tasks for those units."""
    freeze(monkeypatch, dt.date(2025, 7, 8))
    coord = people["coordinator"]
    plan, section = annual_plan(district)
    made = []

    def add(n, codes):
        for _ in range(n):
            t = services.create_task(
                plan,
                section=section,
                title=f"任务{len(made) + 1}",
                body="",
                unit_codes=codes,
                actor=coord,
            )
            made.append(t)
        return plan

    add(1, ["D08", "T01"])
    services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    assignment = made[0].assignments.get(unit__code="D08")
    services.submit_progress(
        assignment,
        plan.periods.get(),
        text="区司法局：已完成。",
        status="done",
        actor=people["sfj_clerk"],
        on=dt.date(2025, 7, 8),
    )
    return add


def _queries(client, plan) -> int:
    from fazhi.core import memo

    memo.clear()  # both counts include the header's waiting count, computed afresh
    with CaptureQueriesContext(connection) as cq:
        r = client.get(f"/office/plans/{plan.pk}/matrix/")
    assert r.status_code == 200
    return len(cq.captured_queries)


def test_matrix_queries_do_not_grow_with_tasks_and_units(grow, people, login):
    client = login(people["coordinator"])
    plan = grow(0, [])
    client.get(f"/office/plans/{plan.pk}/matrix/")  # the session is saved on the first
    small = _queries(client, plan)
    grow(6, ["D23", "D08", "T01", "G00"])  # 7 tasks, 4 units
    large = _queries(client, plan)
    assert large == small
    text = client.get(f"/office/plans/{plan.pk}/matrix/").content.decode()
    assert text.count('class="fz-cell-') == 2 + 6 * 4


def test_row_html_escapes_unit_names(grow, people):
    plan = grow(0, [])
    OrgUnit.objects.filter(code="T01").update(name="<b>城关</b>街道", short_name="")
    m = overview.build_matrix(plan, people["coordinator"], plan.periods.get())
    _task, cells = m.rows[0]
    html = overview.row_html(cells)
    assert "<b>" not in html and "&lt;b&gt;城关&lt;/b&gt;" in html
