"""Enforcement state changes: the only place an enforcement record changes. One file per
procedure: ``agencies`` (权责清单、赋权、免罚轻罚清单、裁量基准、法制审核情形),
``officers`` (证件、考试、培训), ``cases`` (立案 to 集体讨论), ``decision`` (决定 to 结案,
撤销, 简易程序), ``publication`` (公示与撤回)."""

from .agencies import (
    add_exemption,
    add_power,
    add_standard,
    create_agency,
    delegate,
    set_criteria,
    withdraw_delegation,
)
from .cases import (
    discuss,
    hold_hearing,
    investigate,
    notify,
    open_case,
    request_hearing,
    send_for_review,
)
from .decision import close, decide, execute, extend, revoke, serve, summary_penalty, terminate
from .officers import (
    ensure_training_deadlines,
    record_exam,
    record_training,
    register_officer,
    renew_certificate,
    set_status,
)
from .publication import public_text, publish, withdraw, withhold

__all__ = [
    "add_exemption",
    "add_power",
    "add_standard",
    "close",
    "create_agency",
    "decide",
    "delegate",
    "discuss",
    "ensure_training_deadlines",
    "execute",
    "extend",
    "hold_hearing",
    "investigate",
    "notify",
    "open_case",
    "public_text",
    "publish",
    "record_exam",
    "record_training",
    "register_officer",
    "renew_certificate",
    "request_hearing",
    "revoke",
    "send_for_review",
    "serve",
    "set_criteria",
    "set_status",
    "summary_penalty",
    "terminate",
    "withdraw",
    "withdraw_delegation",
    "withhold",
]
from .casefile_review import (
    close_campaign,
    create_campaign,
    default_sheet,
    draw,
    save_sheet,
    score_file,
    verify_draw,
)
from .supervision import (
    add_finding,
    annual_figures,
    appoint_supervisor,
    close_check,
    dismiss_supervisor,
    publish_annual_data,
    receive_complaint,
    record_check,
    reply_complaint,
    report_rectification,
)

__all__ += [
    "add_finding",
    "annual_figures",
    "appoint_supervisor",
    "close_campaign",
    "close_check",
    "create_campaign",
    "default_sheet",
    "dismiss_supervisor",
    "draw",
    "publish_annual_data",
    "receive_complaint",
    "record_check",
    "reply_complaint",
    "report_rectification",
    "save_sheet",
    "score_file",
    "verify_draw",
]
