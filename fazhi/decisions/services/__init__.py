"""重大行政决策 state changes. Each checks who may act and which statutory steps must be
done first, writes the change and appends to the full-process record in one transaction.

Article numbers are those of 重大行政决策程序暂行条例 (国务院令第713号) unless another act
is named. The gates:

- Only an item of a published catalogue starts a procedure (第3条第3款); the catalogue is
  published only after the same-level Party committee agrees, and so is each re-published
  version after an adjustment.
- Public participation (第14–15条): an online consultation of at least
  FAZHI_CONSULTATION_MIN_DAYS["major_decision"] (default 30) days, shorter only with the
  urgent reason stated, or an exemption recorded with its reason (matters that may not be
  disclosed).
- Dates of acts (meetings, agreements, publication, reports…) are those of days that have
  happened: a date after today is refused (``_past``).
- Expert review (第19条) and risk assessment (第22条) are recorded, or the reason they are
  not needed is stated; a high risk needs its mitigation measures (第24条).
- Legality review (第25–28条) via fazhi.legal: submitted only with the participation,
  expert and risk materials in hand (第26条); no collective discussion before it passed
  (第25条: 不得以征求意见等方式代替合法性审查).
- Collective decision at a 常务会议/全体会议, the head deciding last, dissent recorded, the
  head's reasons when departing from the majority (第30条).
- Report to the Party committee before release (第31条); publication only after an
  approved decision and that report (第32条); archive (第33条); execution (第34–35条);
  post-decision evaluation, never by the unit that did the main pre-decision assessment
  (第36条). Lifelong accountability (第38条) rests on this record being complete.
"""

from .archive import (  # noqa: F401
    EVENT_FIELDS,
    _q,
    _safe,
    _summary,
    attachments_of,
    build_archive,
    full_record,
    related_records,
)
from .catalog import (  # noqa: F401
    _catalog_state,
    _check_adjustable,
    _check_body,
    _check_item_unit,
    _new_version,
    _snapshot,
    adjust_add,
    adjust_remove,
    approve_catalog,
    create_catalog,
    propose_item,
    publish_catalog,
    republish_catalog,
    settle_item,
)
from .common import (  # noqa: F401
    KIND,
    _attach,
    _check_before_decision,
    _check_change,
    _check_decision,
    _dstate,
    _lock,
    _log,
    _norm,
    _past,
    _require,
    _text,
    comment_days,
    consultation,
    decision_url,
    legal,
)
from .decision import (  # noqa: F401
    publish_decision,
    record_collective_decision,
    record_party_report,
)
from .execution import (  # noqa: F401
    _check_published,
    add_execution_note,
    archive_decision,
    finish_evaluation,
    pre_decision_assessors,
    schedule_execution_report,
    start_evaluation,
)
from .procedures import (  # noqa: F401
    _check_participation_open,
    _check_preliminary,
    expert_status,
    legality_status,
    open_consultation,
    participation_status,
    record_exemption,
    record_expert_review,
    record_risk_assessment,
    request_legality_review,
    risk_status,
    start_decision,
    update_draft,
    waive_step,
)
