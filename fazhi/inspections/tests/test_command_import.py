"""``fazhi inspections import-entities``: a file streamed through import_entities with a
progress bar; every bad row reported by its line and nothing imported; an unreadable file
or an unknown unit refused in Chinese with exit status 1."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.core.models import Event
from fazhi.inspections.models import Entity

from .conftest import HEADER, entity_rows, uscc

pytestmark = pytest.mark.today(2025, 11, 10)


def write_csv(path, lines):
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("inspections", "import-entities", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_with_progress_and_a_summary(district, tmp_path):
    path = write_csv(tmp_path / "pool.csv", entity_rows(12))
    events = Event.objects.count()
    out, err = run(path, "--unit", "D23")
    assert out.startswith(
        "已导入测试区市场监督管理局的检查对象名录库：新增12家，更新0家，未变0家（共12行"
    )
    assert "导入 [##############################] 12/12 行" in err
    assert Entity.objects.filter(unit=district["scjg"]).count() == 12
    assert Event.objects.count() == events + 1

    # Without --unit: the unit that keeps the pool; a re-import updates by code.
    lines = entity_rows(12)
    lines[3] = lines[3].replace(",A,存续", ",D,存续")
    out, _ = run(write_csv(tmp_path / "again.csv", lines + entity_rows(2, start=12)))
    assert "新增2家，更新1家，未变11家（共14行" in out
    assert Entity.objects.get(uscc=uscc(3)).risk_class == "D"


def test_an_xlsx_file_is_imported(district, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for line in entity_rows(5):
        ws.append(line.strip().split(","))
    path = tmp_path / "pool.xlsx"
    wb.save(path)
    out, err = run(str(path), "--unit", "D23")
    assert "新增5家" in out
    assert "5/5 行" in err
    assert Entity.objects.count() == 5


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(
    district, tmp_path, settings, capsys
):
    settings.FAZHI_INSPECTIONS_IMPORT_BATCH = 2  # the bar moves on while only checking
    good = entity_rows(6)
    bad_code = uscc(50)[:-1] + ("0" if uscc(50)[-1] != "0" else "1")
    lines = [
        good[0],  # line 2
        f"{bad_code},坏校验位商户,有限责任公司,餐饮,城关街道,B,存续\n",  # line 3
        good[1],  # line 4
        f"{uscc(51)},第五行商户,有限责任公司,餐饮,城关街道,E,存续\n",  # line 5
        *good[2:],  # lines 6–9
    ]
    events = Event.objects.count()
    with pytest.raises(CommandError) as info:
        call_command("inspections", "import-entities", write_csv(tmp_path / "bad.csv", lines),
                     "--unit", "D23")  # fmt: skip
    err = capsys.readouterr().err
    assert "第3行：统一社会信用代码校验位应为" in err
    assert "第5行：信用风险分类应为A、B、C、D之一，实际为“E”" in err
    assert "6/8 行" in err  # after line 3 the rest is only checked: the bar still moves
    assert str(info.value) == "共2行有错误，未导入任何检查对象；请改正后重新导入"
    assert info.value.returncode == 1
    assert Entity.objects.count() == 0
    assert Event.objects.count() == events


def test_each_bad_line_is_written_out(district, tmp_path, capsys):
    lines = entity_rows(4)
    lines[1] = lines[1].replace("测试商户001", "")  # line 3
    lines[3] = lines[3].replace(",存续", ",歇业")  # line 5
    with pytest.raises(CommandError):
        call_command("inspections", "import-entities", write_csv(tmp_path / "b.csv", lines),
                     "--unit", "D23")  # fmt: skip
    err = capsys.readouterr().err
    assert "第3行：请填写名称" in err
    assert "第5行：登记状态应为存续、注销或吊销，实际为“歇业”" in err
    assert "4/4 行" in err  # the progress bar reached the end of the file
    assert Entity.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.csv", "找不到文件："),
        (b"PK\x03\x04 not really a workbook", "pool.xlsx", "无法读取该XLSX文件，请确认文件未损坏"),
        ("统一社会信用代码,名称\n".encode(), "pool.csv", "第1行（表头）缺少列：主体类型"),
        (HEADER.encode(), "pool.csv", "文件中没有检查对象（只有表头）"),
        (b"", "pool.csv", "文件是空的"),
    ],
)
def test_an_unreadable_file_is_refused_in_chinese(district, tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as info:
        run(str(path), "--unit", "D23")
    assert str(info.value).startswith(message), str(info.value)
    assert info.value.returncode == 1
    assert Entity.objects.count() == 0


def test_the_unit_must_exist_and_an_empty_pool_needs_one(district, tmp_path):
    path = write_csv(tmp_path / "pool.csv", entity_rows(2))
    with pytest.raises(CommandError, match="没有编码为X99的单位"):
        run(path, "--unit", "X99")
    with pytest.raises(CommandError, match="请用 --unit 指定维护检查对象名录库的单位编码"):
        run(path)
    assert Entity.objects.count() == 0
