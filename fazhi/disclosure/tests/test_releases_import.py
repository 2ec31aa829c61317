"""Importing a unit's 主动公开 ledger (page and ``fazhi disclosure import-releases``): bad
rows reported with their line numbers and nothing imported; the rows go through the
services, so the clock runs from each 信息形成或变更日期 and late ones are flagged; a
second import of the same ledger updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from fazhi.core.models import Event
from fazhi.disclosure.models import ProactiveRelease
from fazhi.disclosure.services import releases as svc

pytestmark = pytest.mark.today(2025, 11, 10)
URL = "/office/disclosure/releases/import/"
HEADER = ["目录名称", "标题", "文号", "信息形成或变更日期", "公开日期", "正文"]
GOOD = [
    # On time: created Mon 2025-03-03, published the 10th.
    ["财政预决算", "2025年部门预算", "区市监〔2025〕1号", dt.date(2025, 3, 3),
     dt.date(2025, 3, 10), "预算正文"],
    # Late: 20 working days from 2025-09-01 end on Sunday 2025-09-28 (worked for 国庆).
    ["财政预决算", "2024年部门决算", "", "2025-09-01", "2025-09-29", "决算正文"],
    # Not yet published.
    ["行政处罚", "行政处罚结果公示（第十期）", "", "2025/11/03", "", "公示正文"],
]  # fmt: skip


@pytest.fixture
def catalogue(district, people):
    clerk = people["scjg_clerk"]
    svc.save_catalogue_item(unit=district["scjg"], category=7, name="财政预决算", actor=clerk)
    svc.save_catalogue_item(unit=district["scjg"], category=6, name="行政处罚", actor=clerk)


def xlsx(rows, header=HEADER) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(client, unit, data: bytes, name="台账.xlsx", publish=True):
    f = SimpleUploadedFile(name, data, "application/octet-stream")
    post = {"unit": unit.pk, "file": f}
    if publish:
        post["publish"] = "on"
    return client.post(URL, post)


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(login, people, district, catalogue):
    rows = [
        GOOD[0],
        ["没有的栏目", "标题甲", "", "2025-03-03", "", "正文"],  # line 3
        ["财政预决算", "", "", "2025-13-40", "", "正文"],  # line 4
        GOOD[1],
        ["财政预决算", "晚于今天", "", "2025-12-01", "", "正文"],  # line 6
        ["财政预决算", "先公开后形成", "", "2025-03-03", "2025-03-01", "正文"],  # line 7
        GOOD[0],  # line 8: the same as line 2
        ["财政预决算", "远古", "", dt.date(1900, 1, 2), "", "正文"],  # line 9
    ]
    events_before = Event.objects.count()
    c = login(people["scjg_clerk"])
    resp = _upload(c, district["scjg"], xlsx(rows))
    assert resp.status_code == 400
    text = resp.content.decode()
    assert "第3行：本单位的公开目录中没有“没有的栏目”" in text
    assert "第4行：“标题”不能为空" in text and "信息形成或变更日期格式应为YYYY-MM-DD" in text
    assert "第6行：信息形成或变更日期不能晚于今天" in text
    assert "第7行：公开日期不能早于信息形成或变更日期" in text
    assert "第8行：与第2行是同一条信息" in text
    assert "第9行：信息形成或变更日期应在2000年至2100年之间" in text
    assert "第2行" not in text.split("第8行")[0]  # good rows are not reported
    assert "未导入任何信息" in text
    assert not ProactiveRelease.objects.exists()
    assert Event.objects.count() == events_before


def test_import_flags_late_and_a_second_import_updates(login, people, district, catalogue):
    c = login(people["scjg_clerk"])
    resp = _upload(c, district["scjg"], xlsx(GOOD))
    assert resp.status_code == 302, resp.content.decode()
    rels = {r.title: r for r in ProactiveRelease.objects.all()}
    assert len(rels) == 3
    budget, accounts, fine = (rels[r[1]] for r in GOOD)
    assert (budget.state, budget.late, budget.document_number) == ("published", False,
                                                                  "区市监〔2025〕1号")  # fmt: skip
    assert accounts.deadline.due_date == dt.date(2025, 9, 28)
    assert (accounts.state, accounts.late) == ("published", True)
    assert accounts.late_reason == "台账导入，台账未载明逾期公开的原因"
    assert (fine.state, fine.published_on) == ("draft", None)
    # Again, with one text changed and the draft now published: updated, not duplicated.
    again = [list(r) for r in GOOD]
    again[0][5] = "预算正文（更正）"
    again[2][4] = "2025-11-05"
    resp = _upload(c, district["scjg"], xlsx(again))
    assert resp.status_code == 302, resp.content.decode()
    assert ProactiveRelease.objects.count() == 3
    budget.refresh_from_db()
    fine.refresh_from_db()
    assert budget.body == "预算正文（更正）"
    assert (fine.state, fine.published_on, fine.late) == ("published", dt.date(2025, 11, 5), False)
    # By 索引号: the row names the release whatever its title.
    resp = _upload(
        c, district["scjg"],
        xlsx([["财政预决算", "2025年部门预算（修订）", "", "2025-03-03", "2025-03-10", "x",
               budget.index_number]], header=[*HEADER, "索引号"]),
    )  # fmt: skip
    assert resp.status_code == 302, resp.content.decode()
    budget.refresh_from_db()
    assert budget.title == "2025年部门预算（修订）" and ProactiveRelease.objects.count() == 3


def test_a_row_the_services_refuse_rolls_everything_back(login, people, district, catalogue):
    """A ledger date for a release already withdrawn: the service's refusal is reported by
    line and the rows before it are not kept."""
    c = login(people["scjg_clerk"])
    _upload(c, district["scjg"], xlsx(GOOD[2:]))
    fine = ProactiveRelease.objects.get()
    svc.withdraw(fine, on=dt.date(2025, 11, 5), reason="错误登记", actor=people["scjg_clerk"])
    changed = [list(GOOD[2])]
    changed[0][5] = "改过的正文"
    resp = _upload(c, district["scjg"], xlsx([GOOD[0], *changed]))
    assert resp.status_code == 400
    assert "第3行：该信息已撤回，不能修改" in resp.content.decode()
    assert ProactiveRelease.objects.count() == 1


def test_other_units_catalogue_and_unit_are_refused(login, people, district, catalogue):
    c = login(people["town_clerk"])
    resp = _upload(c, district["scjg"], xlsx(GOOD))
    assert resp.status_code == 400  # not a unit this clerk may choose
    assert not ProactiveRelease.objects.exists()


def test_csv_in_gb18030(login, people, district, catalogue):
    text = "目录名称,标题,信息形成或变更日期,正文\n财政预决算,2025年部门预算,2025-03-03,正文\n"
    c = login(people["scjg_clerk"])
    resp = _upload(c, district["scjg"], text.encode("gb18030"), name="台账.csv")
    assert resp.status_code == 302
    assert ProactiveRelease.objects.get().state == "draft"
    resp = _upload(c, district["scjg"], b"\x00\x01not a workbook", name="x.xlsx")
    assert resp.status_code == 400 and "无法读取该 XLSX 文件" in resp.content.decode()
    resp = _upload(c, district["scjg"], "标题,正文\n甲,乙\n".encode(), name="x.csv")
    assert "第1行缺少列：目录名称、信息形成或变更日期" in resp.content.decode()


def test_command(district, catalogue, tmp_path, capsys):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx(GOOD))
    call_command("disclosure", "import-releases", str(path), "--unit", "D23", "--publish")
    assert "新增3条" in capsys.readouterr().out
    assert ProactiveRelease.objects.filter(state="published").count() == 2
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(xlsx([["财政预决算", "", "", "2025-03-03", "", "x"]]))
    with pytest.raises(CommandError, match="未导入任何信息"):
        call_command("disclosure", "import-releases", str(bad), "--unit", "D23")
    assert "第2行：“标题”不能为空" in capsys.readouterr().err
    call_command("disclosure", "import-releases", str(path), "--unit", "D23", "--publish")
    assert "新增0条" in capsys.readouterr().out and ProactiveRelease.objects.count() == 3
