"""A case whose application asked for 规范性文件附带审查 routes it to the documents module
once, through its interface, and keeps the reference (行政复议法 第13条, 第56条)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import events
from fazhi.core.tests.refusal import refused
from fazhi.documents import interface
from fazhi.reconsideration.services.document_review import route_document_review

REQUEST = "请求一并审查《测试区市场经营活动管理办法》第五条的合法性"


def test_routing_keeps_the_reference_and_records_it_on_the_case(accepted_case, people):
    case = accepted_case(document_review=REQUEST)  # accepted on 2025-03-05, today then
    case = route_document_review(
        case, document_title="测试区市场经营活动管理办法", document_number="测试区政规〔2023〕4号",
        actor=people["sfj_clerk"],
    )  # fmt: skip
    case.refresh_from_db()
    assert case.document_review_ref.startswith("documents.ancillaryreview:")
    status = interface.ancillary_review_status(case.document_review_ref)
    assert status["state"] == "待处理"
    routed = events.history("reconsideration.case", str(case.pk)).filter(
        action="recon_document_review"
    )
    assert routed.count() == 1
    assert "测试区市场经营活动管理办法" in routed.get().summary
    # The review's 30-day clock runs from the acceptance day: 2025-03-05 + 30 = 2025-04-04,
    # 清明 (4—6 April 2025 off), so the last day moves to Monday 7 April.
    from fazhi.core.models import Deadline

    due = Deadline.objects.get(
        record_type="documents.ancillaryreview",
        record_id=case.document_review_ref.rsplit(":", 1)[1],
        clock="documents.ancillary_handle",
    ).due_date
    assert due == dt.date(2025, 4, 7)


def test_a_second_routing_and_a_case_without_a_request_are_refused(accepted_case, people):
    clerk = people["sfj_clerk"]
    plain = accepted_case()
    with refused(ValidationError, "该案件的申请未一并提出对规范性文件的附带审查申请", plain):
        route_document_review(plain, document_title="某办法", actor=clerk)
    case = accepted_case(document_review=REQUEST, act_number="测市监罚〔2025〕13号")
    with refused(ValidationError, "请填写规范性文件名称", case):
        route_document_review(case, document_title=" ", actor=clerk)
    with refused(PermissionDenied, "只能办理行政复议机构的案件", case):
        route_document_review(case, document_title="某办法", actor=people["scjg_clerk"])
    case = route_document_review(case, document_title="某办法", actor=clerk)
    case.refresh_from_db()
    with refused(
        ValidationError, "该案件的附带审查申请已转规范性文件附带审查办理，不能重复转送", case
    ):
        route_document_review(case, document_title="某办法", actor=clerk)
