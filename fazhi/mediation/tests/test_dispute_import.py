"""Importing a township's 人民调解台账: all rows or none, every bad row named by its line
in Chinese, the same rules as the services; a second import updates, never duplicates."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.core.models import Deadline, Event
from fazhi.mediation.models import Dispute, DisputeParty
from fazhi.mediation.services.dispute_import import COLUMNS, import_disputes, read, template_rows

from .conftest import PERSON_A, PERSON_B

pytestmark = pytest.mark.django_db
D = dt.date
DAY = D(2025, 10, 20)
BODY = "城关街道人民调解委员会"

BASE = {"排查发现日期": "2025-09-01", "来源": "走访排查", "纠纷类型": "邻里纠纷",
        "申请方当事人": "王大山", "申请方证件号码": PERSON_A, "对方当事人": "李秀英",
        "对方证件号码": PERSON_B}  # fmt: skip
ROWS = [
    BASE | {"纠纷简要情况": "院墙排水", "调解组织": BODY, "受理调解日期": "2025-09-02",
            "调解员": "张玉兰", "调解结果": "调解成功", "调解终结日期": "2025-09-05",
            "协议形式": "书面", "调解协议书编号": "城关调〔2025〕1号", "协议内容": "改建排水沟",
            "协议涉及金额（元）": "800", "申请司法确认日期": "2025-10-09",
            "受理法院": "测试区人民法院"},
    BASE | {"纠纷简要情况": "借款纠葛", "纠纷类型": "合同纠纷", "调解组织": BODY,
            "受理调解日期": "2025-09-02", "调解员": "刘建华", "调解结果": "调解不成",
            "调解终结日期": "2025-09-20", "结果说明": "分歧大", "导入途径": "诉讼",
            "导入日期": "2025-09-22"},
    BASE | {"纠纷简要情况": "土地边界", "对方当事人": "某物业公司", "对方证件号码": "",
            "调解结果": "当事人拒绝调解", "调解终结日期": "2025-09-03", "结果说明": "不愿调解"},
    BASE | {"纠纷简要情况": "噪音扰民", "排查发现日期": "2025-10-10", "调解组织": BODY,
            "受理调解日期": "2025-10-11", "调解员": "张玉兰"},
]  # fmt: skip


def ledger(rows):
    return [(n, {COLUMNS[k]: v for k, v in r.items()}) for n, r in enumerate(rows, 2)]


def xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append([r.get(c, "") for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def csv_bytes(rows, encoding="utf-8-sig") -> io.BytesIO:
    import csv

    text = io.StringIO()
    w = csv.writer(text)
    w.writerow(list(COLUMNS))
    for r in rows:
        w.writerow([r.get(c, "") for c in COLUMNS])
    return io.BytesIO(text.getvalue().encode(encoding))


@pytest.fixture
def town(district, committee, at):
    at(DAY)
    return district["town"]


def test_xlsx_ledger_lands_with_states_clocks_and_events(town, people):
    result = import_disputes(read("台账.xlsx", xlsx(ROWS)), unit=town, actor=people["town_clerk"])
    assert result.errors == [] and (result.created, result.updated) == (4, 0)
    states = dict(Dispute.objects.values_list("summary", "state"))
    assert states == {"院墙排水": "settled", "借款纠葛": "escalated", "土地边界": "refused",
                      "噪音扰民": "mediating"}  # fmt: skip
    assert sorted(Dispute.objects.values_list("number", flat=True)) == [
        f"TJ20250000{i}" for i in range(1, 5)
    ]
    firm = DisputeParty.objects.get(name="某物业公司")
    assert firm.kind == "organisation"
    # The open mediation's clock runs (30 days from 10-11: 11-10); the written agreement was
    # taken to court in time, so no clock of 司法确认 is left running.
    open_one = Dispute.objects.get(summary="噪音扰民")
    assert open_one.deadline.due_date == D(2025, 11, 10) and open_one.deadline.state == "running"
    assert Deadline.objects.filter(clock="mediation.judicial_confirmation").count() == 0
    imported = Event.objects.filter(action="mediation_dispute_imported")
    assert imported.count() == 4 and imported.first().actor_name == "town_clerk"


def test_csv_in_gb18030_and_re_import_updates(town, people):
    clerk = people["town_clerk"]
    r1 = import_disputes(read("台账.csv", csv_bytes(ROWS, "gb18030")), unit=town, actor=clerk)
    assert r1.created == 4
    again = import_disputes(ledger(ROWS), unit=town, actor=clerk)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    later = [dict(r) for r in ROWS]
    later[0] |= {"回访日期": "2025-10-15", "协议已履行": "是", "回访情况": "已改建"}
    later[3] |= {"调解结果": "调解成功", "调解终结日期": "2025-10-18", "协议形式": "口头",
                 "协议内容": "晚十点后不再施工"}  # fmt: skip
    result = import_disputes(ledger(later), unit=town, actor=clerk)
    assert result.errors == [] and (result.created, result.updated, result.unchanged) == (0, 2, 2)
    assert Dispute.objects.count() == 4
    done = Dispute.objects.get(summary="噪音扰民")
    assert done.state == "settled" and done.deadline.state == "done"
    assert Dispute.objects.get(summary="院墙排水").performed is True
    assert Event.objects.filter(action="mediation_dispute_import_updated").count() == 2
    # By its number, a later ledger may correct the description.
    numbered = [later[3] | {"纠纷编号": done.number, "纠纷简要情况": "噪音扰民（夜间施工）"}]
    result = import_disputes(ledger(numbered), unit=town, actor=clerk)
    assert result.updated == 1
    assert Dispute.objects.get(pk=done.pk).summary == "噪音扰民（夜间施工）"


def test_every_bad_row_is_named_and_nothing_is_written(town, people):
    bad = [
        ROWS[0],
        BASE | {"纠纷简要情况": ""},
        BASE | {"纠纷简要情况": "a", "申请方证件号码": "110105199003071230"},
        BASE | {"纠纷简要情况": "b", "调解组织": BODY, "受理调解日期": "2025-09-02",
                "调解员": "甲", "调解结果": "调解成功", "调解终结日期": "2025-09-05"},
        BASE | {"纠纷简要情况": "c", "调解组织": "不存在的委员会", "受理调解日期": "2025-09-02",
                "调解员": "甲"},
        ROWS[0] | {"纠纷简要情况": "d", "调解协议书编号": "城关调〔2025〕2号",
                   "申请司法确认日期": "2025-10-10"},
        ROWS[1] | {"纠纷简要情况": "e", "回访日期": "2025-10-01", "协议已履行": "是",
                   "回访情况": "x"},
        BASE | {"纠纷简要情况": "f", "排查发现日期": "2025-10-21"},
        BASE | {"纠纷简要情况": "g", "纠纷类型": "打架"},
        ROWS[0],
        BASE | {"纠纷简要情况": "h", "调解组织": BODY, "受理调解日期": "2025-08-30",
                "调解员": "甲"},
    ]  # fmt: skip
    result = import_disputes(ledger(bad), unit=town, actor=people["town_clerk"])
    assert result.errors == [
        "第3行：“纠纷简要情况”不能为空",
        "第4行：第1个当事人（王大山）：居民身份证号码校验位应为9，实际为0。请逐位核对。",
        "第5行：调解成功的，请选择调解协议形式（书面或口头）",
        "第6行：没有名为“不存在的委员会”的调解组织（本单位、所辖村（社区）或区级的调解组织，请先登记）",
        "第7行：申请司法确认应当自调解协议生效之日起30日内提出（至2025-10-09），已超过期限"
        "（《人民调解法》第三十三条）",
        "第8行：只有调解成功的纠纷才回访协议履行情况",
        "第9行：排查发现日期不能晚于今天（2025-10-20）",
        "第10行：纠纷类型“打架”不在可选范围内（婚姻家庭纠纷、婚姻家庭、邻里纠纷、邻里、"
        "房屋宅基地纠纷、房屋宅基地、合同纠纷、合同、损害赔偿纠纷、损害赔偿、劳动争议（含欠薪）、"
        "物业纠纷、物业、医疗纠纷、医疗、道路交通事故纠纷、道路交通事故、山林土地纠纷、山林土地、"
        "征地拆迁纠纷、征地拆迁、消费纠纷、消费、生产经营纠纷、生产经营、其他纠纷、其他、劳动争议、欠薪）",
        "第11行：与第2行是同一件纠纷",
        "第12行：受理调解日期不能早于排查发现日期（2025-09-01）",
    ]
    assert Dispute.objects.count() == 0 and not Event.objects.filter(
        record_type="mediation.dispute").exists()  # fmt: skip


def test_a_ledger_may_not_contradict_the_record(town, people):
    clerk = people["town_clerk"]
    import_disputes(ledger(ROWS), unit=town, actor=clerk)
    before = list(Dispute.objects.order_by("pk").values())
    events = Event.objects.count()
    changed = [dict(r) for r in ROWS]
    changed[1] |= {"调解终结日期": "2025-09-21", "导入日期": "2025-09-22"}
    result = import_disputes(ledger(changed), unit=town, actor=clerk)
    assert result.errors == [
        "第3行：纠纷TJ202500002的调解终结日期已登记为“2025-09-20”，台账为“2025-09-21”，"
        "导入不能修改已登记的办理环节"
    ]
    stale = [dict(r) for r in ROWS]
    stale[3] = {
        k: v for k, v in stale[3].items() if k not in ("调解组织", "受理调解日期", "调解员")
    }
    import_disputes(ledger(ROWS[3:]), unit=town, actor=clerk)
    result = import_disputes(ledger(stale[3:]), unit=town, actor=clerk)
    assert result.errors == ["第2行：纠纷TJ202500004在平台上已是“调解中”，台账的记载落后于平台记录"]
    unknown = [BASE | {"纠纷编号": "TJ202599999", "纠纷简要情况": "x"}]
    result = import_disputes(ledger(unknown), unit=town, actor=clerk)
    assert result.errors == [
        "第2行：没有编号为TJ202599999的纠纷（新纠纷请将纠纷编号留空，由平台编号）"
    ]
    assert list(Dispute.objects.order_by("pk").values()) == before
    assert Event.objects.count() == events


def test_scope_header_and_command(town, people, district, tmp_path):
    with pytest.raises(PermissionDenied, match="只能办理本单位的矛盾纠纷"):
        import_disputes(ledger(ROWS), unit=town, actor=people["scjg_clerk"])
    missing = import_disputes(read("x.csv", io.BytesIO("纠纷编号,来源\n1,走访排查\n".encode())),
                              unit=town, actor=None)  # fmt: skip
    assert missing.errors == [
        "第1行缺少列：排查发现日期、纠纷类型、纠纷简要情况、申请方当事人、对方当事人（请使用导入模板）"
    ]
    assert import_disputes(read("x.doc", io.BytesIO(b"")), unit=town, actor=None).errors == [
        "请上传 XLSX 或 CSV 文件"
    ]
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx(ROWS).getvalue())
    out = io.StringIO()
    call_command("mediation", "import-disputes", str(path), "--unit", "T01", stdout=out)
    assert "已导入4行：新增4件，更新0件，未变0件" in out.getvalue()
    bad = tmp_path / "坏.csv"
    bad.write_bytes(csv_bytes([BASE | {"纠纷简要情况": ""}]).getvalue())
    with pytest.raises(CommandError, match="共1处错误，未导入任何纠纷"):
        call_command(
            "mediation", "import-disputes", str(bad), "--unit", "T01", stderr=io.StringIO()
        )
    assert template_rows()[0] == list(COLUMNS)


def test_ledger_numbers_and_live_confirmation_clock(town, people):
    """The ledger's own number is kept and names the dispute again; a written agreement of
    10-01 still has its 30 days on the import day (to 10-31), so its clock runs."""
    clerk = people["town_clerk"]
    row = ROWS[0] | {"纠纷编号": "城关调解台账2025-017", "调解终结日期": "2025-10-01",
                     "申请司法确认日期": "", "受理法院": ""}  # fmt: skip
    assert import_disputes(ledger([row]), unit=town, actor=clerk).created == 1
    d = Dispute.objects.get()
    assert d.number == "城关调解台账2025-017"
    assert (d.confirmation_deadline.due_date, d.confirmation_deadline.state) == (
        D(2025, 10, 31), "running",
    )  # fmt: skip
    applied = row | {"申请司法确认日期": "2025-10-15", "受理法院": "测试区人民法院"}
    result = import_disputes(ledger([applied]), unit=town, actor=clerk)
    assert (result.created, result.updated) == (0, 1)
    d.refresh_from_db()
    assert d.confirmation_applied_on == D(2025, 10, 15)
    assert d.confirmation_deadline.state == "done"
