"""Normative documents in the demo district.

- 46 existing documents entered as imported records (2016—2024): the older ones without a
  有效期, two from 2019 that have since expired (the expiry command runs at the end), and
  those of 2023 and 2024 with their legality review and 备案 dates.
- 12 documents that went through the platform: two at the end of 2024 and ten in 2025 —
  eight published and filed (one filed late, one asked to correct, one still under 备案
  review), one approved at a 常务会议 and waiting for its 文号, one out for public comment
  now. One 2025 document repeals an older one, another amends one.
- The 2025 cleanup campaign: 43 documents, 35 继续有效, 6 废止, 2 失效, published.

Figures that follow: documents.reviewed 10 / 11 / 9 (2023 / 2024 / 2025), documents.filed
9 / 10 / 8, cleaned 43 in 2025.

Everything goes through this app's services; the sibling apps through their interfaces,
except that the demo back-dates (as the decisions demo does): past consultations are
opened, answered and summarised, and past legality requests filed and concluded, with
the siblings' own services — their interfaces take no date, and the 司法局's reviewer
and the drafting units act there as they would in those modules' pages. The one
consultation still open is placed around the real today.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.utils import timezone

from fazhi.core.demo import unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import NormativeDocument
from .rules import add_years

# (issuer, drafting unit, 文号, title, published, scope phrase); no 有效期 before 2019.
OLD = [
    (
        "G00",
        "D07",
        "示政发〔2016〕21号",
        "示范区城乡最低生活保障实施办法",
        "2016-06-12",
        "城乡最低生活保障",
    ),
    (
        "G00",
        "D13",
        "示政发〔2016〕35号",
        "示范区城市房屋拆迁补偿安置暂行办法",
        "2016-09-20",
        "城市房屋拆迁补偿安置",
    ),
    (
        "G00",
        "D26",
        "示政办发〔2017〕8号",
        "示范区城区占道经营管理规定",
        "2017-03-15",
        "城区占道经营管理",
    ),
    (
        "D23",
        "D23",
        "示市监发〔2017〕12号",
        "示范区食品小作坊登记管理办法",
        "2017-05-10",
        "食品小作坊登记管理",
    ),
    (
        "G00",
        "D16",
        "示政发〔2017〕40号",
        "示范区农村土地承包经营权流转管理办法",
        "2017-08-01",
        "农村土地承包经营权流转",
    ),
    (
        "D18",
        "D18",
        "示文广发〔2017〕6号",
        "示范区网吧管理暂行规定",
        "2017-10-09",
        "互联网上网服务营业场所管理",
    ),
    (
        "G00",
        "D14",
        "示政办发〔2018〕3号",
        "示范区出租汽车经营权有偿使用管理办法",
        "2018-01-22",
        "出租汽车经营权有偿使用",
    ),
    (
        "G00",
        "D09",
        "示政发〔2018〕11号",
        "示范区政府投资项目管理办法",
        "2018-03-30",
        "政府投资项目管理",
    ),
    (
        "D03",
        "D03",
        "示教体发〔2018〕9号",
        "示范区民办幼儿园收费管理办法",
        "2018-05-16",
        "民办幼儿园收费管理",
    ),
    (
        "G00",
        "D21",
        "示政办发〔2018〕27号",
        "示范区安全生产举报奖励办法",
        "2018-07-05",
        "安全生产举报奖励",
    ),
    (
        "G00",
        "D11",
        "示政发〔2018〕30号",
        "示范区集体土地征收补偿标准",
        "2018-09-14",
        "集体土地征收补偿",
    ),
    (
        "D19",
        "D19",
        "示卫计发〔2018〕15号",
        "示范区计划生育奖励扶助实施办法",
        "2018-11-02",
        "计划生育奖励扶助",
    ),
]
# Cleanup outcomes of the old ones that do not stay in force.
OLD_ENDS = {
    "示政发〔2016〕21号": ("repeal", "省民政厅已出台最低生活保障审核确认办法，本办法已被替代"),
    "示政发〔2016〕35号": ("repeal", "《城市房屋拆迁管理条例》已废止，本办法失去上位法依据"),
    "示政发〔2017〕40号": ("repeal", "与修正后的《中华人民共和国农村土地承包法》不一致"),
    "示政办发〔2018〕3号": ("repeal", "出租汽车经营权有偿使用已按国家规定停止实施"),
    "示教体发〔2018〕9号": ("repeal", "所涉收费项目已取消，收费标准改由价格主管部门核定"),
    "示卫计发〔2018〕15号": ("repeal", "国家生育政策调整，原奖励扶助规定已不适应"),
    "示文广发〔2017〕6号": ("expire", "相关管理事项已由上级主管部门统一规定，本规定不再适用"),
    "示政发〔2018〕30号": ("expire", "补偿标准已被省政府公布的征地区片综合地价取代"),
}

# Since 2019: (issuer, unit, 文号, title, published, scope, reviewed, filed, filing outcome)
RECENT = [
    (
        "G00",
        "D10",
        "区政府规〔2019〕2号",
        "示范区创业担保贷款实施办法",
        "2019-04-01",
        "创业担保贷款",
        25,
        12,
        "passed",
    ),
    (
        "D17",
        "D17",
        "区商务局规〔2019〕1号",
        "示范区电子商务进农村专项资金管理暂行办法",
        "2019-06-10",
        "电子商务进农村专项资金管理",
        20,
        15,
        "passed",
    ),
    (
        "G00",
        "D07",
        "区政府规〔2021〕3号",
        "示范区临时救助实施办法",
        "2021-08-16",
        "临时救助",
        30,
        14,
        "passed",
    ),
    (
        "G00",
        "D19",
        "区政府规〔2021〕5号",
        "示范区基层医疗卫生机构绩效考核办法",
        "2021-09-01",
        "基层医疗卫生机构绩效考核",
        21,
        9,
        "passed",
    ),
    (
        "G00",
        "D28",
        "区政府规〔2021〕7号",
        "示范区政务服务“一窗受理”工作规定",
        "2021-10-20",
        "政务服务综合窗口受理",
        18,
        20,
        "passed",
    ),
    (
        "D15",
        "D15",
        "区水利局规〔2021〕1号",
        "示范区河道采砂管理办法",
        "2021-05-10",
        "河道采砂管理",
        26,
        11,
        "passed",
    ),
    (
        "D36",
        "D36",
        "区林业局规〔2021〕1号",
        "示范区森林防火管理办法",
        "2021-11-15",
        "森林防火",
        22,
        16,
        "passed",
    ),
    (
        "G00",
        "D20",
        "区政府规〔2021〕9号",
        "示范区退役军人就业创业扶持办法",
        "2021-12-10",
        "退役军人就业创业扶持",
        19,
        13,
        "passed",
    ),
    (
        "G00",
        "D13",
        "区政府规〔2022〕2号",
        "示范区公共租赁住房保障管理办法",
        "2022-03-18",
        "公共租赁住房保障",
        28,
        10,
        "passed",
    ),
    (
        "G00",
        "D29",
        "区政府规〔2022〕4号",
        "示范区政务数据共享管理办法",
        "2022-05-06",
        "政务数据共享",
        24,
        18,
        "passed",
    ),
    (
        "G00",
        "D25",
        "区政府规〔2022〕6号",
        "示范区城乡居民医疗保险门诊统筹实施办法",
        "2022-06-20",
        "城乡居民医疗保险门诊统筹",
        23,
        8,
        "passed",
    ),
    (
        "D23",
        "D23",
        "区市场监管局规〔2022〕1号",
        "示范区农贸市场食品安全监督管理办法",
        "2022-07-11",
        "农贸市场食品安全监督管理",
        20,
        12,
        "passed",
    ),
    (
        "G00",
        "D02",
        "区政府规〔2022〕9号",
        "示范区重点项目建设管理办法",
        "2022-08-29",
        "重点项目建设管理",
        27,
        15,
        "passed",
    ),
    (
        "D14",
        "D14",
        "区交通运输局规〔2022〕1号",
        "示范区农村公路养护管理办法",
        "2022-10-12",
        "农村公路养护",
        17,
        21,
        "passed",
    ),
    (
        "G00",
        "D04",
        "区政府规〔2022〕12号",
        "示范区科技创新券管理办法",
        "2022-11-25",
        "科技创新券",
        22,
        11,
        "passed",
    ),
    (
        "G00",
        "D26",
        "区政府规〔2023〕1号",
        "示范区城市管理综合执法协作办法",
        "2023-02-20",
        "城市管理综合执法协作",
        24,
        13,
        "passed",
    ),
    (
        "G00",
        "D09",
        "区政府规〔2023〕2号",
        "示范区区级财政专项资金管理办法",
        "2023-03-15",
        "区级财政专项资金管理",
        30,
        9,
        "passed",
    ),
    (
        "G00",
        "D13",
        "区政府规〔2023〕3号",
        "示范区既有住宅加装电梯实施办法",
        "2023-04-10",
        "既有住宅加装电梯",
        26,
        17,
        "passed",
    ),
    (
        "G00",
        "D07",
        "区政府规〔2023〕4号",
        "示范区养老服务补贴发放管理办法",
        "2023-05-22",
        "养老服务补贴发放",
        21,
        12,
        "passed",
    ),
    (
        "D12",
        "D12",
        "区生态环境分局规〔2023〕1号",
        "示范区重污染天气应急管控实施办法",
        "2023-06-08",
        "重污染天气应急管控",
        19,
        14,
        "passed",
    ),
    (
        "G00",
        "D16",
        "区政府规〔2023〕5号",
        "示范区高标准农田建设管护办法",
        "2023-07-19",
        "高标准农田建设管护",
        25,
        10,
        "passed",
    ),
    (
        "D10",
        "D10",
        "区人社局规〔2023〕1号",
        "示范区就业见习管理办法",
        "2023-08-30",
        "就业见习管理",
        20,
        16,
        "passed",
    ),
    (
        "G00",
        "D03",
        "区政府规〔2023〕6号",
        "示范区普惠性民办幼儿园认定管理办法",
        "2023-09-25",
        "普惠性民办幼儿园认定管理",
        28,
        11,
        "passed",
    ),
    (
        "G00",
        "D11",
        "区政府规〔2023〕7号",
        "示范区城乡建设用地增减挂钩实施办法",
        "2023-10-31",
        "城乡建设用地增减挂钩",
        23,
        19,
        "passed",
    ),
    (
        "D21",
        "D21",
        "区应急局规〔2023〕1号",
        "示范区安全生产约谈实施办法",
        "2023-12-05",
        "安全生产约谈",
        18,
        None,
        "",
    ),
    (
        "G00",
        "D28",
        "区政府规〔2024〕1号",
        "示范区工程建设项目审批制度改革实施办法",
        "2024-01-18",
        "工程建设项目审批",
        12,
        14,
        "passed",
    ),
    (
        "G00",
        "D17",
        "区政府规〔2024〕2号",
        "示范区促进消费若干措施",
        "2024-02-27",
        "促进消费",
        20,
        12,
        "passed",
    ),
    (
        "D25",
        "D25",
        "区医保局规〔2024〕1号",
        "示范区医疗保障定点医药机构管理办法",
        "2024-03-20",
        "医疗保障定点医药机构管理",
        24,
        10,
        "corrected",
    ),
    (
        "G00",
        "D19",
        "区政府规〔2024〕3号",
        "示范区家庭医生签约服务管理办法",
        "2024-04-16",
        "家庭医生签约服务",
        22,
        15,
        "passed",
    ),
    (
        "G00",
        "D15",
        "区政府规〔2024〕4号",
        "示范区农村饮水安全工程运行管理办法",
        "2024-05-28",
        "农村饮水安全工程运行管理",
        25,
        13,
        "passed",
    ),
    (
        "D32",
        "D32",
        "区人防办规〔2024〕1号",
        "示范区人民防空工程建设管理办法",
        "2024-06-24",
        "人民防空工程建设管理",
        19,
        17,
        "passed",
    ),
    (
        "G00",
        "D34",
        "区政府规〔2024〕5号",
        "示范区招商引资项目全流程服务办法",
        "2024-07-15",
        "招商引资项目全流程服务",
        21,
        11,
        "passed",
    ),
    (
        "G00",
        "D26",
        "区政府规〔2024〕6号",
        "示范区户外广告设施设置管理办法",
        "2024-08-20",
        "户外广告设施设置管理",
        26,
        18,
        "passed",
    ),
    (
        "D31",
        "D31",
        "区民宗局规〔2024〕1号",
        "示范区少数民族流动人口服务管理办法",
        "2024-09-10",
        "少数民族流动人口服务管理",
        20,
        None,
        "",
    ),
]

ROAD_BODY = """第一条 为了加强城市道路临时占用管理，保障城市道路完好和通行安全，根据《城市道路管理条例》等法律法规，结合本区实际，制定本办法。
第二条 本办法适用于本区城市建成区范围内城市道路（含人行道）的临时占用及其监督管理。
第三条 区综合行政执法局负责城市道路临时占用的监督管理工作。区住房和城乡建设、公安交通管理、市场监督管理等部门按照各自职责做好相关工作。各街道办事处协助做好辖区内的日常巡查。
第四条 因建设施工、抢险维修、公益活动等确需临时占用城市道路的，应当依照《城市道路管理条例》的规定办理审批手续，并按照批准的位置、面积、期限占用。
第五条 临时占用城市道路的，应当设置明显的安全警示标志和围挡，保持周边环境整洁，不得堆放易燃易爆、有毒有害物品。
第六条 临时占用期满或者因故提前结束占用的，占用人应当及时清理现场，恢复道路原状，并通知区综合行政执法局验收。
第七条 区综合行政执法局应当建立临时占用道路信息公开制度，在区政府门户网站公开审批事项、办理流程、办理时限和投诉渠道。
第八条 违反本办法规定的，由区综合行政执法局依照《城市道路管理条例》等法律法规的规定处理。
第九条 本办法自公布之日起30日后施行，有效期5年。《示范区城区占道经营管理规定》中有关临时占用道路的内容与本办法不一致的，以本办法为准。"""


def _body(scope: str, lead: str, published: dt.date | None, years: int | None) -> str:
    start = (
        f"{published.year}年{published.month}月{published.day}日起施行"
        if published
        else "公布之日起30日后施行"
    )
    tail = f"，有效期{years}年。" if years else "。"
    return (
        f"第一条 为了规范{scope}工作，保障公民、法人和其他组织的合法权益，根据有关法律法规和"
        f"上级规定，结合本区实际，制定本办法。\n"
        f"第二条 本办法适用于本区行政区域内的{scope}及其监督管理活动。\n"
        f"第三条 {lead}负责全区{scope}的组织实施和监督管理；有关部门和各镇（街道）按照各自职责"
        f"做好相关工作。\n"
        f"第四条 {scope}应当遵循依法、公开、公平、便民的原则，办事程序、办理时限和监督电话"
        f"应当向社会公开。\n"
        f"第五条 {lead}应当建立{scope}工作台账，加强信息共享，定期开展检查评估，"
        f"及时发现和纠正工作中的问题。\n"
        f"第六条 工作人员在{scope}工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。\n"
        f"第七条 本办法自{start}" + tail
    )


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class _Siblings:
    """Back-dated calls into the legal and consultation apps (see the module docstring)."""

    def __init__(self):
        from fazhi.consultation import interface as consultation_interface
        from fazhi.consultation import services as consultation
        from fazhi.legal import interface as legal_interface
        from fazhi.legal import services as legal

        self.consultation, self.consultation_interface = consultation, consultation_interface
        self.legal, self.legal_interface = legal, legal_interface

    def opener(self, today: dt.date):
        def open_(**kwargs):
            c = self.consultation.create_draft(**kwargs)
            return self.consultation.open_draft(c, actor=kwargs["actor"], today=today)

        return open_

    def requester(self, on: dt.date):
        return functools.partial(self.legal.request_review, on=on)

    def finish(self, doc, clerk, comments, closes: dt.date, n: int) -> None:
        c = self.consultation_interface.consultation_for(doc)
        for i, (body, response, reason) in enumerate(comments):
            day = c.opens_on + dt.timedelta(days=3 + 6 * i)
            x = self.consultation.submit_comment(
                c, body=body, client_address=f"198.51.100.{(n * 11 + i) % 250 + 1}", now=_at(day, 9)
            )
            self.consultation.moderate(x, publish=True, actor=clerk, now=_at(day, 16))
            self.consultation.respond(
                x, response=response, reason=reason, actor=clerk, now=_at(closes, 15)
            )
        self.consultation.close(c, actor=clerk, today=closes + dt.timedelta(days=1))
        self.consultation.generate_summary(c, actor=clerk, now=_at(closes + dt.timedelta(days=2)))
        self.consultation.publish_summary(c, actor=clerk, today=closes + dt.timedelta(days=3))

    def conclude(self, doc, reviewer, on: dt.date, amended: bool) -> dt.date:
        review = self.legal_interface.latest_review(doc)
        on = max(on, self.legal.earliest_conclusion(review))
        self.legal.conclude(
            review,
            opinion="lawful_if_amended" if amended else "lawful",
            reasons="删除草案中要求申请人另行提交无法定依据的证明材料的规定；明确部门职责分工。"
            if amended
            else "",
            actor=reviewer,
            on=on,
        )
        return on


COMMENTS = [
    (
        "建议明确占道施工围挡的最低高度和夜间警示灯要求，保障行人安全。",
        "adopted",
        "",
    ),
    (
        "建议审批结果在网站上公开，方便周边居民了解施工期限。",
        "adopted",
        "",
    ),
    (
        "建议对小微企业免收相关费用。",
        "not_adopted",
        "本办法不设定收费事项，收费问题不属于本办法调整范围。",
    ),
    (
        "希望补贴申请能在网上办理，减少跑腿。",
        "partly",
        "已增加网上申请渠道，纸质申请保留。",
    ),
]

# The documents that went through the platform:
# (issuer, unit, title, scope, start, comments, exempt, amended opinion, filing, extra)
# filing: (days after publication, outcome) ; extra: what it does to an older document.
LIFECYCLE = [
    (
        "G00",
        "D13",
        "示范区住宅小区物业服务管理办法",
        "住宅小区物业服务",
        "2024-08-05",
        2,
        False,
        False,
        (20, "passed"),
        None,
    ),
    (
        "D21",
        "D21",
        "示范区突发事件应急物资储备管理办法",
        "突发事件应急物资储备",
        "2024-09-02",
        1,
        False,
        True,
        (16, "passed"),
        None,
    ),
    (
        "G00",
        "D26",
        "示范区城市道路临时占用管理办法",
        "城市道路临时占用",
        "2025-01-06",
        3,
        False,
        True,
        (12, "passed"),
        None,
    ),
    (
        "G00",
        "D16",
        "示范区农村集体经济组织财务管理暂行办法",
        "农村集体经济组织财务管理",
        "2025-01-20",
        1,
        False,
        False,
        (15, "passed"),
        None,
    ),
    (
        "G00",
        "D07",
        "示范区城乡居民临时救助实施细则",
        "城乡居民临时救助",
        "2025-03-03",
        2,
        False,
        False,
        (10, "passed"),
        ("repeal", "区政府规〔2021〕3号"),
    ),
    (
        "D18",
        "D18",
        "示范区文化旅游消费券发放管理办法",
        "文化旅游消费券发放",
        "2025-02-17",
        2,
        False,
        False,
        (52, "passed"),
        None,
    ),
    (
        "G00",
        "D13",
        "关于修改《示范区公共租赁住房保障管理办法》的决定",
        "公共租赁住房保障",
        "2025-04-07",
        0,
        True,
        False,
        (14, "corrected"),
        ("amend", "区政府规〔2022〕2号"),
    ),
    (
        "G00",
        "D26",
        "示范区建筑垃圾处置管理办法",
        "建筑垃圾处置",
        "2025-05-12",
        2,
        False,
        True,
        (18, "passed"),
        None,
    ),
    (
        "D03",
        "D03",
        "示范区中小学校外培训机构监督管理实施办法",
        "校外培训机构监督管理",
        "2025-06-09",
        3,
        False,
        False,
        (21, "passed"),
        None,
    ),
    (
        "G00",
        "D17",
        "示范区促进夜间经济发展若干措施",
        "夜间经济发展",
        "2025-07-14",
        1,
        False,
        False,
        (25, "pending"),
        None,
    ),
    (
        "G00",
        "D23",
        "示范区农贸市场管理规定（试行）",
        "农贸市场管理",
        "2025-10-13",
        2,
        False,
        True,
        None,
        "discussed",
    ),
    ("G00", "D06", "示范区养犬管理规定", "城市养犬管理", None, 0, False, False, None, "consulting"),
]


def _import(ctx, coord) -> dict[str, NormativeDocument]:
    by_number = {}
    for issuer, unit, number, title, published, scope in OLD:
        pub = _d(published)
        by_number[number] = services.import_existing(
            title=title,
            unit=ctx.units[unit],
            issuer=ctx.units[issuer],
            doc_number=number,
            published_on=pub,
            body=_body(scope, ctx.units[unit].name, pub, None),
            actor=coord,
        )
    for issuer, unit, number, title, published, scope, rev, filed, outcome in RECENT:
        pub = _d(published)
        years = 2 if ("暂行" in title or "试行" in title) else 5
        by_number[number] = services.import_existing(
            title=title,
            unit=ctx.units[unit],
            issuer=ctx.units[issuer],
            doc_number=number,
            published_on=pub,
            valid_until=add_years(pub, years) - dt.timedelta(days=1),
            legality_reviewed_on=pub - dt.timedelta(days=rev),
            filed_on=pub + dt.timedelta(days=filed) if filed else None,
            filing_outcome=outcome,
            body=_body(scope, ctx.units[unit].name, pub, years),
            actor=coord,
        )
    return by_number


def _lifecycle(ctx, sib: _Siblings, coord, existing, n: int, row) -> NormativeDocument:
    issuer, unit, title, scope, start, n_comments, exempt, amended, filing, extra = row
    clerk = unit_clerk(ctx, unit)
    gov = issuer == "G00"
    officer = coord if gov else clerk
    years = 2 if ("暂行" in title or "试行" in title) else 5
    body = ROAD_BODY if "道路临时占用" in title else _body(scope, ctx.units[unit].name, None, years)
    doc = services.create_draft(
        title=title,
        unit=ctx.units[unit],
        issuer=ctx.units[issuer],
        body=body,
        explanation=f"一、制定背景。为进一步规范{scope}工作，回应群众关切，起草本文件。\n"
        f"二、主要内容。明确职责分工、办理程序和监督措施，不设定行政许可、行政处罚、"
        f"行政强制和收费事项。\n三、征求意见情况。起草过程中征求了有关部门、镇（街道）和"
        f"社会公众意见。",
        basis="有关法律法规和上级规定",
        actor=clerk,
    )
    if extra == "consulting":
        # Open now on the portal: opened 10 days before the real today, 30 days long.
        opens = timezone.localdate() - dt.timedelta(days=10)
        services.open_consultation(
            doc,
            opens_on=opens,
            closes_on=opens + dt.timedelta(days=30),
            actor=clerk,
            opener=sib.opener(opens),
        )
        return doc
    t = _d(start)
    if exempt:
        services.record_exemption(
            doc,
            reason="仅根据上位法修改个别条款的表述，不涉及公民、法人和其他组织权利义务的实质性调整",
            approved_by=f"{ctx.units[unit].display_name}主要负责人",
            actor=clerk,
        )
        requested = t + dt.timedelta(days=7)
    else:
        closes = t + dt.timedelta(days=30)
        services.open_consultation(
            doc, opens_on=t, closes_on=closes, actor=clerk, opener=sib.opener(t)
        )
        sib.finish(doc, clerk, COMMENTS[n % 2 : n % 2 + n_comments], closes, n)
        requested = closes + dt.timedelta(days=8)
    services.request_review(
        doc,
        actor=clerk,
        self_checked=True,
        on=requested,
        requester=sib.requester(requested),
    )
    concluded = sib.conclude(
        doc, ctx.users["sfj_legal"], requested + dt.timedelta(days=10), amended
    )
    met = concluded + dt.timedelta(days=6 + n % 4)
    meeting = (
        f"区政府{met.year}年第{4 + 2 * n}次常务会议"
        if gov
        else f"{ctx.units[issuer].display_name}{met.year}年第{2 + n}次局务会议"
    )
    doc = services.record_discussion(
        doc,
        meeting=meeting,
        date=met,
        outcome="approved_with_changes" if amended else "approved",
        note="按审查意见和会议意见修改后印发" if amended else "",
        actor=officer,
    )
    if extra == "discussed":
        return doc
    registered = met + dt.timedelta(days=5)
    doc = services.register_and_number(doc, actor=officer, on=registered)
    published = registered + dt.timedelta(days=2)
    doc = services.publish(
        doc,
        published_on=published,
        effective_on=published + dt.timedelta(days=30),
        channel="示范区人民政府门户网站" if gov else f"{ctx.units[issuer].display_name}网站",
        actor=officer,
    )
    days, outcome = filing
    filed_on = published + dt.timedelta(days=days)
    f = services.file(
        doc,
        filed_on=filed_on,
        filed_with="市人民政府、区人大常委会" if gov else "区人民政府（区司法局）",
        late_reason="印发后承办人员变动，报送备案材料未及时移交" if days > 30 else "",
        actor=officer,
    )
    if outcome != "pending":
        services.record_filing_outcome(
            f,
            outcome=outcome,
            on=filed_on + dt.timedelta(days=20),
            note="第六条关于申请材料的表述应与上位法一致，已按要求修改"
            if outcome == "corrected"
            else "",
            actor=officer,
        )
    if extra:
        verb, number = extra
        target = existing[number]
        if verb == "repeal":
            services.repeal(
                target, on=doc.effective_on, by=doc, reason="由新的实施细则替代", actor=coord
            )
        else:
            services.amend(target, by=doc, on=doc.effective_on, actor=coord)
    return doc


def _cleanup(ctx, coord, existing) -> None:
    start = dt.date(2025, 9, 1)
    c = services.create_cleanup(
        title="2025年度行政规范性文件集中清理",
        unit=ctx.units["D08"],
        started_on=start,
        basis="示范区人民政府办公室关于开展行政规范性文件集中清理工作的通知",
        actor=coord,
    )
    docs = list(
        NormativeDocument.objects.filter(
            pk__in=[d.pk for d in existing.values()], status=NormativeDocument.Status.PUBLISHED
        )
        .exclude(valid_until__lt=start)
        .order_by("published_on", "pk")
    )
    items = services.add_to_cleanup(c, docs, actor=coord)
    retain = [
        "经评估，文件内容符合现行法律法规和国家政策，实施效果良好，继续有效",
        "文件规定仍符合工作实际，与上位法不抵触，继续有效",
        "文件确定的制度仍在执行，各方反映良好，继续有效",
    ]
    for k, item in enumerate(items):
        number = item.document.doc_number
        outcome, reason = OLD_ENDS.get(number, ("retain", retain[k % 3]))
        if number == "区政府规〔2022〕2号":
            reason = "已于2025年经区政府决定修改，修改后的规定符合实际，继续有效"
        services.record_cleanup_outcome(
            item,
            outcome=outcome,
            reason=reason,
            actor=unit_clerk(ctx, item.assigned_unit.code),
            on=start + dt.timedelta(days=20 + k % 25),
        )
    services.close_cleanup(c, actor=coord, on=dt.date(2025, 11, 20))
    services.publish_cleanup(c, actor=coord, on=dt.date(2025, 12, 5))


@register_demo("documents", order=45)
def build(ctx) -> None:
    coord = ctx.users["coordinator"]
    sib = _Siblings()
    existing = _import(ctx, coord)
    made = []
    for n, row in enumerate(LIFECYCLE):
        made.append(_lifecycle(ctx, sib, coord, existing, n, row))
        if row[2] == "示范区促进夜间经济发展若干措施":
            # The 2025 campaign runs while the later drafts are being prepared.
            _cleanup(ctx, coord, existing)
    # One document evaluated ahead of the end of its 有效期.
    services.evaluate(
        existing["区政府规〔2021〕5号"],
        on=dt.date(2026, 2, 10),
        conclusion="考核办法实施以来推动基层医疗卫生机构服务能力明显提升，部分考核指标需随国家基本公共"
        "卫生服务规范调整，建议有效期届满前修订后重新公布。",
        recommendation="amend",
        actor=unit_clerk(ctx, "D19"),
    )
    expired = services.expire_due(ctx.today)
    ctx.log.append(
        f"规范性文件：存量{len(existing)}件，平台办理{len(made)}件，到期失效{len(expired)}件"
    )
