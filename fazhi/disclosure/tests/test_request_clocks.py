"""The reply clock of 依申请公开 on the real calendar (条例 第三十、三十二、三十三条), with
hand counts. Working days: the day of receipt is not counted; 国庆 2025 is 10-01…10-08 with
09-28 (Sun) and 10-11 (Sat) worked; 春节 2025 is 01-28…02-04 with 01-26 (Sun) and 02-08
(Sat) worked; 清明 2025 is 04-04…04-06."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Deadline
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.services import requests

D = dt.date


def fresh(req):
    return DisclosureRequest.objects.select_related("deadline").get(pk=req.pk)


def test_reply_due_on_twentieth_working_day_across_guoqing(make_request):
    # 09-23,24,25,26, 28(Sun, worked), 29, 30 = 7; 10-09,10,11(Sat, worked) = 10;
    # 10-13…17 = 15; 10-20…24 = 20.
    req, _ = make_request(received_on=D(2025, 9, 22))
    assert req.deadline.due_date == D(2025, 10, 24)


def test_reply_on_day_twenty_is_on_time_and_day_twenty_one_is_late(make_request, people, at):
    on_time, _ = make_request(received_on=D(2025, 9, 22))
    late, _ = make_request(received_on=D(2025, 9, 22), description="本局2024年度部门决算")
    at(D(2025, 10, 27))
    requests.reply(on_time, reply_type="provide", on=D(2025, 10, 24), text="现提供。",
                   actor=people["scjg_clerk"])  # fmt: skip
    requests.reply(late, reply_type="provide", on=D(2025, 10, 27), text="现提供。",
                   actor=people["scjg_clerk"])  # fmt: skip
    assert fresh(on_time).late is False
    assert fresh(late).late is True
    assert fresh(late).result == "disclose"
    assert fresh(late).deadline.state == Deadline.State.DONE


def test_correction_notice_only_within_seven_working_days_across_chunjie(make_request, people, at):
    # 01-21,22,23,24, 26(Sun, worked), 27 = 6; 01-28…02-04 holiday; 02-05 = 7.
    req, _ = make_request(received_on=D(2025, 1, 20))
    assert req.correction_deadline.due_date == D(2025, 2, 5)
    at(D(2025, 2, 6))
    with pytest.raises(ValidationError, match="7个工作日内"):
        requests.request_correction(req, items="请写明所需信息的文号", on=D(2025, 2, 6),
                                    actor=people["scjg_clerk"])  # fmt: skip
    assert fresh(req).state == "received" and fresh(req).correction_notified_on is None


def test_correction_restarts_the_reply_clock_from_the_supplement(make_request, people, at):
    clerk = people["scjg_clerk"]
    req, _ = make_request(received_on=D(2025, 1, 20))
    at(D(2025, 1, 24))
    req = requests.request_correction(req, items="请写明所需信息的文号或形成时间", on=D(2025, 1, 24),
                                      actor=clerk)  # fmt: skip
    # The applicant's 15 working days: 01-26, 27, 02-05, 06, 07, 08(Sat, worked) = 6;
    # 02-10…14 = 11; 02-17…20 = 15.
    assert req.correction_deadline.due_date == D(2025, 2, 20)
    assert fresh(req).deadline.state == Deadline.State.PAUSED
    with pytest.raises(ValidationError, match="一次性告知"):
        requests.request_correction(req, items="再补一项", on=D(2025, 1, 24), actor=clerk)
    at(D(2025, 2, 10))
    req = requests.supplement(req, on=D(2025, 2, 10), actor=clerk,
                              description="2024年度本区食品安全监督抽检结果（区市场监管局发布）")  # fmt: skip
    # From 02-10: 02-11…14 = 4; 17…21 = 9; 24…28 = 14; 03-03…07 = 19; 03-10 = 20.
    assert fresh(req).deadline.due_date == D(2025, 3, 10)
    assert fresh(req).deadline.state == Deadline.State.RUNNING
    assert fresh(req).state == "received" and fresh(req).corrected_on == D(2025, 2, 10)


def test_no_supplement_in_time_means_no_longer_handled(make_request, people, at):
    req, _ = make_request(received_on=D(2025, 1, 20))
    at(D(2025, 1, 24))
    requests.request_correction(
        req, items="请写明文号", on=D(2025, 1, 24), actor=people["scjg_clerk"]
    )
    assert requests.sweep(D(2025, 2, 20))["no_correction"] == 0  # the last day is still open
    at(D(2025, 2, 21))
    with pytest.raises(ValidationError, match="补正期限已于2025-02-20届满"):
        requests.supplement(req, on=D(2025, 2, 21), actor=people["scjg_clerk"])
    assert requests.sweep(D(2025, 2, 21))["no_correction"] == 1
    req = fresh(req)
    assert (req.state, req.result, req.replied_on) == (
        "closed",
        "other_no_correction",
        D(2025, 2, 21),
    )


def test_third_party_days_are_not_counted(make_request, people, at):
    clerk = people["scjg_clerk"]
    req, _ = make_request(received_on=D(2025, 3, 3))
    # Without a pause: 03-04…07 = 4; 10…14 = 9; 17…21 = 14; 24…28 = 19; 03-31 = 20.
    assert req.deadline.due_date == D(2025, 3, 31)
    at(D(2025, 3, 10))
    c = requests.consult(req, kind="third_party", party="示范区某食品有限公司", sent_on=D(2025, 3, 10),
                         actor=clerk)  # fmt: skip
    # The party's 15 working days: 03-11…14 = 4; 17…21 = 9; 24…28 = 14; 03-31 = 15.
    assert c.deadline.due_date == D(2025, 3, 31)
    with pytest.raises(ValidationError, match="征求意见尚未结束"):
        requests.reply(req, reply_type="provide", on=D(2025, 3, 10), text="x", actor=clerk)
    at(D(2025, 3, 20))
    requests.record_answer(c, answer="object", on=D(2025, 3, 20), note="涉及商业秘密", actor=clerk)
    # 03-10…20 (9 working days) not counted: 4 before; 03-21 = 5; 24…28 = 10; 03-31…04-03 = 14;
    # 04-04 清明; 04-07…11 = 19; 04-14 = 20.
    req = fresh(req)
    assert req.deadline.due_date == D(2025, 4, 14)
    assert req.state == "received"


def test_a_silent_consultation_is_recorded_and_the_clock_runs_again(make_request, people, at):
    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 10))
    c = requests.consult(req, kind="agency", party="示范区卫生健康局", sent_on=D(2025, 3, 10),
                         actor=people["scjg_clerk"])  # fmt: skip
    at(D(2025, 3, 31))
    with pytest.raises(ValidationError, match="届满前不能登记"):
        requests.record_answer(c, answer="none", on=D(2025, 3, 31), actor=people["scjg_clerk"])
    at(D(2025, 4, 1))
    assert requests.sweep(D(2025, 4, 1))["silent_consultations"] == 1
    c.refresh_from_db()
    assert (c.answer, c.answered_on) == ("none", D(2025, 4, 1))
    # Paused 03-10…04-01: 4 counted before; 04-02, 03 = 6; 04-07…11 = 11; 14…18 = 16;
    # 21…24 = 20.
    assert fresh(req).deadline.due_date == D(2025, 4, 24)


def test_extension_needs_approval_and_stops_at_twenty_working_days(make_request, people, at):
    clerk = people["scjg_clerk"]
    req, _ = make_request(received_on=D(2025, 9, 22))
    at(D(2025, 10, 20))
    with pytest.raises(ValidationError, match="批准人"):
        requests.extend(req, days=10, reason="需调取档案", approved_by="", approved_on=D(2025, 10, 20),
                        actor=clerk)  # fmt: skip
    with pytest.raises(ValidationError, match="最多延长20个工作日"):
        requests.extend(req, days=21, reason="需调取档案", approved_by="李明",
                        approved_on=D(2025, 10, 20), actor=clerk)  # fmt: skip
    requests.extend(req, days=15, reason="需调取档案", approved_by="李明", approved_on=D(2025, 10, 20),
                    actor=clerk)  # fmt: skip
    with pytest.raises(ValidationError, match="还能延长5个工作日"):
        requests.extend(req, days=6, reason="再延", approved_by="李明", approved_on=D(2025, 10, 20),
                        actor=clerk)  # fmt: skip
    requests.extend(req, days=5, reason="再延", approved_by="李明", approved_on=D(2025, 10, 20),
                    actor=clerk)  # fmt: skip
    # 10-24 + 20: 10-27…31 = 5; 11-03…07 = 10; 10…14 = 15; 17…21 = 20.
    req = fresh(req)
    assert req.deadline.due_date == D(2025, 11, 21)
    assert req.extension_days == 20 and req.extension_approved_by == "李明"


def test_fee_stops_the_clock_and_unpaid_fee_closes_the_request(make_request, people, at):
    clerk = people["scjg_clerk"]
    many = [
        make_request(received_on=D(2025, 3, 3), description=f"第{i}项信息")[0] for i in range(11)
    ]
    tenth, eleventh = many[9], many[10]
    at(D(2025, 3, 5))
    with pytest.raises(ValidationError, match="第10件申请"):
        requests.notify_fee(tenth, method="count", on=D(2025, 3, 5), actor=clerk)
    req = requests.notify_fee(eleventh, method="count", on=D(2025, 3, 5), actor=clerk)
    assert req.fee_amount == 100 and req.state == "fee"
    assert fresh(req).deadline.state == Deadline.State.PAUSED
    # 20 working days to pay: 03-06, 07 = 2; 10…14 = 7; 17…21 = 12; 24…28 = 17; 03-31…04-02 = 20.
    assert requests.fee_deadline(req).due_date == D(2025, 4, 2)
    at(D(2025, 4, 3))
    assert requests.sweep(D(2025, 4, 3))["no_fee"] == 1
    assert (fresh(req).state, fresh(req).result) == ("closed", "other_no_fee")


def test_repeat_request_is_recognised(make_request, people, at):
    first, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 10))
    requests.reply(first, reply_type="provide", on=D(2025, 3, 10), text="现提供。",
                   actor=people["scjg_clerk"])  # fmt: skip
    again, _ = make_request(received_on=D(2025, 4, 1),
                            description="2024年度本区食品安全监督抽检结果，及不合格产品处置情况。")  # fmt: skip
    other, _ = make_request(received_on=D(2025, 4, 1), description="本局2025年部门预算")
    assert again.repeat_of_id == first.pk
    assert other.repeat_of_id is None


def test_another_units_clerk_cannot_act_and_nothing_moves(make_request, people, at):
    from django.core.exceptions import PermissionDenied

    req, _ = make_request(received_on=D(2025, 3, 3))
    at(D(2025, 3, 5))
    with pytest.raises(PermissionDenied):
        requests.reply(
            req, reply_type="provide", on=D(2025, 3, 5), text="x", actor=people["town_clerk"]
        )
    with pytest.raises(PermissionDenied):
        requests.request_correction(req, items="x", on=D(2025, 3, 5), actor=people["town_clerk"])
    req = fresh(req)
    assert (req.state, req.replied_on, req.correction_notified_on) == ("received", None, None)
