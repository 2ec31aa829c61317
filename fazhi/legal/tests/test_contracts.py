"""Government contracts: no signing without a passed legality review; milestones on the
deadline board; disputes; termination."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.legal import services

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date


@pytest.fixture
def contract(people, district):
    return services.register_contract(
        unit=district["scjg"],
        title="测试区城区停车设施建设运营合作协议",
        category="concession",
        counterparty="测试城市停车管理有限公司",
        counterparty_uscc="91990105MB0000000P",
        amount=Decimal("3200.50"),
        actor=people["scjg_clerk"],
        on=D(2025, 2, 20),
    )


def test_register_validates_uscc_and_unit(people, district):
    with pytest.raises(ValidationError, match="统一社会信用代码校验位"):
        services.register_contract(
            unit=district["scjg"],
            title="x",
            category="procurement",
            counterparty="某公司",
            counterparty_uscc="91990105MB00000010",
            actor=people["scjg_clerk"],
        )
    with pytest.raises(PermissionDenied, match="只能登记本单位的合同"):
        services.register_contract(
            unit=district["scjg"],
            title="x",
            category="procurement",
            counterparty="某公司",
            actor=people["town_clerk"],
        )


def test_cannot_sign_without_passed_review(people, contract):
    clerk, legal = people["scjg_clerk"], people["legal"]
    with pytest.raises(ValidationError, match="尚未送合法性审查，未经合法性审查的合同不得签订"):
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 1))
    review = services.submit_contract(contract, actor=clerk, on=D(2025, 3, 3))
    assert review.kind == "contract" and review.subject_id == str(contract.pk)
    with pytest.raises(ValidationError, match="合法性审查尚未出具意见，不能签订"):
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 5))
    with pytest.raises(ValidationError, match="合法性审查正在进行中"):
        services.submit_contract(contract, actor=clerk, on=D(2025, 3, 5))
    services.conclude(
        review,
        opinion="unlawful",
        reasons="协议约定由政府对社会资本方的投资收益兜底，违反《政府投资条例》有关规定。",
        actor=legal,
        on=D(2025, 3, 12),
    )
    with pytest.raises(ValidationError, match="结论为“不合法”，不得签订"):
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 13))
    contract.refresh_from_db()
    assert contract.state == "under_review" and contract.signed_on is None
    # Amended and sent again; concluded lawful once amended → may be signed.
    again = services.submit_contract(contract, actor=clerk, on=D(2025, 3, 17))
    assert again.pk != review.pk
    services.conclude(
        again,
        opinion="lawful_if_amended",
        reasons="删除第十二条收益兜底条款。",
        actor=legal,
        on=D(2025, 3, 24),
    )
    with pytest.raises(ValidationError, match="不能早于2025-03-24"):
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 20))
    services.sign_contract(contract, actor=clerk, on=D(2025, 3, 28))
    contract.refresh_from_db()
    assert contract.state == "signed" and contract.signed_on == D(2025, 3, 28)
    with pytest.raises(ValidationError, match="不能重复签订"):
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 29))
    assert services.review_summary(contract) == "2025-03-24 审查结论：修改后合法（区司法局）"


def _signed(contract, people):
    review = services.submit_contract(contract, actor=people["scjg_clerk"], on=D(2025, 3, 3))
    services.conclude(
        review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 12)
    )
    return services.sign_contract(contract, actor=people["scjg_clerk"], on=D(2025, 3, 14))


def test_milestones_feed_the_board_and_gate_completion(people, contract):
    clerk = people["scjg_clerk"]
    with pytest.raises(ValidationError, match="合同签订后才能登记履约节点"):
        services.add_milestone(contract, title="完成设计", due=D(2025, 6, 30), actor=clerk)
    contract = _signed(contract, people)
    services.start_performance(contract, actor=clerk, on=D(2025, 3, 20))
    m1 = services.add_milestone(
        contract, title="完成一期200个泊位建设", due=D(2025, 6, 30), actor=clerk
    )
    m2 = services.add_milestone(contract, title="智慧停车平台上线", due=D(2025, 9, 30), actor=clerk)
    # Each milestone's event carries its row as finally saved (with its deadline).
    assert list(events.verify_states()) == []
    d1 = Deadline.objects.get(pk=m1.deadline_id)
    assert d1.clock == "legal.contract.milestone" and d1.due_date == D(2025, 6, 30)
    services.complete_milestone(m1, actor=clerk, on=D(2025, 7, 3))
    d1.refresh_from_db()
    assert d1.state == "done" and d1.completed_on == D(2025, 7, 3)
    with pytest.raises(ValidationError, match="还有1个履约节点未完成"):
        services.complete_contract(contract, actor=clerk, on=D(2025, 10, 1))
    with pytest.raises(PermissionDenied, match="只能办理本单位的合同"):
        services.complete_milestone(m2, actor=people["town_clerk"], on=D(2025, 9, 1))
    services.complete_milestone(m2, actor=clerk, on=D(2025, 9, 26))
    services.complete_contract(contract, actor=clerk, on=D(2025, 10, 9))
    contract.refresh_from_db()
    assert contract.state == "completed"


def test_disputes_and_termination(people, contract):
    clerk = people["scjg_clerk"]
    with pytest.raises(ValidationError, match="合同尚未签订"):
        services.open_dispute(contract, description="x", actor=clerk, on=D(2025, 3, 1))
    contract = _signed(contract, people)
    m = services.add_milestone(contract, title="完成二期建设", due=D(2025, 12, 31), actor=clerk)
    dispute = services.open_dispute(
        contract, description="相对方逾期未缴纳特许经营权使用费", actor=clerk, on=D(2025, 8, 1)
    )
    with pytest.raises(ValidationError, match="请填写处理结果"):
        services.resolve_dispute(dispute, outcome="", actor=clerk, on=D(2025, 8, 20))
    services.resolve_dispute(
        dispute, outcome="经协商相对方已补缴并支付违约金", actor=clerk, on=D(2025, 8, 20)
    )
    services.terminate_contract(
        contract, reason="相对方严重违约，依约解除", actor=clerk, on=D(2025, 11, 3)
    )
    contract.refresh_from_db()
    assert contract.state == "terminated"
    assert Deadline.objects.get(pk=m.deadline_id).state == "cancelled"
