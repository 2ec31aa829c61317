"""Org units: tree rules, import with row-level errors (all rows or none), pages."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from fazhi.core import services, unit_import
from fazhi.core.models import OrgUnit

HEADER = "编码,名称,简称,类型,上级编码,执法主体,别名\n"


def test_tree_rules(district, people):
    coord = people["coordinator"]
    with pytest.raises(ValidationError, match="上级单位应为"):
        services.save_unit(
            OrgUnit(code="X1", name="挂错的社区", kind="community", parent=district["sfj"]), coord
        )
    with pytest.raises(PermissionDenied):
        services.save_unit(
            OrgUnit(code="X2", name="新部门", kind="department", parent=district["gov"]),
            people["sfj_clerk"],
        )
    assert district["community"].path.startswith(district["town"].path)


def test_csv_import_all_rows(district, people):
    data = (
        HEADER + "D30,测试区统计局,区统计局,部门,G00,是,统计局\n"
        "T02,东城街道,,镇街,G00,否,\nT02C01,东城街道朝阳社区,朝阳社区,社区,T02,,\n"
    )
    result = unit_import.commit("units.csv", data.encode("utf-8-sig"), people["coordinator"])
    assert result.errors == []
    assert (result.created, result.updated) == (3, 0)
    assert OrgUnit.objects.get(code="T02C01").parent.code == "T02"
    assert OrgUnit.objects.get(code="D30").is_enforcement_agency


def test_csv_import_reports_each_bad_row_and_imports_nothing(district, people):
    data = (
        HEADER + "D30,测试区统计局,,部门,G00,是,\n"
        ",无编码单位,,部门,G00,否,\n"
        "D31,测试区审计局,,科室,G00,否,\n"
        "D32,测试区商务局,,部门,G99,否,\n"
        "D30,测试区重复局,,部门,G00,也许,\n"
    )
    result = unit_import.commit("units.csv", data.encode("gb18030"), people["coordinator"])
    text = "\n".join(result.errors)
    assert "第3行" in text and "“编码”不能为空" in text
    assert "第4行" in text and "科室" in text
    assert "第5行" in text and "G99" in text
    assert "第6行" in text and "与第2行重复" in text and "也许" in text
    assert not OrgUnit.objects.filter(code__in=["D30", "D31", "D32"]).exists()
    assert result.created == 0


def test_xlsx_import(district, people):
    wb = Workbook()
    ws = wb.active
    ws.append(["编码", "名称", "类型", "上级编码"])
    ws.append(["D40", "测试区林业局", "部门", "G00"])
    buf = io.BytesIO()
    wb.save(buf)
    result = unit_import.commit("units.xlsx", buf.getvalue(), people["coordinator"])
    assert result.errors == [] and result.created == 1


def test_import_missing_header_column(district, people):
    result = unit_import.parse("u.csv", "名称,类型\n某局,部门\n".encode())
    assert result.errors == ["第1行（表头）缺少列：编码"]


def test_import_pages_preview_then_confirm(district, people, login):
    client = login(people["coordinator"])
    f = io.BytesIO((HEADER + "D50,测试区投促局,,部门,G00,否,\n").encode())
    f.name = "units.csv"
    resp = client.post("/office/units/import/", {"file": f})
    assert resp.status_code == 200 and "确认导入" in resp.content.decode()
    assert not OrgUnit.objects.filter(code="D50").exists()
    resp = client.post("/office/units/import/", {"confirm": "1"})
    assert resp.status_code == 302
    assert OrgUnit.objects.filter(code="D50").exists()


def test_import_page_shows_line_errors(district, people, login):
    f = io.BytesIO((HEADER + "D50,,,部门,G00,否,\n").encode())
    f.name = "units.csv"
    resp = login(people["coordinator"]).post("/office/units/import/", {"file": f})
    assert resp.status_code == 400
    assert "第2行：“名称”不能为空" in resp.content.decode()


def test_import_page_forbidden_to_clerk(district, people, login):
    assert login(people["sfj_clerk"]).get("/office/units/import/").status_code == 403


def test_unit_form_keeps_input_on_error(district, people, login):
    resp = login(people["coordinator"]).post(
        "/office/units/new/",
        {
            "code": "C9",
            "name": "挂错的社区",
            "kind": "community",
            "parent": district["sfj"].pk,
            "sort_order": "0",
            "active": "on",
            "aliases": "我的别名",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "上级单位应为" in body and "我的别名" in body
