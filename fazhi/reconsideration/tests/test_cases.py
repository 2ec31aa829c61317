"""A 行政复议案件 from acceptance to decision (行政复议法 第48—79条) on the real calendar."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.events import history as _history
from fazhi.core.events import record_ref
from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import Case
from fazhi.reconsideration.services import cases

D = dt.date


def history(obj):
    return list(_history(*record_ref(obj)))


@pytest.fixture
def clerk(people):
    return people["sfj_clerk"]


def test_ordinary_clocks_from_acceptance(accepted_case):
    case = accepted_case()  # received 3 March 2025, accepted 5 March
    assert case.number == "测试区行复〔2025〕1号"
    assert case.copy_deadline.due_date == D(2025, 3, 14)  # 7 working days
    # 60 days = 4 May, inside 劳动节 (1—5 May): moves to Tuesday 6 May.
    assert case.deadline.due_date == D(2025, 5, 6)


def test_answer_clock_on_the_respondents_board(accepted_case, clerk, district, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 6))
    case = cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    assert case.answer_deadline.due_date == D(2025, 3, 20)  # 10 working days
    assert case.answer_deadline.unit == district["scjg"]
    assert Deadline.objects.get(pk=case.copy_deadline_id).state == Deadline.State.DONE


def test_simple_procedure_criteria_and_shorter_clocks(accepted_case, clerk, monkeypatch):
    with pytest.raises(ValidationError, match="第五十三条"):
        accepted_case(procedure="simple")
    with pytest.raises(ValidationError, match="超过3,000元"):
        accepted_case(procedure="simple", simple_ground="amount", amount=Decimal("3000.01"))
    assert not Case.objects.exists()
    case = accepted_case(procedure="simple", simple_ground="amount", amount=Decimal("3000"))
    assert "3,000.00元" in case.simple_ground
    assert case.copy_deadline.due_date == D(2025, 3, 10)  # 3 working days
    # 30 days = 4 April, 清明 (4—6 April): moves to Monday 7 April.
    assert case.deadline.due_date == D(2025, 4, 7)
    freeze(monkeypatch, D(2025, 3, 6))
    case = cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    assert case.answer_deadline.due_date == D(2025, 3, 13)  # 5 working days
    # 第62条 gives the 简易程序 no extension.
    with pytest.raises(ValidationError, match="不能延长"):
        cases.extend(case, days=10, reason="案情复杂", approved_by="张主任",
                     approved_on=D(2025, 3, 6), actor=clerk)  # fmt: skip
    case.refresh_from_db()
    assert case.extended_days == 0


def test_suspension_pauses_the_decision_clock(accepted_case, clerk, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 20))
    cases.suspend(case, on=D(2025, 3, 20), ground="other_case", actor=clerk)
    case.refresh_from_db()
    assert case.state == Case.State.SUSPENDED
    assert case.deadline.state == Deadline.State.PAUSED
    with pytest.raises(ValidationError, match="中止审理中"):
        cases.decide(case, on=D(2025, 3, 20), outcome="uphold", summary="维持", actor=clerk)
    freeze(monkeypatch, D(2025, 4, 10))
    cases.resume(case, on=D(2025, 4, 10), actor=clerk)
    case.refresh_from_db()
    # 21 days (20 March—9 April) not counted: 4 May + 21 = 25 May, a Sunday → 26 May.
    assert case.deadline.due_date == D(2025, 5, 26)
    assert case.state == Case.State.REVIEW
    # Not a ground that ends the case: no 60-day clock was started.
    assert not Deadline.objects.filter(clock="reconsideration.suspension").exists()


def test_suspension_over_60_days_on_a_terminating_ground_ends_the_case(
    accepted_case, clerk, monkeypatch
):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 20))
    cases.suspend(case, on=D(2025, 3, 20), ground="death", actor=clerk)
    limit = Deadline.objects.get(clock="reconsideration.suspension")
    assert limit.due_date == D(2025, 5, 19)
    assert cases.sweep(D(2025, 5, 19))["terminated"] == 0
    assert cases.sweep(D(2025, 5, 20))["terminated"] == 1
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.outcome == "terminated"
    assert case.decided_on == D(2025, 5, 20)
    assert "第四十一条" in history(case)[-1].summary
    assert cases.sweep(D(2025, 5, 21))["terminated"] == 0


def test_resumed_before_60_days_does_not_end(accepted_case, clerk, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 20))
    cases.suspend(case, on=D(2025, 3, 20), ground="death", actor=clerk)
    freeze(monkeypatch, D(2025, 5, 1))
    cases.resume(case, on=D(2025, 5, 1), actor=clerk)
    assert cases.sweep(D(2025, 6, 1))["terminated"] == 0
    assert Deadline.objects.get(clock="reconsideration.suspension").state == Deadline.State.DONE


def test_extension_up_to_30_days_and_no_further(accepted_case, clerk, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 4, 28))
    with pytest.raises(ValidationError, match="最多延长30日"):
        cases.extend(case, days=31, reason="案情复杂", approved_by="张主任",
                     approved_on=D(2025, 4, 28), actor=clerk)  # fmt: skip
    cases.extend(case, days=20, reason="案情复杂", approved_by="张主任",
                 approved_on=D(2025, 4, 28), actor=clerk)  # fmt: skip
    with pytest.raises(ValidationError, match="还能延长10日"):
        cases.extend(case, days=11, reason="仍需调查", approved_by="张主任",
                     approved_on=D(2025, 4, 28), actor=clerk)  # fmt: skip
    cases.extend(case, days=10, reason="仍需调查", approved_by="张主任",
                 approved_on=D(2025, 4, 28), actor=clerk)  # fmt: skip
    case.refresh_from_db()
    assert case.extended_days == 30
    assert case.deadline.due_date == D(2025, 6, 3)  # 90 days from 5 March


def test_hearing_notice_five_working_days_before(accepted_case, clerk, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 10))
    with pytest.raises(ValidationError, match="最早2025-03-17"):
        cases.schedule_hearing(case, notified_on=D(2025, 3, 10), hearing_on=D(2025, 3, 14),
                               actor=clerk)  # fmt: skip
    cases.schedule_hearing(case, notified_on=D(2025, 3, 10), hearing_on=D(2025, 3, 17),
                           actor=clerk)  # fmt: skip
    case.refresh_from_db()
    assert case.hearing_on == D(2025, 3, 17)


def test_decision_needs_the_respondent_heard(accepted_case, clerk, people, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 12))
    with pytest.raises(ValidationError, match="副本"):
        cases.decide(case, on=D(2025, 3, 12), outcome="uphold", summary="维持", actor=clerk)
    cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    with pytest.raises(ValidationError, match="答复期限未届满"):
        cases.decide(case, on=D(2025, 3, 12), outcome="uphold", summary="维持", actor=clerk)
    # The respondent says nothing: after its 10 working days the act has no evidence.
    assert cases.sweep(D(2025, 3, 20))["no_answer"] == 0
    assert cases.sweep(D(2025, 3, 21))["no_answer"] == 1
    case.refresh_from_db()
    assert case.no_answer and "第七十条" in history(case)[-1].summary
    freeze(monkeypatch, D(2025, 3, 24))
    case = cases.decide(case, on=D(2025, 3, 24), outcome="revoke", summary="被申请人未提交证据，撤销",
                        actor=clerk)  # fmt: skip
    assert case.state == Case.State.DECIDED and case.decision_number == "测试区行复决〔2025〕1号"
    assert Deadline.objects.get(pk=case.deadline_id).state == Deadline.State.DONE


def test_respondent_answers_but_cannot_decide(accepted_case, clerk, people, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 10))
    cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    with pytest.raises(PermissionDenied):
        cases.answer(case, on=D(2025, 3, 10), summary="事实清楚", actor=people["town_clerk"])
    cases.answer(case, on=D(2025, 3, 10), summary="事实清楚、证据确凿", actor=people["scjg_clerk"])
    case.refresh_from_db()
    assert case.answered_on == D(2025, 3, 10)
    assert case.answer_deadline.state == Deadline.State.DONE
    with pytest.raises(PermissionDenied):
        cases.decide(case, on=D(2025, 3, 10), outcome="uphold", summary="维持",
                     actor=people["scjg_clerk"])  # fmt: skip
    case.refresh_from_db()
    assert case.state == Case.State.REVIEW and not case.outcome


MARCH_24 = D(2025, 3, 24)


def _decided(accepted_case, clerk, monkeypatch, outcome="uphold", on=MARCH_24):
    case = accepted_case()
    freeze(monkeypatch, on)
    cases.send_copy(case, on=D(2025, 3, 6), actor=clerk)
    cases.answer(case, on=D(2025, 3, 10), summary="答复", actor=clerk)
    return cases.decide(case, on=on, outcome=outcome, summary="决定要旨", actor=clerk)


def test_publication_late_is_flagged(accepted_case, clerk, monkeypatch):
    case = _decided(accepted_case, clerk, monkeypatch)
    d = Deadline.objects.get(clock="reconsideration.publication")
    assert d.due_date == D(2025, 4, 14)  # 20 days from 24 March = 13 April, a Sunday
    freeze(monkeypatch, D(2025, 4, 15))
    cases.publish(case, on=D(2025, 4, 15), actor=clerk)
    assert "（逾期）" in history(case)[-1].summary
    with pytest.raises(ValidationError, match="已公开"):
        cases.publish(case, on=D(2025, 4, 15), actor=clerk)


def test_copy_to_superior_only_for_a_department(accepted_case, clerk, district, monkeypatch):
    case = _decided(accepted_case, clerk, monkeypatch)
    assert cases.superior_copy_required(case)
    cases.copy_to_superior(case, on=D(2025, 3, 24), actor=clerk)
    other = accepted_case(respondent=district["town"])
    assert not cases.superior_copy_required(other)


def test_mediated_case_closes_without_publication(accepted_case, clerk, monkeypatch):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 3, 12))
    case = cases.decide(case, on=D(2025, 3, 12), outcome="mediated", summary="双方达成调解",
                        actor=clerk)  # fmt: skip
    assert case.state == Case.State.CLOSED
    assert not Deadline.objects.filter(clock="reconsideration.publication").exists()
    with pytest.raises(ValidationError, match="只有作出复议决定"):
        cases.publish(case, on=D(2025, 3, 12), actor=clerk)
