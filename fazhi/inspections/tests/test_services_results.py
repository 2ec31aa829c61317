"""Results and their publication: the 20-working-day clock from the check date (across
国庆 2025 with its 调休 days), late publication only with a reason and flagged, the
follow-up case link, and another unit's clerk refused with nothing changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import refused
from fazhi.inspections import services as s
from fazhi.inspections.deadlines import PUBLICATION
from fazhi.inspections.models import DrawnEntity, InspectionTask

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def drawn(drawn_task):
    task = drawn_task()
    return list(DrawnEntity.objects.filter(task=task).order_by("order"))


def test_publication_clock_runs_across_national_day_2025(drawn, people):
    """Checked Friday 2025-09-26. Working days after it, on the 2025 calendar (国务院办公厅
    2025年放假通知: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班):
    9/28 Sun (调休上班) 1, 9/29 2, 9/30 3, [10/1–10/8 holiday], 10/9 4, 10/10 5,
    10/11 Sat (调休上班) 6, 10/13–10/17 7–11, 10/20–10/24 12–16, 10/27 17, 10/28 18,
    10/29 19, 10/30 20 → due Thursday 2025-10-30."""
    d = s.record_result(
        drawn[0], outcome="ok", checked_on=dt.date(2025, 9, 26), note="", actor=people["scjg_clerk"]
    )
    assert d.publish_due_on == dt.date(2025, 10, 30)
    dl = Deadline.objects.get(pk=d.deadline_id)
    assert dl.clock == PUBLICATION and dl.due_date == dt.date(2025, 10, 30)
    assert dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED)
    assert InspectionTask.objects.get(pk=d.task_id).state == InspectionTask.State.CHECKING
    # A correction before publication keeps the clock (same check date).
    s.record_result(d, outcome="rectify", checked_on=dt.date(2025, 9, 26),
                    note="责令限期整改", actor=people["scjg_clerk"])  # fmt: skip
    assert Deadline.objects.filter(record_id=str(d.pk), clock=PUBLICATION).count() == 1
    with refused(ValidationError, "检查日期已登记为2025-09-26，不能更改", d):
        s.record_result(d, outcome="ok", checked_on=dt.date(2025, 9, 29), actor=None)

    # Late: refused without a reason, nothing moved; with a reason published, flagged.
    with refused(
        ValidationError,
        f"{d.entity.name}的检查结果公示期限已于2025-10-30届满，逾期公示须填写逾期原因，"
        "公示将标注为逾期",
        d,
        dl,
    ):
        s.publish_results([d], on=dt.date(2025, 11, 3), actor=people["scjg_clerk"])
    s.publish_results([d], on=dt.date(2025, 11, 3), actor=people["scjg_clerk"],
                      late_reason="系统故障延迟录入")  # fmt: skip
    d.refresh_from_db()
    dl.refresh_from_db()
    assert d.published_on == dt.date(2025, 11, 3) and d.publish_due_on < d.published_on
    assert d.late_reason == "系统故障延迟录入"
    assert dl.state == Deadline.State.DONE
    with refused(ValidationError, "检查结果已经公示，不能修改", d):
        s.record_result(d, outcome="ok", checked_on=dt.date(2025, 9, 26), actor=None)
    with refused(ValidationError, f"{d.entity.name}的检查结果已经公示", d):
        s.publish_results([d], on=dt.date(2025, 11, 4), actor=None)


def test_on_time_publication_and_task_done(drawn, people):
    for d in drawn:
        s.record_result(d, outcome="ok", checked_on=dt.date(2025, 10, 20), actor=None)
    s.publish_results(drawn[0].task, on=dt.date(2025, 10, 31), actor=people["scjg_clerk"])
    rows = DrawnEntity.objects.filter(task=drawn[0].task)
    assert all(r.published_on == dt.date(2025, 10, 31) and not r.late_reason for r in rows)
    assert all(r.published_on <= r.publish_due_on for r in rows)
    assert InspectionTask.objects.get(pk=drawn[0].task_id).state == InspectionTask.State.DONE
    with refused(ValidationError, "没有可以公示的检查结果"):
        s.publish_results(drawn[0].task, on=dt.date(2025, 11, 3), actor=None)


def test_result_refusals(drawn, people):
    d = drawn[0]
    with refused(ValidationError, "检查日期应在任务的检查期间内（2025-09-01至2025-10-31）", d):
        s.record_result(d, outcome="ok", checked_on=dt.date(2025, 8, 31), actor=None)
    with refused(ValidationError, "请选择检查结果", d):
        s.record_result(d, outcome="", checked_on=dt.date(2025, 9, 2), actor=None)
    with refused(ValidationError, f"{d.entity.name}尚未登记检查结果，不能公示", d):
        s.publish_results([d], on=dt.date(2025, 9, 30), actor=None)


@pytest.mark.today(2025, 9, 20)
def test_a_check_cannot_be_recorded_ahead(drawn):
    with refused(ValidationError, "检查日期不能晚于今天（2025-09-20），不能预先登记", drawn[0]):
        s.record_result(drawn[0], outcome="ok", checked_on=dt.date(2025, 9, 26), actor=None)


def test_link_case(drawn, people, follow_up_case):
    d = drawn[1]
    number = follow_up_case(dt.date(2025, 9, 12))
    earlier = follow_up_case(dt.date(2025, 9, 5), title="检查之前立案的案件")
    s.record_result(d, outcome="ok", checked_on=dt.date(2025, 9, 10), actor=None)
    with refused(ValidationError, "只有检查结果为“发现问题已立案查处”的，才能关联执法案件", d):
        s.link_case(d, case_ref=number, actor=people["scjg_clerk"])
    s.record_result(d, outcome="case", checked_on=dt.date(2025, 9, 10), actor=None)
    with refused(ValidationError, "请填写执法案件编号", d):
        s.link_case(d, case_ref=" ", actor=people["scjg_clerk"])
    with refused(
        ValidationError,
        "行政执法中没有案号为“测市监处〔2025〕999号”的案件，请先在行政执法中立案",
        d,
    ):
        s.link_case(d, case_ref="测市监处〔2025〕999号", actor=people["scjg_clerk"])
    with refused(
        ValidationError,
        f"案件“{earlier}”于2025-09-05立案，早于本次检查（2025-09-10），不是检查发现问题后立的案",
        d,
    ):
        s.link_case(d, case_ref=earlier, actor=people["scjg_clerk"])
    s.link_case(d, case_ref=number, actor=people["scjg_clerk"])
    d.refresh_from_db()
    assert d.case_ref == number
    with refused(ValidationError, "已经关联该执法案件", d):
        s.link_case(d, case_ref=number, actor=people["scjg_clerk"])


def test_another_units_clerk_cannot_change_a_result(drawn, people):
    d = drawn[2]
    s.record_result(d, outcome="ok", checked_on=dt.date(2025, 9, 10), actor=people["scjg_clerk"])
    d.refresh_from_db()
    dl = Deadline.objects.get(pk=d.deadline_id)
    for who in ("town_clerk", "sfj_clerk"):
        with refused(PermissionDenied, "只能办理本单位牵头的抽查任务的检查结果", d, dl):
            s.record_result(d, outcome="rectify", checked_on=dt.date(2025, 9, 10),
                            actor=people[who])  # fmt: skip
        with refused(PermissionDenied, "只能办理本单位牵头的抽查任务的检查结果", d, dl):
            s.publish_results([d], on=dt.date(2025, 9, 30), actor=people[who])
        with refused(PermissionDenied, "只能办理本单位牵头的抽查任务的检查结果", d, dl):
            s.link_case(d, case_ref="X", actor=people[who])
    d.refresh_from_db()
    assert d.outcome == "ok" and d.published_on is None and d.case_ref == ""


def test_the_full_process_record_matches_the_rows(drawn, people, follow_up_case):
    """Every row a service changed stands as its last event recorded it (check-records)."""
    from fazhi.core import events

    d = drawn[0]
    s.record_result(d, outcome="case", checked_on=dt.date(2025, 10, 9), actor=people["scjg_clerk"])
    s.link_case(d, case_ref=follow_up_case(dt.date(2025, 10, 10)), actor=people["scjg_clerk"])
    s.publish_results([d], on=dt.date(2025, 10, 20), actor=people["scjg_clerk"])
    s.reveal_seed(d.task, actor=people["scjg_clerk"])
    assert list(events.verify_chain()) == []
    assert list(events.verify_states()) == []


def test_a_case_of_a_department_outside_the_task_is_not_linked(drawn, people, follow_up_case):
    """The follow-up case is one of the task's responsible departments (here 市场监管局
    alone): a case the 城关街道 filed the same week is refused."""
    from fazhi.enforcement.models import Agency, Officer

    town = Agency.objects.get(name="城关街道办事处")
    number = follow_up_case(
        dt.date(2025, 9, 12),
        title="城关街道占道经营案",
        agency=town,
        officers=list(Officer.objects.filter(agency=town).order_by("certificate_number")),
        actor=people["town_clerk"],
    )
    d = drawn[3]
    s.record_result(d, outcome="case", checked_on=dt.date(2025, 9, 10), actor=None)
    with refused(ValidationError, f"案件“{number}”不是本抽查任务的责任部门办理的", d):
        s.link_case(d, case_ref=number, actor=people["scjg_clerk"])
