"""行政应诉 and 司法/检察建议 in the demo district 示范区: a year of court cases (31 instances,
dated back from the demo's today) against departments, the district government and a
township, on the causes a district sees (行政处罚、政府信息公开、征收补偿、行政许可、工伤认定、
强制拆除、行政协议…); most won, two lost (one appealed), some withdrawn, one mediated, two
dismissed, the newest still open; heads of the units appeared at most hearings (a few
with a stamped excuse); one answer filed late. Ten suggestions (3 司法建议, 7 检察建议), one
replied late, one reassigned, the newest still open.

Everything goes through the services (full-process record, clocks, files). Names of
people and firms are fictional. Deterministic: fixed tables, no random draws.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core.demo import evidence_pdf, unit_clerk
from fazhi.core.registry import register_demo

from .models import Case
from .services import litigation as lit_svc
from .services import suggestions as sug_svc

COURT = "示范区人民法院"
APPEAL_COURT = "示范市中级人民法院"

# (unit, cause, act, plaintiff, person?, days before today served, result, head at hearings)
# result: won / lost / withdrawn / mediated / rejected / None (open); heads: one letter per
# hearing, H = head appeared (role by position), S = staff with an excuse.
CASES = [
    (
        "D23",
        "行政处罚",
        "对无照经营罚款3万元的行政处罚决定",
        "示范区鑫源食品商行",
        False,
        360,
        "won",
        "H",
    ),
    ("D23", "行政处罚", "对销售过期食品没收违法所得并罚款的决定", "李建华", True, 340, "won", "H"),
    ("D26", "行政强制", "限期拆除违法建筑决定及强制拆除行为", "王秀英", True, 330, "lost", "SH"),
    ("D01", "政府信息公开", "政府信息公开申请答复（信息不存在）", "张志强", True, 322, "won", "H"),
    ("D11", "征收补偿", "集体土地征收补偿安置决定", "刘国庆", True, 315, "withdrawn", ""),
    ("D10", "工伤认定", "不予认定工伤决定书", "陈丽娟", True, 300, "won", "H"),
    ("G00", "征收补偿", "国有土地上房屋征收决定", "杨文博", True, 292, "won", "HH"),
    (
        "D28",
        "行政许可",
        "不予行政许可决定（食品经营许可）",
        "示范区晓东餐饮有限公司",
        False,
        280,
        "won",
        "H",
    ),
    ("D06", "行政处罚", "治安管理处罚决定（拘留五日）", "赵春燕", True, 270, "won", "H"),
    ("D13", "房屋征收", "房屋征收补偿决定", "黄立新", True, 262, "mediated", "H"),
    ("T05", "行政强制", "北山镇强制拆除违法建筑行为", "周明辉", True, 255, "won", "S"),
    (
        "D23",
        "行政处罚",
        "对虚假广告罚款的行政处罚决定",
        "示范区雪梅美容服务部",
        False,
        240,
        "withdrawn",
        "",
    ),
    (
        "D01",
        "政府信息公开",
        "政府信息公开申请答复（部分公开）",
        "吴振宇",
        True,
        230,
        "rejected",
        "H",
    ),
    (
        "D10",
        "工伤认定",
        "认定工伤决定书（用人单位起诉）",
        "示范区俊杰建材有限公司",
        False,
        222,
        "won",
        "H",
    ),
    ("D26", "行政处罚", "占道经营罚款决定", "徐淑芬", True, 210, "won", "H"),
    (
        "D11",
        "行政协议",
        "国有建设用地使用权出让合同解除行为",
        "示范区宏伟置业有限公司",
        False,
        200,
        "lost",
        "H",
    ),
    (
        "G00",
        "行政复议",
        "行政复议决定（维持，复议机关为共同被告）",
        "孙玉兰",
        True,
        190,
        "won",
        "H",
    ),
    (
        "D28",
        "行政许可",
        "撤销建设工程规划许可决定",
        "示范区佳琪物流有限公司",
        False,
        180,
        "won",
        "SH",
    ),
    (
        "D19",
        "行政处罚",
        "医疗机构违法执业罚款决定",
        "示范区家豪口腔诊所",
        False,
        170,
        "withdrawn",
        "",
    ),
    ("D07", "行政给付", "不予批准最低生活保障决定", "胡静怡", True, 160, "won", "H"),
    ("T01", "政府信息公开", "城关街道政府信息公开答复", "朱海燕", True, 150, "rejected", ""),
    (
        "D23",
        "行政处罚",
        "对产品质量不合格罚款的决定",
        "示范区秀英纺织有限公司",
        False,
        140,
        "won",
        "H",
    ),
    (
        "D13",
        "行政处罚",
        "建筑施工扬尘罚款决定",
        "示范区立新建筑工程有限公司",
        False,
        128,
        "withdrawn",
        "",
    ),
    ("D06", "行政处罚", "道路交通安全违法行为处罚决定", "高建华", True, 115, "won", "H"),
    ("D12", "行政处罚", "超标排放污染物罚款决定", "示范区明辉化工有限公司", False, 100, "won", "H"),
    ("D15", "行政处罚", "河道非法采砂罚款决定", "赵国庆", True, 90, "won", "H"),
    ("D01", "政府信息公开", "政府信息公开申请答复（不予公开）", "林志强", True, 80, "won", "S"),
    ("D11", "征收补偿", "征地补偿安置方案批复", "何国庆", True, 62, None, "H"),
    ("D26", "行政强制", "查封扣押经营工具行为", "郭晓东", True, 40, None, ""),
    (
        "D18",
        "行政许可",
        "不予批准营业性演出许可决定",
        "示范区文博文化传媒有限公司",
        False,
        20,
        None,
        "",
    ),
]
# The answer filed late (17 days after service, 行政诉讼法 第67条 gives 15).
LATE_ANSWER = 3
ROLES = ("principal", "deputy", "in_charge")
HEADS = {"principal": "局长", "deputy": "副局长", "in_charge": "副局长"}
EXCUSES = [
    ("official_duty", "当日参加区委常委会扩大会议，需本人汇报专项工作"),
    ("accident", "开庭途中遇交通事故受伤送医"),
    ("official_duty", "带队赴省厅参加防汛调度会议"),
    ("force_majeure", "暴雨红色预警，所在乡镇道路中断"),
]
REASONS = {
    "won": "被诉行政行为认定事实清楚，证据确凿，适用法律法规正确，符合法定程序，判决驳回原告的诉讼请求。",
    "lost": "被诉行政行为未履行告知陈述申辩权利的程序，违反法定程序，判决撤销，责令重新作出。",
    "withdrawn": "原告在审理期间申请撤诉，经审查符合法律规定，裁定准许撤诉。",
    "mediated": "经法院主持协调，双方就补偿数额达成一致，原告撤回起诉。",
    "rejected": "原告的起诉不符合法定起诉条件（不属于行政诉讼受案范围），裁定驳回起诉。",
}

# (kind, issuer, unit, subject, content, days before today received, due in days, reply
# after days (None: open), reassigned to)
SUGGESTIONS = [
    (
        "judicial",
        COURT,
        "D26",
        "规范强制拆除程序",
        "在强制拆除违法建筑前应依法催告、公告并听取当事人陈述申辩，避免程序违法。",
        300,
        60,
        40,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D23",
        "校园周边食品安全监管",
        "建议加强对辖区中小学校园周边食品经营者的日常监督检查，依法查处违法行为。",
        280,
        60,
        45,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D12",
        "饮用水水源地违法排污",
        "建议依法查处饮用水水源保护区内的违法排污行为并督促整改。",
        250,
        60,
        70,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D21",
        "加油站安全生产隐患",
        "建议对辖区加油站开展安全生产专项检查，消除重大事故隐患。",
        220,
        60,
        38,
        None,
    ),
    (
        "judicial",
        APPEAL_COURT,
        "G00",
        "提高行政机关负责人出庭应诉质量",
        "建议被诉行政机关负责人出庭时就实质性化解行政争议发表意见。",
        200,
        90,
        60,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D16",
        "耕地非农化整治",
        "建议对违法占用耕地建设的行为依法查处并恢复耕地原状。",
        180,
        60,
        50,
        "T05",
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D19",
        "医疗废物处置监管",
        "建议加强对基层医疗机构医疗废物分类收集和转运的监管。",
        140,
        60,
        55,
        None,
    ),
    (
        "judicial",
        COURT,
        "D10",
        "工伤认定调查程序",
        "建议工伤认定时全面调查核实事故经过，依法通知用人单位举证。",
        110,
        60,
        48,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "T01",
        "无障碍设施建设",
        "建议督促整改辖区公共场所无障碍设施被占用、损坏的问题。",
        60,
        60,
        None,
        None,
    ),
    (
        "procuratorial",
        "示范区人民检察院",
        "D14",
        "道路运输安全监管",
        "建议加强对“两客一危”车辆动态监控和企业安全主体责任落实的监督。",
        30,
        60,
        None,
        None,
    ),
]


def _on_or_before(day: dt.date, today: dt.date) -> bool:
    return day <= today


def _answer_files(number: str, unit_name: str) -> list:
    return [
        evidence_pdf(
            "答辩状.pdf",
            "行政答辩状",
            [f"案号：{number}", f"答辩人：{unit_name}", "请求依法驳回原告的诉讼请求。"],
        ),
        evidence_pdf(
            "证据目录.pdf",
            "证据及依据目录",
            ["一、立案审批表", "二、调查笔录", "三、告知书及送达回证", "四、决定书及送达回证"],
        ),
    ]


def _case(
    ctx, i: int, spec, today: dt.date, seq: dict, previous=None, recon=None, anchor=None
) -> None:
    """One court case served ``ago`` days before ``anchor`` (default today), taken as far
    as today allows."""
    code, cause, act, plaintiff, person, ago, res, heads = spec
    unit = ctx.units[code]
    clerk = unit_clerk(ctx, code)
    served = (anchor or today) - dt.timedelta(days=ago)
    year = served.year
    seq[year] = seq.get(year, 0) + 1
    appeal = previous is not None
    number = f"（{year}）示01行终{seq[year]}号" if appeal else f"（{year}）示0105行初{seq[year]}号"
    lit = lit_svc.register(
        unit=unit, court=APPEAL_COURT if appeal else COURT, number=number,
        instance="appeal" if appeal else "first", previous=previous,
        plaintiff_kind="person" if person else "organisation", plaintiff_name=plaintiff,
        cause=cause, act=act, served_on=served, actor=clerk,
        after_reconsideration=recon is not None or cause == "行政复议", reconsideration_case=recon,
        co_defendant=cause == "行政复议", disclosure_related=cause == "政府信息公开",
        head_summoned=cause in ("征收补偿", "房屋征收"),
    )  # fmt: skip
    filed = served + dt.timedelta(days=17 if i == LATE_ANSWER else 9 + i % 5)
    if filed > today:
        return
    lit_svc.file_answer(lit, on=filed, actor=clerk, attachments=_answer_files(number, unit.name))
    last = filed
    for n, who in enumerate(heads):
        held = served + dt.timedelta(days=45 + 30 * n + i % 7)
        if held > today:
            return
        if who == "H":
            role = ROLES[(i + n) % 3]
            lit_svc.record_hearing(
                lit, held_on=held, actor=clerk, head_appeared=True,
                head_name=f"{'王李张刘陈杨赵黄周吴'[i % 10]}{'建国志明海涛立军'[i % 4 * 2:i % 4 * 2 + 2]}",
                head_role=role, staff_names="法制科科长、业务科室负责人", lawyer_names="示范律师事务所律师",
            )  # fmt: skip
        else:
            kind, why = EXCUSES[i % len(EXCUSES)]
            lit_svc.record_hearing(
                lit, held_on=held, actor=clerk, head_appeared=False,
                staff_names="业务科室负责人、法制科工作人员", lawyer_names="示范律师事务所律师",
                excuse_kind=kind, excuse=why,
                explanation=evidence_pdf("负责人不能出庭情况说明.pdf", "负责人不能出庭的情况说明",
                                         [f"案号：{number}", why, f"（{unit.name}印章）"]),
            )  # fmt: skip
        last = held
    if res is None:
        return
    decided = last + dt.timedelta(days=20 + i % 9)
    if decided > today:
        return
    lit = lit_svc.record_result(lit, result=res, on=decided, reasons=REASONS[res], actor=clerk)
    return lit


@register_demo("litigation", order=48)
def build(ctx) -> None:
    """A year of court cases and suggestions ending with the demo year (the annual report's
    figures) and another ending today (the current year's work, some still open)."""
    today = ctx.today
    seq: dict[int, int] = {}
    # A case after reconsideration names a decided 复议 case against the government's
    # respondent when the demo has one (the reconsideration step builds them).
    recon = Case.objects.filter(decided_on__isnull=False).order_by("decided_on", "pk").first()
    anchors = [dt.date(ctx.year, 12, 20), today] if today.year > ctx.year else [today]
    for run, anchor in enumerate(anchors):
        done = {}
        for i, spec in enumerate(CASES):
            # The second year starts where the first ended: no year gets both runs.
            if run and anchor - dt.timedelta(days=spec[5]) <= anchors[0]:
                continue
            done[i] = _case(ctx, i, spec, today, seq, anchor=anchor,
                            recon=recon if spec[1] == "行政复议" else None)  # fmt: skip
        # The first lost case is appealed: the defendant's appeal, heard with its head, won.
        first = done.get(2)
        if first is not None and first.result_on:
            served = first.result_on + dt.timedelta(days=20)
            if served <= today:
                spec = ("D26", "行政强制", CASES[2][2], CASES[2][3], True, (today - served).days,
                        "won", "H")  # fmt: skip
                _case(ctx, len(CASES), spec, today, seq, previous=first)
        _suggestions(ctx, today, anchor, run, anchors[0] if run else None)


def _suggestions(ctx, today: dt.date, anchor: dt.date, run: int, after_day=None) -> None:
    for n, (kind, issuer, code, subject, content, ago, due_days, after, moved) in enumerate(
        SUGGESTIONS, start=1 + 100 * run
    ):
        received = anchor - dt.timedelta(days=ago)
        if after_day is not None and received <= after_day:
            continue  # the second year starts where the first ended
        clerk = unit_clerk(ctx, code)
        prefix = "示法建" if kind == "judicial" else "示检行建"
        s = sug_svc.register(
            unit=ctx.units[code], kind=kind, issuer=issuer,
            number=f"{prefix}〔{received.year}〕{n}号", received_on=received, subject=subject,
            content=content, actor=clerk,
            # Most letters state their date; the last two leave it to the rule (two months).
            reply_due_on=received + dt.timedelta(days=due_days) if n % 100 < 9 else None,
        )  # fmt: skip
        if moved:
            s = sug_svc.reassign(
                s, unit=ctx.units[moved], reason="违法占地位于北山镇辖区，属镇人民政府巡查整治职责",
                actor=ctx.users["coordinator"],
            )  # fmt: skip
            clerk = unit_clerk(ctx, moved)
        if after is None:
            continue
        on = received + dt.timedelta(days=after)
        if on > today:
            continue
        sug_svc.reply(
            s, on=on, text=f"收到建议后即组织专题研究，已完成整改并建立长效机制（{subject}）。",
            actor=clerk,
            attachment=evidence_pdf("回复函.pdf", f"关于{subject}的回复", [content, "已整改完毕。"]),
        )  # fmt: skip
