"""Receipt and acceptance review of 行政复议申请 (行政复议法 第20—31条) on the real calendar."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.events import history as _history
from fazhi.core.events import record_ref
from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import Application, Case
from fazhi.reconsideration.services import applications, cases
from fazhi.reconsideration.services.common import code_matches

D = dt.date


def history(obj):
    return list(_history(*record_ref(obj)))


def test_counter_application_gets_number_code_and_review_clock(apply_):
    app, code = apply_(received_on=D(2025, 9, 29))
    assert app.tracking_number == "测试区复议申〔2025〕0001号"
    assert len(code) == 8 and code_matches(app.access_code_hash, code)
    assert code not in app.access_code_hash
    # 5 working days across 国庆 2025 (1—8 October off, Saturday 11 October worked).
    assert app.review_deadline.due_date == D(2025, 10, 13)
    assert app.late is False and app.period_end == D(2025, 11, 10)
    assert [e.action for e in history(app)][-1] == "recon_received"


def test_application_past_60_days_is_flagged_with_its_computed_start(apply_):
    app, _ = apply_(received_on=D(2025, 6, 16), known_on=D(2025, 4, 10), act_on=D(2025, 4, 8))
    # 10 April + 60 days = 9 June (a Monday, a working day): received a week after.
    assert app.period_start == D(2025, 4, 10)
    assert app.period_end == D(2025, 6, 9)
    assert app.late is True
    assert "2025-04-10" in app.period_note and "已超过申请期限7日" in app.period_note


@pytest.mark.django_db
def test_period_ending_on_a_holiday_moves_to_the_next_working_day():
    # Known 2 August 2025 + 60 days = 1 October (国庆): the period ends on 9 October.
    p = applications.check_period(received_on=D(2025, 10, 9), known_on=D(2025, 8, 2))
    assert p.end == D(2025, 10, 9) and not p.late
    assert applications.check_period(received_on=D(2025, 10, 10), known_on=D(2025, 8, 2)).late


@pytest.mark.django_db
def test_untold_remedy_runs_from_learning_it_capped_at_one_year():
    p = applications.check_period(
        received_on=D(2025, 3, 3), known_on=D(2024, 6, 3), remedy_told=False,
        remedy_known_on=D(2025, 2, 1),
    )  # fmt: skip
    assert p.start == D(2025, 2, 1) and p.end == D(2025, 4, 2) and not p.late
    capped = applications.check_period(
        received_on=D(2025, 6, 20), known_on=D(2024, 6, 3), remedy_told=False,
        remedy_known_on=D(2025, 5, 1),
    )  # fmt: skip
    assert capped.end == D(2025, 6, 3) and capped.late and "一年" in capped.note


@pytest.mark.django_db
def test_absolute_bar_five_years_twenty_for_immovables():
    p = applications.check_period(
        received_on=D(2025, 3, 3), known_on=D(2025, 2, 1), act_on=D(2019, 12, 1)
    )
    assert p.barred and "5年" in p.note
    q = applications.check_period(
        received_on=D(2025, 3, 3), known_on=D(2025, 2, 1), act_on=D(2019, 12, 1), immovable=True
    )
    assert not q.barred


def test_deemed_accepted_when_the_review_period_runs_out(apply_, monkeypatch):
    app, _ = apply_(received_on=D(2025, 9, 29))
    applications.sweep(D(2025, 10, 13))  # the last day: nothing yet
    app.refresh_from_db()
    assert app.state == Application.State.RECEIVED
    freeze(monkeypatch, D(2025, 10, 14))
    assert applications.sweep(D(2025, 10, 14)) == {"deemed_accepted": 1, "deemed_withdrawn": 0}
    app.refresh_from_db()
    case = app.case
    assert app.state == Application.State.ACCEPTED and app.deemed_accepted
    assert case.accepted_on == D(2025, 10, 13) and case.procedure == Case.Procedure.ORDINARY
    # 60 days from 13 October = 12 December 2025 (a Friday).
    assert case.deadline.due_date == D(2025, 12, 12)
    assert "视为受理" in [e.summary for e in history(app)][-1]
    assert applications.sweep(D(2025, 10, 15))["deemed_accepted"] == 0


def test_correction_restarts_the_review_period(apply_, people, monkeypatch):
    clerk = people["sfj_clerk"]
    app, _ = apply_(received_on=D(2026, 2, 9), today=D(2026, 2, 10))
    applications.request_correction(app, items="1. 行政处罚决定书复印件；2. 身份证复印件",
                                    on=D(2026, 2, 10), actor=clerk)  # fmt: skip
    app.refresh_from_db()
    assert app.state == Application.State.CORRECTION
    # The applicant's 10 working days across 春节 2026 (15—23 February off; 14 and 28
    # February, Saturdays, worked).
    assert app.correction_deadline.due_date == D(2026, 3, 2)
    assert app.review_deadline.state == Deadline.State.DONE
    with pytest.raises(ValidationError, match="待审查"):
        applications.request_correction(app, items="再补", on=D(2026, 2, 10), actor=clerk)
    freeze(monkeypatch, D(2026, 2, 26))
    applications.receive_correction(app, on=D(2026, 2, 26), actor=clerk)
    app.refresh_from_db()
    assert app.state == Application.State.RECEIVED and app.corrected_on == D(2026, 2, 26)
    # 5 working days again from the supplement: 27, 28 (Sat worked), 2, 3, 4 March.
    assert app.review_deadline.start_date == D(2026, 2, 26)
    assert app.review_deadline.due_date == D(2026, 3, 4)
    with pytest.raises(ValidationError, match="不能早于"):
        cases.accept(app, on=D(2026, 2, 25), actor=clerk)
    # 第31条: everything is listed once; a second notice is refused.
    with pytest.raises(ValidationError, match="一次性"):
        applications.request_correction(app, items="再补", on=D(2026, 2, 26), actor=clerk)


def test_no_supplement_in_time_is_deemed_withdrawn(apply_, people, monkeypatch):
    app, _ = apply_(received_on=D(2026, 2, 9), today=D(2026, 2, 10))
    applications.request_correction(app, items="行政处罚决定书复印件", on=D(2026, 2, 10),
                                    actor=people["sfj_clerk"])  # fmt: skip
    assert applications.sweep(D(2026, 3, 2))["deemed_withdrawn"] == 0
    assert applications.sweep(D(2026, 3, 3))["deemed_withdrawn"] == 1
    app.refresh_from_db()
    assert app.state == Application.State.DEEMED_WITHDRAWN and app.withdrawn_on == D(2026, 3, 2)
    with pytest.raises(ValidationError):
        cases.accept(app, on=D(2026, 3, 3), actor=people["sfj_clerk"])


def test_reject_and_refer_close_the_review(apply_, people):
    app, _ = apply_(received_on=D(2025, 3, 3))
    applications.reject(
        app, on=D(2025, 3, 3), reason="不属于行政复议范围", actor=people["sfj_clerk"]
    )
    app.refresh_from_db()
    assert app.state == Application.State.REJECTED
    assert app.review_deadline.state == Deadline.State.DONE
    with pytest.raises(ValidationError, match="不能"):
        applications.refer(app, on=D(2025, 3, 3), to="市人民政府", reason="x",
                           actor=people["sfj_clerk"])  # fmt: skip


def test_refusals_move_nothing(apply_, people):
    app, _ = apply_(received_on=D(2025, 3, 3))
    version = app.version
    with pytest.raises(PermissionDenied):
        cases.accept(app, on=D(2025, 3, 3), actor=people["scjg_clerk"])
    with pytest.raises(ValidationError, match="晚于今天"):
        applications.reject(app, on=D(2025, 3, 4), reason="x", actor=people["sfj_clerk"])
    with pytest.raises(ValidationError, match="请填写"):
        applications.reject(app, on=D(2025, 3, 3), reason=" ", actor=people["sfj_clerk"])
    app.refresh_from_db()
    assert app.state == Application.State.RECEIVED and app.version == version
    assert not Case.objects.exists()


def test_bad_identity_and_dates_are_refused(apply_):
    with pytest.raises(ValidationError):
        apply_(applicant_id="110105199003071238")
    with pytest.raises(ValidationError, match="不能晚于"):
        apply_(known_on=D(2025, 3, 4))
    with pytest.raises(ValidationError, match="笔录"):
        apply_(channel="oral")
    assert not Application.objects.exists()


def test_online_application_is_received_the_day_it_is_sent(apply_):
    app, _ = apply_(actor=None, channel="online", received_on=D(2025, 3, 3), today=D(2025, 3, 5),
                    known_on=D(2025, 2, 20), act_on=D(2025, 2, 18))  # fmt: skip
    assert app.received_on == D(2025, 3, 5) and app.channel == "online"
    with pytest.raises(ValidationError, match="网上"):
        apply_(actor=None, channel="counter")
