"""The entity pool import: every bad row reported by its line and nothing imported; a
re-import updates by 统一社会信用代码 without duplicates; CSV in GB18030 and XLSX; one
summary event per import."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.inspections import services as s
from fazhi.inspections.models import Entity

from .conftest import HEADER, csv_file, entity_rows, uscc

pytestmark = pytest.mark.today(2025, 11, 10)
ON = dt.date(2025, 11, 3)


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(insp, people):
    before = Entity.objects.count()
    good = entity_rows(3, start=100)
    bad_code = uscc(103)[:-1] + ("0" if uscc(103)[-1] != "0" else "1")
    lines = [
        good[0],  # line 2
        f"{bad_code},坏校验位商户,有限责任公司,餐饮,城关街道,B,存续\n",  # line 3
        good[1],  # line 4
        f"{uscc(104)},,有限责任公司,餐饮,城关街道,E,营业\n",  # line 5
        good[2],  # line 6
        good[0],  # line 7: the same code again
    ]
    with refused(ValidationError, "文件中有错误，未导入任何检查对象；请改正后重新导入") as info:
        s.import_entities(csv_file(lines), unit=insp["scjg"], actor=people["scjg_clerk"], on=ON)
    messages = info.value.messages
    assert messages[0].startswith("第3行：统一社会信用代码校验位应为")
    assert messages[1] == (
        "第5行：请填写名称；信用风险分类应为A、B、C、D之一，实际为“E”；"
        "登记状态应为存续、注销或吊销，实际为“营业”"
    )
    assert messages[2] == f"第7行：统一社会信用代码{uscc(100)}在文件中重复出现"
    assert len(messages) == 4
    assert Entity.objects.count() == before


def test_missing_columns_are_named(insp, people):
    f = io.BytesIO("统一社会信用代码,名称\n".encode())
    with refused(ValidationError, "第1行（表头）缺少列：主体类型、行业、所在区域、信用风险分类、登记状态。"
                 "应有列：统一社会信用代码、名称、主体类型、行业、所在区域、信用风险分类、登记状态"):  # fmt: skip
        s.import_entities(f, unit=insp["scjg"], actor=people["scjg_clerk"], on=ON)


def test_reimport_updates_by_code_without_duplicates(insp, people, settings):
    settings.FAZHI_INSPECTIONS_IMPORT_BATCH = 7  # several batches in a small file
    lines = entity_rows(40)
    lines[5] = lines[5].replace("测试商户005", "测试商户005（更名）")
    lines[12] = lines[12].replace(",B,存续", ",D,吊销")
    events = Event.objects.count()
    result = s.import_entities(
        csv_file(lines + entity_rows(3, start=40)),
        unit=insp["scjg"],
        actor=people["scjg_clerk"],
        on=ON,
    )
    assert (result.created, result.updated, result.unchanged) == (3, 2, 38)
    assert Entity.objects.count() == 42 + 3
    e5, e12 = insp["entity"](5), insp["entity"](12)
    assert e5.name == "测试商户005（更名）" and e5.updated_on == ON
    assert (e12.risk_class, e12.status) == ("D", "revoked")
    assert insp["entity"](6).updated_on == dt.date(2025, 6, 1)  # unchanged rows untouched
    ev = Event.objects.get(seq=Event.objects.order_by("-seq").first().seq)
    assert Event.objects.count() == events + 1  # one summary event, not one per row
    assert ev.action == "inspections_entities_import"
    assert ev.summary == "导入检查对象名录库（pool.csv）：新增3家，更新2家，未变38家"


def test_csv_in_gb18030_and_with_bom(insp, people):
    lines = entity_rows(2, start=300)
    result = s.import_entities(
        csv_file(lines, encoding="gb18030"), unit=insp["scjg"], actor=None, on=ON
    )
    assert result.created == 2
    assert insp["entity"](300).name == "测试商户300"
    assert insp["entity"](300).industry == "餐饮"
    result = s.import_entities(
        csv_file(entity_rows(1, start=310), encoding="utf-8-sig"),
        unit=insp["scjg"],
        actor=None,
        on=ON,
    )
    assert result.created == 1 and insp["entity"](310).region == "城关街道"
    # As a view receives it: an uploaded file, GB18030, with progress reported.
    upload = SimpleUploadedFile(
        "名录库.csv", csv_file(entity_rows(3, start=320), encoding="gb18030").getvalue(), "text/csv"
    )
    seen = []
    result = s.import_entities(upload, unit=insp["scjg"], actor=None, on=ON, progress=seen.append)
    assert result.created == 3 and insp["entity"](322).name == "测试商户322"
    assert seen == [3]


def test_xlsx(insp, people):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for line in entity_rows(2, start=400):
        ws.append(line.strip().split(","))
    ws.append([uscc(402), "第四行商户", "个体", "零售", "城关街道", "Z", "存续"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "名录.xlsx"
    with refused(ValidationError, "第4行：信用风险分类应为A、B、C、D之一，实际为“Z”"):
        s.import_entities(buf, unit=insp["scjg"], actor=None, on=ON)
    ws.delete_rows(4)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = s.import_entities(buf, unit=insp["scjg"], actor=None, on=ON)
    assert result.created == 2 and insp["entity"](401).risk_class == "A"


def test_another_units_clerk_cannot_import(insp, people):
    with refused(PermissionDenied, "只能办理本单位的检查对象名录库"):
        s.import_entities(
            csv_file(entity_rows(1, start=500)),
            unit=insp["scjg"],
            actor=people["town_clerk"],
            on=ON,
        )
    # A code kept by another department is not taken over by a re-import.
    with refused(ValidationError, f"第2行：统一社会信用代码{uscc(1)}由其他单位维护，不能导入"):
        s.import_entities(
            csv_file(entity_rows(1, start=1)), unit=insp["town"], actor=people["town_clerk"], on=ON
        )
