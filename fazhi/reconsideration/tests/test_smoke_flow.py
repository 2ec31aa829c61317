import datetime as dt

from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import Application, Case
from fazhi.reconsideration.services import cases


def test_counter_application_to_decision(accepted_case, people, monkeypatch):
    case = accepted_case()
    assert case.application.state == Application.State.ACCEPTED
    clerk = people["sfj_clerk"]
    freeze(monkeypatch, dt.date(2025, 3, 10))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=clerk)
    cases.answer(case, on=dt.date(2025, 3, 10), summary="事实清楚", actor=people["scjg_clerk"])
    freeze(monkeypatch, dt.date(2025, 4, 1))
    case = cases.decide(case, on=dt.date(2025, 4, 1), outcome="revoke", summary="撤销",
                        actor=clerk)  # fmt: skip
    assert case.state == Case.State.DECIDED and case.decision_number
