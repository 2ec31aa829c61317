"""Legality review services: every gate tries to be skipped and is refused with a Chinese
message; the clock pauses for materials on the real calendar; the interface; scoping."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access, events
from fazhi.core.models import Deadline
from fazhi.legal import interface, services
from fazhi.legal.models import LegalReview

from .conftest import upload

# A fixed today: reviews requested on it run their 15 working days across 春节 2026.
pytestmark = pytest.mark.today(2026, 1, 28)

D = dt.date
MARCH_3 = D(2025, 3, 3)


def request(people, district, kind="normative_document", on=MARCH_3, unit="scjg", **kw):
    clerk = {"scjg": "scjg_clerk", "town": "town_clerk", "sfj": "sfj_clerk"}[unit]
    kw.setdefault("materials", [upload()])
    return services.request_review(
        kind=kind,
        unit=district[unit],
        title=kw.pop("title", "《测试区市场主体信用分级分类监管办法》"),
        actor=people[clerk],
        on=on,
        **kw,
    )


def test_request_starts_clock_through_interface(people, district):
    subject = district["town"]  # any record will do: other modules pass their own
    review = interface.request_review(
        subject=subject,
        kind="normative_document",
        unit=district["town"],
        title="《城关街道网格化服务管理办法》",
        url="/office/documents/1/",
        actor=people["town_clerk"],
        materials=[upload()],
    )
    assert review.reviewer_unit == district["sfj"]  # default: the 司法局
    assert review.state == "submitted"
    d = Deadline.objects.get(pk=review.deadline_id)
    assert d.clock == "legal.review.normative_document" and d.unit == district["sfj"]
    assert interface.latest_review(subject) == review
    assert not interface.review_passed(subject)
    assert "送区司法局审查，已送审，届满日" in interface.review_summary(subject)
    with pytest.raises(ValidationError, match="请等待审查意见或先撤回后再送审"):
        interface.request_review(
            subject=subject,
            kind="normative_document",
            unit=district["town"],
            title="x",
            url="",
            actor=people["town_clerk"],
        )
    assert interface.review_summary(district["scjg"]) == "未经合法性审查"


def test_clerk_cannot_request_for_another_unit(people, district):
    with pytest.raises(PermissionDenied, match="只能以本单位名义送请合法性审查"):
        services.request_review(
            kind="other", unit=district["town"], title="x", actor=people["scjg_clerk"]
        )


def test_conclude_before_minimum_period_needs_reason(people, district):
    review = request(people, district)  # Monday 2025-03-03; 5 working days → 2025-03-10
    legal = people["legal"]
    with pytest.raises(ValidationError) as exc:
        services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 7))
    text = exc.value.messages[0]
    assert "不少于5个工作日" in text and "最早可于2025-03-10出具意见" in text
    assert "请填写提前出具意见的理由" in text
    review.refresh_from_db()
    assert review.state == "submitted" and review.concluded_on is None
    services.conclude(
        review,
        opinion="lawful",
        reasons="",
        actor=legal,
        on=D(2025, 3, 7),
        early_reason="区政府常务会议定于3月10日召开，经分管副区长同意加急审查",
    )
    review.refresh_from_db()
    assert review.state == "concluded" and review.early_reason.startswith("区政府常务会议")
    last = events.history("legal.legalreview", str(review.pk)).last()
    assert "提前出具，理由：区政府常务会议" in last.summary
    # On the earliest day no reason is needed (and none is stored).
    other = request(people, district, title="《另一件》")
    services.conclude(
        other, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 10), early_reason="x"
    )
    other.refresh_from_db()
    assert other.early_reason == ""


def test_unlawful_and_amended_need_reasons(people, district):
    review = request(people, district)
    legal = people["legal"]
    with pytest.raises(ValidationError, match="须写明不合法的理由和依据"):
        services.conclude(review, opinion="unlawful", reasons="  ", actor=legal, on=D(2025, 3, 12))
    with pytest.raises(ValidationError, match="须写明具体修改意见"):
        services.conclude(
            review, opinion="lawful_if_amended", reasons="", actor=legal, on=D(2025, 3, 12)
        )
    services.conclude(
        review,
        opinion="unlawful",
        reasons="第八条增设的许可条件没有法律、法规依据，违反行政许可法第十六条第四款。",
        actor=legal,
        on=D(2025, 3, 12),
    )
    review.refresh_from_db()
    assert not review.passed and review.opinion_number == "区司法局法审〔2025〕1号"
    assert services.summary_of(review) == "2025-03-12 审查结论：不合法（区司法局）"
    with pytest.raises(ValidationError, match="已出具审查意见或已撤回"):
        services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 13))


def test_major_decision_needs_adviser(people, district, adviser):
    review = request(people, district, kind="major_decision", title="《老旧小区改造三年行动方案》")
    with pytest.raises(ValidationError, match="应当组织法律顾问、公职律师提出法律意见"):
        services.conclude(
            review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 14)
        )
    services.conclude(
        review,
        opinion="lawful",
        reasons="",
        actor=people["legal"],
        on=D(2025, 3, 14),
        adviser=adviser,
    )
    review.refresh_from_db()
    assert review.adviser == adviser and review.passed


def test_return_pauses_clock_and_due_date_moves(people, district, adviser):
    """A major decision received Monday 2025-04-21: 15 working days on the real calendar
    (27 April is a make-up workday, 1–5 May are holidays) → due 2025-05-14. Returned for
    materials on Friday 25 April and resubmitted on Thursday 8 May: the seven working days
    in between (25, 27, 28, 29, 30 April, 6, 7 May) are not counted → due 2025-05-23."""
    review = request(people, district, kind="major_decision", on=D(2025, 4, 21))
    legal = people["legal"]
    d = Deadline.objects.get(pk=review.deadline_id)
    assert d.due_date == D(2025, 5, 14)
    assert services.earliest_conclusion(review) == D(2025, 4, 29)
    services.assign(review, assignee=legal, actor=people["coordinator"], adviser=adviser)
    services.return_for_materials(
        review, reason="请补充风险评估报告和公众意见采纳情况说明", actor=legal, on=D(2025, 4, 25)
    )
    d.refresh_from_db()
    review.refresh_from_db()
    assert review.state == "returned" and d.state == "paused" and d.due_date is None
    # No opinion while the materials are outstanding.
    with pytest.raises(ValidationError, match="补充材料期间不能出具审查意见"):
        services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 5, 6))
    # Only a party may resubmit; and something must be supplied.
    with pytest.raises(PermissionDenied, match="只有送审单位可以补充材料后重新提交"):
        services.resubmit(review, actor=people["town_clerk"], note="x", on=D(2025, 5, 8))
    with pytest.raises(ValidationError, match="请上传补充的材料或说明补充情况"):
        services.resubmit(review, actor=people["scjg_clerk"], on=D(2025, 5, 8))
    services.resubmit(
        review, actor=people["scjg_clerk"], materials=[upload("风险评估报告.txt")], on=D(2025, 5, 8)
    )
    d.refresh_from_db()
    review.refresh_from_db()
    assert review.state == "in_review" and d.state == "running"
    assert d.due_date == D(2025, 5, 23)
    # The minimum review time moves with the pause: 7 counted days end on 13 May.
    assert services.earliest_conclusion(review) == D(2025, 5, 13)
    with pytest.raises(ValidationError, match="最早可于2025-05-13出具意见"):
        services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 5, 12))
    services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 5, 13))
    d.refresh_from_db()
    assert d.state == "done" and d.completed_on == D(2025, 5, 13)
    assert list(events.verify_chain()) == []
    actions = list(
        events.history("legal.legalreview", str(review.pk)).values_list("action", flat=True)
    )
    for a in (
        "legal_request",
        "deadline_start",
        "legal_assign",
        "deadline_pause",
        "legal_return",
        "deadline_resume",
        "legal_resubmit",
        "deadline_done",
        "legal_conclude",
    ):
        assert a in actions


def test_same_day_return_loses_no_day(people, district):
    review = request(people, district, on=D(2025, 3, 3))
    legal = people["legal"]
    services.return_for_materials(review, reason="缺起草说明", actor=legal, on=D(2025, 3, 3))
    services.resubmit(review, actor=people["scjg_clerk"], note="已补起草说明", on=D(2025, 3, 4))
    d = Deadline.objects.get(pk=review.deadline_id)
    assert d.state == "running" and d.due_date == D(2025, 3, 24)  # 15 working days from 3 March


def test_other_units_legal_reviewer_cannot_act(cast, district):
    review = request(cast, district)  # 市场监管局 asks the 司法局
    other = cast["scjg_legal"]  # sees the review (requesting unit) but does not review it
    assert access.restrict(LegalReview.objects.all(), other).filter(pk=review.pk).exists()
    with pytest.raises(PermissionDenied, match="只有测试区司法局的法制审核人员可以出具审查意见"):
        services.conclude(review, opinion="lawful", reasons="", actor=other, on=D(2025, 3, 12))
    with pytest.raises(PermissionDenied, match="可以要求送审单位补充材料"):
        services.return_for_materials(review, reason="x", actor=other, on=D(2025, 3, 5))
    with pytest.raises(PermissionDenied, match="可以分派审查任务"):
        services.assign(review, assignee=cast["legal"], actor=cast["scjg_clerk"])
    with pytest.raises(ValidationError, match="承办人员应为测试区司法局的法制审核人员"):
        services.assign(review, assignee=other, actor=cast["coordinator"])
    # A 司法局 clerk is not a legal reviewer either.
    with pytest.raises(PermissionDenied):
        services.conclude(
            review, opinion="lawful", reasons="", actor=cast["sfj_clerk"], on=D(2025, 3, 12)
        )
    review.refresh_from_db()
    assert review.state == "submitted"


def test_scope_reviewer_unit_sees_other_units_clerks_do_not(cast, district):
    review = request(cast, district, unit="town")

    def sees(name):
        return access.restrict(LegalReview.objects.all(), cast[name]).filter(pk=review.pk).exists()

    assert sees("town_clerk") and sees("legal") and sees("coordinator") and sees("leader")
    assert not sees("scjg_clerk") and not sees("sfj_clerk") and not sees("scjg_reviewer")
    assert not sees("scjg_legal")
    # Once assigned, the assignee keeps access whatever the unit rule says.
    services.assign(review, assignee=cast["legal"], actor=cast["legal"])
    assert sees("legal")


def test_withdraw(people, district):
    review = request(people, district)
    with pytest.raises(PermissionDenied, match="只有送审单位可以撤回送审"):
        services.withdraw(review, reason="x", actor=people["town_clerk"])
    with pytest.raises(ValidationError, match="请填写撤回理由"):
        services.withdraw(review, reason=" ", actor=people["scjg_clerk"])
    services.withdraw(review, reason="起草依据调整，暂缓出台", actor=people["scjg_clerk"])
    review.refresh_from_db()
    assert review.state == "withdrawn"
    assert Deadline.objects.get(pk=review.deadline_id).state == "cancelled"
    with pytest.raises(ValidationError, match="不能撤回"):
        services.withdraw(review, reason="x", actor=people["scjg_clerk"])


def test_opinion_numbers_run_per_reviewer_unit_and_year(people, district):
    numbers = []
    for i, on in enumerate((D(2025, 3, 12), D(2025, 3, 13), D(2026, 1, 20))):
        r = request(people, district, title=f"事项{i}", on=on - dt.timedelta(days=10))
        services.conclude(r, opinion="lawful", reasons="", actor=people["legal"], on=on)
        r.refresh_from_db()
        numbers.append(r.opinion_number)
    assert numbers == [
        "区司法局法审〔2025〕1号",
        "区司法局法审〔2025〕2号",
        "区司法局法审〔2026〕1号",
    ]
    unwritten = request(people, district, title="会签", on=D(2025, 3, 3))
    services.conclude(
        unwritten,
        opinion="lawful",
        reasons="",
        actor=people["legal"],
        on=D(2025, 3, 14),
        written=False,
    )
    unwritten.refresh_from_db()
    assert unwritten.opinion_number == "" and not unwritten.written_opinion


def test_dates_cannot_be_in_the_future_or_before_submission(people, district):
    review = request(people, district)
    with pytest.raises(ValidationError, match="不能早于2025-03-03"):
        services.conclude(
            review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 1)
        )
    with pytest.raises(ValidationError, match="送审日期不能晚于今天"):
        request(people, district, on=D(2026, 1, 31))
