"""Legality review in the demo district 示范区: a roster of twelve advisers and public
lawyers, their meetings, and three years (2023—2025) of reviews and government contracts,
sized so that the computed yearly figures match the district's published ones:

    legal.reviews               42, 46, 51   (non-contract reviews concluded)
    legal.agreements_reviewed   72, 78, 90   (contract reviews concluded)
    legal.opinions              81, 88, 100  (written opinion letters)
    legal.adviser_meetings      24, 26, 30

plus the matters still open at the demo's "today". Everything goes through the services
(full-process record, clocks); names of firms, companies and people are fictional.
Deterministic: only ``ctx.rng`` draws.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile

from fazhi.core.calendar import calendar
from fazhi.core.demo import AREA, unit_clerk
from fazhi.core.identifiers import make_uscc
from fazhi.core.registry import register_demo

from . import conf, services
from .models import AdviserParticipation, Contract, LegalAdviser, LegalReview

TARGETS = {
    # year: (non-contract reviews, contract reviews, written opinions, adviser meetings)
    2023: (42, 72, 81, 24),
    2024: (46, 78, 88, 26),
    2025: (51, 90, 100, 30),
}
# Non-contract reviews by kind, per year.
MIX = {
    2023: {"major_decision": 5, "normative_document": 9, "enforcement_decision": 11},
    2024: {"major_decision": 6, "normative_document": 10, "enforcement_decision": 12},
    # 2025: enforcement's own demo sends its six major 市场监管 cases for 法制审核 (the
    # balance step tops the year up to the district's figure if fewer conclude in 2025).
    2025: {"major_decision": 6, "normative_document": 10, "enforcement_decision": 7},
}
CONTRACT_RESUBMISSIONS = 2  # per year: unlawful first, amended and reviewed again

# name, kind, unit served, employer, phone, contract start, end, active
ADVISERS = [
    (
        "陈思远",
        "counsel",
        "G00",
        "示范区正衡律师事务所",
        "13800001201",
        (2023, 1, 1),
        (2025, 12, 31),
        True,
    ),
    (
        "林雅琴",
        "counsel",
        "G00",
        "示范区明理律师事务所",
        "13800001202",
        (2023, 1, 1),
        (2026, 12, 31),
        True,
    ),
    (
        "郭振华",
        "counsel",
        "G00",
        "示范区青石律师事务所",
        "13800001203",
        (2024, 1, 1),
        (2026, 12, 31),
        True,
    ),
    (
        "唐晓雯",
        "counsel",
        "G00",
        "示范区正衡律师事务所",
        "13800001204",
        (2022, 7, 1),
        (2024, 6, 30),
        False,
    ),
    (
        "罗俊峰",
        "counsel",
        "D13",
        "示范区明理律师事务所",
        "13800001205",
        (2023, 3, 1),
        (2026, 2, 28),
        True,
    ),
    (
        "彭丽华",
        "counsel",
        "D11",
        "示范区青石律师事务所",
        "13800001206",
        (2023, 1, 1),
        (2025, 12, 31),
        True,
    ),
    (
        "谢文涛",
        "counsel",
        "D34",
        "示范区衡平律师事务所",
        "13800001207",
        (2023, 6, 1),
        (2026, 5, 31),
        True,
    ),
    (
        "宋佳",
        "counsel",
        "T01",
        "示范区衡平律师事务所",
        "13800001208",
        (2023, 1, 1),
        (2025, 12, 31),
        True,
    ),
    ("曹立伟", "public_lawyer", "D08", "示范区司法局", "0999-6123401", (2021, 5, 1), None, True),
    ("邓雪", "public_lawyer", "D08", "示范区司法局", "0999-6123402", (2022, 9, 1), None, True),
    (
        "韩东",
        "public_lawyer",
        "D23",
        "示范区市场监督管理局",
        "0999-6123403",
        (2022, 3, 1),
        None,
        True,
    ),
    (
        "沈静",
        "public_lawyer",
        "D26",
        "示范区综合行政执法局",
        "0999-6123404",
        (2023, 4, 1),
        None,
        True,
    ),
]

MAJOR_DECISIONS = [
    ("D11", "《示范区国土空间总体规划（2021—2035年）》"),
    ("D13", "《示范区城市更新三年行动方案（2023—2025年）》"),
    ("D13", "《示范区城区停车设施专项规划》"),
    ("D03", "《示范区中小学校布局规划（2023—2030年）》"),
    ("D26", "《示范区生活垃圾分类实施方案》"),
    ("D19", "《示范区医疗卫生服务体系规划》"),
    ("D15", "《示范区城乡供水一体化实施方案》"),
    ("D07", "《示范区养老服务体系建设规划》"),
    ("D14", "《示范区综合交通运输发展规划》"),
    ("D18", "《示范区公共文化服务体系建设实施方案》"),
    ("D16", "《示范区农村人居环境整治提升五年行动方案》"),
    ("D11", "《示范区集体土地征收补偿安置办法》"),
    ("D14", "《示范区城区公交线网优化方案》"),
    ("D15", "《示范区防洪排涝体系建设方案》"),
    ("D29", "《示范区智慧城市建设总体规划》"),
    ("D18", "《示范区历史文化街区保护利用方案》"),
    ("D13", "《示范区老旧小区改造实施方案》"),
    ("D02", "《示范区产业园区标准化厂房建设方案》"),
]

NORMATIVE = [
    ("D07", "《示范区城乡最低生活保障实施办法》"),
    ("D16", "《示范区农村宅基地管理办法》"),
    ("D02", "《示范区促进民营经济高质量发展若干措施》"),
    ("D10", "《示范区人才引进和培育办法》"),
    ("D13", "《示范区住房租赁补贴管理办法》"),
    ("D26", "《示范区城市管理综合执法协作办法》"),
    ("D09", "《示范区惠企政策兑现管理办法》"),
    ("D18", "《示范区文化旅游消费券发放管理办法》"),
    ("D07", "《示范区残疾人两项补贴实施细则》"),
    ("D16", "《示范区农业产业化龙头企业扶持办法》"),
    ("D13", "《示范区建筑垃圾管理办法》"),
    ("D16", "《示范区农村集体经济组织资产管理办法》"),
    ("D02", "《示范区政府投资项目管理办法》"),
    ("D08", "《示范区行政执法公示办法》"),
    ("D07", "《示范区临时救助实施办法》"),
    ("D10", "《示范区创业担保贷款实施办法》"),
    ("D07", "《示范区殡葬管理办法》"),
    ("D03", "《示范区普惠性民办幼儿园认定和扶持办法》"),
    ("D13", "《示范区物业管理办法》"),
    ("D13", "《示范区公共租赁住房管理办法》"),
    ("D19", "《示范区家庭医生签约服务管理办法》"),
    ("D21", "《示范区安全生产举报奖励办法》"),
    ("D23", "《示范区市场主体信用分级分类监管办法》"),
    ("D25", "《示范区医疗保障基金监管办法》"),
    ("D05", "《示范区中小企业发展专项资金管理办法》"),
    ("D17", "《示范区促进消费若干措施》"),
    ("D14", "《示范区网络预约出租汽车管理实施细则》"),
    ("D36", "《示范区森林防火管理办法》"),
    ("D09", "《示范区政府购买服务管理办法》"),
    ("D20", "《示范区退役军人就业创业扶持办法》"),
]

ENFORCEMENT = [
    ("D23", "销售不符合食品安全标准的食品", "罚款并没收违法所得"),
    ("D23", "经营超过有效期的药品", "罚款并没收违法药品"),
    ("D23", "生产销售不合格电线电缆", "责令停产停业并处罚款"),
    ("D23", "发布虚假违法广告", "罚款"),
    ("D23", "未经许可从事特种设备生产", "罚款并没收违法所得"),
    ("D26", "未取得建设工程规划许可证进行建设", "限期拆除"),
    ("D26", "擅自占用城市绿地", "罚款"),
    ("D12", "超标排放大气污染物", "按日连续处罚"),
    ("D12", "未批先建建设项目", "责令停止建设并处罚款"),
    ("D11", "非法占用耕地建设厂房", "没收地上建筑物并处罚款"),
    ("D21", "未按规定开展安全生产风险辨识", "责令停产整顿并处罚款"),
    ("D19", "未取得医疗机构执业许可证开展诊疗活动", "没收药品器械并处罚款"),
    ("D14", "未取得道路运输经营许可擅自从事经营", "罚款"),
    ("D36", "擅自改变林地用途", "限期恢复并处罚款"),
]

OTHER_TOPICS = [
    "加快推进新型工业化",
    "进一步优化营商环境",
    "促进消费扩容提质",
    "加强耕地保护和改进占补平衡",
    "深化医药卫生体制改革",
    "推进数字政府建设",
    "加强基层应急管理能力建设",
    "支持企业稳岗扩岗",
    "进一步规范政府投资项目管理",
    "加强城市地下管线管理",
    "做好国有土地上房屋征收补偿工作",
    "推进农村集体经营性建设用地入市",
    "加快发展保障性租赁住房",
    "促进现代物流业发展",
    "推动文化旅游产业融合发展",
    "加强和改进行政复议工作",
    "全面推行证明事项告知承诺制",
    "加强政务诚信建设",
    "推进“一网通办”改革",
    "规范涉企行政检查",
    "健全矛盾纠纷多元化解机制",
    "加强农村饮水安全保障",
    "推进县域商业体系建设",
    "做好防汛抗旱工作",
]
OTHER_FORMS = ["实施意见", "若干措施", "工作方案", "通知"]

# title template, unit, category, amount range (万元), counterparty kind
CONTRACTS = [
    (
        "示范区城区停车设施建设运营合作协议（{year}年第{n}批）",
        "D13",
        "concession",
        (1800, 6800),
        "停车",
    ),
    ("示范区{town}农村生活污水处理设施运维服务合同", "D12", "service", (60, 260), "环保"),
    ("示范区{year}年度政务服务中心物业管理服务合同", "D28", "procurement", (120, 260), "物业"),
    ("示范区{town}老旧小区改造工程施工合同", "D13", "construction", (600, 2600), "建设"),
    ("示范区{park}项目投资协议", "D34", "investment", (20000, 150000), "投资"),
    ("示范区国有建设用地使用权出让合同（{plot}地块）", "D11", "land", (3000, 26000), "置业"),
    ("示范区{school}食堂食材配送服务合同", "D03", "procurement", (80, 320), "配送"),
    ("示范区{year}年度政府法律顾问服务合同", "D01", "service", (18, 40), "律所"),
    ("示范区{road}改造工程施工合同", "D14", "construction", (900, 4800), "路桥"),
    (
        "示范区城乡公交一体化特许经营协议（{year}年第{n}标段）",
        "D14",
        "concession",
        (3500, 9000),
        "公交",
    ),
    ("示范区{town}道路清扫保洁服务外包合同", "D26", "service", (150, 560), "环卫"),
    ("示范区{hospital}医疗设备采购合同", "D19", "procurement", (200, 1800), "医疗"),
    ("示范区{town}土地综合整治项目施工合同", "D11", "construction", (700, 3200), "建设"),
    ("示范区{year}年度森林防火巡护服务合同", "D36", "service", (40, 120), "林业"),
    ("示范区{asset}租赁合同", "D39", "land", (30, 260), "商贸"),
    ("示范区{town}政府购买居家养老服务合同", "D07", "service", (60, 240), "养老"),
    ("示范区{town}垃圾中转站运营服务合同", "D26", "service", (90, 380), "环卫"),
    (
        "示范区新能源汽车充电设施建设合作协议（{year}年第{n}批）",
        "D05",
        "concession",
        (800, 3600),
        "能源",
    ),
    ("示范区{park}标准化厂房代建协议", "D34", "investment", (6000, 32000), "建设"),
    ("示范区政务云服务采购合同（{year}年第{n}包）", "D29", "procurement", (260, 980), "科技"),
    ("示范区{town}高标准农田建设项目施工合同", "D16", "construction", (500, 2400), "建设"),
    ("示范区{school}校舍维修改造工程合同", "D03", "construction", (150, 900), "建设"),
    ("示范区{town}应急避难场所建设合同", "D21", "construction", (200, 1100), "建设"),
    ("示范区智慧城管平台运维服务合同（{year}年第{n}包）", "D26", "procurement", (180, 620), "科技"),
]
TOWNS = [
    "城关街道",
    "东城街道",
    "西城街道",
    "南湖街道",
    "北山镇",
    "青石镇",
    "柳河镇",
    "白云镇",
    "桃源乡",
    "石桥镇",
]
PARKS = [
    "高新技术产业园",
    "智能制造产业园",
    "现代物流园",
    "农产品加工园",
    "文旅融合示范园",
    "新材料产业园",
    "电子信息产业园",
    "医药健康产业园",
]
SCHOOLS = ["第一中学", "第二中学", "实验小学", "城关小学", "北山中学", "南湖幼儿园", "职业高级中学"]
ROADS = ["人民路", "建设路", "滨河大道", "文昌路", "北环路", "工业大道", "湖滨路", "青石路"]
HOSPITALS = ["区人民医院", "区中医院", "区妇幼保健院", "北山镇卫生院", "柳河镇卫生院"]
ASSETS = [
    "区属国有商铺（人民路段）",
    "区属国有仓储用房",
    "区属国有办公用房（建设路）",
    "区属农贸市场摊位",
    "区属国有厂房（工业大道）",
]
COMPANY_WORDS = [
    "恒远",
    "安泰",
    "鑫达",
    "华澜",
    "通达",
    "嘉禾",
    "永盛",
    "润泽",
    "宏图",
    "博远",
    "信诚",
    "汇泽",
    "瑞祥",
    "和畅",
    "锦程",
    "康宁",
    "同创",
    "正德",
    "顺捷",
    "海川",
]
DEPT_TOPICS = [
    "研究政府合同签订前的法律风险防控",
    "研究招商引资项目投资协议履约中的争议处理",
    "研究国有建设用地使用权出让中的法律问题",
    "研究行政执法案件的法律适用问题",
    "研究信访事项依法处理意见",
]
INDUSTRY = {
    "停车": "智慧停车运营有限公司",
    "环保": "环境科技有限公司",
    "物业": "物业服务有限公司",
    "建设": "建设工程有限公司",
    "投资": "产业发展有限公司",
    "置业": "置业有限公司",
    "配送": "农产品配送有限公司",
    "律所": "律师事务所",
    "路桥": "路桥工程有限公司",
    "公交": "公共交通有限公司",
    "环卫": "环境卫生服务有限公司",
    "医疗": "医疗器械有限公司",
    "林业": "林业服务有限公司",
    "商贸": "商贸有限公司",
    "养老": "养老服务有限公司",
    "能源": "新能源科技有限公司",
    "科技": "信息技术有限公司",
}

UNLAWFUL_REASONS = [
    "第六条规定的备案要求实质上增设了行政许可条件，违反《中华人民共和国行政许可法》"
    "第十六条第四款的规定，应予删除。",
    "第十二条对未按期改正的经营者处以罚款，属于行政规范性文件设定行政处罚，违反《中华人民"
    "共和国行政处罚法》第十六条的规定。",
    "草案要求外地企业在本区设立分支机构方可享受补贴，属于排除、限制竞争的内容，不符合"
    "公平竞争审查的有关规定。",
    "决策草案未经公众参与程序即送审，不符合《重大行政决策程序暂行条例》第十四条的规定，"
    "请依法履行程序后重新送审。",
]
UNLAWFUL_CONTRACT_REASONS = [
    "协议第九条约定由区政府承诺社会资本方固定投资回报，违反政府投资管理和规范政府与社会"
    "资本合作的有关规定，应予删除。",
    "合同约定以区政府名义为相对方融资提供担保，违反《中华人民共和国民法典》第六百八十三条"
    "第一款的规定。",
    "协议约定以返还土地出让价款方式给予优惠，违反国有土地使用权出让收支管理的有关规定。",
]
AMEND_REASONS = [
    "第三条适用范围表述不清，建议明确为“本区行政区域内”。\n第十条“从严从重处理”缺乏法律依据，"
    "建议删除。",
    "第七条规定的补贴申请材料过多，建议删减与审核无关的证明材料，落实证明事项告知承诺制。",
    "建议增加当事人陈述、申辩和申请行政复议、提起行政诉讼等救济途径的规定。",
    "缺少施行日期和有效期条款，建议增加“本办法自印发之日起施行，有效期5年”。",
    "第五条设定的审批环节无上位法依据，建议改为备案管理。",
]
AMEND_CONTRACT_REASONS = [
    "第八条违约责任约定不对等，建议增加相对方逾期履行的违约金条款。",
    "争议解决条款约定的仲裁机构名称不准确，建议予以规范。",
    "建议增加履约保证金条款，并明确知识产权及数据资料的归属。",
    "合同价款支付节点与财政预算安排不一致，建议按照预算批复调整。",
    "建议明确项目验收标准和验收程序，并约定质量保修期。",
]
RETURN_REASONS = [
    "请补充起草说明及制定依据",
    "请补充公平竞争审查意见",
    "请补充社会稳定风险评估报告",
    "请补充公众意见采纳情况说明",
    "请补充相对方资信证明及合同谈判记录",
    "请补充项目立项批复和预算安排文件",
]


def _draft(title: str) -> ContentFile:
    """The draft sent for review (送审稿), as a small text file: an opinion is given on the
    material reviewed (重大行政决策程序暂行条例 第26条), never on nothing."""
    name = title.replace("/", "-").strip("《》")[:80]
    return ContentFile(f"{title}\n（送审稿）\n".encode(), name=f"{name}（送审稿）.txt")


def _request(**kwargs):
    """A review requested with its draft attached."""
    return services.request_review(materials=[_draft(kwargs["title"])], **kwargs)


@dataclass
class Job:
    """One review to run: request → assign → (return → resubmit) → conclude."""

    kind: str
    unit: str
    title: str
    submitted: dt.date
    concluded: dt.date
    reviewer: str = "D08"
    returned: tuple[dt.date, dt.date, str] | None = None
    opinion: str = "lawful"
    reasons: str = ""
    written: bool = True
    early_reason: str = ""
    adviser: LegalAdviser | None = None
    contract: dict | None = None
    extra: dict = field(default_factory=dict)


def _workday(cal, d: dt.date) -> dt.date:
    return cal.next_workday(d)


def _schedule(
    ctx, cal, kind: str, year: int, *, returned=False, late=False, early=False, latest=330
):
    """(submitted, concluded, return) for a review concluded within ``year``."""
    rng = ctx.rng
    lo, hi = conf.min_working_days(kind), conf.max_working_days(kind)
    span = min(latest, 290 if returned else 330)
    start = dt.date(year, 1, 6) + dt.timedelta(days=rng.randrange(0, span))
    submitted = _workday(cal, start)
    k = hi + rng.randint(1, 2) if late else rng.randint(lo, min(hi, lo + 6))
    if early:
        k = max(1, lo - 2)
    ret = None
    pauses = []
    if returned:
        r_on = cal.add_working_days(submitted, rng.randint(1, 3)).due
        back = _workday(cal, r_on + dt.timedelta(days=rng.randint(4, 15)))
        ret = (r_on, back, rng.choice(RETURN_REASONS))
        pauses = [(r_on, back - dt.timedelta(days=1))]
    concluded = cal.add_working_days(submitted, k, pauses=pauses).due
    assert concluded.year == year, (kind, submitted, concluded)
    return submitted, concluded, ret


def _advisers(ctx) -> dict[str, list[LegalAdviser]]:
    by_unit: dict[str, list[LegalAdviser]] = {}
    for name, kind, unit, employer, phone, start, end, _active in ADVISERS:
        a = services.save_adviser(
            LegalAdviser(
                name=name,
                kind=kind,
                unit=ctx.units[unit],
                employer=employer,
                phone=phone,
                contract_start=dt.date(*start),
                contract_end=dt.date(*end) if end else None,
                active=True,
            ),
            ctx.users["coordinator"],
        )
        by_unit.setdefault(unit, []).append(a)
    return by_unit


def _serving(advisers: list[LegalAdviser], day: dt.date) -> list[LegalAdviser]:
    return [a for a in advisers if a.serving_on(day)]


def _participations(ctx, cal, year: int, n: int, advisers) -> None:
    rng = ctx.rng
    coord = ctx.users["coordinator"]
    meeting_no = 1
    days = sorted(
        _workday(cal, dt.date(year, 1, 8) + dt.timedelta(days=rng.randrange(0, 350)))
        for _ in range(n)
    )
    for day in days:
        roll = rng.random()
        if roll < 0.7:
            unit, meeting = "G00", f"区政府{year}年第{meeting_no}次常务会议"
            meeting_no += 1
            topic = f"审议《关于{rng.choice(OTHER_TOPICS)}的{rng.choice(OTHER_FORMS)}》"
            actor = coord
        elif roll < 0.8:
            unit, meeting = "G00", "区委全面依法治区委员会会议"
            topic = "研究年度法治政府建设重点任务"
            actor = coord
        else:
            unit = rng.choice(["D13", "D11", "D34", "T01"])
            meeting = f"{ctx.units[unit].display_name}党组（党工委）会议"
            topic = rng.choice(DEPT_TOPICS)
            actor = unit_clerk(ctx, unit)
        pool = _serving(advisers.get(unit, []), day) or _serving(advisers["G00"], day)
        services.record_participation(
            adviser=rng.choice(pool),
            date=day,
            meeting=meeting,
            topic=topic[:300],
            unit=ctx.units[unit],
            actor=actor,
        )


def _company(key: str, idx: int) -> tuple[str, str]:
    """A fictional counterparty; one name always has the same (valid) credit code."""
    w = idx % len(COMPANY_WORDS)
    k = list(INDUSTRY).index(key)
    if key == "律所":
        return f"示范区{COMPANY_WORDS[w]}律师事务所", make_uscc(
            "3", "1", AREA, f"LW{w:02d}{k:02d}00"
        )
    return f"示范区{COMPANY_WORDS[w]}{INDUSTRY[key]}", make_uscc(
        "9", "1", AREA, f"MC{w:02d}{k:02d}00"
    )


def _contract_title(ctx, template: str, year: int, seen: set[str]) -> str:
    """A title not used before; ``{n}`` counts the template's uses within the year."""
    rng = ctx.rng
    uses = sum(1 for t in seen if t.startswith(f"{year}|{template}|"))
    for _ in range(10):
        title = template.format(
            town=rng.choice(TOWNS),
            year=year,
            park=rng.choice(PARKS),
            school=rng.choice(SCHOOLS),
            road=rng.choice(ROADS),
            hospital=rng.choice(HOSPITALS),
            asset=rng.choice(ASSETS),
            plot=f"SF{year}-{rng.randint(1, 40):02d}",
            n="一二三四五六七八九十"[min(uses, 9)],
        )
        if title not in seen:
            break
    else:
        m = 2
        while f"{title}（第{m}包）" in seen:
            m += 1
        title = f"{title}（第{m}包）"
    seen.add(title)
    seen.add(f"{year}|{template}|{title}")
    return title


def _adviser_for(ctx, advisers, day: dt.date, required: bool = False) -> LegalAdviser | None:
    if required or ctx.rng.random() < 0.3:
        return ctx.rng.choice(_serving(advisers["G00"], day) + _serving(advisers["D08"], day))
    return None


def _core_jobs(ctx, cal, year: int, advisers, seen_titles: set[str]) -> list[Job]:
    """Major decisions, normative documents, enforcement decisions and contracts."""
    rng = ctx.rng
    nc, c, written, _ = TARGETS[year]
    mix = MIX[year]
    jobs: list[Job] = []
    offset = {2023: 0, 2024: 6, 2025: 12}[year]

    for i in range(mix["major_decision"]):
        unit, title = MAJOR_DECISIONS[(offset + i) % len(MAJOR_DECISIONS)]
        s, e, ret = _schedule(ctx, cal, "major_decision", year, returned=i == 1)
        adviser = _adviser_for(ctx, advisers, s, required=True)
        jobs.append(
            Job(
                "major_decision",
                unit,
                f"重大行政决策事项{title}",
                s,
                e,
                returned=ret,
                adviser=adviser,
            )
        )
    for i in range(mix["normative_document"]):
        unit, title = NORMATIVE[(offset * 2 + i) % len(NORMATIVE)]
        early = year == LIVE_YEAR and i == 0
        s, e, ret = _schedule(
            ctx,
            cal,
            "normative_document",
            year,
            returned=i in (2, 6),
            early=early,
            late=year == 2024 and i == 5,
        )
        job = Job("normative_document", unit, title, s, e, returned=ret)
        job.adviser = _adviser_for(ctx, advisers, s, required=early)
        if early:
            job.early_reason = (
                "区政府常务会议定于次日审议该文件，经区政府分管领导同意，"
                "在征询法律顾问意见后加急出具审核意见"
            )
        jobs.append(job)
    for i in range(mix["enforcement_decision"]):
        unit, act, decision = ENFORCEMENT[(offset + i) % len(ENFORCEMENT)]
        s, e, _ = _schedule(ctx, cal, "enforcement_decision", year)
        short = ctx.units[unit].display_name
        number = f"{short}立〔{year}〕{rng.randint(10, 290)}号"
        party = rng.choice(["商贸", "实业", "科技", "建设", "食品"])
        title = f"对某{party}有限公司{act}案拟作出{decision}决定（{number}）"
        reviewer = "D23" if unit == "D23" else "D08"
        jobs.append(Job("enforcement_decision", unit, title, s, e, reviewer=reviewer))
    # Opinions: two unlawful non-contract reviews a year, about a third amended.
    for j in rng.sample([j for j in jobs if j.kind != "enforcement_decision"], k=2):
        j.opinion, j.reasons = "unlawful", rng.choice(UNLAWFUL_REASONS)
    for j in jobs:
        if j.opinion == "lawful" and rng.random() < 0.35:
            j.opinion, j.reasons = "lawful_if_amended", rng.choice(AMEND_REASONS)

    # Contracts: c reviews = (c - resubmissions) contracts + resubmissions second reviews.
    count = c - CONTRACT_RESUBMISSIONS
    for i in range(count):
        template, unit, category, (lo, hi), key = CONTRACTS[i % len(CONTRACTS)]
        title = _contract_title(ctx, template, year, seen_titles)
        resub = i < CONTRACT_RESUBMISSIONS
        s, e, ret = _schedule(
            ctx, cal, "contract", year, returned=i in (5, 17, 40), latest=200 if resub else 330
        )
        name, uscc = _company(key, offset * 7 + i)
        info = {
            "title": title,
            "unit": unit,
            "category": category,
            "counterparty": name,
            "uscc": uscc,
            "amount": Decimal(rng.randint(lo * 100, hi * 100)) / 100,
            "registered": s - dt.timedelta(days=rng.randint(1, 12)),
        }
        job = Job("contract", unit, f"《{title}》", s, e, returned=ret, contract=info)
        jobs.append(job)
        if resub:
            job.opinion, job.reasons = "unlawful", rng.choice(UNLAWFUL_CONTRACT_REASONS)
            # Amended and sent again two to three weeks later.
            s2 = _workday(cal, e + dt.timedelta(days=rng.randint(14, 21)))
            e2 = cal.add_working_days(s2, rng.randint(5, 9)).due
            reasons = "已删除原审查意见指出的条款。\n" + rng.choice(AMEND_CONTRACT_REASONS)
            jobs.append(
                Job(
                    "contract",
                    unit,
                    f"《{title}》",
                    s2,
                    e2,
                    opinion="lawful_if_amended",
                    reasons=reasons,
                    contract=info,
                )
            )
        elif rng.random() < 0.35:
            job.opinion, job.reasons = "lawful_if_amended", rng.choice(AMEND_CONTRACT_REASONS)
    # Written opinions: every review but the countersigned (会签) lawful contract reviews,
    # as many as the year's figures leave over.
    lawful_contracts = [j for j in jobs if j.kind == "contract" and j.opinion == "lawful"]
    for j in rng.sample(lawful_contracts, k=nc + c - written):
        j.written = False
    return jobs


def _other_jobs(ctx, cal, year: int, advisers, n: int) -> list[Job]:
    """Other matters (区政府常务会议议题…), as many as the year still needs."""
    rng = ctx.rng
    topics = rng.sample(OTHER_TOPICS, k=min(len(OTHER_TOPICS), n))
    jobs = []
    for i in range(n):
        s, e, ret = _schedule(ctx, cal, "other", year, returned=i == 3)
        unit = "D01" if i % 3 else rng.choice(["D02", "D09", "D10", "D17", "D28"])
        if i < len(topics):
            title = f"区政府常务会议议题《关于{topics[i]}的{OTHER_FORMS[i % len(OTHER_FORMS)]}》"
        else:
            title = f"区政府{year}年第{i + 1}次常务会议纪要涉及的行政决定事项"
        job = Job("other", unit, title, s, e, returned=ret, adviser=_adviser_for(ctx, advisers, s))
        if rng.random() < 0.35:
            job.opinion, job.reasons = "lawful_if_amended", rng.choice(AMEND_REASONS)
        jobs.append(job)
    return jobs


def _run(ctx, job: Job, contracts: dict[str, Contract]) -> LegalReview:
    clerk = unit_clerk(ctx, job.unit)
    reviewer = ctx.users["scjg_legal" if job.reviewer == "D23" else "sfj_legal"]
    if job.contract is not None:
        info = job.contract
        contract = contracts.get(info["title"])
        if contract is None:
            contract = services.register_contract(
                unit=ctx.units[info["unit"]],
                title=info["title"],
                category=info["category"],
                counterparty=info["counterparty"],
                counterparty_uscc=info["uscc"],
                amount=info["amount"],
                actor=clerk,
                on=info["registered"],
            )
            contracts[info["title"]] = contract
        review = services.submit_contract(
            contract, actor=clerk, reviewer_unit=ctx.units["D08"], on=job.submitted
        )
    else:
        review = services.request_review(
            kind=job.kind,
            unit=ctx.units[job.unit],
            title=job.title,
            actor=clerk,
            reviewer_unit=ctx.units[job.reviewer],
            on=job.submitted,
            materials=[_draft(job.title)],
        )
    # The coordinator dispatches some matters; otherwise the reviewer takes the matter up
    # when giving the opinion (conclude records the assignee and the adviser).
    if job.returned or (job.reviewer == "D08" and ctx.rng.random() < 0.35):
        services.assign(
            review, assignee=reviewer, actor=ctx.users["coordinator"], adviser=job.adviser
        )
    if job.returned:
        r_on, back, reason = job.returned
        services.return_for_materials(review, reason=reason, actor=reviewer, on=r_on)
        services.resubmit(review, actor=clerk, note="已按要求补充材料", on=back)
    return services.conclude(
        review,
        opinion=job.opinion,
        reasons=job.reasons,
        actor=reviewer,
        on=job.concluded,
        early_reason=job.early_reason,
        written=job.written,
        adviser=job.adviser,
    )


def _import(ctx, year: int, jobs: list[Job]) -> None:
    """A year before the platform went live, loaded from the ledgers in one batch."""
    rng = ctx.rng
    reviewer = {"D08": ctx.users["sfj_legal"], "D23": ctx.users["scjg_legal"]}

    def row(job: Job) -> dict:
        r = {
            "reviewer_unit": ctx.units[job.reviewer],
            "title": job.title,
            "submitted_on": job.submitted,
            "concluded_on": job.concluded,
            "opinion": job.opinion,
            "reasons": job.reasons,
            "written": job.written,
            "adviser": job.adviser,
            "assignee": reviewer[job.reviewer],
            "early_reason": job.early_reason,
        }
        if job.contract is None:
            r.update(kind=job.kind, unit=ctx.units[job.unit])
        return r

    contracts: dict[str, dict] = {}
    for job in jobs:
        if job.contract is None:
            continue
        info = job.contract
        c = contracts.setdefault(
            info["title"],
            {
                "title": info["title"],
                "category": info["category"],
                "counterparty": info["counterparty"],
                "counterparty_uscc": info["uscc"],
                "amount": info["amount"],
                "unit": ctx.units[info["unit"]],
                "registered_on": info["registered"],
                "reviews": [],
            },
        )
        c["reviews"].append(row(job))
    for i, c in enumerate(contracts.values()):
        last = max(r["concluded_on"] for r in c["reviews"])
        signed = last + dt.timedelta(days=rng.randint(2, 20))
        done = min(signed + dt.timedelta(days=rng.randint(120, 360)), dt.date(2025, 12, 30))
        if year == 2023 and i == 7:
            c.update(
                state="terminated",
                completed_on=dt.date(2024, 9, 12),
                end_reason="相对方未按约定期限完成投资建设，经催告后仍未履行，依约解除",
            )
        elif year == 2023 or rng.random() < 0.6:
            c.update(state="completed", completed_on=done)
        else:
            c["state"] = "performing"
        c["signed_on"] = signed
    services.import_ledger(
        reviews=[row(j) for j in jobs if j.contract is None],
        contracts=list(contracts.values()),
        actor=ctx.users["coordinator"],
        source=f"区司法局{year}年度合法性审查台账、政府合同台账",
    )
    if year == 2024 and contracts:
        contract = Contract.objects.filter(registered_on__year=2024).order_by("pk")[11]
        clerk = unit_clerk(ctx, contract.unit.code)
        d = services.open_dispute(
            contract,
            description="相对方以工程量增加为由要求调增合同价款，双方对计量结果存在争议",
            actor=clerk,
            on=contract.signed_on + dt.timedelta(days=90),
        )
        services.resolve_dispute(
            d,
            outcome="经区法律顾问参与协商，委托第三方审计后按审定工程量结算，双方签订补充协议",
            actor=clerk,
            on=contract.signed_on + dt.timedelta(days=150),
        )


def _perform(ctx, contracts: list[Contract]) -> None:
    """Sign the live year's contracts once their review passed; milestones and disputes."""
    rng = ctx.rng
    for i, contract in enumerate(contracts):
        contract.refresh_from_db()
        review = contract.review
        if not review.passed:
            continue
        clerk = unit_clerk(ctx, contract.unit.code)
        signed = review.concluded_on + dt.timedelta(days=rng.randint(2, 20))
        services.sign_contract(contract, actor=clerk, on=signed)
        services.start_performance(contract, actor=clerk, on=signed + dt.timedelta(days=3))
        # 2025: milestones on the board; those already due are done (a few late).
        dues = sorted(signed + dt.timedelta(days=rng.randint(60, 420)) for _ in range(1 + (i % 2)))
        for k, due in enumerate(dues):
            title = ["完成项目进场及实施方案确认", "完成中期验收", "完成竣工（交付）验收"][
                k + (i % 2)
            ]
            ms = services.add_milestone(contract, title=title, due=due, actor=clerk)
            if due < ctx.today - dt.timedelta(days=10):
                late = rng.random() < 0.15
                on = due + dt.timedelta(days=rng.randint(1, 12) if late else -rng.randint(0, 5))
                services.complete_milestone(ms, actor=clerk, on=max(on, signed))
        if i in (9, 23):
            d = services.open_dispute(
                contract,
                description="相对方未按合同约定的服务标准履行，多次考核不合格，双方对扣减服务费存在争议"
                if i == 9
                else "项目用地范围内部分地块征收进度滞后，相对方要求顺延工期并承担停工损失",
                actor=clerk,
                on=min(signed + dt.timedelta(days=45), ctx.today),
            )
            if i == 9:
                services.resolve_dispute(
                    d,
                    outcome="经调解双方达成一致，按考核结果扣减服务费并限期整改",
                    actor=clerk,
                    on=min(signed + dt.timedelta(days=80), ctx.today),
                )


def _in_flight(ctx, cal, advisers) -> None:
    """What is still open at the demo's "today": on the deadline board."""
    t = ctx.today
    sfj = ctx.users["sfj_legal"]

    def day(n: int) -> dt.date:
        """The n-th working day before the demo's today."""
        d = t
        while n:
            d -= dt.timedelta(days=1)
            n -= cal.is_workday(d)
        return d

    r1 = _request(
        kind="major_decision",
        unit=ctx.units["D13"],
        title="重大行政决策事项《示范区城中村改造实施方案（2026—2028年）》",
        actor=unit_clerk(ctx, "D13"),
        on=day(7),
    )
    services.assign(r1, assignee=sfj, actor=ctx.users["coordinator"], adviser=advisers["G00"][1])
    r2 = _request(
        kind="normative_document",
        unit=ctx.units["D10"],
        title="《示范区高校毕业生就业创业补贴办法》",
        actor=unit_clerk(ctx, "D10"),
        on=day(9),
    )
    services.assign(r2, assignee=sfj, actor=sfj)
    services.return_for_materials(
        r2, reason="请补充公平竞争审查意见及资金来源说明", actor=sfj, on=day(5)
    )
    _request(
        kind="other",
        unit=ctx.units["D01"],
        title="区政府常务会议议题《关于加快发展银发经济的实施意见》",
        actor=unit_clerk(ctx, "D01"),
        on=day(1),
    )
    _request(
        kind="enforcement_decision",
        unit=ctx.units["D23"],
        title=f"对某食品有限公司生产经营添加非食用物质的食品案拟作出吊销许可证决定（区市场监管局立〔{t.year}〕21号）",
        actor=unit_clerk(ctx, "D23"),
        reviewer_unit=ctx.units["D23"],
        on=day(3),
    )
    clerk = unit_clerk(ctx, "D14")
    name, uscc = _company("公交", 11)
    c = services.register_contract(
        unit=ctx.units["D14"],
        title="示范区城乡客运班线公司化改造合作协议",
        category="concession",
        counterparty=name,
        counterparty_uscc=uscc,
        amount=Decimal("2680.00"),
        actor=clerk,
        on=day(8),
    )
    services.submit_contract(c, actor=clerk, on=day(6))
    clerk = unit_clerk(ctx, "D03")
    name, uscc = _company("配送", 12)
    services.register_contract(
        unit=ctx.units["D03"],
        title=f"示范区{t.year}年度中小学校课后服务采购合同",
        category="procurement",
        counterparty=name,
        counterparty_uscc=uscc,
        amount=Decimal("146.80"),
        actor=clerk,
        on=day(1),
    )
    # Withdrawn during 2025: the higher-level rule it relied on was being revised.
    w = _request(
        kind="normative_document",
        unit=ctx.units["D16"],
        title="《示范区土地经营权流转管理办法》",
        actor=unit_clerk(ctx, "D16"),
        on=dt.date(2025, 10, 13),
    )
    services.withdraw(
        w,
        reason="上位法《农村土地经营权流转管理办法》正在修订，暂缓制定",
        actor=unit_clerk(ctx, "D16"),
        on=dt.date(2025, 10, 20),
    )


LIVE_YEAR = 2025  # the platform went live this year; earlier years come from the ledgers


def _advisers_by_unit() -> dict[str, list[LegalAdviser]]:
    by_unit: dict[str, list[LegalAdviser]] = {}
    for a in LegalAdviser.objects.select_related("unit").order_by("pk"):
        by_unit.setdefault(a.unit.code, []).append(a)
    return by_unit


def _play(ctx, year: int, jobs: list[Job]) -> None:
    jobs = sorted(jobs, key=lambda j: (j.concluded, j.submitted))
    if year < LIVE_YEAR:
        _import(ctx, year, jobs)
        return
    contracts: dict[str, Contract] = {}
    for job in jobs:
        _run(ctx, job, contracts)
    _perform(ctx, list(contracts.values()))


@register_demo("legal", order=40)
def build(ctx) -> None:
    """Roster, contracts, decisions, documents and enforcement reviews, open matters."""
    cal = calendar()
    _advisers(ctx)
    advisers = _advisers_by_unit()
    seen: set[str] = set()
    for year in sorted(TARGETS):
        _play(ctx, year, _core_jobs(ctx, cal, year, advisers, seen))
    # The counsel whose term ended in mid-2024 leaves the active roster.
    leavers = {row[0] for row in ADVISERS if not row[7]}
    for a in LegalAdviser.objects.filter(name__in=leavers):
        a.active = False
        services.save_adviser(a, ctx.users["coordinator"])
    _in_flight(ctx, cal, advisers)


@register_demo("legal_balance", order=49)
def balance(ctx) -> None:
    """After the modules that send their records for review (decisions, documents…) and
    before the annual report: other matters and adviser meetings up to the district's
    yearly figures, whatever those modules added."""
    cal = calendar()
    advisers = _advisers_by_unit()
    for year, (nc, _, _, meetings) in sorted(TARGETS.items()):
        done = (
            LegalReview.objects.filter(state="concluded", concluded_on__year=year)
            .exclude(kind=LegalReview.Kind.CONTRACT)
            .count()
        )
        if nc > done:
            _play(ctx, year, _other_jobs(ctx, cal, year, advisers, nc - done))
        held = AdviserParticipation.objects.filter(date__year=year).count()
        if meetings > held:
            _participations(ctx, cal, year, meetings - held, advisers)
