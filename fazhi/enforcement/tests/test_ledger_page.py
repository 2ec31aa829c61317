"""The office page importing a case ledger: a clean file is written whole and re-importing
it counts unchanged rows; every bad row is listed by line and nothing is written, the
chosen options kept; a clerk cannot import into an agency of another unit; the template
carries the columns; garbage files answer 400 with a Chinese message, never 500."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.models import Event
from fazhi.enforcement.models import Case, Party
from fazhi.enforcement.services.ledger import COLUMNS, REQUIRED

from .test_ledger import HEAD, row

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 4, 15)]
URL = reverse("enforcement:case_import")


def xlsx(rows, head=HEAD) -> bytes:
    wb = Workbook()
    wb.active.append(head)
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def post(client, data: bytes, name="台账.xlsx", source="2024年执法台账", agency=""):
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    return client.post(URL, {"source": source, "agency": agency, "file": upload})


def text(resp) -> str:
    return resp.content.decode()


@pytest.fixture
def clerk(enf, people, login):
    return login(people["scjg_clerk"])


def test_a_clean_upload_is_imported_and_reimporting_it_counts_unchanged(enf, clerk):
    resp = post(clerk, xlsx([row(1), row(2), row(3)]))
    assert resp.status_code == 200
    assert "新增3件，更新0件，未变化0件" in text(resp)
    assert reverse("enforcement:cases") in text(resp)
    case = Case.objects.get(number="区市场监管局罚〔2024〕2号")
    assert case.agency == enf["scjg"] and case.stage == "closed" and case.fine == 5000
    assert case.source == "2024年执法台账" and case.parties.get().name == "测试区好邻居便利店"

    resp = post(clerk, xlsx([row(1), row(2, **{"罚款（元）": "8000"}), row(3), row(4)]))
    assert resp.status_code == 200
    assert "新增1件，更新1件，未变化2件" in text(resp)
    assert Case.objects.count() == 4 and Party.objects.count() == 4
    assert Case.objects.get(number="区市场监管局罚〔2024〕2号").fine == 8000


def test_a_csv_upload_is_imported(enf, clerk):
    data = (",".join(HEAD) + "\n" + ",".join(str(v) for v in row(1)) + "\n").encode("gb18030")
    resp = post(clerk, data, name="台账.csv")
    assert resp.status_code == 200 and "新增1件" in text(resp)
    assert Case.objects.filter(number="区市场监管局罚〔2024〕1号").exists()


def test_three_bad_rows_are_listed_by_line_and_nothing_is_imported(enf, clerk):
    rows = [
        row(1),
        row(2, 证件号码="91110105MA01234561"),  # line 3
        row(3),
        row(4, 决定日期="9999-12-31"),  # line 5
        row(5, 案件类别="行政奖励"),  # line 6
    ]
    events_before = Event.objects.count()
    resp = post(clerk, xlsx(rows), source="市场监管局2024年台账", agency=str(enf["scjg"].pk))
    assert resp.status_code == 400
    body = text(resp)
    assert "检查发现3处错误，未导入任何案件" in body
    assert "第3行：" in body and "第5行：" in body and "第6行：" in body
    assert "第2行：" not in body and "第4行：" not in body
    assert Case.objects.count() == 0 and Party.objects.count() == 0
    assert Event.objects.count() == events_before
    # The options chosen are kept for the corrected file.
    assert 'value="市场监管局2024年台账"' in body
    assert f'<option value="{enf["scjg"].pk}" selected>' in body


def test_rows_of_another_agency_than_the_chosen_one_write_nothing(enf, people, login):
    client = login(people["coordinator"])
    town = row(2, 执法主体="城关街道办事处", 执法事项编码="")
    resp = post(client, xlsx([row(1), town]), agency=str(enf["scjg"].pk))
    assert resp.status_code == 400
    assert "第3行：执法主体“城关街道办事处”不是所选的测试区市场监督管理局" in text(resp)
    assert Case.objects.count() == 0 and Party.objects.count() == 0
    # Without a chosen agency each row goes to the agency it names.
    resp = post(client, xlsx([row(1), town]))
    assert resp.status_code == 200, text(resp)
    assert set(Case.objects.values_list("agency__name", flat=True)) == {
        "测试区市场监督管理局",
        "城关街道办事处",
    }


def test_another_units_clerk_cannot_import_into_the_agency(enf, people, login):
    client = login(people["town_clerk"])
    events_before = Event.objects.count()
    resp = post(client, xlsx([row(1)]))
    assert resp.status_code == 400
    assert "第2行：无权导入测试区市场监督管理局的案件" in text(resp)
    # Nor by choosing the agency: it is not among the town clerk's choices.
    assert f'<option value="{enf["scjg"].pk}"' not in text(client.get(URL))
    resp = post(client, xlsx([row(1)]), agency=str(enf["scjg"].pk))
    assert resp.status_code == 400 and "请从列表中选择执法主体" in text(resp)
    assert Case.objects.count() == 0 and Event.objects.count() == events_before


def test_who_may_change_no_agency_is_refused_and_sees_no_button(enf, people, login):
    leader = login(people["leader"])
    assert leader.get(URL).status_code == 403
    assert post(leader, xlsx([row(1)])).status_code == 403
    assert Case.objects.count() == 0
    assert "导入台账" not in text(leader.get(reverse("enforcement:cases")))


def test_the_case_list_links_the_page_and_the_page_lists_the_columns(enf, clerk):
    assert URL in text(clerk.get(reverse("enforcement:cases")))
    body = text(clerk.get(URL))
    for name in COLUMNS:
        assert name in body
    assert body.count(">必填<") == len(REQUIRED)
    assert "fazhi enforcement import" in body


def test_the_template_has_the_headers_and_what_each_takes(enf, clerk):
    resp = clerk.get(reverse("enforcement:case_import_template"))
    assert resp.status_code == 200 and resp["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    wb = load_workbook(io.BytesIO(resp.content))
    assert [c.value for c in wb.worksheets[0][1]] == list(COLUMNS)
    assert wb.worksheets[0].max_row == 1
    required = {r[0] for r in wb.worksheets[1].iter_rows(values_only=True) if r[1:2] == ("必填",)}
    assert required == {n for n, f in COLUMNS.items() if f in REQUIRED}
    # The empty template, filled in, is what the page imports.
    filled = load_workbook(io.BytesIO(resp.content))
    filled.worksheets[0].append(row(1))
    out = io.BytesIO()
    filled.save(out)
    assert post(clerk, out.getvalue()).status_code == 200
    assert Case.objects.count() == 1


def _csv(*lines) -> bytes:
    return "\n".join(lines).encode()


GARBAGE = [
    ("x.pdf", b"%PDF-1.4 not a ledger", "请上传 XLSX 或 CSV 文件"),
    ("x.xlsx", b"", "上传的文件是空的"),
    ("x.xlsx", b"PK\x03\x04 not really a zip", "无法读取该 XLSX 文件"),
    ("x.csv", "案号,案由\n1,2\n".encode(), "第1行缺少列"),
    ("x.csv", b"\xff\xfe\x00\x00\x81", "CSV 文件应为 UTF-8 或 GB18030 编码"),
    ("x.csv", ",".join(HEAD).encode(), "文件中没有数据行"),
    ("x.csv", b"\n\n", "第1行缺少列"),
    ("x.csv", (",".join(HEAD) + '\n"' + "x" * 200_000).encode(), "无法读取该文件（第2行附近）"),
]


@pytest.mark.parametrize(("name", "data", "message"), GARBAGE)
def test_garbage_files_answer_400_in_chinese(enf, clerk, name, data, message):
    resp = post(clerk, data, name=name)
    assert resp.status_code == 400
    assert message in text(resp)
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"罚款（元）": "1e999"}, "罚款超出范围"),
        ({"罚款（元）": "Infinity"}, "罚款“Infinity”不是金额"),
        ({"罚款（元）": "NaN"}, "罚款“NaN”不是金额"),
        ({"罚款（元）": "99999999999999999999"}, "罚款超出范围"),
        ({"没收（元）": "-1"}, "没收金额不能为负数"),
        ({"立案日期": "9999-12-31"}, "立案日期不能晚于今天"),
        ({"结案日期": "0000-01-01"}, "结案日期“0000-01-01”不是日期"),
        ({"案号": "x" * 10_000}, "案号不能超过60个字符"),
        ({"案件类别": "²"}, "案件类别“²”应为"),
    ],
)
def test_garbage_cells_answer_400_by_line(enf, clerk, values, message):
    resp = post(clerk, xlsx([row(1), row(2, **values)]))
    assert resp.status_code == 400
    assert f"第3行：{message}" in text(resp), re.findall(r"<li>(第.*?)</li>", text(resp))
    assert Case.objects.count() == 0


def test_garbage_options_answer_400(enf, clerk):
    for agency in ("abc", "99999999999999999999", "-1"):
        resp = post(clerk, xlsx([row(1)]), agency=agency)
        assert resp.status_code == 400 and "请从列表中选择执法主体" in text(resp)
    resp = post(clerk, xlsx([row(1)]), source="")
    assert resp.status_code == 400 and "请填写数据来源（台账名称）" in text(resp)
    resp = clerk.post(URL, {"source": "台账"})
    assert resp.status_code == 400 and "请选择要导入的台账文件" in text(resp)
    assert Case.objects.count() == 0


def test_files_over_the_limits_name_the_command(enf, clerk, settings):
    settings.FAZHI_ENFORCEMENT_LEDGER_MAX_ROWS = 2
    resp = post(clerk, xlsx([row(1), row(2), row(3)]))
    assert resp.status_code == 400
    assert "文件超过2行" in text(resp) and "fazhi enforcement import" in text(resp)
    assert Case.objects.count() == 0
    assert post(clerk, xlsx([row(1), row(2)])).status_code == 200
    settings.FAZHI_ENFORCEMENT_LEDGER_MAX_MB = 0
    resp = post(clerk, xlsx([row(3)]))
    assert resp.status_code == 400
    assert "文件超过0MB" in text(resp) and "fazhi enforcement import" in text(resp)
    assert Case.objects.count() == 2
