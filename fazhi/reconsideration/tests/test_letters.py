"""意见书 and 建议书 (行政复议法 第76条): the addressee's 60-day report clock."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.services import letters

D = dt.date


def test_opinion_letter_report_clock_on_the_addressees_board(
    accepted_case, people, district, monkeypatch
):
    case = accepted_case()
    freeze(monkeypatch, D(2025, 8, 1))
    letter = letters.issue(kind="opinion", addressee=district["scjg"], issued_on=D(2025, 8, 1),
                           content="请纠正", case=case, actor=people["sfj_clerk"])  # fmt: skip
    assert letter.number == "测试区行复意〔2025〕1号"
    # 60 days from 1 August = 30 September (a Tuesday, before 国庆).
    assert letter.deadline.due_date == D(2025, 9, 30)
    assert letter.deadline.unit == district["scjg"]
    with pytest.raises(PermissionDenied):
        letters.report(letter, on=D(2025, 8, 1), text="已纠正", actor=people["town_clerk"])
    freeze(monkeypatch, D(2025, 10, 9))
    letters.report(letter, on=D(2025, 10, 9), text="已纠正", actor=people["scjg_clerk"])
    letter.refresh_from_db()
    assert letter.reported_on == D(2025, 10, 9)
    d = Deadline.objects.get(pk=letter.deadline_id)
    assert d.state == Deadline.State.DONE and d.completed_on > d.due_date
    with pytest.raises(ValidationError, match="已反馈"):
        letters.report(letter, on=D(2025, 10, 9), text="再报", actor=people["scjg_clerk"])


def test_recommendation_has_no_clock_and_only_the_body_issues(people, district, monkeypatch):
    freeze(monkeypatch, D(2025, 8, 1))
    with pytest.raises(PermissionDenied):
        letters.issue(kind="recommendation", addressee=district["town"], issued_on=D(2025, 8, 1),
                      content="建议", actor=people["scjg_clerk"])  # fmt: skip
    letter = letters.issue(kind="recommendation", addressee=district["town"],
                           issued_on=D(2025, 8, 1), content="建议", actor=people["sfj_clerk"])  # fmt: skip
    assert letter.deadline is None and "行复建" in letter.number
