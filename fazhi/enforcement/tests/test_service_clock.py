"""The 送达 clock (行政处罚法 第61条: 当场交付, or within 7 days when the party is not present;
"七日" is working days, 第85条), through the services and on the real 2025 calendar.

Hand count: decided 2025-09-22 (Mon) → 1 = 09-23, 2 = 09-24, 3 = 09-25, 4 = 09-26,
09-27 (Sat) rest, 5 = 09-28 (Sun, 调休上班), 6 = 09-29, 7 = 09-30: due 2025-09-30.
Decided 2025-09-29 → 1 = 09-30, 10-01…10-08 国庆, 2 = 10-09, 3 = 10-10, 4 = 10-11 (Sat,
调休上班), 5 = 10-13, 6 = 10-14, 7 = 10-15: due 2025-10-15.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import deadlines
from fazhi.core.events import history
from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.enforcement import services as s
from fazhi.enforcement.services import service_clock

from . import cases_flow as flow
from .conftest import PERSON, docs

D = dt.date
pytestmark = pytest.mark.django_db


def _serve(case, on, actor, documents=None):
    return s.serve(case, on=on, documents=documents or docs("送达回证"), actor=actor)


def _decided_on(open_penalty, enf, actor, on):
    case = open_penalty(flow.FILED)
    flow.investigate(case, enf, actor)
    flow.notify(case, actor)
    return s.decide(
        case,
        on=on,
        outcome="penalty",
        documents=docs("行政处罚决定书"),
        actor=actor,
        fine=3000,
        band=enf["standard"].bands.get(circumstance="general"),
    )


@pytest.mark.today(2025, 11, 10)
def test_the_decision_starts_the_clock_and_service_on_the_spot_completes_it(
    enf, people, open_penalty
):
    clerk = people["scjg_clerk"]
    case = flow.decided(open_penalty, enf, clerk)
    dl = service_clock.find(case)
    assert dl.clock == "enforcement.service" and dl.state == Deadline.State.RUNNING
    assert dl.start_date == flow.DECIDED and dl.due_date == D(2025, 9, 30)
    # 当场交付: served the day of the decision.
    _serve(case, flow.DECIDED, clerk)
    dl.refresh_from_db()
    assert dl.state == Deadline.State.DONE and dl.completed_on == flow.DECIDED
    assert deadlines.status_of(dl, D(2025, 11, 10))[1] == "按期办结"


def test_an_absent_party_served_late_is_overdue_then_flagged_across_national_day(
    enf, people, open_penalty, monkeypatch
):
    clerk = people["scjg_clerk"]
    freeze(monkeypatch, D(2025, 9, 29))
    case = _decided_on(open_penalty, enf, clerk, D(2025, 9, 29))
    dl = service_clock.find(case)
    assert dl.due_date == D(2025, 10, 15)
    mine = Deadline.objects.filter(unit=case.unit)
    # The last day is not overdue yet; the day after is, on the board.
    assert dl not in deadlines.board(mine, clerk, D(2025, 10, 15))["overdue"]
    assert dl in deadlines.board(mine, clerk, D(2025, 10, 16))["overdue"]
    freeze(monkeypatch, D(2025, 10, 20))
    _serve(case, D(2025, 10, 20), clerk)
    dl.refresh_from_db()
    assert dl.state == Deadline.State.DONE and dl.completed_on == D(2025, 10, 20)
    assert dl not in deadlines.board(mine, clerk, D(2025, 10, 20))["overdue"]
    assert deadlines.status_of(dl, D(2025, 10, 20))[1] == "逾期办结"
    case.refresh_from_db()
    assert case.served_on == D(2025, 10, 20) and case.stage == "served"
    # The case's full-process record says the service was late.
    done = [e.summary for e in history(dl.record_type, dl.record_id) if e.action == "deadline_done"]
    assert done[-1] == "2025-10-20办结（逾期）"


@pytest.mark.today(2025, 11, 10)
def test_refused_service_leaves_the_clock_running(enf, people, open_penalty):
    clerk = people["scjg_clerk"]
    case = flow.decided(open_penalty, enf, clerk)
    dl = service_clock.find(case)
    with pytest.raises(ValidationError, match="送达回证"):
        s.serve(case, on=D(2025, 9, 25), documents={}, actor=clerk)
    with pytest.raises(ValidationError, match="不能早于上一环节"):
        _serve(case, D(2025, 9, 21), clerk)
    with pytest.raises(PermissionDenied):
        _serve(case, D(2025, 9, 25), people["town_clerk"])
    dl.refresh_from_db()
    case.refresh_from_db()
    assert dl.state == Deadline.State.RUNNING and dl.completed_on is None
    assert case.served_on is None and case.stage == "decided"
    _serve(case, D(2025, 9, 25), clerk)
    with pytest.raises(ValidationError, match="不能办理送达"):
        _serve(case, D(2025, 9, 26), clerk)
    dl.refresh_from_db()
    assert dl.completed_on == D(2025, 9, 25)


@pytest.mark.today(2025, 11, 10)
def test_summary_penalties_and_licences_get_no_service_clock(enf, people):
    clerk = people["scjg_clerk"]
    summary = s.summary_penalty(
        agency=enf["scjg"],
        title="王小明占道经营当场处罚",
        on=D(2025, 9, 22),
        party=PERSON,
        officers=enf["officers"],
        documents=docs("当场处罚决定书"),
        actor=clerk,
        fine=100,
    )
    assert service_clock.find(summary) is None
    lic = s.open_case(
        agency=enf["scjg"],
        kind="license",
        title="好邻居便利店食品经营许可",
        filed_on=D(2025, 9, 1),
        parties=[PERSON],
        officers=[enf["o1"]],
        documents=docs("立案审批表"),
        actor=clerk,
        power=enf["license"],
        on_site=False,
    )
    s.decide(
        lic, on=D(2025, 9, 10), outcome="granted", documents=docs("行政许可决定书"), actor=clerk
    )
    assert service_clock.find(lic) is None


def test_the_case_page_and_the_board_show_the_clock(enf, people, open_penalty, login, monkeypatch):
    clerk = people["scjg_clerk"]
    freeze(monkeypatch, D(2025, 10, 9))
    case = flow.decided(open_penalty, enf, clerk)
    client = login(clerk)
    page = client.get(reverse("enforcement:case", args=[case.pk])).content.decode()
    row = page.split("决定书送达期限：", 1)[1].split("</li>", 1)[0]
    assert row.startswith("2025-09-30") and "已超期" in row
    board = client.get(reverse("core:board") + "?tab=overdue").content.decode()
    assert f"{case.number} 决定书送达" in board
    # Another unit's clerk sees neither.
    other = login(people["town_clerk"])
    assert (
        f"{case.number} 决定书送达"
        not in other.get(reverse("core:board") + "?tab=overdue").content.decode()
    )
