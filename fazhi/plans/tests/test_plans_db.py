"""Plans in the database: import with review of unmatched names, periods and deadlines,
progress reporting and review, the matrix, scoping."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.plans import services
from fazhi.plans.models import Assignment, Plan, Progress, Task
from fazhi.testing import seed_path, seed_text

pytestmark = pytest.mark.today(2025, 11, 10)

PLAN = """示范区2025年法治政府建设工作要点
一、依法全面履行政府职能
1.深化行政审批制度改革。推行告知承诺制。（责任单位：区行政审批局、区司法局，各镇街）
2.优化营商环境。清理妨碍统一市场的规定。（责任单位：区发改局、区法院、区融媒体中心）
二、完善行政决策制度
3.规范重大行政决策程序。落实五项法定程序。（责任单位：区司法局）
"""


@pytest.fixture
def plan(demo_units):
    p = services.import_plan(
        PLAN,
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        actor=demo_units.users["coordinator"],
    )
    return p


def test_import_resolves_units_and_keeps_unmatched(plan, demo_units):
    assert plan.sections.count() == 2 and plan.tasks.count() == 3
    t1 = plan.tasks.get(number=1)
    codes = list(t1.assignments.values_list("unit__code", flat=True))
    assert codes[:2] == ["D28", "D08"] and len(codes) == 12  # + 10 townships
    assert t1.lead_unit.code == "D28"
    t2 = plan.tasks.get(number=2)
    assert t2.external_participants == ["区法院"]
    assert t2.unmatched_names == ["区融媒体中心"]


def test_coordinator_resolves_unmatched_name(plan, demo_units):
    t2 = plan.tasks.get(number=2)
    services.resolve_name(t2, "区融媒体中心", ["D01"], demo_units.users["coordinator"])
    t2.refresh_from_db()
    assert t2.unmatched_names == []
    assert t2.assignments.filter(unit__code="D01").exists()
    # Imported tasks and assignments, and the one added here, each have their record.
    assert list(events.verify_states()) == []
    with pytest.raises(PermissionDenied):
        services.resolve_name(t2, "x", ["D01"], demo_units.users["sfj_clerk"])


def test_seed_004_import_keeps_every_name(demo_units):
    """The real plan: 9 sections, 29 tasks; every listed name is assigned (its units are
    responsible), external, or kept for review — none dropped."""
    text = seed_text("004")
    plan = services.import_plan(
        text,
        kind=Plan.Kind.IMPLEMENTATION,
        start_year=2021,
        end_year=2025,
        actor=demo_units.users["coordinator"],
    )
    assert plan.sections.count() == 9 and plan.tasks.count() == 29
    _, resolutions = services.analyse(text)
    for t in plan.tasks.all():
        assigned = set(t.assignments.values_list("unit__code", flat=True))
        for name in [n for n in t.responsible_text.split("、") if n]:
            res = resolutions[name]
            if name in t.external_participants or name in t.unmatched_names:
                continue
            assert res.codes and set(res.codes) <= assigned, (t.number, name)
    unmatched = {n for t in plan.tasks.all() for n in t.unmatched_names}
    assert unmatched <= {"河东公安分局", "河东交通运输分局"}  # another place's name: for review


def test_malformed_plan_refused_with_line_numbers(demo_units):
    bad = "一、部分\n1.任务一。（责任单位：区司法局）\n3.任务三。（责任单位：区司法局）\n"
    with pytest.raises(ValidationError) as e:
        services.import_plan(
            bad,
            kind=Plan.Kind.ANNUAL,
            start_year=2025,
            end_year=2025,
            actor=demo_units.users["coordinator"],
        )
    assert any("第3行" in m for m in e.value.messages)
    assert not Plan.objects.exists()


def test_cli_dry_run_json(demo_units, tmp_path):
    out = io.StringIO()
    call_command("plan", "import", str(seed_path("004")), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["sections"]) == 9 and data["sections"][0]["number"] == "一"
    assert len(data["tasks"]) == 29
    t1 = data["tasks"][0]
    assert t1["responsible"] == ["区委编办", "区司法局", "区发改局", "区商务局", "各镇街"]
    assert [r["name"] for r in t1["resolved"]] == t1["responsible"]
    assert isinstance(data["unmatched"], list)
    assert not Plan.objects.exists()
    bad = tmp_path / "bad.txt"
    bad.write_text("一、部分\n2.任务。（责任单位：区司法局）\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "plan", "import", str(bad), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO()
        )


def _period(plan, coord, due=dt.date(2025, 7, 10)):
    return services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=due,
        actor=coord,
    )


def test_period_opens_a_deadline_per_assignment(plan, demo_units):
    period = _period(plan, demo_units.users["coordinator"])
    n = Assignment.objects.filter(task__plan=plan).count()
    ds = Deadline.objects.filter(clock="plans.progress_report")
    assert ds.count() == n
    assert set(ds.values_list("due_date", flat=True)) == {period.report_due}


def test_progress_flow_and_review_rights(plan, demo_units):
    users = demo_units.users
    period = _period(plan, users["coordinator"])
    t3 = plan.tasks.get(number=3)
    a = t3.assignments.get(unit__code="D08")
    with pytest.raises(PermissionDenied):
        services.submit_progress(a, period, text="x", status="done", actor=users["scjg_clerk"])
    p = services.submit_progress(
        a,
        period,
        text="制定《示范区重大行政决策程序规定》。",
        status="done",
        actor=users["sfj_clerk"],
        on=dt.date(2025, 7, 8),
    )
    assert p.on_time
    assert not Deadline.objects.filter(record_id=str(a.pk), state="running").exists()
    with pytest.raises(ValidationError, match="正在审核"):
        services.submit_progress(a, period, text="再报", status="done", actor=users["sfj_clerk"])
    # A reviewer of another unit may not accept; the coordinator may; a return needs a reason.
    with pytest.raises(PermissionDenied):
        services.accept_progress(p, users["scjg_reviewer"])
    with pytest.raises(ValidationError, match="理由"):
        services.return_progress(p, reason="", actor=users["coordinator"])
    services.return_progress(p, reason="请补充文号", actor=users["coordinator"])
    assert Deadline.objects.filter(
        record_id=str(a.pk), clock="plans.progress_resubmit", state="running"
    ).exists()
    p = services.submit_progress(
        a,
        period,
        text="制定《规定》（示政发〔2025〕8号）。",
        status="done",
        actor=users["sfj_clerk"],
    )
    services.accept_progress(p, users["coordinator"])
    assert Progress.objects.get(pk=p.pk).state == "accepted"


def test_lead_unit_reviewer_accepts(plan, demo_units):
    users = demo_units.users
    from fazhi.core import services as core

    reviewer = core.save_user(
        __import__("fazhi.core.models", fromlist=["User"]).User(
            username="spj_reviewer", unit=demo_units.units["D28"]
        ),
        ["reviewer"],
        None,
        "Pw#12345678",
    )
    period = _period(plan, users["coordinator"])
    a = plan.tasks.get(number=1).assignments.get(unit__code="D08")
    p = services.submit_progress(a, period, text="完成。", status="done", actor=users["sfj_clerk"])
    services.accept_progress(p, reviewer)  # 区行政审批局 leads task 1
    assert Progress.objects.get(pk=p.pk).state == "accepted"


def test_late_report_is_marked(plan, demo_units):
    users = demo_units.users
    period = _period(plan, users["coordinator"])
    a = plan.tasks.get(number=3).assignments.get(unit__code="D08")
    p = services.submit_progress(
        a, period, text="完成。", status="done", actor=users["sfj_clerk"], on=dt.date(2025, 7, 20)
    )
    assert not p.on_time


def test_units_see_only_their_tasks(plan, demo_units, client):
    users = demo_units.users
    t3 = plan.tasks.get(number=3)  # 区司法局 only
    client.force_login(users["scjg_clerk"])
    assert client.get(f"/office/plans/tasks/{t3.pk}/").status_code == 404
    body = client.get(f"/office/plans/{plan.pk}/").content.decode()
    assert t3.title not in body
    client.force_login(users["sfj_clerk"])
    assert client.get(f"/office/plans/tasks/{t3.pk}/").status_code == 200


def test_pages_render(plan, demo_units, client):
    users = demo_units.users
    _period(plan, users["coordinator"])
    client.force_login(users["coordinator"])
    for url in [
        "/office/plans/",
        f"/office/plans/{plan.pk}/",
        f"/office/plans/{plan.pk}/matrix/",
        f"/office/plans/tasks/{plan.tasks.first().pk}/",
        "/office/plans/import/",
        f"/office/plans/{plan.pk}/tasks/new/",
    ]:
        assert client.get(url).status_code == 200, url


def test_import_page_preview_then_confirm(demo_units, client):
    client.force_login(demo_units.users["coordinator"])
    form = {"title": "", "kind": "annual", "start_year": "2025", "end_year": "2025", "text": PLAN}
    resp = client.post("/office/plans/import/", {**form, "preview": "1"})
    body = resp.content.decode()
    assert resp.status_code == 200 and "区融媒体中心" in body and "确认导入" in body
    assert not Plan.objects.exists()
    resp = client.post(
        "/office/plans/import/", {**form, "confirm": "1", "resolve::区融媒体中心": ["external"]}
    )
    assert resp.status_code == 302
    t2 = Task.objects.get(number=2)
    assert "区融媒体中心" in t2.external_participants and t2.unmatched_names == []


def test_submit_page_keeps_text_on_error(plan, demo_units, client):
    users = demo_units.users
    _period(plan, users["coordinator"])
    t3 = plan.tasks.get(number=3)
    client.force_login(users["sfj_clerk"])
    resp = client.post(
        f"/office/plans/tasks/{t3.pk}/",
        {"action": "submit", "progress-text": "已起草规定并征求意见", "progress-status": ""},
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "已起草规定并征求意见" in body
