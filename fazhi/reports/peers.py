"""Peer reports: import what the extractor reads from other places' published reports,
and put the district's own figures beside theirs (对标)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from fazhi.core import events

from .extract import ExtractError, extract_file
from .models import PeerFigure, PeerReport

SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    figures: int = 0
    problems: dict[str, list[str]] = field(default_factory=dict)  # file -> table problems


def _dec(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@transaction.atomic
def store(path: Path, data: dict, digest: str) -> PeerReport:
    meta = data.get("meta") or {}
    report = PeerReport.objects.create(
        sha256=digest,
        file_name=path.name[:255],
        title=(meta.get("title") or "")[:300],
        place=(meta.get("place") or "")[:50],
        level=(meta.get("level") or "")[:10],
        year=meta.get("year"),
        kind=(meta.get("kind") or "")[:30],
        published=str(meta.get("published") or "")[:20],
        issuer=(meta.get("issuer") or "")[:100],
        text=data["text"],
        table_problems=[p for t in data.get("tables") or [] for p in t.get("problems") or []],
    )
    figures = []
    for f in data.get("indicators", []):
        value = _dec(f.get("value"))
        if value is None or f.get("target"):
            continue  # a plan's target is not a reported figure
        figures.append(
            PeerFigure(
                report=report,
                code=f.get("code") or "",
                name=(f.get("name") or "")[:200],
                value=value,
                unit=(f.get("unit") or "")[:20],
                approximate=bool(f.get("approximate")),
                yoy=_dec(f.get("yoy")),
                text=(f.get("text") or "")[:500],
                start=f["start"],
                end=f["end"],
                template=(f.get("template") or "")[:10],
                cell=(f.get("cell") or "")[:40],
            )
        )
    PeerFigure.objects.bulk_create(figures)
    events.append(
        action="peer_import",
        record=report,
        actor=None,
        summary=f"导入他地报告“{report}”（{len(figures)}项数据）",
    )
    return report


def import_dir(directory: Path) -> ImportResult:
    """Every .txt/.html file in a folder; a file already imported (same content) is skipped;
    a file that cannot be read is reported and the rest go on."""
    result = ImportResult()
    for path in sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES):
        try:
            data = extract_file(path)
        except ExtractError as e:
            result.errors.append((path.name, e.message))
            continue
        digest = hashlib.sha256(data["text"].encode("utf-8")).hexdigest()
        if PeerReport.objects.filter(sha256=digest).exists():
            result.skipped.append(path.name)
            continue
        report = store(path, data, digest)
        result.imported.append(path.name)
        result.figures += report.figures.count()
        if report.table_problems:
            result.problems[path.name] = report.table_problems
    return result


def benchmark(year: int) -> tuple[list[PeerReport], list[dict]]:
    """The peers of ``year`` and rows of (indicator, the district's figure, each peer's
    first figure for that code)."""
    from fazhi.indicators import registry
    from fazhi.indicators.models import Indicator

    own = registry.district_values(year)
    peers = list(PeerReport.objects.filter(year=year).order_by("place"))
    figs = PeerFigure.objects.filter(report__in=peers).exclude(code="").order_by("start")
    by_code: dict[str, dict[int, PeerFigure]] = {}
    for f in figs:
        if f.cell.startswith("s3:") and not f.cell.endswith(":total"):
            continue  # one applicant kind's count is a part of the indicator, not the figure
        by_code.setdefault(f.code, {}).setdefault(f.report_id, f)  # first mention per report
    names = {i.code: i for i in Indicator.objects.filter(code__in=list(by_code))}
    rows = []
    for code in sorted(
        by_code, key=lambda c: (names[c].area, names[c].order) if c in names else (99, 0)
    ):
        ind = names.get(code)
        rows.append(
            {
                "code": code,
                "indicator": ind,
                "own": own.get(code),
                "peers": [by_code[code].get(p.pk) for p in peers],
            }
        )
    return peers, rows


def chart(row: dict, peers: list[PeerReport], own_label: str) -> list[dict]:
    """Bars for one indicator (own first), widths in percent of the largest value."""
    bars = []
    if row["own"] is not None:
        bars.append({"label": own_label, "value": row["own"].value, "own": True})
    for p, f in zip(peers, row["peers"], strict=True):
        if f is not None:
            bars.append({"label": p.place or p.file_name, "value": f.value, "own": False})
    top = max((b["value"] for b in bars), default=Decimal(0))
    for b in bars:
        b["pct"] = int(b["value"] / top * 100) if top else 0
    return bars
