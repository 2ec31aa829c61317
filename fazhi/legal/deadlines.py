"""Legality review clocks (one per kind of review) and contract milestone dates.

The review period runs from receipt of the request with its materials; while the
requesting unit supplies missing materials the clock is paused (重大行政决策程序暂行条例
第26条: materials not meeting the requirements may be returned or supplemented).
Lengths are configurable (``FAZHI_LEGAL_MAX_WORKING_DAYS``, see ``conf.py``).
"""

from fazhi.core.deadlines import FIXED, WORKING, Clock, register_clock

from . import conf

NAMES = {
    "normative_document": "行政规范性文件合法性审核",
    "major_decision": "重大行政决策合法性审查",
    "contract": "政府合同合法性审查",
    "enforcement_decision": "重大执法决定法制审核",
    "other": "合法性审查（其他事项）",
}

REVIEW_CLOCKS = {
    kind: register_clock(
        Clock(
            code=f"legal.review.{kind}",
            name=NAMES[kind],
            basis=conf.max_basis(kind),
            length=conf.max_working_days(kind),
            unit=WORKING,
            start="收到送审材料之日",
            pausable=True,
            pause_reasons=("送审单位补充材料",),
            warn_days=3,
            module="legal",
        )
    )
    for kind in conf.KINDS
}

MILESTONE_CLOCK = register_clock(
    Clock(
        code="legal.contract.milestone",
        name="政府合同履约节点",
        unit=FIXED,
        length=0,
        basis="合同约定的履行期限",
        start="合同约定的履约节点日期",
        warn_days=10,
        module="legal",
    )
)


def review_clock(kind: str) -> str:
    return REVIEW_CLOCKS[kind].code
