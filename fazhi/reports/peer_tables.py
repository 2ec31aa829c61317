"""The 政府信息公开工作年度报告 tables of imported peer reports beside the district's own
(对标): the template's row and column labels (2021 format, 国办公开办函〔2021〕30号, and the
2019 trial format) and the grid the benchmark and peer pages render.

Cells are keyed "section:row:column" as the extractor keys them (``PeerFigure.cell``) and as
``fazhi.disclosure.interface.template_cells`` keys the district's own report. Sections 三 and
四 are the same in both formats except that the 2019 format has one （六）其他处理 row
(``other_handling``); it is set beside the sum of the 2021 format's three （六） rows. Section
二 differs: a 2019-format peer's section 二 is shown in its own rows, with the district's
value only where the cell has a 2021 counterpart (``S2_2019_TO_2021``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.disclosure import interface as disclosure_interface

GK2021, GK2019 = "gk2021", "gk2019"
OWN_LABEL = "本区"

# --- section 二 (第二十条 items), per format: (id, 信息内容 item, columns, rows) -----------
S2_2021 = (
    ("s2-1", "第二十条第（一）项",
     (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
     (("rules", "规章"), ("normative", "行政规范性文件"))),
    ("s2-5", "第二十条第（五）项", (("decisions", "本年处理决定数量"),),
     (("license", "行政许可"),)),
    ("s2-6", "第二十条第（六）项", (("decisions", "本年处理决定数量"),),
     (("penalty", "行政处罚"), ("coercion", "行政强制"))),
    ("s2-8", "第二十条第（八）项", (("amount", "本年收费金额（单位：万元）"),),
     (("fee_income", "行政事业性收费"),)),
)  # fmt: skip
_PROJECTS = (
    ("last_year", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
)
S2_2019 = (
    ("s2019-1", "第二十条第（一）项",
     (("made", "本年新制作数量"), ("published", "本年新公开数量"), ("public_total", "对外公开总数量")),
     (("rules", "规章"), ("normative", "规范性文件"))),
    ("s2019-5", "第二十条第（五）项", _PROJECTS,
     (("license", "行政许可"), ("other_service", "其他对外管理服务事项"))),
    ("s2019-6", "第二十条第（六）项", _PROJECTS,
     (("penalty", "行政处罚"), ("coercion", "行政强制"))),
    ("s2019-8", "第二十条第（八）项", (("last_year", "上一年项目数量"), ("change", "本年增/减")),
     (("fee", "行政事业性收费"),)),
    ("s2019-9", "第二十条第（九）项",
     (("items", "采购项目数量"), ("amount", "采购总金额")),
     (("procurement", "政府集中采购"),)),
)  # fmt: skip
# A 2019 cell with the same meaning in the 2021 format (本年新制作 = 本年制发; 处理决定数量).
S2_2019_TO_2021 = {
    "s2_2019:rules:made": "s2:rules:issued",
    "s2_2019:normative:made": "s2:normative:issued",
    "s2_2019:license:decisions": "s2:license:decisions",
    "s2_2019:penalty:decisions": "s2:penalty:decisions",
    "s2_2019:coercion:decisions": "s2:coercion:decisions",
}

# --- section 三 -----------------------------------------------------------------------
RESULTS_GROUP = "三、本年度办理结果"
# The district's own report lays out section 三 (the disclosure module's vocabulary).
S3_COLUMNS = disclosure_interface.S3_COLUMN_LABELS
S3_ROWS = disclosure_interface.S3_ROW_LABELS  # (row key, group, item)
RESULT_KEYS = {key for key, *_ in S3_ROWS[2:-2]}
OTHER_2021 = ("other_no_correction", "other_no_fee", "other")
OTHER_2019 = ("other_handling", "（六）其他处理（2019年格式为一行；2021年格式为以上三项之和）")

# --- section 四 -----------------------------------------------------------------------
S4_COLUMNS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
S4_ROWS = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼：未经复议直接起诉"),
    ("litigation_after", "行政诉讼：复议后起诉"),
)


@dataclass
class Source:
    """One column of values: the district's own report or one peer report."""

    id: str  # "own" or "p<PeerReport pk>"
    label: str
    template: str
    cells: dict[str, Decimal]
    anchors: dict[str, int] = field(default_factory=dict)  # cell -> PeerFigure pk
    report_id: int | None = None

    @property
    def own(self) -> bool:
        return self.id == "own"


def peer_sources(reports) -> list[Source]:
    """The peer reports (in the given order) that have template cells, each as a Source;
    the first figure of a cell counts (as ``peers.benchmark`` takes a code's first)."""
    from .models import PeerFigure

    reports = list(reports)
    by_report: dict[int, list[PeerFigure]] = {}
    figs = PeerFigure.objects.filter(report__in=reports).exclude(cell="").order_by("start", "pk")
    for f in figs:
        by_report.setdefault(f.report_id, []).append(f)
    out, seen = [], set()
    for r in reports:
        figs = by_report.get(r.pk)
        if not figs:
            continue
        label = r.place or r.file_name
        if label in seen:
            label = f"{label}（{r.issuer or r.pk}）"
        seen.add(label)
        cells: dict[str, Decimal] = {}
        anchors: dict[str, int] = {}
        for f in figs:
            if f.cell not in cells:
                v = f.value
                if f.cell.endswith(":amount") and f.unit == "元":
                    v = v / 10000  # the extractor gives 元; the template prints 万元
                cells[f.cell], anchors[f.cell] = v, f.pk
        templates = [f.template for f in figs if f.template]
        template = max(set(templates), key=templates.count) if templates else GK2021
        out.append(Source(f"p{r.pk}", label, template, cells, anchors, r.pk))
    return out


def own_source(year: int | None) -> Source:
    return Source(
        "own", OWN_LABEL, GK2021, disclosure_interface.template_cells(year) if year else {}
    )


def value(src: Source, key: str) -> Decimal | None:
    """``src``'s value for ``key``; the 2021-format value of a 2019 key where there is one."""
    if src.template == GK2019:
        return src.cells.get(key)
    if key.startswith("s2_2019:"):
        twin = S2_2019_TO_2021.get(key)
        return src.cells.get(twin) if twin else None
    section, row, col = key.split(":")
    if section == "s3" and row == OTHER_2019[0]:
        parts = [src.cells.get(f"s3:{r}:{col}") for r in OTHER_2021]
        parts = [p for p in parts if p is not None]
        return sum(parts, Decimal(0)) if parts else None
    return src.cells.get(key)


def _cells(key_prefix: str, columns, sources: list[Source]) -> list[dict]:
    out = []
    for col, _ in columns:
        key = f"{key_prefix}:{col}"
        out.append(
            {
                "key": key,
                "values": [
                    {
                        "who": s.id,
                        "label": s.label,
                        "own": s.own,
                        "value": value(s, key),
                        "anchor": s.anchors.get(key),
                        "report_id": s.report_id,
                    }
                    for s in sources
                ],
            }
        )
    return out


def _section2(spec, prefix: str, sources: list[Source], fmt_label: str) -> list[dict]:
    tables = []
    for table_id, item, columns, rows in spec:
        tables.append(
            {
                "id": table_id,
                "caption": f"{item}{fmt_label}",
                "heads": [[{"label": "信息内容"}] + [{"label": label} for _, label in columns]],
                "rows": [
                    {"label": label, "cells": _cells(f"{prefix}:{row}", columns, sources)}
                    for row, label in rows
                ],
                "width": len(columns) + 1,
            }
        )
    return tables


def _section3(sources: list[Source]) -> dict:
    with_2019 = any(s.template == GK2019 for s in sources)
    rows: list[dict] = []
    group = ""
    for key, label, item in S3_ROWS:
        if key == "disclose":
            rows.append({"group": RESULTS_GROUP})
        if item and label != group:
            rows.append({"group": label, "sub": True})
        group = label if item else ""
        rows.append(
            {
                "label": item or label,
                "context": label if item else "",
                "cells": _cells(f"s3:{key}", S3_COLUMNS, sources),
            }
        )
        if key == OTHER_2021[-1] and with_2019:
            rows.append(
                {
                    "label": OTHER_2019[1],
                    "cells": _cells(f"s3:{OTHER_2019[0]}", S3_COLUMNS, sources),
                    "merged": True,
                }
            )
    heads = [
        [
            {"label": "申请情况", "rowspan": 2},
            {"label": "自然人", "rowspan": 2},
            {"label": "法人或其他组织", "colspan": 5},
            {"label": "总计", "rowspan": 2},
        ],
        [{"label": label} for _, label in S3_COLUMNS[1:6]],
    ]
    note = (
        "2019年格式的“（六）其他处理”只有一行，与本区及2021年格式报告（六）中三项之和并列对照。"
        if with_2019
        else ""
    )
    return {
        "id": "s3",
        "caption": "三、收到和处理政府信息公开申请情况（申请人情况）",
        "heads": heads,
        "rows": rows,
        "width": len(S3_COLUMNS) + 1,
        "note": note,
    }


def _section4(sources: list[Source]) -> dict:
    return {
        "id": "s4",
        "caption": "四、政府信息公开行政复议、行政诉讼情况",
        "heads": [[{"label": "类别"}] + [{"label": label} for _, label in S4_COLUMNS]],
        "rows": [
            {"label": label, "cells": _cells(f"s4:{row}", S4_COLUMNS, sources)}
            for row, label in S4_ROWS
        ],
        "width": len(S4_COLUMNS) + 1,
    }


def build(own: Source, peers: list[Source]) -> list[dict]:
    """The three sections of the template, each a list of tables whose every cell holds the
    own value and each peer's (None where the source has no such cell)."""
    new = [p for p in peers if p.template != GK2019]
    old = [p for p in peers if p.template == GK2019]
    s2 = _section2(S2_2021, "s2", [own, *new], "（2021年格式）" if old else "") if new else []
    notes = []
    if old:
        s2 += _section2(S2_2019, "s2_2019", [own, *old], "（2019年试行格式）")
        names = "、".join(p.label for p in old)
        notes.append(
            f"{names}的报告采用2019年试行格式，第二部分的行列与2021年格式不同，另列其表；"
            "本区一栏只在有对应项时填写（“本年新制作数量”对应“本年制发件数”，"
            "“处理决定数量”对应“本年处理决定数量”），无对应项的为“—”。"
        )
    return [
        {"title": "二、主动公开政府信息情况", "tables": s2, "notes": notes},
        {"title": "三、收到和处理政府信息公开申请情况", "tables": [_section3([own, *peers])]},
        {"title": "四、政府信息公开行政复议、行政诉讼情况", "tables": [_section4([own, *peers])]},
    ]


def comparison(year: int | None, reports) -> dict | None:
    """What the page needs, or None when none of ``reports`` has template cells."""
    peers = peer_sources(reports)
    if not peers:
        return None
    own = own_source(year)
    return {
        "sections": build(own, peers),
        "peers": peers,
        "has_own": bool(own.cells),
        "own_state": _own_state(year),
        "year": year,
    }


def _own_state(year: int | None) -> str:
    return disclosure_interface.report_state(year) if year else ""
