"""The dependency rule (docs/architecture.md) for the records modules (legality review,
consultation, major decisions, normative documents, enforcement, inspections): a module
never imports a sibling module's models, nor a module above it (reports, portal, api,
demo); it reaches a sibling only through that sibling's ``interface`` (the shared 公文
DOCX layout is in ``fazhi.core.gongwen``).

The demo code of a module plays the other modules' people (the legal reviewer who
concludes, the unit that closes a consultation) and so may call their services; it still
never touches their models.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = pytest.mark.today(2026, 4, 15)

ROOT = Path(__file__).resolve().parent.parent / "fazhi"
MODULES = ("legal", "consultation", "decisions", "documents", "enforcement", "inspections")
ABOVE = ("reports", "portal", "api", "demo")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


def _sources(module: str):
    for path in sorted((ROOT / module).rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path


@pytest.mark.parametrize("module", MODULES)
def test_no_sibling_models_and_nothing_from_above(module):
    problems = []
    for path in _sources(module):
        where = path.relative_to(ROOT.parent)
        for line, name in _imports(path):
            parts = name.split(".")
            if parts[0] != "fazhi" or len(parts) < 2 or parts[1] == module:
                continue
            other = parts[1]
            if other in ABOVE:
                problems.append(f"{where}:{line} imports {name} (a module above)")
            elif other in MODULES and len(parts) > 2 and parts[2] == "models":
                problems.append(f"{where}:{line} imports {name} (a sibling's models)")
            elif (
                other in MODULES
                and len(parts) > 2
                and parts[2] not in ("interface",)
                and path.name != "demo.py"
            ):
                problems.append(f"{where}:{line} imports {name} (not the sibling's interface)")
    assert problems == []


def test_opinion_letter_uses_the_shared_gongwen_layout(db):
    """The 审查意见书 and the annual report share one 公文 layout (core.gongwen)."""
    import io

    import docx
    from docx.shared import Pt

    from fazhi.core import gongwen
    from fazhi.reports import export

    data = gongwen.render(
        {
            "title": "合法性审查意见书",
            "addressee": "测试区市场监督管理局：",
            "preamble": ["测试区司法局法审〔2025〕1号", "你单位送审的材料收悉。"],
            "sections": [{"heading": "一、审查意见", "paragraphs": ["审查结论为：合法。"]}],
            "signature": "测试区司法局",
            "date": "2025年6月13日",
        }
    )
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert document.paragraphs[0].style.name == "Title"
    assert document.styles["Title"].font.size == Pt(22)
    assert [p.text for p in document.paragraphs][-2:] == ["测试区司法局", "2025年6月13日"]
    assert export.HEADING_STYLES == gongwen.HEADING_STYLES
