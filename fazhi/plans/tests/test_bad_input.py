"""Bad input on the plan pages gets a Chinese message and loses nothing."""

import datetime as dt

import pytest

from fazhi.plans import services
from fazhi.plans.models import Plan, Progress

pytestmark = pytest.mark.today(2025, 11, 10)

PLAN = """示范区2025年法治政府建设工作要点
一、完善行政决策制度
1.规范重大行政决策程序。落实五项法定程序。（责任单位：区司法局）
"""


@pytest.fixture
def submitted(demo_units):
    users = demo_units.users
    plan = services.import_plan(
        PLAN,
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        actor=users["coordinator"],
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=users["coordinator"],
    )
    task = plan.tasks.get(number=1)
    a = task.assignments.get(unit__code="D08")
    return services.submit_progress(
        a, period, text="已起草规定。", status="done", actor=users["sfj_clerk"]
    )


@pytest.mark.parametrize("junk", ["abc", "", "-1", "99999999999999999999", "²"])
@pytest.mark.parametrize("action", ["accept", "return"])
def test_review_of_a_garbage_progress_id_is_refused(submitted, demo_units, client, junk, action):
    """D4: the review form's progress=abc answered 500."""
    client.force_login(demo_units.users["coordinator"])
    task = submitted.assignment.task
    resp = client.post(
        f"/office/plans/tasks/{task.pk}/",
        {"action": action, "progress": junk, "reason": "请补充文号"},
    )
    assert resp.status_code == 400
    assert "要审核的进展不存在" in resp.content.decode()
    assert Progress.objects.get(pk=submitted.pk).state == Progress.State.SUBMITTED


@pytest.mark.parametrize("junk", ["99999999999999999999", "abc", "-1"])
def test_new_task_with_garbage_unit_ids_is_refused(submitted, demo_units, client, junk):
    plan = submitted.assignment.task.plan
    client.force_login(demo_units.users["coordinator"])
    resp = client.post(
        f"/office/plans/{plan.pk}/tasks/new/",
        {
            "section": plan.sections.first().pk,
            "title": "新增任务",
            "body": "任务内容",
            "units": [junk],
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "新增任务" in body
    assert "不是一个有效的值" in body or "有效" in body
    assert plan.tasks.count() == 1


def test_period_dates_are_bounded(submitted, demo_units, client):
    plan = submitted.assignment.task.plan
    client.force_login(demo_units.users["coordinator"])
    resp = client.post(
        f"/office/plans/{plan.pk}/",
        {
            "period-name": "2025年下半年",
            "period-year": "2025",
            "period-start": "2025-07-01",
            "period-end": "2025-12-31",
            "period-report_due": "9999-12-31",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "日期应在2000年至2100年之间" in body
    assert "2025年下半年" in body
