"""The committed pool read back from its stored snapshot (gzip of draw.snapshot_lines): what
the draw and every verification read — the pool as it was frozen, never today's tables."""

from __future__ import annotations

import gzip
import io

from django.core.exceptions import ValidationError

from .. import draw
from ..models import Snapshot


def snapshot_pool(snapshot: Snapshot) -> tuple[str, draw.Pool]:
    """The pool as committed, read back from the stored snapshot lines (E/I/X), in their
    stored order: verification reads what was frozen, never today's tables."""
    data = bytes(snapshot.data)
    fast = _read_blocks(data)
    return fast if fast is not None else _read_lines(data)


_KINDS = [(f"E\t{risk}\t", risk) for risk in draw.RISK_CLASSES] + [("I\t", "I"), ("X\t", "X")]


def _read_blocks(data: bytes, size: int = 8 << 20) -> tuple[str, draw.Pool] | None:
    """The fast reading of a snapshot in the canonical order (what ``commit`` writes):
    blocks of about 8 MB, each run of lines of one kind (a class's entities, the
    inspectors, the conflicts) cut into its values by one ``split`` — no Python string per
    line but the value itself. A run is taken only if its counts prove every line of it
    well-formed (each line starts with the kind's prefix and has exactly two tabs);
    anything else gives None, and ``_read_lines`` reads the snapshot line by line."""
    strata: dict[str, list[str]] = {c: [] for c in draw.RISK_CLASSES}
    inspectors: list[draw.Inspector] = []
    conflicts: set[tuple[str, str]] = set()
    with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as gz:
        head = gz.readline().decode()
        if not head.endswith("\n"):
            return None
        algorithm = head.rstrip("\n").split("\t")[0]
        rest = b""
        while raw := gz.read(size):
            raw = rest + raw
            cut = raw.rfind(b"\n") + 1
            block, rest = raw[:cut].decode(), raw[cut:]
            pos = 0
            for prefix, kind in _KINDS:
                if not block.startswith(prefix, pos):
                    continue
                last = block.rfind("\n" + prefix, pos) + 1 or pos
                end = block.index("\n", last) + 1
                lines = block.count("\n", pos, end)
                if block.count("\t", pos, end) != 2 * lines:
                    return None
                values = block[pos + len(prefix) : end - 1].split("\n" + prefix)
                if len(values) != lines:
                    return None
                if kind == "I":
                    for value in values:
                        department, number = value.split("\t")
                        inspectors.append(draw.Inspector(id=number, department=department))
                elif kind == "X":
                    conflicts.update(tuple(value.split("\t")) for value in values)
                else:
                    strata[kind].extend(values)
                pos = end
            if pos != len(block):
                return None
        if rest:
            return None
    return algorithm, draw.Pool(strata=strata, inspectors=inspectors, conflicts=conflicts)


def _read_lines(data: bytes) -> tuple[str, draw.Pool]:
    strata: dict[str, list[str]] = {c: [] for c in draw.RISK_CLASSES}
    inspectors: list[draw.Inspector] = []
    conflicts: set[tuple[str, str]] = set()
    algorithm = ""
    with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as gz:
        for n, raw in enumerate(io.TextIOWrapper(gz, encoding="utf-8", newline="\n")):
            parts = raw.rstrip("\n").split("\t")
            if n == 0:
                algorithm = parts[0]
            elif parts[0] == "E" and len(parts) == 3:
                strata.setdefault(parts[1], []).append(parts[2])
            elif parts[0] == "I" and len(parts) == 3:
                inspectors.append(draw.Inspector(id=parts[2], department=parts[1]))
            elif parts[0] == "X" and len(parts) == 3:
                conflicts.add((parts[1], parts[2]))
            else:
                raise ValidationError(f"名录库快照第{n + 1}行格式不正确")
    return algorithm, draw.Pool(strata=strata, inspectors=inspectors, conflicts=conflicts)
