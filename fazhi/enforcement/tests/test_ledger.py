"""Importing an agency's case ledger: every bad row reported by its line and nothing
written; a clean file written whole, each case with its own full-process record; the same
file again updates instead of duplicating; a case handled on the platform is never
overwritten; another unit's clerk cannot import into 市场监管局's agency."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.core import events
from fazhi.enforcement.importer_cases import read
from fazhi.enforcement.models import Case, Party
from fazhi.enforcement.services.ledger import COLUMNS, import_cases

from .conftest import SHOP

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 4, 15)]
HEAD = list(COLUMNS)


def row(n, **kw):
    base = {
        "案号": f"区市场监管局罚〔2024〕{n}号",
        "执法主体": "测试区市场监督管理局",
        "案件类别": "行政处罚",
        "程序": "普通程序",
        "案由": f"第{n}号无照经营案",
        "当事人类型": "法人或其他组织",
        "当事人": "测试区好邻居便利店",
        "证件号码": SHOP["uscc"],
        "执法事项编码": "330217001",
        "立案日期": "2024-03-04",
        "决定日期": "2024-04-18",
        "处理结果": "给予行政处罚",
        "罚款（元）": "5000",
        "没收（元）": "",
        "决定书文号": f"区市场监管局罚决〔2024〕{n}号",
        "送达日期": "2024-04-19",
        "结案日期": "2024-05-10",
        "重大执法决定": "否",
        "法制审核通过日期": "",
    }
    base.update(kw)
    return [base[h] for h in HEAD]


def xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def run(rows, actor=None, source="2024年执法台账"):
    return import_cases(read("台账.xlsx", xlsx(rows)), actor=actor, source=source)


def test_a_clean_ledger_is_imported_whole_with_a_record_per_case(enf, people):
    result = run([row(i) for i in range(1, 6)], actor=people["scjg_clerk"])
    assert result.errors == [] and (result.created, result.updated) == (5, 0)
    case = Case.objects.get(number="区市场监管局罚〔2024〕3号")
    assert case.stage == "closed" and case.fine == 5000 and case.source == "2024年执法台账"
    assert case.parties.get().uscc == SHOP["uscc"]
    problems = [p for p in events.verify_states() if "enforcement.case" in p.message]
    assert problems == []


def test_every_bad_row_is_reported_by_line_and_nothing_is_imported(enf, people):
    rows = [
        row(1),
        row(2, 证件号码="91110105MA01234561"),  # line 3: check digit
        row(3, 决定日期="2026-05-01"),  # line 4: future
        row(4, 程序="简易程序", **{"罚款（元）": "5000"}),  # line 5: above the summary limit
        row(5, 执法主体="不存在的执法局"),  # line 6
        row(1),  # line 7: duplicate number
        row(6, 处理结果="首违不罚"),  # line 8: exempt with a fine
        row(7, 送达日期="2024-04-01"),  # line 9: served before decided
    ]
    result = run(rows, actor=people["scjg_clerk"])
    lines = [e.split("：", 1)[0] for e in result.errors]
    assert lines == ["第3行", "第4行", "第5行", "第6行", "第7行", "第8行", "第9行"], result.errors
    assert "统一社会信用代码" in result.errors[0]
    assert "不能晚于今天" in result.errors[1]
    assert "简易程序" in result.errors[2]
    assert "未登记" in result.errors[3]
    assert "重复" in result.errors[4]
    assert "不能有罚没金额" in result.errors[5]
    assert "送达日期不能早于决定日期" in result.errors[6]
    assert Case.objects.count() == 0 and Party.objects.count() == 0


def test_reimport_updates_instead_of_duplicating(enf, people):
    run([row(1), row(2)], actor=people["scjg_clerk"])
    result = run([row(1, **{"罚款（元）": "8000"}), row(2), row(3)], actor=people["scjg_clerk"])
    assert (result.created, result.updated) == (1, 2)
    assert Case.objects.count() == 3
    assert Case.objects.get(number="区市场监管局罚〔2024〕1号").fine == 8000
    assert Party.objects.count() == 3
    assert [p for p in events.verify_states() if "enforcement.case" in p.message] == []


def test_a_platform_case_is_never_overwritten(enf, people, open_penalty):
    import datetime as dt

    case = open_penalty(dt.date(2026, 3, 2))
    result = run([row(1, 案号=case.number)], actor=people["scjg_clerk"])
    assert result.errors == [f"第2行：案号{case.number}已在平台办理，不能用台账覆盖"]
    case.refresh_from_db()
    assert case.source == "" and case.stage == "filed"


def test_another_units_clerk_cannot_import_into_the_agency(enf, people):
    result = run([row(1)], actor=people["town_clerk"])
    assert result.errors == ["第2行：无权导入测试区市场监督管理局的案件"]
    assert Case.objects.count() == 0


def test_a_header_without_required_columns_is_refused(enf):
    wb = Workbook()
    wb.active.append(["案号", "案由"])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    with pytest.raises(Exception, match="缺少列"):
        list(read("x.xlsx", out))


def test_csv_in_gb18030_is_read(enf, people):
    text = ",".join(HEAD) + "\n" + ",".join(str(v) for v in row(1)) + "\n"
    result = import_cases(
        read("台账.csv", io.BytesIO(text.encode("gb18030"))),
        actor=people["scjg_clerk"],
        source="台账",
    )
    assert result.created == 1


def test_the_command_imports_and_refuses_with_the_line_numbers(enf, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([row(1), row(2)]).getvalue())
    call_command("enforcement", "import", str(good), "--source", "2024年执法台账")
    out = capsys.readouterr()
    assert "新增2件" in out.out
    assert "写入 [" in out.err
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([row(3), row(4, 案件类别="行政奖励")]).getvalue())
    with pytest.raises(CommandError, match="未导入任何案件"):
        call_command("enforcement", "import", str(bad), "--source", "2024年执法台账")
    assert "第3行" in capsys.readouterr().err
    assert Case.objects.count() == 2
