"""The configurable numbers of legality review, with the national defaults and their sources.

Settings (read once per call; the owner sets them in settings.py):

* ``FAZHI_LEGAL_MIN_WORKING_DAYS`` — dict kind -> minimum review time in working days.
  A review cannot conclude earlier unless the reason is recorded.
* ``FAZHI_LEGAL_MAX_WORKING_DAYS`` — dict kind -> review period (the clock) in working days.
* ``FAZHI_LEGAL_REVIEW_UNIT`` — code of the default reviewing 法制机构 (else the unit whose
  name contains “司法局”).
"""

from __future__ import annotations

from django.conf import settings

KINDS = ("normative_document", "major_decision", "contract", "enforcement_decision", "other")

# Minimum review time (working days).
MIN_DEFAULTS = {
    # 国办发〔2018〕115号: 合法性审核时间一般不少于5个工作日 (rules.md §5, unconfirmed).
    "normative_document": 5,
    # 重大行政决策程序暂行条例 第26条第2款（任务书记作第27条，条号待核实）: 送请合法性审查
    # 应当保证必要的审查时间，一般不少于7个工作日 (rules.md §4).
    "major_decision": 7,
    # No national minimum for contracts, enforcement decisions and other matters: platform
    # default, configurable.
    "contract": 5,
    "enforcement_decision": 5,
    "other": 5,
}

# Review period (the clock's length, working days).
MAX_DEFAULTS = {
    # 国办发〔2018〕115号: 最长不超过15个工作日 (rules.md §5, unconfirmed).
    "normative_document": 15,
    # The 条例 sets only a minimum; platform default, configurable.
    "major_decision": 15,
    "contract": 15,
    # 行政处罚法 第58条 requires 法制审核 but sets no period; platform default.
    "enforcement_decision": 15,
    "other": 15,
}

MIN_BASIS = {
    "normative_document": "国办发〔2018〕115号：合法性审核时间一般不少于5个工作日",
    "major_decision": "重大行政决策程序暂行条例第二十六条：应当保证必要的审查时间，一般不少于7个工作日",
    "contract": "无全国统一规定，平台默认",
    "enforcement_decision": "行政处罚法第五十八条未规定审核期限，平台默认",
    "other": "无全国统一规定，平台默认",
}

MAX_BASIS = {
    "normative_document": "国办发〔2018〕115号：合法性审核时间最长不超过15个工作日",
    "major_decision": "重大行政决策程序暂行条例未规定审查期限上限，平台默认",
    "contract": "无全国统一规定，平台默认",
    "enforcement_decision": "行政处罚法第五十八条未规定法制审核期限，平台默认",
    "other": "无全国统一规定，平台默认",
}


def _merged(name: str, defaults: dict[str, int]) -> dict[str, int]:
    configured = getattr(settings, name, None) or {}
    out = dict(defaults)
    for kind, days in configured.items():
        if kind in out:
            out[kind] = int(days)
    return out


def min_working_days(kind: str) -> int:
    return _merged("FAZHI_LEGAL_MIN_WORKING_DAYS", MIN_DEFAULTS)[kind]


def max_working_days(kind: str) -> int:
    return _merged("FAZHI_LEGAL_MAX_WORKING_DAYS", MAX_DEFAULTS)[kind]


def _configured(name: str, kind: str) -> bool:
    return kind in (getattr(settings, name, None) or {})


def min_basis(kind: str) -> str:
    """Where the minimum comes from: the national source, or the local setting."""
    if _configured("FAZHI_LEGAL_MIN_WORKING_DAYS", kind):
        return "本地规定（本平台设置）"
    return MIN_BASIS[kind]


def max_basis(kind: str) -> str:
    if _configured("FAZHI_LEGAL_MAX_WORKING_DAYS", kind):
        return "本地规定（本平台设置）"
    return MAX_BASIS[kind] + "（可在本平台设置中调整）"


def review_unit_code() -> str:
    return getattr(settings, "FAZHI_LEGAL_REVIEW_UNIT", "") or ""
