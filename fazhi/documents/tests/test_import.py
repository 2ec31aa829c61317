"""Import of existing documents from XLSX: row-level errors with line numbers, nothing
imported unless every row is clean, preview then confirm."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from fazhi.documents import importer, services
from fazhi.documents.models import Filing, NormativeDocument, NumberSequence

from .conftest import today

pytestmark = pytest.mark.today(2025, 11, 10)

HEADER = [
    "文号",
    "标题",
    "制定机关",
    "起草单位",
    "公布日期",
    "施行日期",
    "有效期至",
    "状态",
    "废止失效日期",
    "合法性审核日期",
    "备案日期",
    "备案结果",
    "正文",
]


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD = [
    [
        "测试区人民政府规〔2023〕4号",
        "测试区城市绿化管理办法",
        "G00",
        "D23",
        dt.date(2023, 3, 1),
        dt.date(2023, 4, 1),
        dt.date(2028, 3, 31),
        "现行有效",
        None,
        dt.date(2023, 2, 10),
        dt.date(2023, 3, 20),
        "通过",
        "第一条 为加强城市绿化管理……",
    ],
    [
        "区司法局规〔2022〕1号",
        "测试区法律援助实施细则",
        "区司法局",
        "",
        "2022-06-01",
        "",
        "",
        "已废止",
        "2024-01-01",
        "",
        "",
        "",
        "",
    ],
]


def test_clean_file_previews_then_imports(people, district):
    data = xlsx(GOOD)
    preview = importer.parse("存量文件.xlsx", data)
    assert preview.errors == [] and len(preview.rows) == 2
    assert NormativeDocument.objects.count() == 0  # preview writes nothing
    result = importer.commit("存量文件.xlsx", data, people["coordinator"])
    assert result.errors == [] and result.created == 2
    a = NormativeDocument.objects.get(doc_number="测试区人民政府规〔2023〕4号")
    assert a.source == "imported" and a.unit == district["scjg"] and a.status == "published"
    assert (a.number_year, a.number_seq) == (2023, 4)
    assert a.legality_reviewed_on == dt.date(2023, 2, 10)
    assert a.filing.outcome == Filing.Outcome.PASSED and a.filing.on_time
    # The next number continues after the imported one.
    assert NumberSequence.objects.get(issuer=district["gov"], year=2023).last == 4
    b = NormativeDocument.objects.get(doc_number="区司法局规〔2022〕1号")
    assert b.status == "repealed" and b.ended_on == dt.date(2024, 1, 1)
    # Importing the same file again: every row is a duplicate.
    again = importer.parse("存量文件.xlsx", data)
    assert again.errors == [
        "第2行：文号“测试区人民政府规〔2023〕4号”已在系统中",
        "第3行：文号“区司法局规〔2022〕1号”已在系统中",
    ]


def test_row_errors_name_lines_and_import_nothing(people, district):
    bad = [
        GOOD[0],
        ["", "没有文号的文件", "G00", "", "2023-01-01", "", "", "", "", "", "", "", ""],
        [
            "区司法局规〔2022〕2号",
            "制定机关不存在",
            "不存在的局",
            "",
            "2022-13-01",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "区司法局规〔2022〕3号",
            "状态写错",
            "D08",
            "",
            "2022-01-01",
            "",
            "",
            "作废",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "测试区人民政府规〔2023〕4号",
            "重复文号",
            "G00",
            "",
            "2023-05-01",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "区司法局规〔2022〕4号",
            "已废止却无日期",
            "D08",
            "",
            "2022-01-01",
            "",
            "",
            "已废止",
            "",
            "",
            "2021-12-01",
            "",
            "",
        ],
    ]
    result = importer.commit("存量文件.xlsx", xlsx(bad), people["coordinator"])
    assert result.created == 0
    assert NormativeDocument.objects.count() == 0
    text = "\n".join(result.errors)
    assert "第3行：“文号”不能为空" in text
    assert "第4行：“公布日期”应为日期（如2024-05-01），实际为“2022-13-01”" in text
    assert "第4行：制定机关“不存在的局”不是系统中的单位" in text
    assert "第5行：“状态”应为现行有效、已废止或已失效，实际为“作废”" in text
    assert "第6行：文号“测试区人民政府规〔2023〕4号”与第2行重复" in text
    assert "第7行：已废止或已失效的文件须填写“废止失效日期”" in text
    assert "第7行：备案日期不能早于公布日期" in text
    assert not any(e.startswith("第2行") for e in result.errors)


def test_missing_header_and_empty_file(people):
    assert importer.parse("x.xlsx", b"PK not really a zip").errors[0].startswith("无法读取XLSX文件")
    wb = Workbook()
    wb.active.append(["标题", "公布日期"])
    buf = io.BytesIO()
    wb.save(buf)
    errors = importer.parse("x.xlsx", buf.getvalue()).errors
    assert errors == ["第1行（表头）缺少列：文号、制定机关"]


def test_import_page_preview_confirm(people, district, login):
    client = login(people["coordinator"])
    assert client.get("/office/documents/import/").status_code == 200
    f = io.BytesIO(xlsx(GOOD))
    f.name = "存量文件.xlsx"
    r = client.post("/office/documents/import/", {"file": f})
    assert r.status_code == 200 and "确认导入" in r.content.decode()
    assert NormativeDocument.objects.count() == 0
    r = client.post("/office/documents/import/", {"confirm": "1"})
    assert r.status_code == 302 and NormativeDocument.objects.count() == 2
    # Clerks may not import.
    assert login(people["scjg_clerk"]).get("/office/documents/import/").status_code == 403


def test_import_page_shows_row_errors(people, district, login):
    client = login(people["coordinator"])
    f = io.BytesIO(xlsx([["区司法局规〔2022〕9号", "标题", "D99", "", "2022-01-01"] + [""] * 8]))
    f.name = "坏文件.xlsx"
    r = client.post("/office/documents/import/", {"file": f})
    assert r.status_code == 400
    assert "第2行：制定机关“D99”不是系统中的单位" in r.content.decode()
    assert NormativeDocument.objects.count() == 0


def test_imported_number_continues_sequence(people, district, make):
    services.import_existing(
        title="旧文件",
        unit=district["gov"],
        issuer=district["gov"],
        doc_number=f"测试区人民政府规〔{today().year}〕5号",
        published_on=today(),
        actor=None,
    )
    doc = services.register_and_number(
        make.discussed(people, district), actor=people["coordinator"]
    )
    assert doc.number_seq == 6


def test_garbage_cells_are_row_errors_not_crashes(people, district, login):
    """Impossible dates, over-long numbers and titles, a date in the future: each is
    reported with its line number, nothing is imported, and the page never fails."""
    row = GOOD[0]
    rows = [
        [row[0], row[1], "G00", "", dt.date(9999, 12, 31)] + [""] * 8,
        ["规" * 100, row[1], "G00", "", "2023-03-01"] + [""] * 8,
        ["区司法局规〔2022〕7号", "长" * 300, "G00", "", "2023-03-01"] + [""] * 8,
        ["区司法局规〔2022〕8号", "标题", "G00", "", "2023-03-01", "0001-01-01"] + [""] * 7,
        ["区司法局规〔2022〕9号", "标题", "G00", "", today() + dt.timedelta(days=3)] + [""] * 8,
    ]
    errors = importer.parse("x.xlsx", xlsx(rows)).errors
    text = "\n".join(errors)
    assert "第2行：“公布日期”超出可能的范围：9999-12-31" in text
    assert "第3行：“文号”不能超过64字" in text
    assert "第4行：“标题”不能超过200字" in text
    assert "第5行：“施行日期”超出可能的范围" in text
    assert "第6行：“公布日期”不能晚于今天" in text
    client = login(people["coordinator"])
    f = io.BytesIO(xlsx(rows))
    f.name = "坏文件.xlsx"
    r = client.post("/office/documents/import/", {"file": f})
    assert r.status_code == 400 and "第3行：“文号”不能超过64字" in r.content.decode()
    assert NormativeDocument.objects.count() == 0
    # A damaged file is named in Chinese, without the library's English error name.
    f = io.BytesIO(b"PK\x03\x04 damaged")
    f.name = "坏文件.xlsx"
    page = client.post("/office/documents/import/", {"file": f}).content.decode()
    assert "无法读取XLSX文件" in page and "BadZipFile" not in page
