"""Batch import of reviews and contracts concluded before the platform went live, each
row checked by the rules the procedures apply; one bad row refuses the batch."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core import access, events
from fazhi.core.calendar import calendar
from fazhi.core.identifiers import validate_uscc
from fazhi.core.models import OrgUnit

from .. import conf
from ..models import (
    Contract,
    LegalReview,
)
from .common import (
    CONTRACT_URL,
    REVIEW_URL,
    REVIEWER_ACTION,
    SELF_TYPE,
    _day,
    _text,
)
from .contracts import _contract_event
from .reviews import _check_minimum, _check_opinion

# --- ledger import ------------------------------------------------------------------------

REVIEW_ROW_KEYS = {
    "kind",
    "unit",
    "reviewer_unit",
    "title",
    "submitted_on",
    "concluded_on",
    "opinion",
    "reasons",
    "written",
    "adviser",
    "assignee",
    "early_reason",
    "subject",
    "url",
}
SIGNED_STATES = (
    Contract.State.SIGNED,
    Contract.State.PERFORMING,
    Contract.State.COMPLETED,
    Contract.State.TERMINATED,
)


def _review_row(n: int, row: dict, actor, cal) -> LegalReview:
    """One concluded review of the ledger, checked by the rules ``conclude`` applies."""
    title = (row.get("title") or "").strip()
    where = f"第{n}条审查记录（{title or '未命名'}）"
    try:
        unknown = set(row) - REVIEW_ROW_KEYS
        if unknown:
            raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
        if row.get("kind") not in conf.KINDS:
            raise ValidationError("请选择审查类型")
        title = _text(title, "请填写送审事项名称")
        unit, reviewer_unit = row.get("unit"), row.get("reviewer_unit")
        if unit is None or reviewer_unit is None:
            raise ValidationError("请填写送审单位和审查机构")
        if not (
            access.is_global(actor, "change") or access.can(actor, REVIEWER_ACTION, reviewer_unit)
        ):
            raise PermissionDenied(f"无权导入{reviewer_unit.name}的审查台账")
        submitted, concluded = row.get("submitted_on"), row.get("concluded_on")
        if submitted is None or concluded is None:
            raise ValidationError("请填写送审日期和出具意见日期")
        _day(submitted, label="送审日期")
        _day(concluded, label="出具意见日期", not_before=submitted)
        reasons = _check_opinion(
            row["kind"], row.get("opinion"), row.get("reasons"), row.get("adviser")
        )
        review = LegalReview(
            kind=row["kind"],
            subject_title=title,
            subject_url=(row.get("url") or "")[:300],
            unit=unit,
            reviewer_unit=reviewer_unit,
            assignee=row.get("assignee"),
            adviser=row.get("adviser"),
            state=LegalReview.State.CONCLUDED,
            submitted_on=submitted,
            concluded_on=concluded,
            opinion=row["opinion"],
            reasons=reasons,
            written_opinion=row.get("written", True),
            requested_by=actor,
            concluded_by=row.get("assignee"),
        )
        earliest = cal.add_working_days(submitted, conf.min_working_days(row["kind"])).due
        review.early_reason = _check_minimum(
            review, concluded, row.get("early_reason", ""), earliest
        )
        subject = row.get("subject")
        if subject is not None:
            review.subject_type, review.subject_id = events.record_ref(subject)
        return review
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise ValidationError([f"{where}：{m}" for m in messages]) from None


def _required(row: dict, key: str, message: str):
    if row.get(key) is None:
        raise ValidationError(message)
    return row[key]


def _contract_row(n: int, row: dict, actor) -> tuple[Contract, list[dict]]:
    title = (row.get("title") or "").strip()
    where = f"第{n}份合同（{title or '未命名'}）"
    try:
        unit = row.get("unit")
        if unit is None:
            raise ValidationError("请填写承办单位")
        if actor is not None and not access.can(actor, "change", unit):
            raise PermissionDenied(f"无权导入{unit.name}的合同")
        if row.get("category") not in Contract.Category.values:
            raise ValidationError("请选择合同类别")
        state = row.get("state", Contract.State.REGISTERED)
        if state not in Contract.State.values:
            raise ValidationError("合同状态不正确")
        uscc = (row.get("counterparty_uscc") or "").strip()
        contract = Contract(
            title=_text(title, "请填写合同名称", 200),
            category=row["category"],
            counterparty=_text(row.get("counterparty", ""), "请填写合同相对方", 200),
            counterparty_uscc=validate_uscc(uscc) if uscc else "",
            amount=row.get("amount"),
            unit=unit,
            description=(row.get("description") or "").strip(),
            state=state,
            registered_on=_day(_required(row, "registered_on", "请填写登记日期"), label="登记日期"),
            signed_on=row.get("signed_on"),
            completed_on=row.get("completed_on"),
            end_reason=(row.get("end_reason") or "").strip()[:300],
            created_by=actor,
        )
        reviews = sorted(
            row.get("reviews") or [], key=lambda r: r.get("concluded_on") or dt.date.min
        )
        if state != Contract.State.REGISTERED and not reviews:
            raise ValidationError("未经合法性审查的合同不能登记为审查中或已签订")
        if state in SIGNED_STATES:
            last = reviews[-1]
            if last.get("opinion") not in LegalReview.PASSING:
                raise ValidationError("合法性审查结论为“不合法”的合同不得签订")
            if contract.signed_on is None or contract.signed_on < last["concluded_on"]:
                raise ValidationError("签订日期应在合法性审查出具意见之后")
            _day(contract.signed_on, label="签订日期")
        elif contract.signed_on is not None:
            raise ValidationError("未签订的合同不应有签订日期")
        if state in (Contract.State.COMPLETED, Contract.State.TERMINATED):
            if contract.completed_on is None or contract.completed_on < contract.signed_on:
                raise ValidationError("履行完毕或终止日期应在签订日期之后")
            _day(contract.completed_on, label="履行完毕或终止日期")
        if state == Contract.State.TERMINATED and not contract.end_reason:
            raise ValidationError("请填写终止理由")
        return contract, reviews
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise ValidationError([f"{where}：{m}" for m in messages]) from None


@transaction.atomic
def import_ledger(*, reviews=(), contracts=(), actor, source: str) -> tuple[int, int]:
    """Load concluded reviews and contracts from the ledgers (审查台账、合同台账) kept before
    the platform: every row passes the rules the services enforce (reasons, adviser for
    major decisions, minimum review time or its reason, no signed contract without a passed
    review); any failing row rejects the whole batch with row-level messages. No clocks run
    for past records; the batch is one entry of the full-process record.
    Returns (reviews, contracts) loaded."""
    source = _text(source, "请注明台账来源", 200)
    cal = calendar()
    errors: list[str] = []
    built_contracts: list[tuple[Contract, list[dict]]] = []
    for n, row in enumerate(contracts, start=1):
        try:
            built_contracts.append(_contract_row(n, row, actor))
        except ValidationError as exc:
            errors.extend(exc.messages)
    rows = [dict(r) for r in reviews]
    review_rows: list[tuple[dict, Contract | None]] = [(r, None) for r in rows]
    for contract, crows in built_contracts:
        for r in crows:
            r = dict(r, kind=LegalReview.Kind.CONTRACT, unit=contract.unit)
            r.setdefault("title", f"《{contract.title}》")
            review_rows.append((r, contract))
    if errors:
        raise ValidationError(errors)
    for contract, _ in built_contracts:
        contract.source = source
    Contract.objects.bulk_create([c for c, _ in built_contracts], batch_size=500)
    built: list[LegalReview] = []
    for n, (row, contract) in enumerate(review_rows, start=1):
        if contract is not None:
            row["subject"] = contract
            row["url"] = CONTRACT_URL.format(contract.pk)
        try:
            review = _review_row(n, row, actor, cal)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        review.source = source
        built.append(review)
    if errors:
        raise ValidationError(errors)
    # Written opinions are numbered per reviewing unit and year, after what exists.
    seqs: dict[tuple[int, int], int] = {}
    for review in sorted(built, key=lambda r: (r.concluded_on, r.subject_title)):
        if not review.written_opinion:
            continue
        key = (review.reviewer_unit.pk, review.concluded_on.year)
        if key not in seqs:
            OrgUnit.objects.select_for_update().filter(pk=key[0]).first()
            seqs[key] = (
                LegalReview.objects.filter(reviewer_unit_id=key[0], opinion_year=key[1]).aggregate(
                    m=Max("opinion_seq")
                )["m"]
                or 0
            )
        seqs[key] += 1
        review.opinion_year, review.opinion_seq = key[1], seqs[key]
    for review in built:
        if not review.subject_type:
            review.subject_type, review.subject_id = SELF_TYPE, "0"
    LegalReview.objects.bulk_create(built, batch_size=500)
    own = [r for r in built if r.subject_type == SELF_TYPE]
    for r in own:
        r.subject_id, r.subject_url = str(r.pk), REVIEW_URL.format(r.pk)
    LegalReview.objects.bulk_update(own, ["subject_id", "subject_url"], batch_size=500)
    latest: dict[int, LegalReview] = {}
    for r in built:
        if r.kind == LegalReview.Kind.CONTRACT and r.subject_type == "legal.contract":
            cid = int(r.subject_id)
            if cid not in latest or r.concluded_on >= latest[cid].concluded_on:
                latest[cid] = r
    linked = []
    for contract, _ in built_contracts:
        if contract.pk in latest:
            contract.review = latest[contract.pk]
            linked.append(contract)
    Contract.objects.bulk_update(linked, ["review"], batch_size=500)
    # Each imported row starts its own full-process record (after its last write above),
    # so the record check can tell it from a row slipped in by SQL.
    for contract, _ in built_contracts:
        _contract_event(
            contract, "contract_import", actor, f"自历史台账“{source}”导入政府合同"[:500]
        )
    for review in built:
        events.append(
            action="review_import",
            record=review,
            actor=actor,
            unit=review.unit,
            summary=f"自历史台账“{source}”导入合法性审查记录"[:500],
        )
    events.append(
        action="legal_import",
        record_type="legal.import",
        record_id=source[:64],
        actor=actor,
        unit=getattr(actor, "unit", None),
        summary=f"导入历史台账“{source}”：合法性审查{len(built)}件、政府合同{len(built_contracts)}份",
        after={
            "reviews": [r.pk for r in built],
            "contracts": [c.pk for c, _ in built_contracts],
        },
    )
    return len(built), len(built_contracts)
