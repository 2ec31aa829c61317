"""Audit of the legality-review gates (issue 5): each gate the services enforce but no
earlier test tried to skip. Every refusal is asserted with its Chinese message, and the
record is checked to be unchanged; scoping of changes by page (POST) for another unit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline
from fazhi.legal import services
from fazhi.legal.models import Contract, LegalAdviser, LegalReview

from .conftest import upload

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date
MARCH_3 = D(2025, 3, 3)  # a Monday


def _msg(excinfo) -> str:
    value = excinfo.value
    if isinstance(value, ValidationError):
        return "；".join(value.messages)
    return str(value)


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


# --- requests -------------------------------------------------------------------------------


def test_request_needs_kind_title_and_a_proper_reviewing_unit(people, district):
    clerk = people["scjg_clerk"]
    with pytest.raises(ValidationError) as e:
        services.request_review(kind="whim", unit=district["scjg"], title="x", actor=clerk)
    assert "请选择审查类型" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.request_review(kind="other", unit=district["scjg"], title="  ", actor=clerk)
    assert "请填写送审事项名称" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.request_review(
            kind="other",
            unit=district["scjg"],
            title="x",
            actor=clerk,
            reviewer_unit=district["community"],
        )
    assert "审查机构应为在用的区（县）政府、部门或乡镇（街道）" in _msg(e)
    assert not LegalReview.objects.exists()


# --- minimum review period (a setting, national default) --------------------------------------


def test_minimum_period_follows_the_local_setting(people, district, settings):
    settings.FAZHI_LEGAL_MIN_WORKING_DAYS = {"normative_document": 10}
    review = request(people, district)  # Monday 3 March; 10 working days → 17 March
    assert services.earliest_conclusion(review) == D(2025, 3, 17)
    with pytest.raises(ValidationError) as e:
        services.conclude(
            review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 14)
        )
    assert "不少于10个工作日" in _msg(e) and "本地规定（本平台设置）" in _msg(e)
    assert "最早可于2025-03-17出具意见" in _msg(e)
    review.refresh_from_db()
    assert review.state == "submitted"
    services.conclude(
        review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 17)
    )


def test_blank_early_reason_is_no_reason(people, district):
    review = request(people, district)
    with pytest.raises(ValidationError) as e:
        services.conclude(
            review,
            opinion="lawful",
            reasons="",
            actor=people["legal"],
            on=D(2025, 3, 5),
            early_reason="   ",
        )
    assert "请填写提前出具意见的理由" in _msg(e)
    review.refresh_from_db()
    assert review.state == "submitted" and review.opinion == ""


def test_conclusion_must_be_one_of_the_three(people, district):
    review = request(people, district)
    with pytest.raises(ValidationError) as e:
        services.conclude(
            review, opinion="maybe", reasons="", actor=people["legal"], on=D(2025, 3, 12)
        )
    assert "请选择审查结论" in _msg(e)
    review.refresh_from_db()
    assert review.state == "submitted"


def test_clerk_of_the_reviewing_unit_is_refused_with_a_message(people, district):
    review = request(people, district)
    with pytest.raises(PermissionDenied) as e:
        services.conclude(
            review, opinion="lawful", reasons="", actor=people["sfj_clerk"], on=D(2025, 3, 12)
        )
    assert "只有测试区司法局的法制审核人员可以出具审查意见" in _msg(e)


# --- assignment ------------------------------------------------------------------------------


def test_assign_refused_once_concluded_and_to_an_adviser_no_longer_serving(
    people, district, adviser
):
    legal, coord = people["legal"], people["coordinator"]
    review = request(people, district)
    adviser.active = False
    adviser.save()
    with pytest.raises(ValidationError) as e:
        services.assign(review, assignee=legal, actor=coord, adviser=adviser)
    assert "周律师已不在聘，不能征询其意见" in _msg(e)
    review.refresh_from_db()
    assert review.assignee_id is None and review.state == "submitted"
    services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 12))
    with pytest.raises(ValidationError) as e:
        services.assign(review, assignee=legal, actor=coord)
    assert "只能分派待审查或审查中的事项" in _msg(e)


# --- returned for materials (the clock pauses) -------------------------------------------------


def test_return_needs_the_missing_materials_named(people, district):
    review = request(people, district)
    with pytest.raises(ValidationError) as e:
        services.return_for_materials(review, reason="  ", actor=people["legal"], on=MARCH_3)
    assert "请写明需要补充的材料" in _msg(e)
    review.refresh_from_db()
    assert review.state == "submitted"
    assert Deadline.objects.get(pk=review.deadline_id).state == "running"


def test_return_refused_twice_and_after_the_opinion(people, district):
    legal = people["legal"]
    review = request(people, district)
    services.return_for_materials(review, reason="缺起草说明", actor=legal, on=D(2025, 3, 4))
    with pytest.raises(ValidationError) as e:
        services.return_for_materials(review, reason="再缺", actor=legal, on=D(2025, 3, 5))
    assert "只有待审查或审查中的事项可以退回补充材料" in _msg(e)
    services.resubmit(review, actor=people["scjg_clerk"], note="已补", on=D(2025, 3, 6))
    services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 14))
    with pytest.raises(ValidationError) as e:
        services.return_for_materials(review, reason="又缺", actor=legal, on=D(2025, 3, 17))
    assert "只有待审查或审查中的事项可以退回补充材料" in _msg(e)


def test_resubmit_refused_when_nothing_was_asked(people, district):
    review = request(people, district)
    with pytest.raises(ValidationError) as e:
        services.resubmit(review, actor=people["scjg_clerk"], note="补充", on=D(2025, 3, 5))
    assert "该事项未处于退回补充材料状态，无需重新提交" in _msg(e)
    d = Deadline.objects.get(pk=review.deadline_id)
    assert d.state == "running" and not d.pauses.exists()


def test_paused_clock_keeps_no_due_date_and_the_pause_days_are_not_counted(people, district):
    """Normative document received Monday 3 March 2025 (15 working days → 24 March). Returned
    on Wednesday 5 March, resubmitted Wednesday 12 March: 5 working days (5–7, 10–11 March)
    are not counted → due 31 March; the minimum moves from 10 to 17 March."""
    legal = people["legal"]
    review = request(people, district)
    d = Deadline.objects.get(pk=review.deadline_id)
    assert d.due_date == D(2025, 3, 24)
    services.return_for_materials(review, reason="缺制定依据", actor=legal, on=D(2025, 3, 5))
    d.refresh_from_db()
    assert d.state == "paused" and d.due_date is None
    services.resubmit(review, actor=people["scjg_clerk"], note="已补制定依据", on=D(2025, 3, 12))
    d.refresh_from_db()
    assert d.state == "running" and d.due_date == D(2025, 3, 31)
    assert services.earliest_conclusion(review) == D(2025, 3, 17)
    with pytest.raises(ValidationError) as e:
        services.conclude(review, opinion="lawful", reasons="", actor=legal, on=D(2025, 3, 14))
    assert "最早可于2025-03-17出具意见" in _msg(e)


# --- materials ------------------------------------------------------------------------------


def test_materials_only_by_a_party_and_not_after_withdrawal(people, district):
    review = request(people, district)
    with pytest.raises(PermissionDenied) as e:
        services.add_material(review, upload(), actor=people["town_clerk"])
    assert "无权为该审查事项上传材料" in _msg(e)
    services.withdraw(review, reason="暂缓出台", actor=people["scjg_clerk"])
    review.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        services.add_material(review, upload(), actor=people["scjg_clerk"])
    assert "已撤回的事项不能再上传材料" in _msg(e)


# --- the roster ------------------------------------------------------------------------------


def _adviser(district, **kw):
    args = dict(
        name="李律师",
        kind=LegalAdviser.Kind.COUNSEL,
        unit=district["scjg"],
        employer="某律师事务所",
        phone="13800000002",
        contract_start=D(2025, 1, 1),
        contract_end=D(2026, 12, 31),
    )
    args.update(kw)
    return LegalAdviser(**args)


def test_roster_rules(people, district):
    clerk = people["scjg_clerk"]
    with pytest.raises(ValidationError) as e:
        services.save_adviser(_adviser(district, contract_start=None), clerk)
    assert "法律顾问须填写聘期起始日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.save_adviser(_adviser(district, contract_end=D(2024, 12, 31)), clerk)
    assert "聘期截止日期不能早于起始日期" in _msg(e)
    with pytest.raises(PermissionDenied) as e:
        services.save_adviser(_adviser(district, unit=district["town"]), clerk)
    assert "只能维护为本单位服务的法律顾问和公职律师" in _msg(e)
    assert not LegalAdviser.objects.exists()
    ok = services.save_adviser(_adviser(district), clerk)
    with pytest.raises(PermissionDenied) as e:
        services.record_participation(
            adviser=ok,
            date=D(2025, 5, 8),
            meeting="城关街道党工委会议",
            topic="议题",
            unit=district["town"],
            actor=clerk,
        )
    assert "只能登记本单位会议的法律顾问参与情况" in _msg(e)


# --- contracts -------------------------------------------------------------------------------


@pytest.fixture
def contract(people, district):
    return services.register_contract(
        unit=district["scjg"],
        title="测试区农贸市场委托管理协议",
        category="service",
        counterparty="某市场管理有限公司",
        actor=people["scjg_clerk"],
        on=D(2025, 2, 20),
    )


def test_negative_amount_refused(people, district):
    with pytest.raises(ValidationError) as e:
        services.register_contract(
            unit=district["scjg"],
            title="x",
            category="service",
            counterparty="某公司",
            amount=Decimal("-1"),
            actor=people["scjg_clerk"],
        )
    assert "合同金额不能为负数" in _msg(e)
    assert not Contract.objects.exists()


def test_withdrawn_review_does_not_allow_signing(people, contract):
    clerk = people["scjg_clerk"]
    review = services.submit_contract(contract, actor=clerk, on=D(2025, 3, 3))
    services.withdraw(review, reason="条款需重新谈判", actor=clerk)
    with pytest.raises(ValidationError) as e:
        services.sign_contract(contract, actor=clerk, on=D(2025, 3, 20))
    assert "合法性审查已撤回，请重新送审，审查通过后方可签订" in _msg(e)
    contract.refresh_from_db()
    assert contract.state == "under_review" and contract.signed_on is None


def test_performance_and_termination_only_after_signing(people, contract):
    clerk = people["scjg_clerk"]
    with pytest.raises(ValidationError) as e:
        services.start_performance(contract, actor=clerk, on=D(2025, 3, 1))
    assert "只有已签订的合同可以开始履行" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.terminate_contract(contract, reason="不再需要", actor=clerk, on=D(2025, 3, 1))
    assert "只有已签订或履行中的合同可以终止" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.complete_contract(contract, actor=clerk, on=D(2025, 3, 1))
    assert "只有已签订或履行中的合同可以确认履行完毕" in _msg(e)
    contract.refresh_from_db()
    assert contract.state == "registered"


def test_signed_contract_gates(people, contract):
    clerk = people["scjg_clerk"]
    review = services.submit_contract(contract, actor=clerk, on=D(2025, 3, 3))
    services.conclude(
        review, opinion="lawful", reasons="", actor=people["legal"], on=D(2025, 3, 12)
    )
    services.sign_contract(contract, actor=clerk, on=D(2025, 3, 14))
    with pytest.raises(ValidationError) as e:
        services.terminate_contract(contract, reason=" ", actor=clerk, on=D(2025, 4, 1))
    assert "请填写终止理由" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.add_milestone(contract, title="完成移交", due=None, actor=clerk)
    assert "请填写约定期限" in _msg(e)
    m = services.add_milestone(contract, title="完成移交", due=D(2025, 6, 30), actor=clerk)
    services.complete_milestone(m, actor=clerk, on=D(2025, 6, 2))
    with pytest.raises(ValidationError) as e:
        services.complete_milestone(m, actor=clerk, on=D(2025, 6, 3))
    assert "该履约节点已完成" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.open_dispute(contract, description=" ", actor=clerk, on=D(2025, 7, 1))
    assert "请填写争议事项" in _msg(e)
    dispute = services.open_dispute(
        contract, description="管理费结算争议", actor=clerk, on=D(2025, 7, 1)
    )
    services.resolve_dispute(dispute, outcome="协商一致", actor=clerk, on=D(2025, 7, 10))
    with pytest.raises(ValidationError) as e:
        services.resolve_dispute(dispute, outcome="再次", actor=clerk, on=D(2025, 7, 11))
    assert "该纠纷已处理完毕" in _msg(e)
    contract.refresh_from_db()
    assert contract.state == "signed"


# --- scoping: changes by page (POST) from another unit ----------------------------------------


def test_other_units_clerk_cannot_change_a_review_by_post(people, district, login):
    review = request(people, district, unit="town")
    url = f"/office/legal/reviews/{review.pk}/"
    client = login(people["scjg_clerk"])
    for data in (
        {"action": "withdraw", "withdraw-reason": "越权撤回"},
        {"action": "conclude", "conclude-opinion": "lawful", "conclude-on": "2025-03-20"},
        {"action": "return", "return-reason": "越权退回", "return-on": "2025-03-05"},
        {"action": "material", "material-file": upload("越权材料.txt")},
    ):
        assert client.post(url, data).status_code == 404, data["action"]
    review.refresh_from_db()
    assert review.state == "submitted" and review.withdraw_reason == ""
    assert Deadline.objects.get(pk=review.deadline_id).state == "running"


def test_other_units_clerk_cannot_change_a_contract_by_post(people, contract, login):
    url = f"/office/legal/contracts/{contract.pk}/"
    client = login(people["town_clerk"])
    for data in (
        {"action": "sign", "sign-on": "2025-03-20"},
        {"action": "terminate", "terminate-reason": "越权", "terminate-on": "2025-03-20"},
    ):
        assert client.post(url, data).status_code == 404, data["action"]
    contract.refresh_from_db()
    assert contract.state == "registered" and contract.signed_on is None


def test_the_adviser_of_a_unit_is_the_first_serving_on_the_day(district, adviser):
    """adviser_for finds the unit's adviser on the roster, serving on the day asked, and no
    one outside the contract's term or for a unit without one (found by the mutation run:
    a lookup that never looked passed every test)."""
    from fazhi.legal.services import adviser_for

    assert adviser_for(district["gov"]) == adviser
    assert adviser_for(district["gov"], dt.date(2025, 6, 2)) == adviser
    assert adviser_for(district["gov"], dt.date(2023, 12, 29)) is None
    assert adviser_for(district["scjg"]) is None
