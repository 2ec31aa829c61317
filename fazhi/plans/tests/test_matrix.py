"""The progress matrix made usable (issue 12, point 4): every cell and count opens the
unit's progress and evidence, within the access rule; the legend is readable (WCAG 2.1 AA
contrast, SC 1.4.3: at least 4.5:1 for text); the matrix, the task progress list and the
review ledger export to XLSX with the figures the page shows.

Fixture (conftest district): one plan, period 2025年上半年 due 2025-07-10.
- task 1, led by 市场监管局 (D23), with 司法局 (D08) and 城关街道 (T01): 司法局 reported
  with evidence (待审核); 城关街道 reported, was returned by 市场监管局's reviewer,
  reported again and was accepted by the coordinator; 市场监管局 did not report.
- task 2, led by 司法局, with 城关街道: 司法局 reported and was accepted; 城关街道 did not.
Reports are made on 2025-07-08; the pages are read on 2025-11-10, so the two missing
reports are overdue. Hand count: 逾期未报 2, 待审核 1, 已通过 2, 已退回 0, 未报送 0.
"""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.tests.refusal import freeze
from fazhi.plans import services
from fazhi.plans.tests.helpers import annual_plan

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SFJ_TEXT = "区司法局：制定行政执法三项制度实施细则。"
TOWN_TEXT = "城关街道：完成社区法律顾问全覆盖，补充了聘用合同。"
SFJ_LEAD_TEXT = "区司法局：牵头完成行政规范性文件清理。"
RETURN_REASON = "请补充社区法律顾问聘用合同"
CSS = Path(__file__).resolve().parents[2] / "core" / "static" / "fazhi" / "app.css"


@pytest.fixture
def plan(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 7, 8))
    coord = people["coordinator"]
    plan, section = annual_plan(district)

    def task(title, codes):
        t = services.create_task(
            plan, section=section, title=title, body="", unit_codes=codes, actor=coord
        )
        return t, {x.unit.code: x for x in t.assignments.select_related("unit", "task")}

    t1, a1 = task("深化包容审慎监管", ["D23", "D08", "T01"])
    t2, a2 = task("清理行政规范性文件", ["D08", "T01"])
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    on = dt.date(2025, 7, 8)
    services.submit_progress(
        a1["D08"],
        period,
        text=SFJ_TEXT,
        status="done",
        actor=people["sfj_clerk"],
        files=[SimpleUploadedFile("实施细则.pdf", PDF)],
        on=on,
    )
    town = services.submit_progress(
        a1["T01"],
        period,
        text="城关街道：已开展。",
        status="on_track",
        actor=people["town_clerk"],
        on=on,
    )
    services.return_progress(town, reason=RETURN_REASON, actor=people["scjg_reviewer"])
    town = services.submit_progress(
        a1["T01"], period, text=TOWN_TEXT, status="done", actor=people["town_clerk"], on=on
    )
    services.accept_progress(town, coord)
    lead = services.submit_progress(
        a2["D08"], period, text=SFJ_LEAD_TEXT, status="done", actor=people["sfj_clerk"], on=on
    )
    services.accept_progress(lead, coord)
    freeze(monkeypatch, dt.date(2025, 11, 10))
    plan.t1, plan.t2, plan.period = t1, t2, period
    return plan


def cell_url(task, code, period):
    return reverse("plans:assignment", args=[task.pk, code]) + f"?period={period.pk}"


def text_of(resp) -> str:
    assert resp.status_code == 200, resp.status_code
    return resp.content.decode()


# --- cells and counts link to the unit's progress -----------------------------------------


def test_each_cell_links_to_that_units_progress_on_that_task(plan, people, login):
    client = login(people["coordinator"])
    matrix = text_of(client.get(f"/office/plans/{plan.pk}/matrix/"))
    for task, code in [(plan.t1, "D08"), (plan.t1, "T01"), (plan.t1, "D23"), (plan.t2, "T01")]:
        assert f'href="{cell_url(task, code, plan.period)}"' in matrix.replace("&amp;", "&")
    # 司法局 on task 1: its report and its evidence, not another unit's report.
    page = text_of(client.get(cell_url(plan.t1, "D08", plan.period)))
    assert SFJ_TEXT in page and "实施细则.pdf" in page
    assert TOWN_TEXT not in page and SFJ_LEAD_TEXT not in page
    # 城关街道 on task 1: the report, and the review trail (returned, then accepted).
    page = text_of(client.get(cell_url(plan.t1, "T01", plan.period)))
    assert TOWN_TEXT in page and SFJ_TEXT not in page
    assert RETURN_REASON in page and "退回" in page and "通过" in page
    # 市场监管局 did not report: the page says it is overdue.
    page = text_of(client.get(cell_url(plan.t1, "D23", plan.period)))
    assert "逾期未报" in page


def test_unit_count_links_to_the_units_progress_on_every_task(plan, people, login):
    client = login(people["coordinator"])
    matrix = text_of(client.get(f"/office/plans/{plan.pk}/matrix/"))
    url = reverse("plans:unit_progress", args=[plan.pk, "D08"])
    assert f'href="{url}?period={plan.period.pk}"' in matrix
    # 司法局 reported on both of its tasks: "2/2" in its column's count.
    assert re.search(rf'href="{url}\?period={plan.period.pk}"[^>]*>.*?2/2</a>', matrix)
    page = text_of(client.get(url))
    assert SFJ_TEXT in page and SFJ_LEAD_TEXT in page and TOWN_TEXT not in page


def test_legend_counts_equal_hand_counts_and_list_their_cells(plan, people, login):
    client = login(people["coordinator"])
    matrix = text_of(client.get(f"/office/plans/{plan.pk}/matrix/"))
    for label, n in [("逾期未报", 2), ("待审核", 1), ("已通过", 2), ("已退回", 0), ("未报送", 0)]:
        assert re.search(rf"{label} {n}</a>", matrix), label
    late = text_of(client.get(f"/office/plans/{plan.pk}/matrix/?state=late"))
    assert "逾期未报：2项" in late
    assert cell_url(plan.t1, "D23", plan.period) in late.replace("&amp;", "&")
    assert cell_url(plan.t2, "T01", plan.period) in late.replace("&amp;", "&")


@pytest.mark.parametrize(
    "who,task,code",
    [
        ("town_clerk", "t1", "D08"),  # another participant's report on the same task
        ("sfj_clerk", "t1", "T01"),
        ("sfj_clerk", "t1", "D23"),  # the lead unit's own (it does not lead for 司法局)
        ("scjg_clerk", "t2", "D08"),  # a task 市场监管局 has no part in
    ],
)
def test_another_units_clerk_cannot_open_the_cell(plan, people, login, who, task, code):
    client = login(people[who])
    resp = client.get(cell_url(getattr(plan, task), code, plan.period))
    assert resp.status_code in (403, 404)
    assert SFJ_TEXT.encode() not in resp.content and TOWN_TEXT.encode() not in resp.content


def test_another_units_clerk_cannot_open_the_unit_page(plan, people, login):
    client = login(people["town_clerk"])
    assert client.get(reverse("plans:unit_progress", args=[plan.pk, "D08"])).status_code == 404
    own = text_of(client.get(reverse("plans:unit_progress", args=[plan.pk, "T01"])))
    assert TOWN_TEXT in own


@pytest.mark.parametrize("who", ["scjg_reviewer", "scjg_clerk"])
def test_lead_unit_opens_its_participants_cells_not_their_whole_plan(plan, people, login, who):
    client = login(people[who])
    page = text_of(client.get(cell_url(plan.t1, "D08", plan.period)))
    assert SFJ_TEXT in page and "实施细则.pdf" in page
    plan_wide = reverse("plans:unit_progress", args=[plan.pk, "D08"])
    assert client.get(plan_wide).status_code == 404
    matrix = text_of(client.get(f"/office/plans/{plan.pk}/matrix/"))
    assert plan_wide not in matrix
    assert reverse("plans:unit_progress", args=[plan.pk, "D23"]) in matrix


def test_participant_matrix_links_only_its_own_cells(plan, people, login):
    client = login(people["town_clerk"])
    matrix = text_of(client.get(f"/office/plans/{plan.pk}/matrix/")).replace("&amp;", "&")
    assert cell_url(plan.t1, "T01", plan.period) in matrix
    assert "/units/D08/" not in matrix and "/units/D23/" not in matrix


# --- exports ------------------------------------------------------------------------------


def xlsx(client, url):
    resp = client.get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(resp.content))


def sheet_rows(ws, start=1):
    return [list(r) for r in ws.iter_rows(min_row=start, values_only=True)]


def test_matrix_export_equals_the_hand_count(plan, people, login):
    wb = xlsx(login(people["coordinator"]), f"/office/plans/{plan.pk}/matrix.xlsx")
    ws = wb["进度总览"]
    header = sheet_rows(ws)[1]
    assert header[:2] == ["编号", "任务"]
    col = {name: i for i, name in enumerate(header)}
    rows = {r[0]: r for r in sheet_rows(ws, 3) if isinstance(r[0], int)}
    t1, t2 = rows[plan.t1.number], rows[plan.t2.number]
    assert t1[col["测试区司法局"]] == "待审核"
    assert t1[col["城关街道"]] == "已通过"
    assert t1[col["测试区市场监督管理局"]] == "逾期未报★"
    assert t2[col["测试区司法局"]] == "已通过★"
    assert t2[col["城关街道"]] == "逾期未报"
    assert t2[col["测试区市场监督管理局"]] in ("", None)
    stats = dict(sheet_rows(wb["统计"], 2))
    assert stats == {"未报送": 0, "逾期未报": 2, "待审核": 1, "已通过": 2, "已退回": 0, "合计": 5}


def test_progress_export_lists_each_units_report(plan, people, login):
    wb = xlsx(login(people["coordinator"]), f"/office/plans/{plan.pk}/progress.xlsx")
    header, *rows = sheet_rows(wb["任务进展"])
    assert len(rows) == 5  # 3 units on task 1, 2 on task 2
    got = {(r[0], r[header.index("责任单位")]): dict(zip(header, r, strict=True)) for r in rows}
    sfj = got[(plan.t1.number, "测试区司法局")]
    assert sfj["审核状态"] == "待审核" and sfj["工作进展"] == SFJ_TEXT
    assert sfj["佐证材料"] == "实施细则.pdf" and sfj["按期报送"] == "是"
    assert sfj["报送人"] == "sfj_clerk" and sfj["报送时间"].replace(
        second=0, microsecond=0
    ) == dt.datetime(2025, 7, 8, 10, 0)
    assert got[(plan.t1.number, "测试区市场监督管理局")]["审核状态"] == "逾期未报"
    assert got[(plan.t2.number, "测试区司法局")]["牵头"] == "是"


def test_review_ledger_export_lists_every_review(plan, people, login):
    wb = xlsx(login(people["coordinator"]), f"/office/plans/{plan.pk}/reviews.xlsx")
    header, *rows = sheet_rows(wb["审核台账"])
    assert header[:4] == ["审核时间", "审核人", "结果", "意见"]
    assert [(r[1], r[2], r[3], r[4], r[6]) for r in rows] == [
        ("scjg_reviewer", "退回", RETURN_REASON, plan.t1.number, "城关街道"),
        ("coordinator", "通过", None, plan.t1.number, "城关街道"),
        ("coordinator", "通过", None, plan.t2.number, "测试区司法局"),
    ]
    # The clock stands at the test's day and hour; the seconds run on.
    assert all(
        r[0].replace(second=0, microsecond=0) == dt.datetime(2025, 7, 8, 10, 0) for r in rows
    )


def test_exports_follow_the_access_rule(plan, people, login):
    client = login(people["town_clerk"])
    wb = xlsx(client, f"/office/plans/{plan.pk}/progress.xlsx")
    units = {r[3] for r in sheet_rows(wb["任务进展"], 2)}
    assert units == {"城关街道"}
    wb = xlsx(client, f"/office/plans/{plan.pk}/reviews.xlsx")
    assert {r[6] for r in sheet_rows(wb["审核台账"], 2)} == {"城关街道"}
    wb = xlsx(client, f"/office/plans/{plan.pk}/matrix.xlsx")
    assert sheet_rows(wb["进度总览"])[1] == ["编号", "任务", "城关街道"]


# --- legend contrast ----------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    """Relative luminance, WCAG 2.1 definition."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_legend_and_cell_colours_meet_wcag_aa():
    from fazhi.plans.overview import CELL

    css = CSS.read_text(encoding="utf-8")
    for css_class, label, _mark in CELL.values():
        rule = re.search(rf"\.{css_class}\s*\{{([^}}]*)\}}", css)
        assert rule, f"{css_class} missing from app.css"
        bg = re.search(r"background-color:\s*(#[0-9a-fA-F]{3,6})", rule.group(1))
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", rule.group(1))
        assert bg and fg, f"{css_class} needs both a background and a text colour"
        ratio = contrast(bg.group(1), fg.group(1))
        assert ratio >= 4.5, f"{label}: {ratio:.2f}:1"
