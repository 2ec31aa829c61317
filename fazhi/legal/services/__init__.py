"""Legality review, the adviser roster and government contracts: every state change.

Each function checks its rule, writes, and appends to the full-process record in one
transaction (core.events). ``actor=None`` means the system (as in core.services).
Other modules call ``interface``, never these functions or the models directly.

One file per procedure: ``reviews`` (合法性审查), ``contracts`` (政府合同), ``advisers``
(法律顾问、公职律师名册与参会), ``ledger`` (历史台账导入), ``queries`` (统计与其他模块的查询);
``common`` holds who may act. Everything is re-exported here, so ``services.conclude``
and the like keep working.
"""

from .advisers import (
    ADVISER_FIELDS,
    adviser_for,
    record_participation,
    register_adviser,
    save_adviser,
)
from .common import (
    CONTRACT_URL,
    REVIEW_URL,
    REVIEWER_ACTION,
    SELF_TYPE,
    can_dispatch,
    can_request,
    can_review,
    default_reviewer_unit,
    is_requester,
    reviewers_of,
)
from .contracts import (
    add_milestone,
    complete_contract,
    complete_milestone,
    open_dispute,
    register_contract,
    resolve_dispute,
    sign_contract,
    sign_refusal,
    start_performance,
    submit_contract,
    terminate_contract,
)
from .ledger import REVIEW_ROW_KEYS, SIGNED_STATES, import_ledger
from .queries import counts_by_kind, latest_review, review_passed, review_summary, summary_of
from .reviews import (
    NOTHING_REVIEWED,
    add_material,
    assign,
    conclude,
    earliest_conclusion,
    request_review,
    resubmit,
    return_for_materials,
    reviewed_materials,
    withdraw,
)

__all__ = [
    "ADVISER_FIELDS",
    "CONTRACT_URL",
    "NOTHING_REVIEWED",
    "REVIEWER_ACTION",
    "REVIEW_ROW_KEYS",
    "REVIEW_URL",
    "SELF_TYPE",
    "SIGNED_STATES",
    "add_material",
    "add_milestone",
    "adviser_for",
    "assign",
    "can_dispatch",
    "can_request",
    "can_review",
    "complete_contract",
    "complete_milestone",
    "conclude",
    "counts_by_kind",
    "default_reviewer_unit",
    "earliest_conclusion",
    "import_ledger",
    "is_requester",
    "latest_review",
    "open_dispute",
    "record_participation",
    "register_adviser",
    "register_contract",
    "request_review",
    "resolve_dispute",
    "resubmit",
    "return_for_materials",
    "review_passed",
    "review_summary",
    "reviewed_materials",
    "reviewers_of",
    "save_adviser",
    "sign_contract",
    "sign_refusal",
    "start_performance",
    "submit_contract",
    "summary_of",
    "terminate_contract",
    "withdraw",
]
