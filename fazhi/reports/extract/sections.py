"""Heading tree: 一、 / （一） / 1. / （1） numbered headings with their spans in the text.

A numbered line counts as a heading only if its number continues the sequence at its
level (or restarts at 1 below level 1), so numbered table rows and stray "一、" inside
quoted lists do not break the tree.
"""

from __future__ import annotations

import re

from .numbers import parse_chinese
from .tables import numeric_line

_CLAUSE_MARK = re.compile(r"[,;:]")
# Each matches a heading's number; its title runs from the match's end to the end of the line.
_PATTERNS = [
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})、\s?")),
    (2, re.compile(r"^[(]([一二三四五六七八九十]{1,3})[)]\s?")),
    (3, re.compile(r"^(\d{1,2})[.、](?!\d)\s?")),
    (4, re.compile(r"^[(](\d{1,2})[)]\s?")),
]


# The characters a heading can start with (one of _PATTERNS, or a digit), and the patterns
# that can match a line starting with each (tried in _PATTERNS' order).
_FIRST = frozenset("一二三四五六七八九十(")
_PATTERNS_BY_FIRST = {ch: _PATTERNS[:1] for ch in "一二三四五六七八九十"} | {
    "(": [_PATTERNS[1], _PATTERNS[3]]
}
_DIGIT_PATTERNS = _PATTERNS[2:3]


def _number(token: str) -> int | None:
    return int(token) if token.isdigit() else parse_chinese(token)


def _heading_text(line: str, title_start: int) -> str:
    """Inline headings end at the first full stop: "（一）加强领导。一是……"."""
    stop = line.find("。", title_start)
    if 0 <= stop <= title_start + 60:
        return line[:stop]
    if len(line) - title_start <= 60:
        return line.rstrip("。")
    cut = _CLAUSE_MARK.search(line[title_start + 8 :])
    if cut and cut.start() + title_start + 8 <= title_start + 60:
        return line[: title_start + 8 + cut.start()]
    return line[: title_start + 40]


def find_sections(
    text: str,
    skip_lines: set[int] | None = None,
    lines: list[str] | None = None,
    offsets: list[int] | None = None,
) -> list[dict]:
    """Return the heading tree; each node has level, number, heading, title, start, end.
    ``lines`` and ``offsets``: the text's lines and where each starts, when already known."""
    skip_lines = skip_lines or set()
    if lines is None or offsets is None:
        lines = text.split("\n")
        offsets = []
        pos = 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    flat: list[dict] = []
    for i, line in enumerate(lines):
        if i in skip_lines or not line or (line[0] not in _FIRST and not line[0].isdecimal()):
            continue
        for level, rx in _PATTERNS_BY_FIRST.get(line[0], _DIGIT_PATTERNS):
            m = rx.match(line)
            if not m:
                continue
            n = _number(m.group(1))
            if n is None:
                break
            ok = n == last[level] + 1 or (level > 1 and n == 1)
            at = m.end()  # the title runs from here to the end of the line
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not ok or at == len(line) or numeric_line(nxt):
                break
            if level == 1 and len(line) > 80 and line.find("。", 0, 80) < 0:
                break
            last[level] = n
            if level == 1:
                last[2] = 0  # (一) restarts under each 一、; 1. may run on across them
            heading = _heading_text(line, at)
            flat.append(
                {
                    "level": level,
                    "number": n,
                    "marker": line[:at].strip(),
                    "heading": heading,
                    "title": heading[at:].strip(),
                    "start": offsets[i],
                    "end": len(text),
                    "children": [],
                }
            )
            break
    open_nodes: list[dict] = []  # a node ends where the next heading of its level or above starts
    for node in flat:
        while open_nodes and open_nodes[-1]["level"] >= node["level"]:
            open_nodes.pop()["end"] = node["start"]
        open_nodes.append(node)
    for node in flat:
        node["end"] = _trim_end(text, node["start"], node["end"])
    return _nest(flat)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == "\n":
        end -= 1
    return end


def _nest(flat: list[dict]) -> list[dict]:
    roots: list[dict] = []
    stack: list[dict] = []
    for node in flat:
        while stack and stack[-1]["level"] >= node["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return roots


def walk(tree: list[dict]):
    """Every node, parents before their children, in text order (one generator, no nesting)."""
    stack = tree[::-1]
    while stack:
        node = stack.pop()
        yield node
        if node["children"]:
            stack += node["children"][::-1]
