"""XLSX import/export of an agency's power list and officers: every bad row is reported
with its line number and nothing is written; a clean sheet is written whole; re-importing
updates the rows already registered (same agency and 事项编码, same 执法证号) instead of
adding duplicates, each update on the record's full-process history."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.core.models import Deadline, Event
from fazhi.enforcement import importer_lists
from fazhi.enforcement.models import Officer, Power

pytestmark = pytest.mark.today(2025, 11, 10)

POWER_HEAD = ["事项编码", "事项名称", "事项类别", "设定依据", "承办机构", "列入法制审核目录"]
OFFICER_HEAD = [
    "姓名",
    "执法证号",
    "证件类型",
    "发证机关",
    "发证日期",
    "有效期至",
    "具有法律职业资格",
]


def xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(data: bytes, name="list.xlsx"):
    return SimpleUploadedFile(name, data, "application/octet-stream")


@pytest.fixture
def clerk(enf, people, login):
    return login(people["scjg_clerk"])


def test_bad_power_rows_are_reported_by_line_and_nothing_is_imported(enf, clerk):
    data = xlsx(
        [
            POWER_HEAD,
            [
                "330217101",
                "对未公示年报的处罚",
                "行政处罚",
                "《企业信息公示暂行条例》第十八条",
                "信用科",
                "否",
            ],
            ["330217102", "", "行政处罚", "某依据", "", ""],  # line 3: no name
            [],  # blank line 4 is skipped, numbering continues
            ["330217103", "对某行为的检查", "巡查", "某依据", "", ""],  # line 5: bad kind
            ["330217101", "重复编码", "行政检查", "某依据", "", "也许"],  # line 6: dup + bad flag
            ["330217001", "对无照经营行为的处罚（修改）", "行政处罚", "新依据", "", "是"],
        ]
    )
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/powers/import/"
    resp = clerk.post(url, {"file": upload(data)})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "第3行：“事项名称”不能为空" in body
    assert "第5行：“事项类别”应为" in body
    assert "第6行：事项编码“330217101”与第2行重复" in body
    assert "第6行：“列入法制审核目录”应填“是”或“否”" in body
    assert "第2行" not in body.replace("与第2行重复", "")
    assert "未导入任何数据" in body
    assert Power.objects.filter(agency=enf["scjg"]).count() == 3
    enf["power"].refresh_from_db()
    assert enf["power"].name == "对无照经营行为的处罚"


def test_power_reimport_updates_without_duplicates(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/powers/import/"
    exported = clerk.get(f"/office/enforcement/agencies/{enf['scjg'].pk}/powers.xlsx")
    assert exported.status_code == 200
    ws = load_workbook(io.BytesIO(exported.content)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == POWER_HEAD and len(rows) == 4
    # Edit one row, add one, leave the rest as exported.
    for r in rows[1:]:
        if r[0] == "330217001":
            r[1] = "对无照经营行为的处罚（2025年修订）"
            r[5] = "是"
    rows.append(["330217104", "对未亮照经营的处罚", "行政处罚", "《市场主体登记管理条例》", "", ""])
    resp = clerk.post(url, {"file": upload(xlsx(rows))})
    assert resp.status_code == 302
    powers = Power.objects.filter(agency=enf["scjg"])
    assert powers.count() == 4
    p = powers.get(code="330217001")
    assert (p.name, p.review_listed) == ("对无照经营行为的处罚（2025年修订）", True)
    ev = Event.objects.filter(record_type="enforcement.power", record_id=str(p.pk)).last()
    assert ev.action == "enforcement_power_update"
    # The same sheet again changes nothing and adds nothing.
    n = Event.objects.count()
    assert clerk.post(url, {"file": upload(xlsx(rows))}).status_code == 302
    assert powers.count() == 4 and Event.objects.count() == n


def test_not_an_xlsx_is_refused_in_chinese(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/powers/import/"
    resp = clerk.post(url, {"file": upload(b"code,name\n1,2\n", "list.csv")})
    assert resp.status_code == 400 and "请上传XLSX文件" in resp.content.decode()
    resp = clerk.post(url, {"file": upload(b"PK\x03\x04 broken")})
    assert resp.status_code == 400 and "无法读取XLSX文件" in resp.content.decode()
    resp = clerk.post(url, {"file": upload(xlsx([["名称", "依据"], ["a", "b"]]))})
    assert "第1行（表头）缺少列：事项编码" in resp.content.decode()
    resp = clerk.post(url, {})
    assert resp.status_code == 400 and "请选择要导入的XLSX文件" in resp.content.decode()


def test_bad_officer_rows_are_reported_by_line_and_nothing_is_imported(enf, clerk):
    data = xlsx(
        [
            OFFICER_HEAD,
            [
                "冯新人",
                "ZF2301101",
                "",
                "测试市人民政府",
                dt.date(2025, 3, 1),
                dt.date(2030, 2, 28),
                "否",
            ],
            ["陈无证", "", "", "测试市人民政府", "2025-03-01", "2030-02-28", ""],  # 3: no number
            ["褚日期", "ZF2301102", "", "测试市人民政府", "2025年13月1日", "2030-02-28", ""],  # 4
            ["卫倒挂", "ZF2301103", "", "测试市人民政府", "2025-03-01", "2024-02-28", ""],  # 5
            [
                "蒋街道",
                "ZF2302001",
                "",
                "测试市人民政府",
                "2024-01-10",
                "2028-01-09",
                "",
            ],  # 6: town's
            ["沈将来", "ZF2301104", "", "测试市人民政府", "2026-01-01", "2031-01-01", ""],  # 7
            ["韩世纪", "ZF2301105", "", "测试市人民政府", "2024-01-01", "9999-12-31", ""],  # 8
        ]
    )
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/officers/import/"
    resp = clerk.post(url, {"file": upload(data)})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "第3行：“执法证号”不能为空" in body
    assert "第4行：“发证日期”应为日期" in body
    assert "第5行：“有效期至”应晚于发证日期" in body
    assert "第6行：执法证号“ZF2302001”已登记在其他执法主体名下" in body
    assert "第7行：“发证日期”不能晚于今天" in body
    assert "第8行：“有效期至”超出可能的范围" in body
    assert "城关街道" not in body.split("检查发现")[1]  # the other agency is not named
    assert not Officer.objects.filter(certificate_number="ZF2301101").exists()
    assert Officer.objects.count() == 7


def test_officer_reimport_updates_without_duplicates(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/officers/import/"
    exported = clerk.get(f"/office/enforcement/agencies/{enf['scjg'].pk}/officers.xlsx")
    rows = [
        list(r)
        for r in load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True)
    ]
    assert rows[0][:7] == OFFICER_HEAD and len(rows) == 6
    for r in rows[1:]:
        if r[1] == "ZF2001009":  # 孙过期: the unit renews in its sheet
            r[4], r[5] = dt.datetime(2025, 3, 1), dt.datetime(2030, 2, 28)
    rows.append(
        [
            "冯新人",
            "zf2301101",
            "行政执法证",
            "测试市人民政府",
            "2025-03-01",
            "2030-02-28",
            "是",
            "2015-03-01",
        ]
    )
    resp = clerk.post(url, {"file": upload(xlsx(rows))})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert Officer.objects.filter(agency=enf["scjg"]).count() == 6
    new = Officer.objects.get(certificate_number="ZF2301101")
    assert new.legal_qualification and new.certified_since == dt.date(2015, 3, 1)
    renewed = Officer.objects.get(certificate_number="ZF2001009")
    assert renewed.valid_until == dt.date(2030, 2, 28)
    assert renewed.expiry_deadline.due_date == dt.date(2030, 2, 28)
    open_clocks = Deadline.objects.filter(
        record_type="enforcement.officer",
        record_id=str(renewed.pk),
        clock="enforcement.certificate",
    ).exclude(state__in=["done", "cancelled"])
    assert list(open_clocks) == [renewed.expiry_deadline]  # the old one is not left behind
    # the suspended officer's status is not the sheet's business ("状态" column ignored)
    assert Officer.objects.get(certificate_number="ZF2301005").status == "suspended"
    assert Event.objects.filter(
        record_type="enforcement.officer",
        record_id=str(renewed.pk),
        action="enforcement_officer_update",
    ).exists()
    n = Event.objects.count()
    assert clerk.post(url, {"file": upload(xlsx(rows))}).status_code == 302
    assert Officer.objects.filter(agency=enf["scjg"]).count() == 6 and Event.objects.count() == n


def test_import_is_streamed_read_only(enf, monkeypatch):
    """The sheet is opened read_only (rows streamed, never loaded whole)."""
    import openpyxl

    seen = {}
    real = openpyxl.load_workbook

    def spy(*a, **kw):
        seen.update(kw)
        return real(*a, **kw)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    result = importer_lists.parse_powers(enf["scjg"], xlsx([POWER_HEAD]))
    assert seen.get("read_only") is True and result.errors == []
