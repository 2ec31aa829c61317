"""Normative document state changes: the only place a document, a filing or a cleanup
changes. Each checks who may act and which steps must be done, writes, and appends to the
full-process record in one transaction; views, the API, the import and the demo all come
through here.

The order the rules set (国办发〔2018〕37号, 115号):
drafting → public comment (or a recorded exemption) → 合法性审核 (passed) → 集体审议 →
统一登记、统一编号 → 统一印发 (publication) → 备案 → in force → evaluation →
amendment / repeal / expiry.

One file per procedure: ``drafting`` (起草、公开征求意见), ``review`` (合法性审核、集体审议),
``issuing`` (统一登记、编号、印发), ``filing`` (备案), ``lifecycle`` (评估、修改、废止、失效),
``importing`` (存量文件), ``cleanup`` (清理), ``ancillary`` (行政复议附带审查, reached as
``services.ancillary.receive`` …); what they share is in ``common``. This package
re-exports every name the single module had, so ``services.x`` keeps working. A test that
fixes the date freezes the clock (``core.tests.refusal.freeze``), which every procedure
reads; it does not replace names here.
"""

from . import ancillary
from .cleanup import (
    _cleanup_event,
    add_to_cleanup,
    cleanup_counts,
    close_cleanup,
    create_cleanup,
    publish_cleanup,
    record_cleanup_outcome,
)
from .common import (
    KIND,
    SNAPSHOT_FIELDS,
    S,
    _consultation,
    _event,
    _legal,
    _lock,
    _need_draft,
    _need_issue,
    _need_manage,
    _open_deadlines,
    _past,
    _snap,
    _today,
    may_draft,
    may_issue,
    office_url,
    public_url,
)
from .drafting import (
    _check_issuer,
    _check_title,
    create_draft,
    open_consultation,
    participation,
    record_exemption,
    update_draft,
)
from .filing import (
    default_filed_with,
    file,
    record_filing_outcome,
)
from .importing import (
    import_existing,
)
from .issuing import (
    publish,
    register_and_number,
)
from .lifecycle import (
    _end,
    _need_successor,
    _need_valid,
    amend,
    evaluate,
    expire,
    expire_due,
    repeal,
)
from .review import (
    _review_date,
    record_discussion,
    request_review,
    review_passed,
    review_summary,
    withdraw,
)

# Every name the single module had, the private helpers too (tests and callers use them).
__all__ = [
    "KIND",
    "SNAPSHOT_FIELDS",
    "S",
    "_check_issuer",
    "_check_title",
    "_cleanup_event",
    "_consultation",
    "_end",
    "_event",
    "_legal",
    "_lock",
    "_need_draft",
    "_need_issue",
    "_need_manage",
    "_need_successor",
    "_need_valid",
    "_open_deadlines",
    "_past",
    "_review_date",
    "_snap",
    "_today",
    "add_to_cleanup",
    "amend",
    "ancillary",
    "cleanup_counts",
    "close_cleanup",
    "create_cleanup",
    "create_draft",
    "default_filed_with",
    "evaluate",
    "expire",
    "expire_due",
    "file",
    "import_existing",
    "may_draft",
    "may_issue",
    "office_url",
    "open_consultation",
    "participation",
    "public_url",
    "publish",
    "publish_cleanup",
    "record_cleanup_outcome",
    "record_discussion",
    "record_exemption",
    "record_filing_outcome",
    "register_and_number",
    "repeal",
    "request_review",
    "review_passed",
    "review_summary",
    "update_draft",
    "withdraw",
]
