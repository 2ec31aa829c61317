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

from fazhi.core.models import OrgUnit
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
    """One column of values: one of the district's own reports or one peer report."""

    id: str  # "own" (the government's), "own<OrgUnit pk>" (a department's) or "p<pk>"
    label: str
    template: str
    cells: dict[str, Decimal]
    anchors: dict[str, int] = field(default_factory=dict)  # cell -> PeerFigure pk
    report_id: int | None = None
    unit_id: int | None = None  # the own department's

    @property
    def own(self) -> bool:
        return self.id.startswith("own")


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
        # a department's report is named by the department (青禾区市场监督管理局)
        label = r.issuer if r.level == "部门" and r.issuer else (r.place or r.file_name)
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


def own_source(year: int | None, unit: OrgUnit | None = None) -> Source:
    """The government's report (the whole district, 条例第四十九条第二款), or ``unit``'s."""
    if unit is None:
        cells = disclosure_interface.template_cells(year) if year else {}
        return Source("own", OWN_LABEL, GK2021, cells)
    cells = disclosure_interface.template_cells(year, unit.pk) if year else {}
    label = f"{OWN_LABEL}{_department(unit.name, _own_place())}"
    return Source(f"own{unit.pk}", label, GK2021, cells, unit_id=unit.pk)


def _own_place() -> str:
    """The district's name as its units' names begin with it (示范区 of 示范区人民政府)."""
    gov = OrgUnit.objects.filter(kind=OrgUnit.Kind.GOVERNMENT, parent=None).first()
    return gov.name.removesuffix("人民政府") if gov else ""


def _department(name: str, place: str) -> str:
    """The department's own name without its place: 市场监督管理局 of 青禾区市场监督管理局,
    市场监管局 of the short name 区市场监管局."""
    name = name.strip()
    if place and place in name:
        return name.split(place, 1)[1]
    return name[1:] if name[:1] in ("区", "县", "市", "旗") else name


def counterpart(report) -> OrgUnit | None:
    """The district's department that matches a peer department's report (its issuer's
    name after the place: 青禾区市场监督管理局 ~ 示范区市场监督管理局), or None: a
    department's 政府信息公开工作年度报告 is compared with the same department's, not with
    the whole district's."""
    if report.level != "部门" or not report.issuer or not report.place:
        return None
    if report.place not in report.issuer:
        return None  # the issuer's name does not say which department of which place
    wanted = _department(report.issuer, report.place)
    if not wanted:
        return None
    place = _own_place()
    units = OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT, active=True).order_by("pk")
    for unit in units:
        names = [unit.name, unit.short_name, *unit.alias_list()]
        if any(n and _department(n, place) == wanted for n in names):
            return unit
    return None


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


def _line(own: Source, peers: list[Source], beside: dict[str, Source]) -> list[Source]:
    """The sources of a cell in order: the government's, then each peer, a peer department's
    report preceded by the district's same department (once)."""
    out, seen = [own], {own.id}
    for p in peers:
        twin = beside.get(p.id)
        if twin is not None and twin.id not in seen:
            out.append(twin)
            seen.add(twin.id)
        out.append(p)
    return out


def build(own: Source, peers: list[Source], beside: dict[str, Source] | None = None) -> list[dict]:
    """The three sections of the template, each a list of tables whose every cell holds the
    own value and each peer's (None where the source has no such cell). ``beside``: for a
    peer department's report (by its source id), the district's same department."""
    beside = beside or {}
    new = [p for p in peers if p.template != GK2019]
    old = [p for p in peers if p.template == GK2019]
    s2 = (
        _section2(S2_2021, "s2", _line(own, new, beside), "（2021年格式）" if old else "")
        if new
        else []
    )
    notes = []
    if old:
        s2 += _section2(S2_2019, "s2_2019", _line(own, old, beside), "（2019年试行格式）")
        names = "、".join(p.label for p in old)
        notes.append(
            f"{names}的报告采用2019年试行格式，第二部分的行列与2021年格式不同，另列其表；"
            "本区一栏只在有对应项时填写（“本年新制作数量”对应“本年制发件数”，"
            "“处理决定数量”对应“本年处理决定数量”），无对应项的为“—”。"
        )
    return [
        {"title": "二、主动公开政府信息情况", "tables": s2, "notes": notes},
        {
            "title": "三、收到和处理政府信息公开申请情况",
            "tables": [_section3(_line(own, peers, beside))],
        },
        {
            "title": "四、政府信息公开行政复议、行政诉讼情况",
            "tables": [_section4(_line(own, peers, beside))],
        },
    ]


def comparison(year: int | None, reports) -> dict | None:
    """What the page needs, or None when none of ``reports`` has template cells."""
    reports = list(reports)
    peers = peer_sources(reports)
    if not peers:
        return None
    own = own_source(year)
    beside: dict[str, Source] = {}
    departments: dict[int, Source] = {}
    by_id = {f"p{r.pk}": r for r in reports}
    for p in peers:
        unit = counterpart(by_id[p.id])
        if unit is not None:
            if unit.pk not in departments:
                departments[unit.pk] = own_source(year, unit)
            beside[p.id] = departments[unit.pk]
    owns = [own, *departments.values()]
    return {
        "sections": build(own, peers, beside),
        "sources": _line(own, peers, beside),
        "peers": peers,
        "owns": [
            {
                "label": o.label,
                "has": bool(o.cells),
                "state": _own_state(year, o.unit_id),
                "department": o.unit_id is not None,
            }
            for o in owns
        ],
        "has_own": bool(own.cells),
        "own_state": _own_state(year),
        "year": year,
    }


def _own_state(year: int | None, unit_id: int | None = None) -> str:
    return disclosure_interface.report_state(year, unit_id) if year else ""
