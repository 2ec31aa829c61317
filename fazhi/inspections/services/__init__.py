"""Inspection state changes: the only place an inspection record changes. One file per
procedure: ``items`` (随机抽查事项清单), ``entities`` (检查对象名录库 import, 回避),
``plans`` (年度计划、报备), ``tasks`` (任务、承诺、抽取、公布种子、重新抽取、核验),
``results`` (检查结果、公示、关联执法案件)."""

from .entities import ImportResult, declare_avoidance, import_entities, withdraw_avoidance
from .items import create_item, deactivate_item, update_item
from .plans import create_plan, file_plan
from .results import link_case, publish_results, record_result
from .snapshot import snapshot_pool
from .tasks import REDRAW_REFUSED, commit, create_task, make_draw, redo, reveal_seed
from .verify import result_lines, verify_task

__all__ = [
    "REDRAW_REFUSED",
    "ImportResult",
    "commit",
    "create_item",
    "create_plan",
    "create_task",
    "deactivate_item",
    "declare_avoidance",
    "file_plan",
    "import_entities",
    "link_case",
    "make_draw",
    "publish_results",
    "record_result",
    "redo",
    "result_lines",
    "reveal_seed",
    "snapshot_pool",
    "update_item",
    "verify_task",
    "withdraw_avoidance",
]
