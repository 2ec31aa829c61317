"""Government contracts: register, submit for review, sign, perform, milestones,
disputes, complete or terminate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, events
from fazhi.core import services as core
from fazhi.core.identifiers import validate_uscc
from fazhi.core.models import Deadline, OrgUnit

from ..deadlines import MILESTONE_CLOCK
from ..models import (
    Contract,
    ContractDispute,
    ContractMilestone,
    LegalReview,
)
from .common import (
    CONTRACT_URL,
    _day,
    _text,
)
from .reviews import request_review

# --- contracts --------------------------------------------------------------------------


def _lock_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("unit", "review")
        .get(pk=contract.pk)
    )


def _check_contract(actor, contract: Contract) -> None:
    if actor is not None and not access.can(actor, "change", contract.unit):
        raise PermissionDenied("只能办理本单位的合同")


def _contract_event(contract, action, actor, summary, before=None, after=None, attachments=()):
    events.append(
        action=action,
        record=contract,
        actor=actor,
        unit=contract.unit,
        summary=summary,
        before=before,
        after=after,
        attachments=attachments,
    )


@transaction.atomic
def register_contract(
    *,
    unit: OrgUnit,
    title: str,
    category: str,
    counterparty: str,
    actor,
    counterparty_uscc: str = "",
    amount: Decimal | None = None,
    description: str = "",
    on: dt.date | None = None,
) -> Contract:
    """Register a draft contract or agreement before it goes to legality review."""
    if actor is not None and not access.can(actor, "change", unit):
        raise PermissionDenied("只能登记本单位的合同")
    title = _text(title, "请填写合同名称", 200)
    counterparty = _text(counterparty, "请填写合同相对方", 200)
    if category not in Contract.Category.values:
        raise ValidationError("请选择合同类别")
    uscc = validate_uscc(counterparty_uscc) if (counterparty_uscc or "").strip() else ""
    if amount is not None and amount < 0:
        raise ValidationError("合同金额不能为负数")
    on = _day(on, label="登记日期")
    contract = Contract.objects.create(
        title=title,
        category=category,
        counterparty=counterparty,
        counterparty_uscc=uscc,
        amount=amount,
        unit=unit,
        description=(description or "").strip(),
        registered_on=on,
        created_by=actor,
    )
    _contract_event(
        contract,
        "contract_register",
        actor,
        f"登记合同《{title}》，相对方{counterparty}"
        + (f"，金额{amount}万元" if amount is not None else ""),
        after={"category": category, "counterparty": counterparty, "amount": amount},
    )
    return contract


@transaction.atomic
def submit_contract(
    contract: Contract,
    *,
    actor,
    reviewer_unit: OrgUnit | None = None,
    materials=(),
    on: dt.date | None = None,
) -> LegalReview:
    """Send the draft contract for legality review (again, after an unlawful opinion or a
    withdrawal)."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    current = contract.review
    resubmission = (
        contract.state == Contract.State.UNDER_REVIEW
        and current is not None
        and not current.is_open
        and not current.passed
    )
    if contract.state != Contract.State.REGISTERED and not resubmission:
        if current is not None and current.is_open:
            raise ValidationError("该合同的合法性审查正在进行中")
        raise ValidationError(f"合同{contract.get_state_display()}，不能再送审")
    review = request_review(
        subject=contract,
        kind=LegalReview.Kind.CONTRACT,
        unit=contract.unit,
        title=f"《{contract.title}》",
        url=CONTRACT_URL.format(contract.pk),
        actor=actor,
        reviewer_unit=reviewer_unit,
        materials=materials,
        on=_day(on, label="送审日期", not_before=contract.registered_on),
    )
    before = {"state": contract.state}
    contract.review = review
    contract.state = Contract.State.UNDER_REVIEW
    contract.save(update_fields=["review", "state"])
    _contract_event(
        contract,
        "contract_submit",
        actor,
        f"送{review.reviewer_unit.display_name}合法性审查"
        + ("（修改后重新送审）" if resubmission else ""),
        before,
        {"state": contract.state, "review": review.pk},
    )
    return contract.review


def sign_refusal(contract: Contract) -> str:
    """Why the contract may not be signed yet ('' when it may)."""
    review = contract.review
    if review is None:
        return "该合同尚未送合法性审查，未经合法性审查的合同不得签订"
    if review.is_open:
        return "该合同的合法性审查尚未出具意见，不能签订"
    if review.state == LegalReview.State.WITHDRAWN:
        return "该合同的合法性审查已撤回，请重新送审，审查通过后方可签订"
    if not review.passed:
        return "该合同经合法性审查结论为“不合法”，不得签订；请修改后重新送审"
    return ""


@transaction.atomic
def sign_contract(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    """Sign: only after a legality review concluded 合法 or 修改后合法."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state in (Contract.State.REGISTERED, Contract.State.UNDER_REVIEW):
        refusal = sign_refusal(contract)
        if refusal:
            raise ValidationError(refusal)
    else:
        raise ValidationError(f"合同{contract.get_state_display()}，不能重复签订")
    on = _day(on, label="签订日期", not_before=contract.review.concluded_on)
    contract.state = Contract.State.SIGNED
    contract.signed_on = on
    contract.save(update_fields=["state", "signed_on"])
    _contract_event(
        contract,
        "contract_sign",
        actor,
        f"{on:%Y-%m-%d}签订（合法性审查：{contract.review.get_opinion_display()}）",
        {"state": Contract.State.UNDER_REVIEW},
        {"state": contract.state, "signed_on": on},
    )
    return contract


@transaction.atomic
def start_performance(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state != Contract.State.SIGNED:
        raise ValidationError("只有已签订的合同可以开始履行")
    on = _day(on, label="开始履行日期", not_before=contract.signed_on)
    contract.state = Contract.State.PERFORMING
    contract.save(update_fields=["state"])
    _contract_event(
        contract, "contract_perform", actor, f"{on:%Y-%m-%d}开始履行", after={"state": "performing"}
    )
    return contract


@transaction.atomic
def complete_contract(contract: Contract, *, actor, on: dt.date | None = None) -> Contract:
    """Performance complete: every milestone must be done."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("只有已签订或履行中的合同可以确认履行完毕")
    open_ms = contract.milestones.filter(done_on=None).count()
    if open_ms:
        raise ValidationError(f"还有{open_ms}个履约节点未完成，不能确认履行完毕")
    on = _day(on, label="履行完毕日期", not_before=contract.signed_on)
    contract.state = Contract.State.COMPLETED
    contract.completed_on = on
    contract.save(update_fields=["state", "completed_on"])
    _contract_event(
        contract, "contract_complete", actor, f"{on:%Y-%m-%d}履行完毕", after={"state": "completed"}
    )
    return contract


@transaction.atomic
def terminate_contract(
    contract: Contract, *, reason: str, actor, on: dt.date | None = None
) -> Contract:
    """Terminate (解除/终止) a signed contract; open milestone clocks are cancelled."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("只有已签订或履行中的合同可以终止")
    reason = _text(reason, "请填写终止理由")
    on = _day(on, label="终止日期", not_before=contract.signed_on)
    for ms in contract.milestones.filter(done_on=None).exclude(deadline=None):
        d = ms.deadline
        if d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.cancel_deadline(d, reason=f"合同终止：{reason}", actor=actor)
    contract.state = Contract.State.TERMINATED
    contract.completed_on = on
    contract.end_reason = reason
    contract.save(update_fields=["state", "completed_on", "end_reason"])
    _contract_event(
        contract,
        "contract_terminate",
        actor,
        f"{on:%Y-%m-%d}终止：{reason}",
        after={"state": "terminated", "reason": reason},
    )
    return contract


@transaction.atomic
def add_milestone(contract: Contract, *, title: str, due: dt.date, actor) -> ContractMilestone:
    """A performance milestone; its date goes on the deadline board (FIXED clock)."""
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError("合同签订后才能登记履约节点")
    title = _text(title, "请填写履约节点", 200)
    if due is None:
        raise ValidationError("请填写约定期限")
    ms = ContractMilestone.objects.create(contract=contract, title=title, due=due)
    ms.deadline = core.start_deadline(
        record=ms,
        clock=MILESTONE_CLOCK.code,
        start=due,
        unit=contract.unit,
        title=f"《{contract.title}》履约节点：{title}"[:300],
        url=CONTRACT_URL.format(contract.pk),
        actor=actor,
    )
    ms.save(update_fields=["deadline"])
    # After the last save: the milestone's own record carries its state with the deadline.
    events.append(
        action="milestone_add",
        record=ms,
        actor=actor,
        unit=contract.unit,
        summary=f"登记履约节点“{title}”，约定期限{due:%Y-%m-%d}",
    )
    _contract_event(
        contract, "milestone_add", actor, f"登记履约节点“{title}”，约定期限{due:%Y-%m-%d}"
    )
    return ms


@transaction.atomic
def complete_milestone(
    milestone: ContractMilestone, *, actor, on: dt.date | None = None
) -> ContractMilestone:
    milestone = ContractMilestone.objects.select_for_update().get(pk=milestone.pk)
    contract = milestone.contract
    _check_contract(actor, contract)
    if milestone.done_on is not None:
        raise ValidationError("该履约节点已完成")
    if contract.state not in (Contract.State.SIGNED, Contract.State.PERFORMING):
        raise ValidationError(f"合同{contract.get_state_display()}，不能再登记履约")
    on = _day(on, label="完成日期", not_before=contract.signed_on)
    milestone.done_on = on
    milestone.save(update_fields=["done_on"])
    if milestone.deadline_id:
        d = Deadline.objects.get(pk=milestone.deadline_id)
        if d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED):
            core.complete_deadline(d, on=on, actor=actor)
    late = on > milestone.due
    _contract_event(
        contract,
        "milestone_done",
        actor,
        f"履约节点“{milestone.title}”于{on:%Y-%m-%d}完成" + ("（逾期）" if late else ""),
    )
    return milestone


@transaction.atomic
def open_dispute(
    contract: Contract, *, description: str, actor, on: dt.date | None = None
) -> ContractDispute:
    contract = _lock_contract(contract)
    _check_contract(actor, contract)
    if contract.state in (Contract.State.REGISTERED, Contract.State.UNDER_REVIEW):
        raise ValidationError("合同尚未签订，不能登记履约纠纷")
    description = _text(description, "请填写争议事项", 2000)
    on = _day(on, label="纠纷发生日期", not_before=contract.signed_on)
    dispute = ContractDispute.objects.create(
        contract=contract, description=description, opened_on=on
    )
    _contract_event(contract, "dispute_open", actor, f"登记合同纠纷：{description[:100]}")
    return dispute


@transaction.atomic
def resolve_dispute(
    dispute: ContractDispute, *, outcome: str, actor, on: dt.date | None = None
) -> ContractDispute:
    dispute = ContractDispute.objects.select_for_update().get(pk=dispute.pk)
    contract = dispute.contract
    _check_contract(actor, contract)
    if dispute.resolved_on is not None:
        raise ValidationError("该纠纷已处理完毕")
    outcome = _text(outcome, "请填写处理结果")
    on = _day(on, label="解决日期", not_before=dispute.opened_on)
    dispute.resolved_on = on
    dispute.outcome = outcome
    dispute.save(update_fields=["resolved_on", "outcome"])
    _contract_event(contract, "dispute_resolve", actor, f"合同纠纷处理完毕：{outcome}")
    return dispute
