"""Every refusal of the plan services, each with nothing moved afterwards: the record as it
was, no event in the full-process record, no deadline started or closed.

A small district (conftest personas), a plan with one task led by 市场监管局 with 司法局
and 城关街道 taking part, and the 2025 first-half period due 2025-07-10. "Today" is
frozen at 2025-07-08."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.tests.refusal import freeze, refused
from fazhi.plans import services
from fazhi.plans.models import Plan, Progress, Section, Task

pytestmark = pytest.mark.today(2025, 11, 10)

TODAY = dt.date(2025, 7, 8)

PLAN = """测试区2025年法治政府建设工作要点
一、依法全面履行政府职能
1.深化包容审慎监管。（责任单位：区市场监管局、区司法局）
"""


@pytest.fixture
def setup(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    task = services.create_task(
        plan,
        section=section,
        title="深化包容审慎监管",
        body="",
        unit_codes=["D23", "D08", "T01"],
        actor=coord,
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    a = {x.unit.code: x for x in task.assignments.select_related("unit", "task")}
    return {"plan": plan, "section": section, "task": task, "period": period, "a": a}


def _report(setup, people, code="D08", who="sfj_clerk", text="已制定实施细则。"):
    return services.submit_progress(
        setup["a"][code], setup["period"], text=text, status="done", actor=people[who], on=TODAY
    )


# --- import and resolution ---------------------------------------------------------------


def test_clerk_may_not_import_a_plan(district, people):
    with refused(PermissionDenied, "只有统筹协调人员可以导入和维护计划"):
        services.import_plan(
            PLAN, kind="annual", start_year=2025, end_year=2025, actor=people["sfj_clerk"]
        )
    assert not Plan.objects.exists()


def test_malformed_plan_text_refused_with_its_line(district, people):
    """A task numbered out of sequence is reported with its line; nothing is imported."""
    bad = "测试区2025年工作要点\n一、依法全面履行政府职能\n1.任务一。（责任单位：区司法局）\n3.任务三。（责任单位：区司法局）\n"
    with refused(ValidationError, "第4行：任务编号应为2，实际为3"):
        services.import_plan(
            bad, kind="annual", start_year=2025, end_year=2025, actor=people["coordinator"]
        )
    assert not Plan.objects.exists()


def test_start_year_after_end_year_refused(district, people):
    with refused(ValidationError, "起始年度不能晚于截止年度"):
        services.import_plan(
            PLAN, kind="annual", start_year=2026, end_year=2025, actor=people["coordinator"]
        )
    assert not Plan.objects.exists()


def test_import_without_a_government_unit_refused(db):
    with refused(ValidationError, "尚未建立区（县）人民政府单位，请先维护组织机构"):
        services.import_plan(PLAN, kind="annual", start_year=2025, end_year=2025, actor=None)
    assert not Plan.objects.exists()


def test_resolving_a_name_the_task_does_not_have_refused(setup, people):
    task = setup["task"]
    with refused(ValidationError, "任务1没有待确认的单位名称“区融媒体中心”", task):
        services.resolve_name(task, "区融媒体中心", ["D08"], people["coordinator"])


def test_resolving_to_no_valid_unit_refused(setup, people):
    task = setup["task"]
    Task.objects.filter(pk=task.pk).update(unmatched_names=["区融媒体中心"])
    task.refresh_from_db()
    for choice in (["Z99"], []):
        with refused(ValidationError, "请选择至少一个有效单位，或标记为政府系统外单位", task):
            services.resolve_name(task, "区融媒体中心", choice, people["coordinator"])
    assert Task.objects.get(pk=task.pk).unmatched_names == ["区融媒体中心"]


# --- tasks by hand -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, codes, message",
    [
        ("  ", ["D08"], "请填写任务名称"),
        ("推行行政执法三项制度", [], "请至少选择一个责任单位"),
        ("推行行政执法三项制度", ["D08", "Z99"], "单位编码Z99不存在"),
    ],
)
def test_task_by_hand_refused(setup, people, title, codes, message):
    plan = setup["plan"]
    with refused(ValidationError, message, plan, setup["task"]):
        services.create_task(
            plan,
            section=setup["section"],
            title=title,
            body="",
            unit_codes=codes,
            actor=people["coordinator"],
        )
    assert plan.tasks.count() == 1


def test_task_in_another_plans_section_refused(setup, district, people):
    other = Plan.objects.create(
        title="另一计划", kind="annual", start_year=2025, end_year=2025, unit=district["gov"]
    )
    foreign = Section.objects.create(plan=other, number="一", title="其他", order=0)
    with refused(ValidationError, "所选部分不属于该计划", setup["task"]):
        services.create_task(
            setup["plan"],
            section=foreign,
            title="推行行政执法三项制度",
            body="",
            unit_codes=["D08"],
            actor=people["coordinator"],
        )
    assert Task.objects.count() == 1


def test_clerk_may_not_add_a_task(setup, people):
    with refused(PermissionDenied, "只有统筹协调人员可以导入和维护计划", setup["task"]):
        services.create_task(
            setup["plan"],
            section=setup["section"],
            title="推行行政执法三项制度",
            body="",
            unit_codes=["D08"],
            actor=people["sfj_clerk"],
        )


# --- reporting periods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, year, start, end, due, message",
    [
        (" ", 2025, (7, 1), (12, 31), (2026, 1, 10), "请填写报送周期名称"),
        ("2025年下半年", 2025, (7, 1), (6, 30), (2026, 1, 10), "截止日不能早于起始日"),
        # A report due before the period it reports on has begun cannot be met.
        ("2025年下半年", 2025, (7, 1), (12, 31), (2025, 6, 30), "报送期限不能早于周期起始日"),
        ("2026年上半年", 2026, (1, 1), (6, 30), (2026, 7, 10), "计划覆盖2025—2025年，不含2026年"),
        (
            "2025年上半年",
            2025,
            (1, 1),
            (6, 30),
            (2025, 7, 10),
            "已存在名为“2025年上半年”的报送周期",
        ),
    ],
)
def test_open_period_refused(setup, people, name, year, start, end, due, message):
    plan = setup["plan"]
    with refused(ValidationError, message, plan):
        services.open_period(
            plan,
            name=name,
            year=year,
            start=dt.date(year, *start),
            end=dt.date(year, *end),
            report_due=dt.date(*due),
            actor=people["coordinator"],
        )
    assert plan.periods.count() == 1


def test_clerk_may_not_open_a_period(setup, people):
    with refused(PermissionDenied, "只有统筹协调人员可以导入和维护计划", setup["plan"]):
        services.open_period(
            setup["plan"],
            name="2025年下半年",
            year=2025,
            start=dt.date(2025, 7, 1),
            end=dt.date(2025, 12, 31),
            report_due=dt.date(2026, 1, 10),
            actor=people["sfj_clerk"],
        )


# --- progress reports --------------------------------------------------------------------


def test_another_units_clerk_may_not_report(setup, people):
    with refused(PermissionDenied, "只能报送本单位负责的任务进展"):
        services.submit_progress(
            setup["a"]["D08"],
            setup["period"],
            text="代报",
            status="done",
            actor=people["town_clerk"],
        )
    assert not Progress.objects.exists()


def test_period_of_another_plan_refused(setup, district, people):
    other = Plan.objects.create(
        title="另一计划", kind="annual", start_year=2025, end_year=2025, unit=district["gov"]
    )
    foreign = services.open_period(
        other,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=people["coordinator"],
    )
    with refused(ValidationError, "报送周期与任务不属于同一计划"):
        services.submit_progress(
            setup["a"]["D08"], foreign, text="完成", status="done", actor=people["sfj_clerk"]
        )
    assert not Progress.objects.exists()


@pytest.mark.parametrize(
    "text, status, message",
    [
        (" \n", "done", "请填写工作进展"),
        ("完成", "", "请选择完成情况"),
        ("完成", "ok", "请选择完成情况"),
    ],
)
def test_incomplete_report_refused(setup, people, text, status, message):
    with refused(ValidationError, message):
        services.submit_progress(
            setup["a"]["D08"], setup["period"], text=text, status=status, actor=people["sfj_clerk"]
        )
    assert not Progress.objects.exists()


def test_report_under_review_cannot_be_rereported(setup, people):
    p = _report(setup, people)
    with refused(ValidationError, "该进展已报送、正在审核，审核退回后才能修改", p):
        _report(setup, people, text="改写")


def test_accepted_report_cannot_be_changed_or_rereported(setup, people):
    """Once the lead unit has accepted a report it is the record of that period: changing or
    re-reporting it is refused (a return is the only way back)."""
    p = _report(setup, people)
    services.accept_progress(p, people["scjg_reviewer"])
    p.refresh_from_db()
    for text, status in (("改写后的进展", "done"), ("已制定实施细则。", "behind")):
        with refused(ValidationError, "该进展已审核通过，不能再修改", p):
            services.submit_progress(
                setup["a"]["D08"], setup["period"], text=text, status=status,
                actor=people["sfj_clerk"], on=TODAY,
            )  # fmt: skip
    assert Progress.objects.get(pk=p.pk).text == "已制定实施细则。"


def test_review_rights(setup, people):
    p = _report(setup, people)
    # 司法局's reviewer reviews no-one's report but its own unit's lead tasks; 市场监管局
    # leads this task. A clerk of the lead unit reads the report but does not review it.
    for who in ("scjg_clerk", "sfj_clerk", "town_clerk"):
        with refused(PermissionDenied, "只有统筹协调人员或牵头单位审核人可以审核进展", p):
            services.accept_progress(p, people[who])
        with refused(PermissionDenied, "只有统筹协调人员或牵头单位审核人可以退回进展", p):
            services.return_progress(p, reason="请补充", actor=people[who])


def test_accept_only_a_submitted_report(setup, people):
    """A report is accepted from 已报送 only: not again once accepted, not after a return."""
    p = _report(setup, people)
    services.return_progress(p, reason="请补充文号", actor=people["coordinator"])
    p.refresh_from_db()
    with refused(ValidationError, "只能审核已报送的进展", p):
        services.accept_progress(p, people["coordinator"])
    assert Progress.objects.get(pk=p.pk).state == Progress.State.RETURNED
    p = _report(setup, people, text="补充文号后重报")
    services.accept_progress(p, people["coordinator"])
    p.refresh_from_db()
    with refused(ValidationError, "只能审核已报送的进展", p):
        services.accept_progress(p, people["scjg_reviewer"])


def test_return_only_a_submitted_report_and_with_a_reason(setup, people):
    p = _report(setup, people)
    with refused(ValidationError, "退回时须说明理由", p):
        services.return_progress(p, reason="  ", actor=people["coordinator"])
    services.accept_progress(p, people["coordinator"])
    p.refresh_from_db()
    with refused(ValidationError, "只能退回已报送的进展", p):
        services.return_progress(p, reason="再看看", actor=people["coordinator"])
    assert Progress.objects.get(pk=p.pk).state == Progress.State.ACCEPTED
