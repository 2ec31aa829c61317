"""干部名录: adding, correcting, leaving and importing a unit's directory; each refusal in
Chinese with nothing moved; the import names every bad row by its line and imports nothing,
and a second import updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from fazhi.core.locking import StaleEdit
from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.learning.models import Official
from fazhi.learning.services import officials as svc

from .study_data import session, staff  # noqa: F401

pytestmark = pytest.mark.today(2025, 11, 10)


def test_add_appends_its_event(district, people):
    o = svc.add_official(unit=district["scjg"], name="钱科员", post="科员", level="staff",
                         actor=people["scjg_clerk"])  # fmt: skip
    ev = Event.objects.filter(record_type="learning.official", record_id=str(o.pk)).get()
    assert ev.action == "learning_official_added" and "钱科员" in ev.summary


def test_add_refusals(district, people, staff):
    clerk = people["scjg_clerk"]
    unit = district["scjg"]
    with refused(ValidationError, "请填写姓名"):
        svc.add_official(unit=unit, name=" ", post="科员", actor=clerk)
    with refused(ValidationError, "请选择类别（党政主要负责人、领导班子成员或工作人员）"):
        svc.add_official(unit=unit, name="钱", post="科员", level="boss", actor=clerk)
    with refused(ValidationError, "本单位已有人员编号为“M002”的人员"):
        svc.add_official(unit=unit, name="钱", post="科员", staff_number="M002", actor=clerk)
    svc.add_official(unit=unit, name="钱", post="科员", actor=clerk)
    with refused(ValidationError, "本单位已有在岗人员“钱”，同名人员请填写人员编号以区分"):
        svc.add_official(unit=unit, name="钱", post="副科长", actor=clerk)
    with refused(ValidationError, "到岗日期不能晚于今天（2025-11-10），不能预先登记"):
        svc.add_official(unit=unit, name="冯", post="科员", joined_on=dt.date(2025, 11, 11),
                         actor=clerk)  # fmt: skip
    with refused(PermissionDenied, "只能办理本单位的干部名录"):
        svc.add_official(unit=district["sfj"], name="冯", post="科员", actor=clerk)


def test_update_is_refused_when_stale_and_by_another_unit(people, staff):
    o = staff["scjg_a"]
    clerk = people["scjg_clerk"]
    svc.update_official(o, name="孙科员", post="副科长", level="staff", staff_number="M002",
                        version=o.version, actor=clerk)  # fmt: skip
    with refused(
        StaleEdit, "你打开后，scjg_clerk 于 2025-11-10 10:00 修改了此记录（当前为第2版）。", o
    ) as info:
        svc.update_official(o, name="孙科员", post="科长", level="staff", version=1,
                            actor=clerk)  # fmt: skip
    assert info.value.version == 2
    with refused(PermissionDenied, "只能办理本单位的干部名录", o):
        svc.update_official(o, name="孙", post="科长", level="staff", actor=people["sfj_clerk"])


def test_leave_keeps_the_row_and_refuses_later_attendance(district, people, staff):
    o = staff["sfj_b"]
    clerk = people["sfj_clerk"]
    with refused(ValidationError, "离岗日期不能早于到岗日期", o):
        svc.leave(o, on=dt.date(2019, 12, 31), actor=clerk)
    svc.leave(o, on=dt.date(2025, 6, 30), actor=clerk)
    o.refresh_from_db()
    assert o.left_on == dt.date(2025, 6, 30) and Official.objects.filter(pk=o.pk).exists()
    with refused(ValidationError, "周科员已于2025-06-30离岗", o):
        svc.leave(o, on=dt.date(2025, 7, 1), actor=clerk)
    # before leaving: still on attendance; on or after the day: refused
    session(district["sfj"], [staff["sfj_a"], o], held_on=dt.date(2025, 6, 29), actor=clerk)
    with refused(ValidationError, "周科员已于2025-06-30离岗，不能登记"):
        session(district["sfj"], [staff["sfj_a"], o], held_on=dt.date(2025, 7, 2), actor=clerk)


def _csv(text: str):
    return svc.read_officials("名录.csv", io.BytesIO(text.encode("utf-8-sig")))


HEADER = "人员编号,姓名,职务,类别,到岗日期,离岗日期\n"


def test_import_all_or_nothing_with_every_bad_row_by_line(district, people, staff):
    before = Official.objects.count(), Event.objects.count()
    result = svc.import_officials(_csv(
        HEADER
        + "M101,钱一,科员,工作人员,2024-01-02,\n"
        + ",,科员,工作人员,,\n"  # line 3: no name
        + "M102,钱二,科员,处长,,\n"  # line 4: bad level
        + "M103,钱三,科员,工作人员,2026-01-01,\n"  # line 5: future
        + "M101,钱四,科员,工作人员,,\n"  # line 6: same number as line 2
        + "M105,钱五,科员,工作人员,2024-05-01,2024-04-01\n"  # line 7: left before joined
    ), unit=district["scjg"], actor=people["scjg_clerk"])  # fmt: skip
    assert result.errors == [
        "第3行：“姓名”不能为空",
        "第4行：类别“处长”应为党政主要负责人、领导班子成员、工作人员之一",
        "第5行：到岗日期不能晚于今天",
        "第6行：与第2行是同一人员",
        "第7行：离岗日期不能早于到岗日期",
    ]
    assert (Official.objects.count(), Event.objects.count()) == before


def test_import_missing_column_and_a_row_the_services_refuse(district, people, staff):
    result = svc.import_officials(svc.read_officials("x.csv", io.BytesIO("姓名,职务\n".encode())),
                                  unit=district["scjg"], actor=people["scjg_clerk"])  # fmt: skip
    assert result.errors == ["第1行缺少列：类别（请使用导入模板）"]
    with pytest.raises(PermissionDenied):
        svc.import_officials(_csv(HEADER), unit=district["sfj"], actor=people["scjg_clerk"])


def test_reimport_updates_by_number_or_name(district, people, staff):
    clerk = people["scjg_clerk"]
    first = svc.import_officials(_csv(
        HEADER + "M101,钱一,科员,工作人员,2024-01-02,\n" + ",钱二,科员,工作人员,,\n"
    ), unit=district["scjg"], actor=clerk)  # fmt: skip
    assert (first.created, first.errors) == (2, [])
    second = svc.import_officials(_csv(
        HEADER + "M101,钱一,副科长,工作人员,2024-01-02,\n" + ",钱二,科员,工作人员,,2025-10-31\n"
        + "M001,刘局长,局长,党政主要负责人,2020-01-06,\n"
    ), unit=district["scjg"], actor=clerk)  # fmt: skip
    assert (second.created, second.updated, second.unchanged, second.left) == (0, 1, 2, 1)
    assert Official.objects.get(unit=district["scjg"], staff_number="M101").post == "副科长"
    assert Official.objects.get(unit=district["scjg"], name="钱二").left_on == dt.date(2025, 10, 31)
    assert Official.objects.filter(unit=district["scjg"]).count() == 4


def test_import_xlsx_through_the_command(district, staff, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["人员编号", "姓名", "职务", "类别", "到岗日期"])
    ws.append(["T101", "冯干事", "干事", "工作人员", dt.datetime(2023, 3, 1)])
    ws.append([None, None, None, None, None])
    ws.append(["T102", "蒋副主任", "副主任", "领导班子成员", "2022-07-01"])
    path = tmp_path / "名录.xlsx"
    wb.save(path)
    out = io.StringIO()
    call_command("learning", "import-officials", str(path), "--unit", "T01", stdout=out)
    assert "新增2人" in out.getvalue()
    assert Official.objects.get(staff_number="T102").level == "leader"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "T103,,干事,工作人员,,\n", encoding="utf-8")
    from django.core.management.base import CommandError

    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何人员"):
        call_command("learning", "import-officials", str(bad), "--unit", "T01", stderr=err)
    assert "第2行：“姓名”不能为空" in err.getvalue()
