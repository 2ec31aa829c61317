"""The import preview: what ``fazhi plan import FILE --dry-run --json`` prints.

Pure Python (no Django) so the CLI, the web preview page and the tests show the same
object. Shape::

    {
      "title": "…实施方案",
      "sections": [{"number": "一", "title": "…"}],
      "tasks": [{"number": 1, "section": "一", "title": "…", "line": 11,
                 "responsible": ["区委编办", "区司法局", …],      # as listed, in order
                 "resolved": [{"name": "区委编办", "status": "external", "codes": [],
                               "how": "external", "candidates": []}, …],  # same order
                 "lead": "D08"}],                                   # or null
      "unmatched": [{"name": "…", "tasks": [3, 7], "candidates": ["D02", "D03"]}],
      "errors": [{"line": 12, "message": "第12行：任务编号应为5，实际为7"}],
      "warnings": [{"line": 0, "message": "全文：未找到方案标题"}]
    }

``unmatched`` lists each unmatched name once, in order of first appearance, with the
numbers of the tasks that list it; these are the coordinator's review list.
"""

from __future__ import annotations

from collections.abc import Iterable

from .parsing import ParsedPlan, parse_plan
from .resolve import UNMATCHED, Resolution, UnitIndex, UnitRef, lead_code

__all__ = ["build_preview", "plan_names", "preview_text", "resolve_plan"]


def plan_names(plan: ParsedPlan) -> list[str]:
    """Every distinct responsible-unit name of the plan, in order of first appearance."""
    return list(dict.fromkeys(name for task in plan.tasks for name in task.responsible))


def resolve_plan(
    plan: ParsedPlan, units: Iterable[UnitRef], place_names: tuple[str, ...] = ()
) -> dict[str, Resolution]:
    """Resolve each distinct name once (a plan repeats 各镇街 in nearly every task)."""
    index = UnitIndex(units, place_names)
    return {name: index.resolve(name) for name in plan_names(plan)}


def _resolution(name: str, resolutions: dict[str, Resolution]) -> Resolution:
    # A name the caller did not resolve is reported for review, never dropped.
    return resolutions.get(name) or Resolution(name, UNMATCHED, [], "")


def build_preview(plan: ParsedPlan, resolutions: dict[str, Resolution]) -> dict:
    """The preview object; JSON-serialisable (only dicts, lists, str, int, None)."""
    tasks = []
    unmatched: dict[str, dict] = {}
    for task in plan.tasks:
        resolved = [_resolution(name, resolutions) for name in task.responsible]
        for res in resolved:
            if res.status == UNMATCHED:
                entry = unmatched.setdefault(
                    res.name, {"name": res.name, "tasks": [], "candidates": list(res.candidates)}
                )
                if task.number not in entry["tasks"]:
                    entry["tasks"].append(task.number)
        tasks.append(
            {
                "number": task.number,
                "section": task.section,
                "title": task.title,
                "line": task.line,
                "responsible": list(task.responsible),
                "resolved": [
                    {
                        "name": res.name,
                        "status": res.status,
                        "codes": list(res.codes),
                        "how": res.how,
                        "candidates": list(res.candidates),
                    }
                    for res in resolved
                ],
                "lead": lead_code(resolved),
            }
        )
    return {
        "title": plan.title,
        "sections": [{"number": s.number, "title": s.title} for s in plan.sections],
        "tasks": tasks,
        "unmatched": list(unmatched.values()),
        "errors": [{"line": e.line, "message": e.message} for e in plan.errors],
        "warnings": [{"line": w.line, "message": w.message} for w in plan.warnings],
    }


def preview_text(text: str, units: Iterable[UnitRef], place_names: tuple[str, ...] = ()) -> dict:
    """Parse, resolve and build the preview in one call (what the CLI dry run does)."""
    plan = parse_plan(text)
    return build_preview(plan, resolve_plan(plan, units, place_names))
