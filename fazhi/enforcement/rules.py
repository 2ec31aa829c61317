"""The documents each stage of a case needs before the case may move on (全过程记录:
行政处罚法 第47条; 国办发〔2018〕118号 requires a written record of 启动、调查取证、审核、
决定、送达、执行). The names are the customary 文书 of an ordinary-procedure case; a
district may replace the table with ``FAZHI_ENFORCEMENT_STAGE_DOCUMENTS``.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_STAGE_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "filed": ("立案审批表",),
    "investigated": ("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
    "notified": ("行政处罚告知书",),
    "hearing": ("听证通知书", "听证笔录"),
    "legal_review": (),  # the opinion comes from the legality review itself
    "collective": ("集体讨论记录",),
    "decided": ("行政处罚决定书",),
    "served": ("送达回证",),
    "executed": ("执行情况记录",),
    "closed": ("结案审批表",),
}
# Non-penalty cases: the instruments differ; the 决定 is the act's own written decision.
DECIDED_DOCUMENT = {
    "penalty": "行政处罚决定书",
    "license": "行政许可决定书",
    "coercion": "行政强制决定书",
    "inspection": "检查记录",
}
SUMMARY_DOCUMENTS = ("当场处罚决定书",)


def stage_documents(stage: str, kind: str = "penalty") -> tuple[str, ...]:
    table = getattr(settings, "FAZHI_ENFORCEMENT_STAGE_DOCUMENTS", None) or DEFAULT_STAGE_DOCUMENTS
    docs = tuple(table.get(stage, ()))
    if stage == "decided" and kind != "penalty" and table is DEFAULT_STAGE_DOCUMENTS:
        return (DECIDED_DOCUMENT.get(kind, "行政执法决定书"),)
    if stage == "notified" and kind != "penalty" and table is DEFAULT_STAGE_DOCUMENTS:
        return ("告知书",)
    return docs
