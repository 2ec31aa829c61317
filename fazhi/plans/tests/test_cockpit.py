"""The plan figures of the 驾驶舱 and 催报, on a fixture counted by hand.

"Today" is 2025-11-10. The 2021—2025 实施方案 has two parts:

| part | task | units (lead first)  |
|------|------|---------------------|
| 一   | 1    | D23, D08            |
| 一   | 2    | D08                 |
| 二   | 3    | T01, D08            |

Periods: 2025年上半年 (due 2025-07-10, the one shown: the latest already due) and
2025年下半年 (due 2026-01-15, under way). Reports for 上半年:

| task | unit | status     | state                       | counts as   |
|------|------|------------|-----------------------------|-------------|
| 1    | D08  | 已完成     | accepted                    | 已完成      |
| 1    | D23  | 按计划推进 | submitted                   | 按计划推进  |
| 2    | D08  | 进度滞后   | submitted                   | 进度滞后    |
| 3    | T01  | 按计划推进 | returned (not resubmitted)  | 未报送      |
| 3    | D08  | —          | —                           | 未报送      |

By part — 一: 3 assignments, 已完成1 按计划推进1 进度滞后1, 33.3%; 二: 2, 未报送2, 0%.
By unit — D08: 3, 已完成1 进度滞后1 未报送1, 33.3%; D23: 1, 按计划推进1, 0%; T01: 1,
未报送1, 0%. Lagging (the due date has passed) — D08: overdue 1 (task 3), behind 1;
T01: overdue 1 (task 3); D23 does not lag.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import cockpit
from fazhi.core.models import Event, Notification
from fazhi.core.tests.refusal import freeze, refused
from fazhi.plans import services
from fazhi.plans.models import Plan, Section
from fazhi.plans.urge import urge

TODAY = dt.date(2025, 11, 10)


@pytest.fixture
def plan_data(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区法治政府建设实施方案（2021—2025年）",
        kind=Plan.Kind.IMPLEMENTATION,
        start_year=2021,
        end_year=2025,
        unit=district["gov"],
    )
    one = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    two = Section.objects.create(plan=plan, number="二", title="健全依法行政制度体系", order=1)

    def task(section, title, codes):
        return services.create_task(
            plan, section=section, title=title, body="", unit_codes=codes, actor=coord
        )

    t1 = task(one, "深化包容审慎监管", ["D23", "D08"])
    t2 = task(one, "推行行政执法三项制度", ["D08"])
    t3 = task(two, "加强规范性文件监督管理", ["T01", "D08"])
    h1 = services.open_period(
        plan, name="2025年上半年", year=2025, start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30), report_due=dt.date(2025, 7, 10), actor=coord,
    )  # fmt: skip
    services.open_period(
        plan, name="2025年下半年", year=2025, start=dt.date(2025, 7, 1),
        end=dt.date(2025, 12, 31), report_due=dt.date(2026, 1, 15), actor=coord,
    )  # fmt: skip

    def report(t, code, status, who):
        return services.submit_progress(
            t.assignments.get(unit__code=code),
            h1,
            text="按计划推进。",
            status=status,
            actor=people[who],
            on=dt.date(2025, 7, 8),
        )

    services.accept_progress(report(t1, "D08", "done", "sfj_clerk"), coord)
    report(t1, "D23", "on_track", "scjg_clerk")
    report(t2, "D08", "behind", "sfj_clerk")
    services.return_progress(
        report(t3, "T01", "on_track", "town_clerk"), reason="无佐证", actor=coord
    )
    return {"plan": plan, "period": h1, "tasks": (t1, t2, t3)}


def _rows(fig):
    return [[cockpit.cell_text(v) for v in row] for row in fig.rows]


def _figure(user, code, today=TODAY):
    (fig,) = cockpit.build(user, today, 2025, only=code)
    return fig


def test_completion_by_part_equals_the_hand_count(plan_data, people):
    fig = _figure(people["coordinator"], "plan_parts")
    assert fig.columns == [
        "部分", "任务数（项）", "已完成（项）", "按计划推进（项）", "未启动（项）",
        "进度滞后（项）", "未报送（项）", "完成率（%）",
    ]  # fmt: skip
    assert _rows(fig) == [
        ["一、依法全面履行政府职能", "3", "1", "1", "0", "1", "0", "33.3"],
        ["二、健全依法行政制度体系", "2", "0", "0", "0", "0", "2", "0"],
    ]
    assert "2025年上半年" in fig.note
    # The chart stacks the same numbers, one series per category.
    data = {d["label"]: d["data"] for d in fig.chart.datasets}
    assert data == {
        "已完成": [1, 0],
        "按计划推进": [1, 0],
        "未启动": [0, 0],
        "进度滞后": [1, 0],
        "未报送": [0, 2],
    }


def test_completion_by_unit_equals_the_hand_count(plan_data, people):
    fig = _figure(people["leader"], "plan_units")
    assert _rows(fig) == [
        ["测试区司法局", "3", "1", "0", "0", "1", "1", "33.3"],
        ["测试区市场监督管理局", "1", "0", "1", "0", "0", "0", "0"],
        ["城关街道", "1", "0", "0", "0", "0", "1", "0"],
    ]


def test_lagging_units_equal_the_hand_count(plan_data, people):
    fig = _figure(people["coordinator"], "lagging")
    assert _rows(fig) == [
        ["测试区司法局", "1", "1", "否"],
        ["城关街道", "1", "0", "否"],
    ]
    assert [u["code"] for u in fig.extra["units"]] == ["D08", "T01"]
    assert fig.extra["can_urge"]


def test_before_the_due_date_nothing_is_overdue(plan_data, people, district):
    """On 2025-07-01 the 上半年 reports are not yet due: the period shown is the one under
    way, no unit is overdue, only self-reported delays count, and nobody can be urged."""
    fig = _figure(people["coordinator"], "lagging", today=dt.date(2025, 7, 1))
    assert _rows(fig) == [["测试区司法局", "0", "1", "否"]]
    assert not fig.extra["can_urge"]
    with refused(ValidationError, "“2025年上半年”的报送期限是2025年07月10日，尚未逾期，无需催报"):
        urge(
            district["town"],
            plan_data["period"],
            actor=people["coordinator"],
            today=dt.date(2025, 7, 1),
        )


def test_urge_notifies_once_a_day_and_is_recorded(plan_data, people, district, monkeypatch):
    period = plan_data["period"]
    sent = urge(district["town"], period, actor=people["coordinator"])
    assert [a.task.number for a in sent["tasks"]] == [3]
    assert [p.username for p in sent["recipients"]] == ["town_clerk"]
    note = Notification.objects.get(recipient=people["town_clerk"])
    assert note.title == "催报：请尽快报送“2025年上半年”1项任务进展"
    assert "任务3：加强规范性文件监督管理" in note.body
    assert note.link == f"/office/plans/tasks/{plan_data['tasks'][2].pk}/"
    event = Event.objects.get(action="progress_urge")
    assert event.unit_code == "T01"
    assert event.summary == "催报任务3的2025年上半年进展（报送期限2025-07-10）"
    # Nobody else was told: the clerks of other units, the coordinator.
    assert Notification.objects.count() == 1

    # A second click the same day sends nothing and records nothing.
    with refused(ValidationError, "今天已向城关街道催报过这些任务，不再重复发送"):
        urge(district["town"], period, actor=people["leader"])
    assert Notification.objects.count() == 1
    assert Event.objects.filter(action="progress_urge").count() == 1
    fig = _figure(people["coordinator"], "lagging")
    assert _rows(fig)[1] == ["城关街道", "1", "0", "是"]

    # The next day it may be sent again.
    freeze(monkeypatch, TODAY + dt.timedelta(days=1))
    urge(district["town"], period, actor=people["leader"])
    assert Notification.objects.filter(recipient=people["town_clerk"]).count() == 2
    assert Event.objects.filter(action="progress_urge").count() == 2


def test_urge_only_names_the_overdue_tasks(plan_data, people, district):
    """司法局 reported tasks 1 and 2; only task 3 is overdue."""
    sent = urge(district["sfj"], plan_data["period"], actor=people["coordinator"])
    assert [a.task.number for a in sent["tasks"]] == [3]
    assert [p.username for p in sent["recipients"]] == ["sfj_clerk"]


def test_urge_refusals(plan_data, people, district):
    period = plan_data["period"]
    with refused(PermissionDenied, "只有统筹协调人员、领导和系统管理员可以催报"):
        urge(district["town"], period, actor=people["sfj_clerk"])
    # 市场监管局 reported its only task.
    with refused(ValidationError, "测试区市场监督管理局的“2025年上半年”进展已全部报送，无需催报"):
        urge(district["scjg"], period, actor=people["coordinator"])
    assert not Notification.objects.exists()
    # A unit whose only clerk has left: nobody to tell, nothing recorded.
    people["town_clerk"].is_active = False
    people["town_clerk"].save(update_fields=["is_active"])
    with refused(ValidationError, "城关街道没有在用的经办人或审核人账号，无法发送催报通知"):
        urge(district["town"], period, actor=people["coordinator"])
    assert not Event.objects.filter(action="progress_urge").exists()


def test_urge_button_on_the_cockpit(plan_data, people, login):
    client = login(people["coordinator"])
    page = client.get("/office/cockpit/?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "一键催报" in text
    url = f"/office/plans/periods/{plan_data['period'].pk}/urge/"
    assert url in text
    resp = client.post(url, {"unit": "T01"}, follow=True)
    assert "已向城关街道催报1项任务，通知1人" in resp.content.decode()
    assert "今日已催报" in resp.content.decode()
    resp = client.post(url, {"unit": "T01"}, follow=True)
    assert "今天已向城关街道催报过这些任务，不再重复发送" in resp.content.decode()
    assert Notification.objects.count() == 1
    resp = client.post(url, {"unit": "NOPE"}, follow=True)
    assert "请选择要催报的单位" in resp.content.decode()
    # A clerk cannot urge.
    clerk = login(people["sfj_clerk"])
    assert clerk.post(url, {"unit": "T01"}).status_code == 403


def test_page_queries_do_not_grow_with_units_and_tasks(plan_data, people, district, login):
    """Each figure is a fixed number of grouped queries: adding units, tasks and reports
    adds no query (no N+1)."""
    client = login(people["coordinator"])

    def count():
        from fazhi.core import memo

        memo.clear()  # both counts include the header's waiting count, computed afresh
        with CaptureQueriesContext(connection) as q:
            assert client.get("/office/cockpit/?year=2025").status_code == 200
        return len(q)

    count()  # the first request of a session does its own bookkeeping
    before = count()
    from fazhi.core import services as core
    from fazhi.core.models import OrgUnit

    core.save_unit(
        OrgUnit(
            code="D30", name="测试区住房和城乡建设局", kind="department", parent=district["gov"]
        ),
        None,
    )
    plan, period = plan_data["plan"], plan_data["period"]
    section = plan.sections.get(number="二")
    t = services.create_task(
        plan, section=section, title="新增任务", body="",
        unit_codes=["D23", "D30", "T01", "D08"], actor=people["coordinator"],
    )  # fmt: skip
    services.submit_progress(
        t.assignments.get(unit__code="D23"), period, text="已完成。", status="done",
        actor=people["scjg_clerk"], on=dt.date(2025, 7, 9),
    )  # fmt: skip
    after = count()
    assert after == before
    fig = _figure(people["coordinator"], "plan_units")
    assert len(fig.rows) == 4
    assert before <= 40
